// Modules loaded on demand (handler/demand.ts): loaded once, shared by concurrent callers, and
// loaded again after a load that failed.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { onDemand } from '../handler/demand.ts';

const demand = suite('onDemand');

demand('loads at the first call only; concurrent first calls share the one load', async () => {
  let loads = 0;
  const load = onDemand(async () => ({ loaded: ++loads }));
  assert.is(loads, 0);
  const [first, second] = await Promise.all([load(), load()]);
  assert.is(first, second);
  assert.equal(await load(), { loaded: 1 });
  assert.is(loads, 1);
});

demand('a load that failed fails its callers, and the next call loads again', async () => {
  const outcomes = [new Error('no such file'), { loaded: true }];
  let loads = 0;
  const load = onDemand(async () => {
    const outcome = outcomes[loads++];
    if (outcome instanceof Error) throw outcome;
    return outcome;
  });
  const failed = await Promise.allSettled([load(), load()]);
  assert.equal(failed.map((result) => result.status === 'rejected' ? (result.reason as Error).message : 'fulfilled'), ['no such file', 'no such file']);
  assert.equal(await load(), { loaded: true });
  assert.equal(await load(), { loaded: true });
  assert.is(loads, 2);
});

demand.run();
