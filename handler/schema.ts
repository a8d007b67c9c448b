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

export interface Observable {
  readonly type: string;
  readonly value: string;
}

export interface TriggerForm {
  readonly 'action-id': string;
  readonly observable_type: string;
  readonly observable_value: string;
  readonly [extra: string]: unknown;
}

export interface Tile {
  readonly tile_id: string;
}

export interface TileData extends Tile {
  readonly period: string;
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

const INVALID_TYPE = { _schema: ['Invalid input type.'] };

/** Checks a parsed body against a schema; throws `invalid argument` with every field error. */
export function validate<T>(schema: Schema<T>, body: unknown): T {
  const errors = schema.list ? checkList(schema, body) : checkObject(schema, body);
  if (errors !== undefined) throw invalidArgument(errors);
  return schema.cast(body);
}

function checkList(schema: Schema<unknown>, body: unknown): FieldErrors | undefined {
  if (!Array.isArray(body)) return INVALID_TYPE;
  // Object.fromEntries defines own properties, so no key can reach a prototype.
  const entries: [string, unknown][] = [];
  body.forEach((item: unknown, index) => {
    const errors = checkObject(schema, item);
    if (errors !== undefined) entries.push([String(index), errors]);
  });
  return entries.length === 0 ? undefined : Object.fromEntries(entries);
}

function checkObject(schema: Schema<unknown>, body: unknown): FieldErrors | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return INVALID_TYPE;
  const record = body as Record<string, unknown>;
  // Built only on the first error: a valid item allocates nothing.
  let entries: [string, unknown][] | undefined;
  for (const field of schema.fields) {
    const message = checkField(record, field);
    if (message !== undefined) (entries ??= []).push([field, [message]]);
  }
  if (!schema.extraKeys) {
    for (const key of Object.keys(record)) {
      if (!schema.fields.includes(key)) (entries ??= []).push([key, ['Unknown field.']]);
    }
  }
  return entries === undefined ? undefined : Object.fromEntries(entries);
}

function checkField(record: Record<string, unknown>, field: string): string | undefined {
  if (!Object.hasOwn(record, field)) return 'Missing data for required field.';
  const value = record[field];
  if (value === null) return 'Field may not be null.';
  if (typeof value !== 'string') return 'Not a valid string.';
  if (value === '') return 'Field may not be blank.';
  return undefined;
}
