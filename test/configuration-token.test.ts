// XDR's configuration tokens through the whole pipeline: HS256 ones signed with the relay's
// secret, and RS256 ones signed by XDR's key, whose public half the relay fetches from an allowed
// JWKS host. Tokens are minted by jose, an independent implementation.
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT } from 'jose';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Context, Integration } from '../handler/contract.ts';
import { KID_NOT_FOUND } from '../handler/errors.ts';
import type { GetKey } from '../handler/jwks.ts';
import { authError, call, event, harness, NOW_SECONDS, SECRET } from './fixtures.ts';
import { integration as stub } from './stub/integration.ts';

const AUDIENCE = 'https://abc123.execute-api.us-east-1.amazonaws.com';
const HOST = 'visibility.amp.cisco.com';
const XDR = generateKeyPairSync('rsa', { modulusLength: 2048 });
const OTHER = generateKeyPairSync('rsa', { modulusLength: 2048 });
const ENV = { SECRET_KEY: SECRET, XDR_AUDIENCE: `${AUDIENCE}/`, XDR_JWKS_HOSTS: `${HOST},visibility.eu.amp.cisco.com` };

/** What XDR mints from a module's configuration: `custom_` stripped from each field, plus `aud`. */
const CLAIMS = { key: 'the-org-api-key', jwks_host: HOST, aud: AUDIENCE };

function rs256(claims: Record<string, unknown> = CLAIMS, { kid = 'xdr-1', key = XDR.privateKey }: { kid?: string | null; key?: KeyObject } = {}) {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT', ...(kid === null ? {} : { kid }) })
    .setIssuedAt(NOW_SECONDS)
    .setExpirationTime(NOW_SECONDS + 600)
    .sign(key);
}

