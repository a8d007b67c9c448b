// Why a body is invalid, in the words of the Python template's validator (marshmallow), which
// integrations and their tests already know: the full checks of a body that schema.ts's one-pass
// check refused. Loaded on demand (schema.ts), at the first such body: valid requests never
// compile it. It imports nothing of handler/ at run time (esbuild would otherwise move what it
// shares with index.mjs into a third file that every cold start reads); schema.ts throws the error.
import type { Schema } from './schema.ts';

type FieldErrors = Record<string, unknown>;

/** Field errors reported at most, in all; the rest are counted. The answer stays small. */
export const MAX_REPORTED = 20;
/** A client's key is quoted in `Unknown field.` errors, cut to this many characters. */
const MAX_KEY_LENGTH = 64;

const INVALID_TYPE = { _schema: ['Invalid input type.'] };

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

/** The field errors of `body`, at most MAX_REPORTED of them and a count of the rest; `undefined` when it has none. */
export function findErrors(schema: Schema<unknown>, body: unknown, maxItems: number): FieldErrors | undefined {
  const report: Report = { left: MAX_REPORTED, more: 0 };
  const errors = schema.list ? checkList(schema, body, maxItems, report) : checkObject(schema, body, report);
  // Object.fromEntries defines own properties, so no key can reach a prototype.
  return errors === undefined || report.more === 0 ? errors : Object.fromEntries([
    ...Object.entries(errors),
    ['_more', [`${report.more} more errors not shown.`]],
  ]);
}

function checkList(schema: Schema<unknown>, body: unknown, maxItems: number, report: Report): FieldErrors | undefined {
  if (!Array.isArray(body)) return INVALID_TYPE;
  // marshmallow's Length validator's words.
  if (body.length > maxItems) return { _schema: [`Longer than maximum length ${maxItems}.`] };
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
  let entries: [string, unknown][] | undefined;
  for (const field of schema.fields) {
    const message = checkField(record, field);
    if (message !== undefined) {
      entries ??= [];
      if (take(report)) entries.push([field, [message]]);
    }
  }
  if (!schema.extraKeys) {
    // for…in with Object.hasOwn: Object.keys's names, in its order.
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
