// HS256 tokens and secrets for the scripts (make serve, make jwt, make bench), with node:crypto only.
import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A secret of letters and digits, as the Python template made: 64 characters, ~381 bits. */
export function generateSecret(length = 64) {
  // randomInt draws without modulo bias.
  return Array.from({ length }, () => ALPHANUMERIC[randomInt(ALPHANUMERIC.length)]).join('');
}

/** Signs the claims with HS256: header {"alg":"HS256","typ":"JWT"}, compact JSON payload. */
export function signToken(claims, secret) {
  const encode = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const input = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(claims)}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}

/** Whether `token` is an HS256 JWT whose signature `secret` makes (compared in constant time). */
export function isSignedWith(token, secret) {
  const parts = String(token).split('.');
  if (parts.length !== 3 || secret === undefined) return false;
  const expected = createHmac('sha256', secret).update(`${parts[0]}.${parts[1]}`).digest();
  const given = Buffer.from(parts[2], 'base64url');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