/** Signed by hand, for what jose refuses to mint. */
function rawRs256(header: object, claims: object): string {
  const input = `${Buffer.from(JSON.stringify(header)).toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  return `${input}.${sign('sha256', Buffer.from(input), XDR.privateKey).toString('base64url')}`;
}

function hs256(claims: Record<string, unknown>, secret = SECRET) {
  return new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(new TextEncoder().encode(secret));
}

/** A key store that records what it is asked, and knows XDR's key as `xdr-1`. */
function keys(): { getKey: GetKey; asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    getKey: async (host, kid) => {
      asked.push(`${host} ${kid}`);
      if (kid !== 'xdr-1') throw KID_NOT_FOUND;
      return XDR.publicKey;
    },
  };
}

/** The stub, recording the context its /health receives. */
function spy(): { integration: Integration; seen: Context[] } {
  const seen: Context[] = [];
  return {
    seen,
    integration: {
      ...stub,
      health: async (context) => {
        seen.push(context);
        return { data: { status: 'ok' } };
      },
    },
  };
}

const tokens = suite('configuration tokens');

tokens('RS256 from an allowed JWKS host: the declared claims reach the integration', async () => {
  const store = keys();
  const { integration, seen } = spy();
  const { handler } = harness(ENV, integration, store.getKey);
  const result = await call(handler, event('/health', { token: await rs256() }));
  assert.equal(result.body, { data: { status: 'ok' } });
  assert.equal(seen[0]?.credentials, { key: 'the-org-api-key' });
  assert.equal(store.asked, [`${HOST} xdr-1`]);
});

tokens('RS256 refusals, each before any fetch that is not needed', async () => {
  const cases: [string, () => Promise<string>, string, number][] = [
    ['no kid', () => rs256(CLAIMS, { kid: null }), 'Wrong JWT structure', 0],
    ['no jwks_host', () => rs256({ key: 'k', aud: AUDIENCE }), 'jwks_host is missing in JWT payload. Make sure custom_jwks_host field is present in module_type', 0],
    ['a jwks_host that is not a string', () => rs256({ ...CLAIMS, jwks_host: ['x'] }), 'jwks_host is missing in JWT payload. Make sure custom_jwks_host field is present in module_type', 0],
    ['a jwks_host not allowed', () => rs256({ ...CLAIMS, jwks_host: 'attacker.example' }), 'Wrong jwks_host in JWT payload. Make sure domain follows the visibility.<region>.cisco.com structure', 0],
    ['an allowed host with a path', () => rs256({ ...CLAIMS, jwks_host: `${HOST}/x` }), 'Wrong jwks_host in JWT payload. Make sure domain follows the visibility.<region>.cisco.com structure', 0],
    ['an unknown kid', () => rs256(CLAIMS, { kid: 'unknown' }), 'kid from JWT header not found in API response', 1],
    ['signed by another key', () => rs256(CLAIMS, { key: OTHER.privateKey }), 'Failed to decode JWT with provided key. Make sure domain in custom_jwks_host corresponds to your XDR instance region.', 1],
    ['a crit header', async () => rawRs256({ alg: 'RS256', kid: 'xdr-1', crit: ['exp'] }, CLAIMS), 'Failed to decode JWT with provided key', 0],
    ['no aud', () => rs256({ key: 'k', jwks_host: HOST }), 'Wrong configuration-token-audience', 1],
    ['another aud', () => rs256({ ...CLAIMS, aud: 'https://other-relay.test' }), 'Wrong configuration-token-audience', 1],
    ['aud not a string', () => rs256({ ...CLAIMS, aud: 7 }), 'Wrong configuration-token-audience', 1],
    ['a missing declared claim', () => rs256({ jwks_host: HOST, aud: AUDIENCE }), 'Wrong JWT payload structure', 1],
  ];
  for (const [name, mint, reason, fetches] of cases) {
    const store = keys();
    const { handler } = harness(ENV, stub, store.getKey);
    assert.equal((await call(handler, event('/health', { token: await mint() }))).body, authError(reason), name);
    assert.is(store.asked.length, fetches, name);
  }
});

tokens('aud: a string or an array holding the relay URL, with or without its trailing slash', async () => {
  const { handler } = harness(ENV, stub, keys().getKey);
  for (const aud of [AUDIENCE, `${AUDIENCE}/`, ['https://other.test', AUDIENCE]]) {
    assert.equal((await call(handler, event('/health', { token: await rs256({ ...CLAIMS, aud }) }))).body, { data: { status: 'ok' } }, JSON.stringify(aud));
  }
});

tokens('RS256 is refused unless XDR_JWKS_HOSTS is set, and then without XDR_AUDIENCE too', async () => {
  const store = keys();
  const off = harness({ SECRET_KEY: SECRET, XDR_AUDIENCE: AUDIENCE }, stub, store.getKey);
  assert.equal((await call(off.handler, event('/health', { token: await rs256() }))).body, authError('Failed to decode JWT with provided key'));
  const noAudience = harness({ SECRET_KEY: SECRET, XDR_JWKS_HOSTS: HOST }, stub, store.getKey);
  assert.equal((await call(noAudience.handler, event('/health', { token: await rs256() }))).body, authError('Wrong configuration-token-audience'));
  assert.is(store.asked.length, 1);
});

tokens('RS256 with an HMAC of the public key, or any other alg, is refused', async () => {
  const store = keys();
  const { handler } = harness(ENV, stub, store.getKey);
  const pem = XDR.publicKey.export({ format: 'pem', type: 'spki' });
  // The classic key confusion: HS256 "signed" with the RSA public key as the HMAC secret.
  const confused = await hs256(CLAIMS, String(pem));
  assert.equal((await call(handler, event('/health', { token: confused }))).body, authError('Failed to decode JWT with provided key'));
  const rs384 = await new SignJWT(CLAIMS).setProtectedHeader({ alg: 'RS384', kid: 'xdr-1' }).sign(XDR.privateKey);
  assert.equal((await call(handler, event('/health', { token: rs384 }))).body, authError('Failed to decode JWT with provided key'));
  assert.is(store.asked.length, 0);
});

tokens('HS256 configuration tokens: the same secret; with XDR_AUDIENCE set, an aud must match', async () => {
  const { integration, seen } = spy();
  const { handler } = harness(ENV, integration, keys().getKey);
  assert.equal((await call(handler, event('/health', { token: await hs256({ key: 'k', aud: AUDIENCE }) }))).body, { data: { status: 'ok' } });
  // make jwt's bearer tokens carry no aud: they keep working.
  assert.equal((await call(handler, event('/health', { token: await hs256({ key: 'k' }) }))).body, { data: { status: 'ok' } });
  assert.equal((await call(handler, event('/health', { token: await hs256({ key: 'k', aud: 'https://another.test' }) }))).body, authError('Wrong configuration-token-audience'));
  assert.is(seen.length, 2);
  // Without XDR_AUDIENCE, aud is ignored, as before.
  const open = harness({ SECRET_KEY: SECRET }, stub);
  assert.equal((await call(open.handler, event('/health', { token: await hs256({ key: 'k', aud: 'anything' }) }))).body, { data: { status: 'ok' } });
});

tokens('CTR_ENTITIES_LIMIT in a token lowers the limit for that request, never raises it; a bad one is logged and ignored', async () => {
  const { integration, seen } = spy();
  const { handler, logs } = harness({ ...ENV, CTR_ENTITIES_LIMIT: '50' }, integration, keys().getKey);
  for (const limit of [7, '8', 500, 0, -1, 'lots', 1.5, null]) {
    await call(handler, event('/health', { token: await rs256({ ...CLAIMS, CTR_ENTITIES_LIMIT: limit }) }));
  }
  assert.equal(seen.map((context) => context.entitiesLimit), [7, 8, 50, 50, 50, 50, 50, 50]);
  const warnings = logs().filter((line) => line['level'] === 'warn').map((line) => [line['message'], line['requestId']]);
  // With the request's id: which organization's module sends it is in that request's line.
  assert.equal(warnings, Array.from({ length: 5 }, () => ["the token's CTR_ENTITIES_LIMIT claim is not a positive integer; ignored", 'JKJaXmPLvHcESHA=']));
});

/** The relay with its own key store, allowed one JWKS host that refuses connections, and a token of that host. */
async function closedHost() {
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const host = `127.0.0.1:${(closed.address() as AddressInfo).port}`;
  await new Promise((resolve) => closed.close(resolve));
  return { host, ...harness({ ...ENV, XDR_JWKS_HOSTS: host }), token: await rs256({ ...CLAIMS, jwks_host: host }) };
}

tokens('the relay\'s own key store: a JWKS host that cannot be reached is logged, and refused', async () => {
  const { host, handler, logs, token } = await closedHost();
  assert.equal((await call(handler, event('/health', { token }))).body, authError('Could not get the public keys of jwks_host; try again later'));
  assert.equal(logs().filter((line) => line['level'] === 'warn').map((line) => line['message']), [
    `JWKS of ${host} could not be fetched: ECONNREFUSED`,
  ]);
});

tokens('the key store\'s module, loaded at the first RS256 token: one that cannot be loaded (a zip that lost it) is a crash, logged; the next token tries again', async () => {
  // handler/jwks.ts is loaded by import() (require() under the tests' hook): its module replaced,
  // for the first request, by one whose createKeyStore cannot be read.
  const path = require.resolve('../handler/jwks.ts');
  const cached = require.cache[path];
  require.cache[path] = { id: path, filename: path, loaded: true, exports: { get createKeyStore() { throw new Error('no such file'); } } } as unknown as NodeModule;
  const { handler, logs, token } = await closedHost();
  try {
    const crashed = await call(handler, event('/health', { token }));
    assert.equal([crashed.status, crashed.body], [500, { errors: [{ type: 'fatal', code: 'unknown', message: 'Something went wrong.' }] }]);
  } finally {
    if (cached === undefined) delete require.cache[path];
    else require.cache[path] = cached;
  }
  assert.equal(logs().map((line) => [line['level'], String(line['error'] ?? line['status']).split('\n')[0]]), [['error', 'Error: no such file'], ['info', '500']]);
  // Loaded again by the next: the key store itself answers (the host is closed).
  assert.equal((await call(handler, event('/health', { token }))).body, authError('Could not get the public keys of jwks_host; try again later'));
});

tokens.run();
