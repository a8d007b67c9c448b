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

partial('observables: each error names the ones it concerns, at most five, then counts the others', async () => {
  const observables = [
    { type: 'ip', value: '192.0.2.1' },
    { type: 'domain', value: 'a.example' },
    { type: 'ip', value: '192.0.2.1' },
    ...Array.from({ length: 7 }, (_, i) => ({ type: 'domain', value: `slow${i}.example` })),
    { type: 'domain', value: 'gone.example' },
    { type: 'url', value: `https://x.example/${'a'.repeat(200)}` },
  ];
  const { results, errors } = await settle(observables, async ({ value }) => {
    if (value === 'a.example') return value;
    if (value.startsWith('https:') || value === 'gone.example') throw new RelayError('not found', 'Not there.');
    throw new RelayError('too many requests', 'Slow down.');
  });
  assert.equal(results, ['a.example']);
  assert.equal(errors, [
    // The same observable twice is named once; eight distinct ones: five named, three counted.
    { type: 'fatal', code: 'too many requests', message: 'ip 192.0.2.1, domain slow0.example, domain slow1.example, domain slow2.example, domain slow3.example and 3 more: Slow down.' },
    // A value is cut to 128 characters, as keep() names it.
    { type: 'fatal', code: 'not found', message: `domain gone.example, url https://x.example/${'a'.repeat(128 - 18 - 1)}…: Not there.` },
  ]);
});

partial('nameObservables: false keeps each message as the lookup wrote it (a port of a relay\'s exact wording)', async () => {
  const observables = [{ type: 'ip', value: '192.0.2.1' }, { type: 'domain', value: 'a.example' }, { type: 'domain', value: 'b.example' }];
  const { results, errors } = await settle(observables, async ({ value }) => {
    if (value === 'a.example') return value;
    throw new RelayError('permission denied', 'The request is missing a valid API key.');
  }, { nameObservables: false });
  assert.equal(results, ['a.example']);
  assert.equal(errors, [{ type: 'fatal', code: 'permission denied', message: 'The request is missing a valid API key.' }]);
  // The same failure named when the option is left out: the two settle calls differ by the names only.
  const named = await settle(observables, async ({ value }) => {
    if (value === 'a.example') return value;
    throw new RelayError('permission denied', 'The request is missing a valid API key.');
  });
  assert.equal(named.errors.map((error) => error.message), ['ip 192.0.2.1, domain b.example: The request is missing a valid API key.']);
});

partial('items that are not all observables: the error as thrown', async () => {
  const { errors } = await settle([{ type: 'ip', value: '192.0.2.1' }, { type: 'ip' }, null, 'text'], async () => {
    throw new RelayError('unknown', 'No.');
  });
  assert.equal(errors, [{ type: 'fatal', code: 'unknown', message: 'No.' }]);
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

partial('stopAtFirstFailure: the results before the first failure, its error, nothing after', async () => {
  const started: string[] = [];
  const work = async (item: string) => {
    started.push(item);
    if (item.startsWith('x')) throw new RelayError('request timeout', `No ${item}.`);
    return item.toUpperCase();
  };
  assert.equal(await settle(['a', 'b', 'x1', 'c', 'x2'], work, { stopAtFirstFailure: true, concurrency: 1 }), {
    results: ['A', 'B'],
    errors: [{ type: 'fatal', code: 'request timeout', message: 'No x1.' }],
  });
  assert.equal(started, ['a', 'b', 'x1']);
  // Concurrently: a later item that failed first gives way to an earlier failure; later results are dropped.
  const delays: Record<string, number> = { a: 30, x1: 20, c: 1, x2: 1 };
  const timed = async (item: string) => {
    await new Promise((resolve) => setTimeout(resolve, delays[item]));
    return work(item);
  };
  assert.equal(await settle(['a', 'x1', 'c', 'x2'], timed, { stopAtFirstFailure: true, concurrency: 4 }), {
    results: ['A'],
    errors: [{ type: 'fatal', code: 'request timeout', message: 'No x1.' }],
  });
  // No failure: everything, as without the option.
  assert.equal(await settle(['a', 'b'], work, { stopAtFirstFailure: true }), { results: ['A', 'B'], errors: [] });
});

partial('the concurrency, as a number or an option', async () => {
  for (const options of [2, { concurrency: 2 }]) {
    let running = 0;
    let most = 0;
    await settle([1, 2, 3, 4, 5], async () => {
      most = Math.max(most, ++running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running--;
    }, options);
    assert.is(most, 2);
  }
});

partial('answer: errors only when there are some', () => {
  assert.equal(toAnswer({ a: 1 }), { data: { a: 1 } });
  assert.equal(toAnswer([], []), { data: [] });
  const failure = { type: 'fatal', code: 'unknown', message: 'x' } as const;
  assert.equal(toAnswer({}, [failure]), { data: {}, errors: [failure] });
});

partial('answer: errors alone, when asked, if data is empty', () => {
  const failure = { type: 'fatal', code: 'key error', message: 'x' } as const;
  const omit = { omitEmptyData: true };
  assert.equal(toAnswer({}, [failure], omit), { errors: [failure] });
  assert.equal(toAnswer([], [failure], omit), { errors: [failure] });
  assert.equal(toAnswer({ verdicts: {} }, [failure], omit), { data: { verdicts: {} }, errors: [failure] });
  assert.equal(toAnswer([1], [failure], omit), { data: [1], errors: [failure] });
  assert.equal(toAnswer({}, [], omit), { data: {} });
  assert.equal(toAnswer(null, [failure], omit), { data: null, errors: [failure] });
});

partial.run();
