// The key store of RS256 configuration tokens: what it fetches, when, and what it keeps.
import { generateKeyPairSync } from 'node:crypto';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { JWKS_UNAVAILABLE, KID_NOT_FOUND } from '../handler/errors.ts';
import { createKeyStore, KEYS_TTL_MS, MIN_FETCH_INTERVAL_MS, readJwks } from '../handler/jwks.ts';

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
  const getKey = createKeyStore({
    timeoutMs: 50,
    fetch: ((_url: string, init?: RequestInit) => new Promise((_resolve, reject) => {
      init?.signal?.addEventListener('abort', () => reject(init.signal?.reason));
    })) as typeof fetch,
  });
  const started = Date.now();
  // AbortSignal.timeout's timer does not keep the process alive; in Lambda the runtime does.
  const alive = setTimeout(() => undefined, 10_000);
  try {
    assert.is(await refusal(getKey('h.test', 'a')), JWKS_UNAVAILABLE);
  } finally {
    clearTimeout(alive);
  }
  assert.ok(Date.now() - started < 5000);
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
