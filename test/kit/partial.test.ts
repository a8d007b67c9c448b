import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { RelayError } from '../../handler/errors.ts';
import { settle, toAnswer } from '../../handler/kit/partial.ts';

const partial = suite('settle');

partial('results in the order of the items, whatever order they finish in', async () => {
  const { results, errors } = await settle([30, 10, 20], (ms) => new Promise<number>((resolve) => setTimeout(() => resolve(ms), ms)));
  assert.equal(results, [30, 10, 20]);
  assert.equal(errors, []);
});

partial('at most `concurrency` at a time', async () => {
  let running = 0;
  let most = 0;
  await settle(Array.from({ length: 10 }, (_, i) => i), async () => {
    most = Math.max(most, ++running);
    await new Promise((resolve) => setTimeout(resolve, 5));
    running--;
  }, 3);
  assert.is(most, 3);
});

partial('relay errors become one entry per distinct failure; the rest still answer', async () => {
  const { results, errors } = await settle(['a', 'b', 'c', 'd'], async (item) => {
    if (item === 'b' || item === 'c') throw new RelayError('too many requests', 'Slow down.');
    if (item === 'd') throw new RelayError('not found', 'No d.');
    return item.toUpperCase();
  });
  assert.equal(results, ['A']);
  assert.equal(errors, [
    { type: 'fatal', code: 'too many requests', message: 'Slow down.' },
    { type: 'fatal', code: 'not found', message: 'No d.' },
  ]);
});

partial('anything else thrown is a bug: it propagates', async () => {
  try {
    await settle([1], async () => {
      throw new TypeError('bug');
    });
    assert.unreachable();
  } catch (error) {
    assert.instance(error, TypeError);
  }
});

partial('no items: no work', async () => {
  let calls = 0;
  assert.equal(await settle([], async () => ++calls), { results: [], errors: [] });
  assert.is(calls, 0);
});

partial('answer: errors only when there are some', () => {
  assert.equal(toAnswer({ a: 1 }), { data: { a: 1 } });
  assert.equal(toAnswer([], []), { data: [] });
  const failure = { type: 'fatal', code: 'unknown', message: 'x' } as const;
  assert.equal(toAnswer({}, [failure]), { data: {}, errors: [failure] });
});

partial.run();
