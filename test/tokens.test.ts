import { createHmac, createSecretKey } from 'node:crypto';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { RelayError, SECRET_MISSING, WRONG_KEY, WRONG_STRUCTURE } from '../handler/errors.ts';
import { decodeToken, isBase64url, MAX_TOKEN_LENGTH, sameText, verifyHs256, verifyToken } from '../handler/tokens.ts';
import { base64url, SECRET, sign, VECTOR_SECRET, VECTOR_TOKEN } from './fixtures.ts';

const KEYS = [createSecretKey(Buffer.from(SECRET))];

function rejects(token: string, expected: RelayError, keys = KEYS): void {
  try {
    verifyToken(token, keys);
  } catch (error) {
    assert.is(error, expected);
    return;
  }
  assert.unreachable(`accepted ${token}`);
}

/** Replaces one segment of a signed token, keeping a valid signature over the result. */
function resign(header: string, payload: string, secret = SECRET): string {
  const input = `${header}.${payload}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}

const verify = suite('verifyToken');

verify('the contract test vector', () => {
  assert.equal(verifyToken(VECTOR_TOKEN, [createSecretKey(Buffer.from(VECTOR_SECRET))]), { key: 'kfy0d9D-MpTDTdoeaPVKFA' });
});

verify('a token minted by jose (an independent implementation)', async () => {
  const { SignJWT } = await import('jose');
  const token = await new SignJWT({ key: 'k', aud: 'xdr' })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuedAt(1_700_000_000)
    .sign(new TextEncoder().encode(SECRET));
  assert.equal(verifyToken(token, KEYS), { key: 'k', aud: 'xdr', iat: 1_700_000_000 });
});

verify('a token minted by jsonwebtoken', async () => {
  const jsonwebtoken = await import('jsonwebtoken');
  const token = jsonwebtoken.default.sign({ key: 'k' }, SECRET, { algorithm: 'HS256', noTimestamp: true });
  assert.equal(verifyToken(token, KEYS), { key: 'k' });
});

verify('the previous key verifies too', () => {
  const keys = [createSecretKey(Buffer.from('new')), ...KEYS];
  assert.equal(verifyToken(sign({ key: 'k' }), keys), { key: 'k' });
});

verify('a tampered payload', () => {
  const [header, , signature] = sign({ key: 'k' }).split('.');
  rejects(`${header}.${base64url('{"key":"admin"}')}.${signature}`, WRONG_KEY);
});

verify('a tampered signature', () => {
  const token = sign({ key: 'k' });
  const last = token.at(-2) === 'A' ? 'B' : 'A';
  rejects(`${token.slice(0, -2)}${last}${token.at(-1)}`, WRONG_KEY);
});

verify('a signature of the wrong length', () => {
  const token = sign({ key: 'k' });
  rejects(token.slice(0, -4), WRONG_KEY);
  rejects(`${token.slice(0, token.lastIndexOf('.'))}.`, WRONG_KEY);
  rejects(`${token}AAAA`, WRONG_KEY);
});

verify('a re-encoded header (same JSON, other bytes) breaks the signature', () => {
  const [, payload, signature] = sign({ key: 'k' }).split('.');
  rejects(`${base64url('{"typ":"JWT","alg":"HS256"}')}.${payload}.${signature}`, WRONG_KEY);
});

verify('padding, standard base64 and foreign characters are not base64url', () => {
  const token = sign({ key: 'k??' });
  const [header, payload, signature] = token.split('.') as [string, string, string];
  rejects(`${header}=.${payload}.${signature}`, WRONG_STRUCTURE);
  rejects(`${header}.${payload}.${signature}=`, WRONG_STRUCTURE);
  rejects(`${header}.${Buffer.from(payload, 'base64url').toString('base64')}.${signature}`, WRONG_STRUCTURE);
  rejects(`${header}.${payload}.${signature.replace(/.$/, '+')}`, WRONG_STRUCTURE);
  rejects(`${header} .${payload}.${signature}`, WRONG_STRUCTURE);
});

verify('non-canonical trailing bits are refused even with a valid signature', () => {
  // {"key":"k"} is 11 bytes: 15 characters, the last of which carries 2 unused bits.
  const header = base64url('{"alg":"HS256"}');
  const payload = base64url('{"key":"k"}');
  assert.is(payload.length % 4, 3);
  const last = payload.at(-1) as string;
  const loose = payload.slice(0, -1) + String.fromCharCode(last.charCodeAt(0) + 1);
  assert.equal(Buffer.from(loose, 'base64url'), Buffer.from(payload, 'base64url'));
  rejects(resign(header, loose), WRONG_STRUCTURE);
});

verify('not three segments', () => {
  for (const token of ['', 'abc', 'a.b', 'a.b.c.d', '..', '...']) rejects(token, WRONG_STRUCTURE);
});

verify('longer than 8 KiB', () => {
  const token = sign({ key: 'k', pad: 'x'.repeat(MAX_TOKEN_LENGTH) });
  rejects(token, WRONG_STRUCTURE);
});

verify('exactly 8 KiB is accepted', () => {
  const base = sign({ key: 'k', pad: '' });
  const padded = sign({ key: 'k', pad: 'x'.repeat(((MAX_TOKEN_LENGTH - base.length) * 3) / 4) });
  assert.ok(padded.length <= MAX_TOKEN_LENGTH && padded.length > MAX_TOKEN_LENGTH - 4);
  assert.is(verifyToken(padded, KEYS)['key'], 'k');
});

verify('header or payload not a UTF-8 JSON object', () => {
  const good = base64url('{"alg":"HS256"}');
  for (const bad of ['null', '[]', '"HS256"', '1', '{', '', '{"alg":"HS256"} x']) {
    rejects(resign(base64url(bad), base64url('{"key":"k"}')), WRONG_STRUCTURE);
    rejects(resign(good, base64url(bad)), WRONG_STRUCTURE);
  }
  rejects(resign(good, base64url(Buffer.from([0x7b, 0x22, 0xc3, 0x22, 0x3a, 0x31, 0x7d]))), WRONG_STRUCTURE);
});

verify('a byte-order mark is not JSON', () => {
  rejects(resign(base64url(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"alg":"HS256"}')])), base64url('{"key":"k"}')), WRONG_STRUCTURE);
});

verify('a header without alg', () => {
  rejects(resign(base64url('{"typ":"JWT"}'), base64url('{"key":"k"}')), WRONG_STRUCTURE);
});

verify('any alg but HS256, and crit', () => {
  for (const header of [{ alg: 'none' }, { alg: 'HS384' }, { alg: 'HS512' }, { alg: 'RS256' }, { alg: 'hs256' }, { alg: null }, { alg: 1 }, { alg: 'HS256', crit: ['b64'] }]) {
    rejects(sign({ key: 'k' }, SECRET, header), WRONG_KEY);
  }
});

verify('alg none with an empty signature', () => {
  rejects(`${base64url('{"alg":"none"}')}.${base64url('{"key":"k"}')}.`, WRONG_KEY);
});

verify('RS256 is refused before any key is used (no key confusion)', () => {
  rejects(sign({ key: 'k' }, SECRET, { alg: 'RS256' }), WRONG_KEY, []);
});

verify('no secret: <SECRET_KEY> is missing, after the alg check', () => {
  rejects(sign({ key: 'k' }), SECRET_MISSING, []);
  rejects('a.b', WRONG_STRUCTURE, []);
});

verify('the remembered header never lets a different or unverified token through', () => {
  const good = sign({ key: 'k' });
  assert.equal(verifyToken(good, KEYS), { key: 'k' });
  // Same header segment, other payload, old signature: refused.
  const [header, , signature] = good.split('.');
  rejects(`${header}.${base64url('{"key":"admin"}')}.${signature}`, WRONG_KEY);
  // Another header after it is decoded and checked on its own.
  rejects(sign({ key: 'k' }, SECRET, { alg: 'none' }), WRONG_KEY);
  rejects(resign(base64url('{"typ":"JWT"}'), base64url('{"key":"k"}')), WRONG_STRUCTURE);
  // A header whose signature failed is not remembered as valid.
  const odd = { alg: 'HS256', kid: 'x' };
  rejects(sign({ key: 'k' }, 'wrong', odd), WRONG_KEY);
  assert.equal(verifyToken(sign({ key: 'k' }, SECRET, odd), KEYS), { key: 'k' });
  assert.equal(verifyToken(good, KEYS), { key: 'k' });
});

verify('the remembered payload (XDR sends one token again and again) is never trusted without its signature', () => {
  const good = sign({ key: 'k', exp: 4102444800 });
  const first = verifyToken(good, KEYS);
  assert.equal(first, { key: 'k', exp: 4102444800 });
  // The same token again: the same parsed payload, frozen so that no request can change the next one's.
  const again = verifyToken(good, KEYS);
  assert.is(again, first);
  assert.ok(Object.isFrozen(again));
  // The remembered payload with a signature that is not its own, or another key: refused.
  const [header, payload] = good.split('.');
  rejects(`${header}.${payload}.${sign({ key: 'other' }).split('.')[2]}`, WRONG_KEY);
  rejects(good, WRONG_KEY, [createSecretKey(Buffer.from('another-secret-of-enough-length-0123456789'))]);
  rejects(good, SECRET_MISSING, []);
  // A payload whose signature failed is not remembered; the one that passes is.
  const forged = resign(header ?? '', base64url('{"key":"admin"}'), 'wrong');
  rejects(forged, WRONG_KEY);
  assert.equal(verifyToken(resign(header ?? '', base64url('{"key":"admin"}')), KEYS), { key: 'admin' });
  rejects(forged, WRONG_KEY);
  assert.equal(verifyToken(good, KEYS), { key: 'k', exp: 4102444800 });
});

verify('the remembered header keeps the contract\'s order: a malformed payload is a structure error, signed or not', () => {
  const good = sign({ key: 'k' });
  assert.equal(verifyToken(good, KEYS), { key: 'k' });
  const [header = '', , signature = ''] = good.split('.');
  for (const bad of ['{', '[]', 'null', '']) {
    rejects(`${header}.${base64url(bad)}.${signature}`, WRONG_STRUCTURE);
    rejects(resign(header, base64url(bad)), WRONG_STRUCTURE);
  }
  // A header that only begins like the remembered one is decoded on its own (here: not JSON).
  rejects(resign(`${header}AAAA`, base64url('{"key":"k"}')), WRONG_STRUCTURE);
  rejects(`${header}.${base64url('{"key":"k"}')}.${signature}.x`, WRONG_STRUCTURE);
  assert.equal(verifyToken(good, KEYS), { key: 'k' });
});

verify('with a header remembered, every answer is the one of the token decoded from scratch', () => {
  // The oracle: decodeToken and verifyHs256, which remember nothing before the signature passes.
  const outcome = (run: () => unknown): unknown => {
    try {
      return { payload: run() };
    } catch (error) {
      // The error answered, told apart by its message (RelayErrors of one code compare equal otherwise).
      return { error, message: (error as Error).message };
    }
  };
  const good = sign({ key: 'k', exp: 4102444800 });
  const [header = '', payload = '', signature = ''] = good.split('.');
  const other = sign({ key: 'other' });
  const candidates = [
    good, other, `${header}.${payload}.${other.split('.')[2]}`, resign(header, base64url('{"key":"admin"}')),
    resign(header, base64url('{"key":"admin"}'), 'wrong'), `${good}.`, `${header}..${signature}`, `${header}.${payload}.`,
    `${header}.${payload}`, resign(header, base64url('"k"')), `${header}.${payload}.${signature}=`, `${good}AAAA`,
    // The remembered header and payload with a signature that is too long, holds a space or a dot.
    `${header}.${payload}.${'A'.repeat(MAX_TOKEN_LENGTH)}`, `${good} `, `${header}.${payload}.${signature.slice(0, 20)}.${signature.slice(21)}`,
    `${header}.${payload}${payload}.${signature}`, `${header}.${payload.slice(0, -1)}.${signature}`,
  ];
  // Every single character of the valid token replaced, once each.
  for (let index = 0; index < good.length; index++) {
    candidates.push(`${good.slice(0, index)}${good[index] === 'A' ? 'B' : 'A'}${good.slice(index + 1)}`);
  }
  for (const keys of [KEYS, [createSecretKey(Buffer.from('another-secret-of-enough-length-0123456789')), ...KEYS]]) {
    for (const token of candidates) {
      // Remembered: the valid token was the last one verified.
      verifyToken(good, KEYS);
      assert.equal(outcome(() => verifyToken(token, keys)), outcome(() => verifyHs256(decodeToken(token), keys)), token);
    }
  }
});

verify.run();

const same = suite('sameText');

same('equal only for the same characters; a difference anywhere, or another length, is not', () => {
  assert.ok(sameText('', ''));
  assert.ok(sameText('eyJrZXkiOiJrIn0', 'eyJrZXkiOiJrIn0'));
  assert.not.ok(sameText('xyJrZXkiOiJrIn0', 'eyJrZXkiOiJrIn0'));
  assert.not.ok(sameText('eyJrZXkiOiJrIn1', 'eyJrZXkiOiJrIn0'));
  assert.not.ok(sameText('eyJrZXkiOiJrIn', 'eyJrZXkiOiJrIn0'));
  assert.not.ok(sameText('eyJrZXkiOiJrIn0', ''));
  // Characters beyond Latin-1 count whole (UTF-16 units, as the segments are compared).
  assert.not.ok(sameText('\u0100', '\u0000'));
});

same('from an offset: the rest of the text, whole', () => {
  assert.ok(sameText('a.b.sig', 'sig', 4));
  assert.ok(sameText('a.b.', '', 4));
  assert.not.ok(sameText('a.b.sig', 'si', 4));
  assert.not.ok(sameText('a.b.sig', 'sigs', 4));
  assert.not.ok(sameText('a.b.sig', 'b.sig', 4));
  assert.not.ok(sameText('a.b.sIg', 'sig', 4));
});

same.run();

const base64 = suite('isBase64url');

base64('agrees with Buffer on every canonical encoding of 0 to 5 bytes', () => {
  for (let length = 0; length <= 5; length++) {
    for (let trial = 0; trial < 64; trial++) {
      const bytes = Buffer.from(Array.from({ length }, (_, i) => (trial * 37 + i * 101) & 0xff));
      assert.ok(isBase64url(bytes.toString('base64url')));
    }
  }
});

base64('every alphabet character in the last position, with its unused bits', () => {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  for (const [index, char] of [...alphabet].entries()) {
    assert.is(isBase64url(`AA${char}`), (index & 0x03) === 0, `AA${char}`);
    assert.is(isBase64url(`A${char}`), (index & 0x0f) === 0, `A${char}`);
    assert.ok(isBase64url(`AAA${char}`));
  }
});

base64('refuses a length of 4n+1 and foreign characters', () => {
  for (const bad of ['A', 'AAAAA', 'AA==', 'A+', 'A/', 'AA.', 'é']) assert.not.ok(isBase64url(bad), bad);
});

base64.run();
