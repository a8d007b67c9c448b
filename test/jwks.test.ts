// The key store of RS256 configuration tokens: what it fetches, when, and what it keeps.
import { generateKeyPairSync } from 'node:crypto';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { gzipSync } from 'node:zlib';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { JWKS_UNAVAILABLE, KID_NOT_FOUND } from '../handler/errors.ts';
import { readCapped } from '../handler/capped.ts';
import { createKeyStore as createStore, KEYS_TTL_MS, MAX_JWKS_BYTES, MIN_FETCH_INTERVAL_MS, readJwks, type KeyStoreOptions } from '../handler/jwks.ts';

/** A key store as handler/index.ts makes one: the size cap and the refusals of the relay. */
const createKeyStore = (options: Omit<KeyStoreOptions, 'readCapped' | 'unavailable' | 'unknownKid'> = {}) =>
  createStore({ readCapped, unavailable: JWKS_UNAVAILABLE, unknownKid: KID_NOT_FOUND, ...options });

const rsa = (bits = 2048) => generateKeyPairSync('rsa', { modulusLength: bits }).publicKey;
const A = rsa();
const B = rsa();
const jwk = (key: ReturnType<typeof rsa>, kid: string, extra: Record<string, unknown> = {}) => ({ ...key.export({ format: 'jwk' }), kid, ...extra });

interface Fake {
  fetch: typeof fetch;
  urls: string[];
  answer: (next: () => Response | Promise<Response>) => void;
}

function fakeFetch(): Fake {
  const urls: string[] = [];
  let respond: () => Response | Promise<Response> = () => Response.json({ keys: [] });
  return {
    urls,
    answer: (next) => {
      respond = next;
    },
    fetch: (async (url: string | URL, init?: RequestInit) => {
      urls.push(String(url));
      assert.is(init?.redirect, 'error');
      assert.instance(init?.signal, AbortSignal);
      // Compressed answers are refused: asked for plainly.
      assert.is((init?.headers as Record<string, string>)['accept-encoding'], 'identity');
      return respond();
    }) as typeof fetch,
  };
}

async function refusal(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('resolved');
}

const store = suite('createKeyStore');

store('fetches https://<host>/.well-known/jwks once, then answers from its cache', async () => {
  const fake = fakeFetch();
  fake.answer(() => Response.json({ keys: [jwk(A, 'a'), jwk(B, 'b')] }));
  let now = 1_000_000;
  const getKey = createKeyStore({ fetch: fake.fetch, now: () => now });
  assert.ok((await getKey('visibility.amp.cisco.com', 'a')).equals(A));
  assert.ok((await getKey('visibility.amp.cisco.com', 'b')).equals(B));
  now += KEYS_TTL_MS - 1;
  assert.ok((await getKey('visibility.amp.cisco.com', 'a')).equals(A));
  assert.equal(fake.urls, ['https://visibility.amp.cisco.com/.well-known/jwks']);
  // Past their lifetime, the keys are fetched again.
  now += 1;
  await getKey('visibility.amp.cisco.com', 'a');
  assert.is(fake.urls.length, 2);
});

store('concurrent first requests share one fetch', async () => {
  const fake = fakeFetch();
  fake.answer(() => new Promise((resolve) => setTimeout(() => resolve(Response.json({ keys: [jwk(A, 'a')] })), 20)));
  const getKey = createKeyStore({ fetch: fake.fetch, now: () => 5 });
  const keys = await Promise.all([getKey('h.test', 'a'), getKey('h.test', 'a'), getKey('h.test', 'a')]);
  assert.ok(keys.every((key) => key.equals(A)));
  assert.is(fake.urls.length, 1);
});

store('an unknown kid: one refetch, then no more than one fetch per minute', async () => {
  const fake = fakeFetch();
  fake.answer(() => Response.json({ keys: [jwk(A, 'a')] }));
  let now = 0;
  const getKey = createKeyStore({ fetch: fake.fetch, now: () => now });
  await getKey('h.test', 'a');
  now += MIN_FETCH_INTERVAL_MS;
  // Key rotation: the new kid appears in the JWKS.
  fake.answer(() => Response.json({ keys: [jwk(A, 'a'), jwk(B, 'b')] }));
  assert.ok((await getKey('h.test', 'b')).equals(B));
  assert.is(fake.urls.length, 2);
  for (const kid of ['x', 'y', 'z']) assert.is(await refusal(getKey('h.test', kid)), KID_NOT_FOUND);
  assert.is(fake.urls.length, 2);
  now += MIN_FETCH_INTERVAL_MS;
  assert.is(await refusal(getKey('h.test', 'x')), KID_NOT_FOUND);
  assert.is(fake.urls.length, 3);
});

