// Reading a service's JSON: a shape says what the relay relies on, `readShape` checks the answer
// against it and returns it typed, or throws one RelayError naming the first thing missing
// (`Unexpected response from Pulsedive: threats[0].stamp_linked is not a string.`), where a
// relay would otherwise crash on `undefined` or write a `key error` by hand. Keys the shape does
// not name are kept as they are; only own properties count (`__proto__` is no field).
import { RelayError } from '../contract.ts';

/** A part of a shape: checks `value` at `path`, returns it typed, or throws a ShapeMiss. */
export type Shape<T> = (value: unknown, path: string) => T;

/** What a shape reads, as a type: `Read<typeof REPORT>`. */
export type Read<S> = S extends Shape<infer T> ? T : never;

/** The first part of an answer that does not fit its shape. */
class ShapeMiss extends Error {
  readonly path: string;

  constructor(path: string, problem: string) {
    super(`${path} ${problem}`);
    this.path = path;
  }
}

const typed = <T>(what: string, test: (value: unknown) => boolean): Shape<T> => (value, path) => {
  if (value === undefined || value === null) throw new ShapeMiss(path, 'is missing');
  if (!test(value)) throw new ShapeMiss(path, `is not ${what}`);
  return value as T;
};

export const string: Shape<string> = typed('a string', (value) => typeof value === 'string');
export const number: Shape<number> = typed('a number', (value) => typeof value === 'number' && Number.isFinite(value));
export const boolean: Shape<boolean> = typed('true or false', (value) => typeof value === 'boolean');
/** Anything but missing (`null` included): the relay reads it as it is. */
export const present: Shape<unknown> = typed('anything', () => true);

/** Absent or `null` (JSON's nothing): `undefined`; else the shape. */
export function optional<T>(shape: Shape<T>): Shape<T | undefined> {
  return (value, path) => (value === undefined || value === null ? undefined : shape(value, path));
}

/** One of these values. */
export function oneOf<const T extends string | number>(...values: readonly T[]): Shape<T> {
  return typed(`one of ${values.join(', ')}`, (value) => values.includes(value as T));
}

/** The first shape that fits (`either(number, string)` for an id a service writes both ways). */
export function either<A, B>(first: Shape<A>, second: Shape<B>): Shape<A | B> {
  return (value, path) => {
    try {
      return first(value, path);
    } catch (error) {
      if (!(error instanceof ShapeMiss) || value === undefined || value === null) throw error;
      return second(value, path);
    }
  };
}

/** A list of items of a shape; a `null` in it is no item. */
export function list<T>(item: Shape<T>): Shape<T[]> {
  return (value, path) => {
    const items = typed<unknown[]>('a list', Array.isArray)(value, path);
    return items.flatMap((entry, index) => (entry === null ? [] : [item(entry, `${path}[${index}]`)]));
  };
}

/** An object with at least these fields (its other keys kept as they are). */
export function object<const Fields extends Readonly<Record<string, Shape<unknown>>>>(fields: Fields): Shape<{ [K in keyof Fields]: Read<Fields[K]> }> {
  return (value, path) => {
    const given = typed<Record<string, unknown>>('an object', (candidate) => typeof candidate === 'object' && !Array.isArray(candidate))(value, path);
    const read: Record<string, unknown> = { ...given };
    for (const [key, shape] of Object.entries(fields)) {
      const field = shape(Object.hasOwn(given, key) ? given[key] : undefined, path === '' ? key : `${path}.${key}`);
      if (field === undefined) delete read[key];
      else read[key] = field;
    }
    return read as { [K in keyof Fields]: Read<Fields[K]> };
  };
}

/**
 * `value` read with `shape`, or a RelayError naming what is missing: by default code `unknown`,
 * `Unexpected response from <name>: <what> <problem>.`; `error` words it as the relay does
 * (Cisco's `key error`), given that part.
 */
export function readShape<T>(value: unknown, shape: Shape<T>, name: string, error?: (problem: string) => RelayError): T {
  try {
    return shape(value, '');
  } catch (miss) {
    if (!(miss instanceof ShapeMiss)) throw miss;
    const problem = miss.path === '' ? `the answer${miss.message}` : miss.message;
    if (error !== undefined) throw error(problem);
    throw new RelayError('unknown', `Unexpected response from ${name}: ${problem}.`, { cause: miss });
  }
}
