// YOUR integration's tests: handler/integration.ts through the real handler. This file tests the
// generic integration the template ships with; when you replace handler/integration.ts, replace
// these tests too (test/example.test.ts shows how to test a real one against a fake service on
// 127.0.0.1). `make test` reports this file's coverage of handler/integration.ts; gate it with
// INTEGRATION_COVERAGE in the Makefile (or `make test INTEGRATION_COVERAGE=100`).
// The template's own tests never run this integration: they use test/stub/integration.ts.
// Every answer must be one XDR accepts: `call()` runs the CTIM check (test/lib/ctim-check.ts) on
// each HTTP 200 answer, and `assertCtim(path, body)` is the one line to check an answer you got
// another way (a unit test of one of your functions, say).
// Run them alone, in seconds: `make test-integration`.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { integration } from '../handler/integration.ts';
import { call, event, harness, post } from './fixtures.ts';
import { assertCtim } from './lib/ctim-check.ts';
import { integration as template } from './stub/integration.ts';

const OBSERVABLES = [{ type: 'ip', value: '198.51.100.7' }];

/** Whether handler/integration.ts is still the template's generic one: the same declarations and functions as the stub. */
function isGeneric(): boolean {
  const mine = integration as unknown as Record<string, unknown>;
  const theirs = template as unknown as Record<string, unknown>;
  const keys = Object.keys(mine).sort();
  if (keys.join() !== Object.keys(theirs).sort().join()) return false;
  return keys.every((key) => (typeof mine[key] === 'function' ? String(mine[key]) === String(theirs[key]) : JSON.stringify(mine[key]) === JSON.stringify(theirs[key])));
}

const generic = suite('handler/integration.ts');
// Once handler/integration.ts is yours, these tests of the generic one could only fail: they are
// skipped, with one line that says what to do, until you replace them.
const test = isGeneric() ? generic : generic.skip;
if (!isGeneric()) {
  console.log('test/integration.test.ts: handler/integration.ts is yours now, and these tests are of the generic one: replace them with yours (test/example.test.ts shows how, against a fake service).');
}

test('declares the claims make jwt asks for, and every observable type', () => {
  assert.equal(integration.claims, [{ name: 'key', description: 'API key of the third-party service' }]);
  assert.is(integration.observableTypes, 'all');
});

test('every API answers the empty answer of docs/relay-api.md', async () => {
  const { handler } = harness(undefined, integration);
  const rows: [string, unknown, unknown][] = [
    ['/health', undefined, { data: { status: 'ok' } }],
    ['/deliberate/observables', OBSERVABLES, { data: {} }],
    ['/observe/observables', OBSERVABLES, { data: {} }],
    ['/refer/observables', OBSERVABLES, { data: [] }],
    ['/respond/observables', OBSERVABLES, { data: [] }],
    ['/respond/trigger', { 'action-id': 'a', observable_type: 'ip', observable_value: '198.51.100.7' }, { data: { status: 'success' } }],
    ['/tiles', undefined, { data: [] }],
    ['/tiles/tile', { tile_id: 't' }, { data: {} }],
    ['/tiles/tile-data', { tile_id: 't', period: 'last_24_hours' }, { data: {} }],
  ];
  for (const [path, body, expected] of rows) {
    const result = await call(handler, body === undefined ? event(path) : post(path, body));
    assert.equal([result.status, result.body], [200, expected], path);
    assertCtim(path, result.body);
  }
});

generic.run();