store('a JWKS host that is down, slow, or answers garbage: an authorization error, and the old keys stay', async () => {
  const fake = fakeFetch();
  let now = 0;
  const getKey = createKeyStore({ fetch: fake.fetch, now: () => now });
  const failures: (() => Response | Promise<Response>)[] = [
    () => new Response('down', { status: 503 }),
    () => new Response('<html>', { status: 200 }),
    () => Response.json({ keys: 'none' }),
    () => Response.json({ keys: [{ kty: 'EC', kid: 'a' }] }),
    () => Promise.reject(new DOMException('timeout', 'TimeoutError')),
    () => Promise.reject(new TypeError('fetch failed')),
    () => new Response('x'.repeat(300 * 1024)),
  ];
  for (const failure of failures) {
    fake.answer(failure);
    assert.is(await refusal(getKey('h.test', 'a')), JWKS_UNAVAILABLE);
    // Within the minute, nothing is fetched again.
    assert.is(await refusal(getKey('h.test', 'a')), JWKS_UNAVAILABLE);
    now += MIN_FETCH_INTERVAL_MS;
  }
  assert.is(fake.urls.length, failures.length);
  fake.answer(() => Response.json({ keys: [jwk(A, 'a')] }));
  await getKey('h.test', 'a');
  now += MIN_FETCH_INTERVAL_MS;
  fake.answer(() => new Response('down', { status: 503 }));
  assert.is(await refusal(getKey('h.test', 'new')), KID_NOT_FOUND);
  assert.ok((await getKey('h.test', 'a')).equals(A));
});

store('a slow JWKS host is given up after the timeout', async () => {
  const getKey = createKeyStore({ timeoutMs: 50, fetch: hanging().fetch });
  const started = Date.now();
  assert.is(await refusal(getKey('h.test', 'a')), JWKS_UNAVAILABLE);
  assert.ok(Date.now() - started < 5000);
});

/** A fetch that never answers, and rejects with the signal's reason when it aborts. */
function hanging(): { fetch: typeof fetch; calls: number } {
  const state = {
    calls: 0,
    fetch: ((_url: string, init?: RequestInit) => new Promise((_resolve, reject) => {
      state.calls++;
      init?.signal?.addEventListener('abort', () => reject(init.signal?.reason));
    })) as typeof fetch,
  };
  return state;
}

store('a request waits no longer than its time left; the fetch goes on for the next one', async () => {
  const warnings: string[] = [];
  const slow = hanging();
  const getKey = createKeyStore({ timeoutMs: 2000, fetch: slow.fetch, warn: (message) => warnings.push(message) });
  const started = Date.now();
  assert.is(await refusal(getKey('h.test', 'a', 100)), JWKS_UNAVAILABLE);
  const waited = Date.now() - started;
  assert.ok(waited >= 90 && waited < 1800, `waited ${waited} ms`);
  // A second request joins the same fetch, with its own time left.
  assert.is(await refusal(getKey('h.test', 'a', 50)), JWKS_UNAVAILABLE);
  assert.is(slow.calls, 1);
  // The fetch's own timeout ends it, once, with one line in the log.
  while (warnings.length === 0 && Date.now() - started < 10_000) await new Promise((resolve) => setTimeout(resolve, 50));
  assert.equal(warnings, ['JWKS of h.test could not be fetched: no answer within 2000 ms']);
  assert.ok(Date.now() - started >= 1990);
});

store('the fetch\'s timeout holds its own timer: a garbage collection mid-fetch does not lose it', async () => {
  // What --expose-gc gives a script, for this process (nodejs/node#57736).
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const getKey = createKeyStore({ timeoutMs: 300, fetch: hanging().fetch });
  const collect = setInterval(gc, 30);
  const started = Date.now();
  try {
    assert.is(await refusal(getKey('h.test', 'a')), JWKS_UNAVAILABLE);
  } finally {
    clearInterval(collect);
  }
  assert.ok(Date.now() - started < 4000, `answered after ${Date.now() - started} ms`);
});

store('an endless answer is read no further than the cap; a compressed one is refused unread', async () => {
  const warnings: string[] = [];
  const fake = fakeFetch();
  let now = 0;
  const getKey = createKeyStore({ fetch: fake.fetch, now: () => now, warn: (message) => warnings.push(message) });
  let pulled = 0;
  const chunk = new Uint8Array(16 * 1024).fill(0x20);
  fake.answer(() => new Response(new ReadableStream({
    pull(controller) {
      pulled += chunk.length;
      controller.enqueue(chunk);
    },
  })));
  assert.is(await refusal(getKey('h.test', 'a')), JWKS_UNAVAILABLE);
  assert.ok(pulled <= MAX_JWKS_BYTES + 4 * chunk.length, `read ${pulled} bytes`);
  now += MIN_FETCH_INTERVAL_MS;
  // A server that compresses whatever it is asked: a small bomb, never inflated.
  const bomb = gzipSync(Buffer.alloc(50 * 1024 * 1024, 0x20));
  fake.answer(() => new Response(bomb, { headers: { 'content-encoding': 'gzip' } }));
  assert.is(await refusal(getKey('h.test', 'a')), JWKS_UNAVAILABLE);
  now += MIN_FETCH_INTERVAL_MS;
  fake.answer(() => new Response('{}', { headers: { 'content-length': String(MAX_JWKS_BYTES + 1) } }));
  assert.is(await refusal(getKey('h.test', 'a')), JWKS_UNAVAILABLE);
  assert.equal(warnings, [
    `JWKS of h.test could not be fetched: the answer is larger than ${MAX_JWKS_BYTES} bytes`,
    'JWKS of h.test could not be fetched: a compressed answer',
    `JWKS of h.test could not be fetched: the answer is larger than ${MAX_JWKS_BYTES} bytes`,
  ]);
});

