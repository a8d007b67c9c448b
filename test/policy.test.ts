import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { LEEWAY_SECONDS, readBearer, readClaims } from '../handler/policy.ts';
import type { RelayError } from '../handler/errors.ts';
import { NOW_SECONDS } from './fixtures.ts';

const CLAIMS = [{ name: 'key', description: 'API key' }];

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
    ['Bearer a b', 'Wrong JWT structure'],
    ['Bearer a,Bearer b', 'Wrong JWT structure'],
    ['Bearer a.b.c\u2003x', 'Wrong JWT structure'],
    ['Bearer a.b.c\nBearer d.e.f', 'Wrong JWT structure'],
    ['Bearera.b.c', 'Wrong authorization type'],
  ];
  for (const [header, expected] of rows) assert.is(reason(() => readBearer(header)), expected, String(header));
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
