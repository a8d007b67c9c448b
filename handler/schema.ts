import type { Observable, Tile, TileData, TriggerForm } from './contract.ts';
import { onDemand } from './demand.ts';
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

/** More items than XDR ever sends (a few hundred observables): refused before any is checked. */
export const MAX_ITEMS = 1000;

/**
 * Checks a parsed body against a schema: the body, typed, when it is valid. The usual body,
 * valid, is checked here in one pass that allocates nothing (the full checks took 1.9 k
 * instructions more for 3 valid observables: an Object.hasOwn call per key, a keyed read of every
 * field name on every item, generic as V8 leaves a read of several names). Any other body is
 * checked in full by invalid.ts, loaded at the first such body: a promise, which rejects with
 * `invalid argument` and the body's field errors, or resolves to the body when the full checks
 * find nothing after all (an inherited key, which only a caller's object can have).
 */
export function validate<T>(schema: Schema<T>, body: unknown): T | Promise<T> {
  if (schema.list ? isValidList(schema, body) : isValidObject(schema, body)) return schema.cast(body);
  return report(schema, body);
}

const loadReport = onDemand(() => import('./invalid.ts'));

async function report<T>(schema: Schema<T>, body: unknown): Promise<T> {
  const errors = (await loadReport()).findErrors(schema, body, MAX_ITEMS);
  if (errors !== undefined) throw invalidArgument(errors);
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
 * where the schema keeps them; `false` for anything else, which invalid.ts then reports.
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
