import { createSecretKey } from 'node:crypto';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { authorize, LEEWAY_SECONDS, readBearer, readClaims, type Authorized, type Verifier } from '../handler/policy.ts';
import type { RelayError } from '../handler/errors.ts';
import { NOW, NOW_SECONDS, SECRET, sign, TOKEN } from './fixtures.ts';

const CLAIMS = [{ name: 'key', description: 'API key' }];

const VERIFIER: Verifier = {
  keys: [createSecretKey(Buffer.from(SECRET))],
  audience: undefined,
  jwksHosts: new Set(),
  getKey: () => Promise.reject(new Error('no RS256 here')),
};

/** authorize's grant, synchronous for HS256. */
function grantOf(header: string, verifier = VERIFIER, claims = CLAIMS, now = NOW): Authorized {
  return authorize(header, verifier, claims, now) as Authorized;
}

function reason(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return (error as RelayError).message.replace('Authorization failed: ', '');
  }
  return 'accepted';
}

const bearer = suite('readBearer');

bearer('returns the token of a Bearer header', () => {
  assert.is(readBearer('Bearer a.b.c'), 'a.b.c');
  assert.is(readBearer('  bearer\ta.b.c  '), 'a.b.c');
  // Any spacing around or between the two words; a token holding no whitespace, whatever else.
  for (const header of ['Bearer  a.b.c', 'Bearer a.b.c ', ' Bearer a.b.c', 'BEARER a.b.c', 'Bearer\u00a0a.b.c', 'Bearer\na.b.c']) {
    assert.is(readBearer(header), 'a.b.c', JSON.stringify(header));
  }
  assert.is(readBearer('Bearer é.ü.\u0000'), 'é.ü.\u0000');
});

bearer('each malformed header, with its reason', () => {
  const rows: [string | undefined, string][] = [
    [undefined, 'Authorization header is missing'],
    ['', 'Authorization header is missing'],
    [' \t ', 'Authorization header is missing'],
    ['Basic a', 'Wrong authorization type'],
    ['Basic', 'Wrong authorization type'],
    ['Bearer', 'Wrong JWT structure'],
    ['Bearer  ', 'Wrong JWT structure'],
    [' Bearer a b', 'Wrong JWT structure'],
    ['Bearer a b ', 'Wrong JWT structure'],
    ['bearer a b', 'Wrong JWT structure'],
    ['Bearera.b.c', 'Wrong authorization type'],
  ];
  for (const [header, expected] of rows) assert.is(reason(() => readBearer(header)), expected, String(header));
});

bearer('a token holding a space after `Bearer ` is the rest as it is, which the token\'s checks refuse as a structure error', () => {
  for (const header of ['Bearer a b', 'Bearer a,Bearer b', 'Bearer a.b.c\u2003x', 'Bearer a.b.c\nBearer d.e.f', `Bearer ${TOKEN} ${TOKEN}`, `Bearer ${TOKEN}\u00a0x`, `Bearer x ${TOKEN}`]) {
    assert.is(readBearer(header), header.slice(7));
    // Whichever token was verified last, with RS256 allowed or not: the contract's answer to two tokens.
    for (const verifier of [VERIFIER, { ...VERIFIER, jwksHosts: new Set(['jwks.example']) }, { ...VERIFIER, keys: [] }]) {
      for (const last of [TOKEN, sign({ key: 'other' })]) {
        grantOf(`Bearer ${last}`);
        assert.is(reason(() => grantOf(header, verifier)), 'Wrong JWT structure', header);
      }
    }
  }
});

bearer.run();

const claims = suite('readClaims');

claims('returns only the declared claims', () => {
  assert.equal(readClaims({ key: 'k', aud: 'xdr', extra: 1 }, CLAIMS, NOW_SECONDS), { key: 'k' });
  assert.equal(readClaims({ aud: 'xdr' }, [], NOW_SECONDS), {});
});

claims('a declared claim must be a non-empty own string', () => {
  for (const payload of [{}, { key: '' }, { key: 1 }, { key: null }, { key: ['k'] }, Object.create({ key: 'k' }) as object]) {
    assert.is(reason(() => readClaims(payload as Record<string, unknown>, CLAIMS, NOW_SECONDS)), 'Wrong JWT payload structure');
  }
});

claims('exp: expired from exp + 60 s on (RFC 7519 §4.1.4: now must be before exp)', () => {
  assert.is(LEEWAY_SECONDS, 60);
  assert.is(reason(() => readClaims({ key: 'k', exp: NOW_SECONDS - 59.5 }, CLAIMS, NOW_SECONDS)), 'accepted');
  assert.is(reason(() => readClaims({ key: 'k', exp: NOW_SECONDS - 60 }, CLAIMS, NOW_SECONDS)), 'JWT has expired');
  assert.is(reason(() => readClaims({ key: 'k', exp: NOW_SECONDS - 60.5 }, CLAIMS, NOW_SECONDS)), 'JWT has expired');
  assert.is(reason(() => readClaims({ key: 'k', exp: NOW_SECONDS + 3600 }, CLAIMS, NOW_SECONDS)), 'accepted');
});

