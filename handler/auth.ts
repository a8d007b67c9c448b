import type { KeyObject } from 'node:crypto';
import type { Claim, Credentials } from './contract.ts';
import { EXPIRED, HEADER_MISSING, NOT_YET_VALID, WRONG_PAYLOAD, WRONG_STRUCTURE, WRONG_TYPE } from './errors.ts';
import { verifyToken, type Payload } from './jwt.ts';

/** Clock skew tolerated on `exp` and `nbf`, in seconds (RFC 7519 §4.1.4 allows "some small leeway"). */
export const LEEWAY_SECONDS = 60;

const TIME_CLAIMS = ['exp', 'nbf', 'iat'] as const;
const WHITESPACE = /\s+/;

/**
 * Checks an `Authorization` header and returns the declared claims of its token.
 * `now` is in milliseconds, injected so that tests never mock the clock.
 */
export function authorize(
  header: string | undefined,
  keys: readonly KeyObject[],
  claims: readonly Claim[],
  now: number,
): Credentials {
  const token = readBearer(header);
  const payload = verifyToken(token, keys);
  return readClaims(payload, claims, now / 1000);
}

/** `Bearer <token>`; API Gateway joins repeated headers with commas, which fails here too. */
export function readBearer(header: string | undefined): string {
  const parts = header === undefined ? [] : header.trim().split(WHITESPACE);
  const scheme = parts[0];
  if (scheme === undefined || scheme === '') throw HEADER_MISSING;
  if (scheme.toLowerCase() !== 'bearer') throw WRONG_TYPE;
  const token = parts[1];
  if (token === undefined || parts.length > 2) throw WRONG_STRUCTURE;
  return token;
}

/** The declared claims (non-empty strings) and the registered time claims (RFC 7519 §4.1). */
export function readClaims(payload: Payload, claims: readonly Claim[], nowSeconds: number): Credentials {
  const credentials: Record<string, string> = {};
  for (const { name } of claims) {
    const value = Object.hasOwn(payload, name) ? payload[name] : undefined;
    if (typeof value !== 'string' || value === '') throw WRONG_PAYLOAD;
    credentials[name] = value;
  }
  for (const name of TIME_CLAIMS) {
    // `1e400` parses to Infinity; `"1"` and `null` are not NumericDate values either.
    if (Object.hasOwn(payload, name) && !Number.isFinite(payload[name])) throw WRONG_PAYLOAD;
  }
  const exp = payload['exp'] as number | undefined;
  // RFC 7519 §4.1.4: the current time MUST be before `exp`; expired from `exp + leeway` on.
  if (exp !== undefined && nowSeconds >= exp + LEEWAY_SECONDS) throw EXPIRED;
  const nbf = payload['nbf'] as number | undefined;
  if (nbf !== undefined && nowSeconds < nbf - LEEWAY_SECONDS) throw NOT_YET_VALID;
  return credentials;
}
