// Robustness: thousands of malformed events, from a fixed seed so that a failure reproduces.
// The invariant (after middy's fuzz test): nothing unexpected escapes. The handler never throws,
// never answers 500 for bad input, and always returns {statusCode, headers, body: JSON}.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { base64url, event, harness, sign, TOKEN } from './fixtures.ts';

/** mulberry32: a small seeded PRNG, enough to pick mutations reproducibly. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SEED = Number(process.env['FUZZ_SEED'] ?? 20261128);
const ROUNDS = 4000;

const fuzz = suite('robustness');

fuzz(`${ROUNDS} malformed events (seed ${SEED})`, async () => {
  const next = random(SEED);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)] as T;
  const garbage = (): unknown => pick([
    null, undefined, 0, -1, NaN, true, '', ' ', '\u0000', '[]', '{}', [], {}, [null], { a: 1 },
    'x'.repeat(Math.floor(next() * 20000)), String.fromCharCode(...Array.from({ length: 32 }, () => Math.floor(next() * 0xffff))),
  ]);
  const paths = ['/health', '/health/', '/observe/observables', '/refer/observables', '/respond/trigger', '/tiles/tile', '/tiles/tile-data', '/version', '/', '', '//', '/constructor', '/__proto__', '/health/../version', '/%00', `/${'a/'.repeat(500)}`];
  const methods = ['POST', 'GET', 'PUT', 'DELETE', 'OPTIONS', 'HEAD', 'post', '', 'PROPFIND'];
  const tokens = [
    TOKEN, '', '.', '..', 'a.b.c', `${TOKEN}.`, TOKEN.replace(/\./g, '=.'),
    sign({ key: 'k' }, 'wrong'), sign({}), sign({ key: 'k', exp: 'soon' }), sign({ key: 'k', pad: 'x'.repeat(9000) }),
    `${base64url('{"alg":"none"}')}.${base64url('{"key":"k"}')}.`,
    `${base64url(Buffer.from([0xff, 0xfe]))}.${base64url('{}')}.AAAA`,
  ];
  const bodies = [
    '[{"type":"ip","value":"1.1.1.1"}]', '[]', '{}', '[[]]', '[{"type":1,"value":null,"x":{}}]', '{"__proto__":{"a":1}}',
    '[{"__proto__":1,"constructor":2}]', '{"tile_id":"a","period":"b"}', '{"action-id":"a","observable_type":"b","observable_value":"c","z":1}',
    'null', '"string"', '1e400', '{', '\u0000', 'x'.repeat(1 << 20), JSON.stringify(Array.from({ length: 2000 }, (_, i) => ({ type: 'ip', value: String(i) }))),
  ];
  const { handler } = harness();

  for (let round = 0; round < ROUNDS; round++) {
    // Mostly plausible requests, so that the deep steps (JWT, body) are reached often.
    const input: Record<string, unknown> = event(next() < 0.8 ? pick(paths.slice(0, 8)) : pick(paths), {
      method: next() < 0.8 ? 'POST' : pick(methods),
      token: next() < 0.5 ? TOKEN : pick(tokens),
      body: pick(bodies),
      isBase64Encoded: next() < 0.3,
    });
    // Then break the event itself: drop, null or replace a field at any depth.
    const mutations = next() < 0.5 ? 0 : Math.floor(next() * 4);
    for (let m = 0; m < mutations; m++) {
      const target = pick([input, input['requestContext'], input['headers'], (input['requestContext'] as Record<string, unknown> | null)?.['http']]);
      if (typeof target !== 'object' || target === null) continue;
      const record = target as Record<string, unknown>;
      const key = pick([...Object.keys(record), 'authorization', 'body', '__proto__']);
      if (next() < 0.4) delete record[key];
      else Object.defineProperty(record, key, { value: garbage(), enumerable: true, configurable: true, writable: true });
    }
    if (next() < 0.2) input['body'] = pick(['!!!', '====', 'AAAA', Buffer.from([0xc3, 0x28]).toString('base64')]);
    const subject = next() < 0.02 ? garbage() : input;

    let result;
    try {
      result = await handler(subject, garbage());
    } catch (error) {
      assert.unreachable(`round ${round} threw: ${String(error)}`);
      return;
    }
    assert.type(result.statusCode, 'number');
    assert.ok([200, 400, 404, 405].includes(result.statusCode), `round ${round}: ${result.statusCode} ${result.body}`);
    assert.equal(Object.keys(result.headers).includes('content-type'), true);
    assert.type(result.body, 'string');
    const body = JSON.parse(result.body) as Record<string, unknown>;
    assert.ok('data' in body || 'errors' in body || 'version' in body, result.body);
  }
});

fuzz.run();