claims('nbf: not yet valid only beyond the 60 s leeway', () => {
  assert.is(reason(() => readClaims({ key: 'k', nbf: NOW_SECONDS + 60 }, CLAIMS, NOW_SECONDS)), 'accepted');
  assert.is(reason(() => readClaims({ key: 'k', nbf: NOW_SECONDS + 61 }, CLAIMS, NOW_SECONDS)), 'JWT is not yet valid');
  assert.is(reason(() => readClaims({ key: 'k', nbf: 0 }, CLAIMS, NOW_SECONDS)), 'accepted');
});

claims('exp, nbf and iat must be finite numbers when present', () => {
  for (const name of ['exp', 'nbf', 'iat']) {
    for (const value of ['1', null, Infinity, JSON.parse('1e400') as number, true, {}]) {
      assert.is(
        reason(() => readClaims({ key: 'k', [name]: value }, CLAIMS, NOW_SECONDS)),
        'Wrong JWT payload structure',
        `${name}: ${String(value)}`,
      );
    }
  }
});

claims.run();

const again = suite('authorize, XDR\'s token again');

again('the same token again: the same frozen grant, its time limits checked every time', () => {
  const token = sign({ key: 'k', exp: NOW_SECONDS + 100, nbf: NOW_SECONDS - 100, CTR_ENTITIES_LIMIT: 5 });
  const first = grantOf(`Bearer ${token}`);
  assert.equal(first, { credentials: { key: 'k' }, entitiesLimit: 5 });
  assert.ok(Object.isFrozen(first) && Object.isFrozen(first.credentials));
  assert.is(grantOf(`Bearer ${token}`), first);
  assert.is(grantOf(`bearer  ${token}`), first);
  // Later: expired from exp + 60 s on; earlier: not yet valid before nbf - 60 s.
  assert.is(reason(() => grantOf(`Bearer ${token}`, VERIFIER, CLAIMS, NOW + 159_000)), 'accepted');
  assert.is(reason(() => grantOf(`Bearer ${token}`, VERIFIER, CLAIMS, NOW + 160_000)), 'JWT has expired');
  assert.is(reason(() => grantOf(`Bearer ${token}`, VERIFIER, CLAIMS, NOW - 161_000)), 'JWT is not yet valid');
  assert.is(grantOf(`Bearer ${token}`), first);
});

again('the same token for another audience or other claims is checked again', () => {
  const token = sign({ key: 'k', aud: 'https://other.example' });
  assert.equal(grantOf(`Bearer ${token}`), { credentials: { key: 'k' }, entitiesLimit: undefined });
  assert.is(reason(() => grantOf(`Bearer ${token}`, { ...VERIFIER, audience: 'https://relay.example' })), 'Wrong configuration-token-audience');
  assert.is(reason(() => grantOf(`Bearer ${token}`, VERIFIER, [{ name: 'tenant', description: '' }])), 'Wrong JWT payload structure');
  assert.equal(grantOf(`Bearer ${token}`, VERIFIER, []), { credentials: {}, entitiesLimit: undefined });
  assert.equal(grantOf(`Bearer ${token}`), { credentials: { key: 'k' }, entitiesLimit: undefined });
});

again('the header written otherwise, or the token followed by anything, gets the answer of a token never seen', () => {
  const token = sign({ key: 'k' });
  const other = sign({ key: 'other' });
  const headers = [
    `bearer ${token}`, `Bearer  ${token}`, `Bearer ${token} `, ` Bearer ${token}`, `Bearer\t${token}`, `Bearer ${token}x`,
    `Bearer ${token}AAAA`, `Bearer ${token} ${token}`, `Bearer ${token}.`, `Bearer ${token.slice(0, -1)}`, `Bearer ${other.slice(0, other.lastIndexOf('.'))}${token.slice(token.lastIndexOf('.'))}`,
  ];
  // The oracle: each header with no token remembered (a token of another header verified last).
  const fresh = headers.map((header) => {
    grantOf(`Bearer ${sign({ key: 'k' }, SECRET, { alg: 'HS256', kid: 'other' })}`);
    return reason(() => grantOf(header));
  });
  assert.equal(fresh, ['accepted', 'accepted', 'accepted', 'accepted', 'accepted', 'Failed to decode JWT with provided key',
    'Failed to decode JWT with provided key', 'Wrong JWT structure', 'Wrong JWT structure', 'Wrong JWT structure', 'Failed to decode JWT with provided key']);
  for (const [index, header] of headers.entries()) {
    grantOf(`Bearer ${token}`);
    assert.is(reason(() => grantOf(header)), fresh[index], header);
  }
});

again.run();
