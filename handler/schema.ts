import type { Observable, Tile, TileData, TriggerForm } from './contract.ts';
import { invalidArgument } from './errors.ts';

/**
 * A request body's shape. The messages are those of the Python template's validator
 * (marshmallow), which integrations and their tests already know.
 */
export interface Schema<T> {
  /** Required non-blank string fields, in the order errors are reported. */
  readonly fields: readonly string[];
  /** A JSON array of such objects, rather than one object. */
  readonly list: boolean;
  /** Extra keys are kept (the trigger form: XDR echoes an action's `query-params`). */
  readonly extraKeys: boolean;
  /** Types the checked value; never called on an invalid one. */
  readonly cast: (value: unknown) => T;
}

export const observablesSchema: Schema<Observable[]> = {
  fields: ['type', 'value'],
  list: true,
  extraKeys: false,
  cast: (value) => value as Observable[],
};

export const triggerSchema: Schema<TriggerForm> = {
  fields: ['action-id', 'observable_type', 'observable_value'],
  list: false,
  extraKeys: true,
  cast: (value) => value as TriggerForm,
};

export const tileSchema: Schema<Tile> = {
  fields: ['tile_id'],
  list: false,
  extraKeys: false,
  cast: (value) => value as Tile,
};

export const tileDataSchema: Schema<TileData> = {
  fields: ['tile_id', 'period'],
  list: false,
  extraKeys: false,
  cast: (value) => value as TileData,
};

type FieldErrors = Record<string, unknown>;

/** More items than XDR ever sends (a few hundred observables): refused before any is checked. */
export const MAX_ITEMS = 1000;
/** Field errors reported at most, in all; the rest are counted. The answer stays small. */
export const MAX_REPORTED = 20;
/** A client's key is quoted in `Unknown field.` errors, cut to this many characters. */
const MAX_KEY_LENGTH = 64;

const INVALID_TYPE = { _schema: ['Invalid input type.'] };
// marshmallow's Length validator's words.
const TOO_LONG = { _schema: [`Longer than maximum length ${MAX_ITEMS}.`] };

/** How many more field errors may be written out, and how many were not. */
interface Report {
  left: number;
  more: number;
}

/** Whether one more error may be written out; counts it otherwise. */
function take(report: Report): boolean {
  if (report.left > 0) {
    report.left--;
    return true;
  }
  report.more++;
  return false;
}

/** Checks a parsed body against a schema; throws `invalid argument` with its field errors. */
export function validate<T>(schema: Schema<T>, body: unknown): T {
  // The usual body, valid, in one pass that allocates nothing; any other is checked again, in full,
  // for its report. The full checks took 1.9 k instructions more for 3 valid observables (a
  // callgrind count of the handler, Node 20): an Object.hasOwn call per key, a keyed read of
  // every field name on every item (generic, as V8 leaves a read of several names).
  if (schema.list ? isValidList(schema, body) : isValidObject(schema, body)) return schema.cast(body);
  const report: Report = { left: MAX_REPORTED, more: 0 };
  const errors = schema.list ? checkList(schema, body, report) : checkObject(schema, body, report);
  if (errors !== undefined) {
    // Object.fromEntries defines own properties, so no key can reach a prototype.
    throw invalidArgument(report.more === 0 ? errors : Object.fromEntries([
      ...Object.entries(errors),
      ['_more', [`${report.more} more errors not shown.`]],
    ]));
  }
  return schema.cast(body);
}

function isValidList(schema: Schema<unknown>, body: unknown): boolean {
  if (!Array.isArray(body) || body.length > MAX_ITEMS) return false;
  for (let index = 0; index < body.length; index++) {
    if (!isValidObject(schema, body[index] as unknown)) return false;
  }
  return true;
}

/**
 * An object whose own keys are its schema's fields, each a non-blank string, and other keys only
 * where the schema keeps them; `false` for anything else, which `checkObject` then reports.
 */
function isValidObject(schema: Schema<unknown>, body: unknown): boolean {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return false;
  const record = body as Record<string, unknown>;
  let found = 0;
  for (const key in record) {
    // An inherited key (for…in lists those too) is left to the full checks. Object.prototype's
    // hasOwnProperty, named in full here: V8 then knows its answer for the key of a for…in over
    // the same object, without the call Object.hasOwn makes per key (Node 20), or that a name
    // bound to it (a module's `var` once bundled) makes.
    if (!Object.prototype.hasOwnProperty.call(record, key)) return false;
    if (isField(schema.fields, key)) {
      const value = record[key];
      if (typeof value !== 'string' || value === '') return false;
      found++;
    } else if (!schema.extraKeys) {
      return false;
    }
  }
  // Own keys are distinct: as many fields found as the schema has is each of them.
  return found === schema.fields.length;
}

/** `fields.includes(key)`, without a call of the builtin per key. */
function isField(fields: readonly string[], key: string): boolean {
  for (const field of fields) {
    if (field === key) return true;
  }
  return false;
}

function checkList(schema: Schema<unknown>, body: unknown, report: Report): FieldErrors | undefined {
  if (!Array.isArray(body)) return INVALID_TYPE;
  if (body.length > MAX_ITEMS) return TOO_LONG;
  // Built only on the first error: a valid list allocates nothing here.
  let entries: [string, unknown][] | undefined;
  for (let index = 0; index < body.length; index++) {
    const errors = checkObject(schema, body[index] as unknown, report);
    // An item whose errors were all left out adds nothing but to the count.
    if (errors !== undefined && Object.keys(errors).length > 0) (entries ??= []).push([String(index), errors]);
  }
  return entries === undefined ? undefined : Object.fromEntries(entries);
}

function checkObject(schema: Schema<unknown>, body: unknown, report: Report): FieldErrors | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return take(report) ? INVALID_TYPE : {};
  }
  const record = body as Record<string, unknown>;
  // Built only on the first error: a valid item allocates nothing.
  let entries: [string, unknown][] | undefined;
  for (const field of schema.fields) {
    const message = checkField(record, field);
    if (message !== undefined) {
      entries ??= [];
      if (take(report)) entries.push([field, [message]]);
    }
  }
  if (!schema.extraKeys) {
    // for…in with Object.hasOwn: Object.keys's names and order, without its array per item.
    for (const key in record) {
      if (!Object.hasOwn(record, key) || schema.fields.includes(key)) continue;
      entries ??= [];
      if (take(report)) entries.push([quoteKey(key), ['Unknown field.']]);
    }
  }
  return entries === undefined ? undefined : Object.fromEntries(entries);
}

function quoteKey(key: string): string {
  return key.length > MAX_KEY_LENGTH ? `${key.slice(0, MAX_KEY_LENGTH)}…` : key;
}

function checkField(record: Record<string, unknown>, field: string): string | undefined {
  if (!Object.hasOwn(record, field)) return 'Missing data for required field.';
  const value = record[field];
  if (value === null) return 'Field may not be null.';
  if (typeof value !== 'string') return 'Not a valid string.';
  if (value === '') return 'Field may not be blank.';
  return undefined;
}