store('keys expire by the last fetch that succeeded, not by the failed ones', async () => {
  const fake = fakeFetch();
  let now = 0;
  const getKey = createKeyStore({ fetch: fake.fetch, now: () => now });
  fake.answer(() => Response.json({ keys: [jwk(A, 'a')] }));
  assert.ok((await getKey('h.test', 'a')).equals(A));
  // The host goes down; a token with an unknown kid every minute makes it try again, and fail.
  fake.answer(() => new Response('down', { status: 503 }));
  for (now = MIN_FETCH_INTERVAL_MS; now < KEYS_TTL_MS; now += MIN_FETCH_INTERVAL_MS) {
    assert.is(await refusal(getKey('h.test', 'unknown')), KID_NOT_FOUND);
    assert.ok((await getKey('h.test', 'a')).equals(A));
  }
  // Ten minutes after the last good fetch, `a` (revoked meanwhile, maybe) is no longer trusted.
  // (It tries the host once more first: one good fetch, nine failed ones, this one.)
  now = KEYS_TTL_MS;
  assert.is(await refusal(getKey('h.test', 'a')), JWKS_UNAVAILABLE);
  assert.is(fake.urls.length, 11);
});

store('failures are logged once per host per minute, with why and never more than a code', async () => {
  const warnings: string[] = [];
  const fake = fakeFetch();
  let now = 0;
  const getKey = createKeyStore({ fetch: fake.fetch, now: () => now, warn: (message) => warnings.push(message) });
  const answers: (() => Response | Promise<Response>)[] = [
    () => new Response('down', { status: 503 }),
    () => new Response('<html>', { status: 200 }),
    () => Response.json({ keys: 'none' }),
    () => Promise.reject(new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED secret-looking text'), { code: 'ECONNREFUSED' }) })),
    () => Promise.reject(new TypeError('fetch failed', { cause: { code: 'lower case, not a code' } })),
  ];
  for (const answer of answers) {
    fake.answer(answer);
    for (let i = 0; i < 3; i++) await refusal(getKey('h.test', 'a'));
    await refusal(getKey('other.test', 'a'));
    now += MIN_FETCH_INTERVAL_MS;
  }
  assert.equal(warnings.filter((line) => line.startsWith('JWKS of h.test')), [
    'JWKS of h.test could not be fetched: HTTP 503',
    'JWKS of h.test could not be fetched: the answer is not JSON',
    'JWKS of h.test: no "keys" array',
    'JWKS of h.test could not be fetched: ECONNREFUSED',
    'JWKS of h.test could not be fetched: network error',
  ]);
  assert.is(warnings.length, 10);
});

store('a kid found twice is refused, whichever key it names; the others still count', async () => {
  const warnings: string[] = [];
  const fake = fakeFetch();
  fake.answer(() => Response.json({ keys: [jwk(A, 'a'), jwk(B, 'b'), jwk(B, 'a')] }));
  const getKey = createKeyStore({ fetch: fake.fetch, warn: (message) => warnings.push(message) });
  assert.ok((await getKey('h.test', 'b')).equals(B));
  assert.is(await refusal(getKey('h.test', 'a')), KID_NOT_FOUND);
  assert.equal(warnings, ['JWKS of h.test: kid "a" appears more than once; refused']);
});

store.run();

const jwks = suite('readJwks');

jwks('keeps RSA signing keys of 2048 bits or more, for RS256, by kid', () => {
  const keys = readJwks({
    keys: [
      jwk(A, 'a'),
      jwk(B, 'b', { use: 'sig', alg: 'RS256' }),
      jwk(A, 'enc', { use: 'enc' }),
      jwk(A, 'ps', { alg: 'PS256' }),
      jwk(rsa(1024), 'small'),
      { kty: 'RSA', kid: 'broken', n: 1, e: 'AQAB' },
      { kty: 'RSA' },
      { ...jwk(A, ''), kid: '' },
      null,
      'text',
      { kty: 'oct', kid: 'hmac', k: 'c2VjcmV0' },
    ],
  });
  assert.equal([...keys.keys()], ['a', 'b']);
  assert.is(readJwks(null).size, 0);
  assert.is(readJwks({}).size, 0);
});

jwks.run();
