// Kit v3: reading a service's JSON against a shape (handler/kit/shape.ts).
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { RelayError } from '../../handler/contract.ts';
import { boolean, either, list, number, object, oneOf, optional, present, readShape, string, type Read } from '../../handler/kit/shape.ts';

const REPORT = object({ id: string, seen_at: string, last_seen: optional(string), score: optional(number) });
const LOOKUP = object({
  verdict: oneOf('clean', 'malicious'),
  iid: either(number, string),
  reports: list(REPORT),
  feeds: optional(list(object({ name: string, listed: boolean }))),
  raw: present,
});
type Lookup = Read<typeof LOOKUP>;

const shape = suite('readShape');

const message = (value: unknown) => {
  try {
    readShape(value, LOOKUP, 'Intel');
    return 'read';
  } catch (error) {
    assert.instance(error, RelayError);
    assert.is((error as RelayError).code, 'unknown');
    return (error as RelayError).message;
  }
};

shape('what fits is returned typed, other keys kept; null and absent optionals are undefined; a null in a list is no item', () => {
  const read: Lookup = readShape({
    verdict: 'clean', iid: '42', extra: 1, raw: 0,
    reports: [{ id: 'r', seen_at: '2026-02-10', last_seen: null }, null], feeds: null,
  }, LOOKUP, 'Intel');
  assert.equal(read, { verdict: 'clean', iid: '42', extra: 1, raw: 0, reports: [{ id: 'r', seen_at: '2026-02-10' }] });
  assert.is(readShape({ verdict: 'malicious', iid: 7, reports: [], raw: 'x' }, LOOKUP, 'Intel').iid, 7);
});

shape('the first thing that does not fit, named by its path', () => {
  const sound = { verdict: 'clean', iid: 1, reports: [], raw: 1 };
  const cases: [unknown, string][] = [
    [null, 'Unexpected response from Intel: the answer is missing.'],
    [[], 'Unexpected response from Intel: the answer is not an object.'],
    [{ ...sound, verdict: 'evil' }, 'Unexpected response from Intel: verdict is not one of clean, malicious.'],
    [{ ...sound, iid: true }, 'Unexpected response from Intel: iid is not a string.'],
    [{ ...sound, iid: undefined }, 'Unexpected response from Intel: iid is missing.'],
    [{ ...sound, reports: {} }, 'Unexpected response from Intel: reports is not a list.'],
    [{ ...sound, reports: [{ id: 'r' }] }, 'Unexpected response from Intel: reports[0].seen_at is missing.'],
    [{ ...sound, reports: [{ id: 'r', seen_at: 's', score: Number.NaN }] }, 'Unexpected response from Intel: reports[0].score is not a number.'],
    [{ ...sound, feeds: [{ name: 'f', listed: 'yes' }] }, 'Unexpected response from Intel: feeds[0].listed is not true or false.'],
    [{ ...sound, raw: null }, 'Unexpected response from Intel: raw is missing.'],
    [JSON.parse('{"__proto__": {"verdict": "clean"}, "iid": 1, "reports": [], "raw": 1}'), 'Unexpected response from Intel: verdict is missing.'],
  ];
  for (const [value, expected] of cases) assert.is(message(value), expected, JSON.stringify(value));
});

shape('the relay\'s own error, given what is missing; a bug inside a shape is not a miss', () => {
  const keyError = (problem: string) => new RelayError('key error', `The data structure of Intel has changed: ${problem}.`);
  assert.throws(() => readShape({ id: 1 }, object({ id: string }), 'Intel', keyError), (error: RelayError) =>
    error.code === 'key error' && error.message === 'The data structure of Intel has changed: id is not a string.');
  const buggy = () => { throw new TypeError('a bug'); };
  assert.throws(() => readShape({}, object({ id: buggy }), 'Intel'), /a bug/);
  assert.throws(() => readShape({}, either(buggy, string), 'Intel'), /a bug/);
});

shape.run();
