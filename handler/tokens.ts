// Tokens: a JWS compact serialization decoded, and its signature checked, HS256 with the relay's
// secret or RS256 with XDR's public key. What a token must say to be let in (its header's scheme,
// its claims, its audience) is the policy's: handler/policy.ts.
import { createHmac, timingSafeEqual, verify, type KeyObject } from 'node:crypto';
import { SECRET_MISSING, WRONG_KEY, WRONG_RS256_KEY, WRONG_STRUCTURE } from './errors.ts';

/** A token's decoded payload, before the claims are checked. */
export type Payload = Readonly<Record<string, unknown>>;

/** XDR's tokens are a few hundred bytes; the cap bounds the work an attacker can ask for. */
export const MAX_TOKEN_LENGTH = 8192;

const BASE64URL = /^[A-Za-z0-9_-]*$/;
// Fatal: invalid UTF-8 throws instead of turning into U+FFFD. A BOM is kept, for JSON.parse to refuse.
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

// Every token a relay sees carries the same few header bytes, and XDR sends the same HS256 token
// (the module's) with every request: remember the last valid token's header and payload segments
// and their parsed values (frozen, never changed), and skip decoding them again. Only the decoding
// is skipped: every request's signature is still checked.
let lastHeader = { segment: '', value: Object.freeze({}) as Payload };
let lastPayload = { segment: '', value: Object.freeze({}) as Payload };

/** A token split and decoded, its structure checked, its signature not yet. */
export interface Decoded {
  readonly header: Payload;
  readonly payload: Payload;
  /** The exact bytes the signature covers: `header.payload` as received. */
  readonly signingInput: string;
  readonly signature: Buffer;
  readonly headerSegment: string;
  readonly payloadSegment: string;
}

/**
 * Splits and decodes a JWS compact serialization (RFC 7515 §7.1): three strict base64url
 * segments, a header and a payload that are JSON objects, the header with an `alg`.
 */
export function decodeToken(token: string): Decoded {
  if (token.length > MAX_TOKEN_LENGTH) throw WRONG_STRUCTURE;
  const first = token.indexOf('.');
  const second = token.indexOf('.', first + 1);
  // Exactly three segments: two dots, and no third one.
  if (first < 0 || second < 0 || token.indexOf('.', second + 1) >= 0) throw WRONG_STRUCTURE;
  const signature = token.slice(second + 1);
  if (!isBase64url(signature)) throw WRONG_STRUCTURE;
  const headerSegment = token.slice(0, first);
  const header = headerSegment === lastHeader.segment ? lastHeader.value : decodeObject(headerSegment);
  const payloadSegment = token.slice(first + 1, second);
  // The payload holds the third party's API key, and this compare runs before the signature is
  // checked: in constant time, so that an attacker cannot learn the remembered one by timing.
  const payload = sameText(payloadSegment, lastPayload.segment) ? lastPayload.value : decodeObject(payloadSegment);
  if (header['alg'] === undefined) throw WRONG_STRUCTURE;
  return { header, payload, signingInput: token.slice(0, second), signature: Buffer.from(signature, 'base64url'), headerSegment, payloadSegment };
}

/** Whether two strings are equal, in a time that depends on their length only. */
export function sameText(given: string, known: string): boolean {
  if (given.length !== known.length) return false;
  let difference = 0;
  for (let index = 0; index < given.length; index++) difference |= given.charCodeAt(index) ^ known.charCodeAt(index);
  return difference === 0;
}

/**
 * Verifies an HS256 token and returns its payload.
 * Checks in the contract's order: structure, `alg`, secret present, signature.
 */
export function verifyToken(token: string, keys: readonly KeyObject[]): Payload {
  return verifyHs256(decodeToken(token), keys);
}

/** The HMAC-SHA256 of a decoded token, with `SECRET_KEY` or, during a rotation, the previous one. */
export function verifyHs256(decoded: Decoded, keys: readonly KeyObject[]): Payload {
  const { header } = decoded;
  // Only HS256 here: `none` and the RSA/EC algorithms are key-confusion attacks waiting to
  // happen, and HS384/HS512 were never what XDR sends. `crit` names extensions we do not
  // understand, which RFC 7515 §4.1.11 says must be rejected.
  if (header['alg'] !== 'HS256' || header['crit'] !== undefined) throw WRONG_KEY;
  if (keys.length === 0) throw SECRET_MISSING;
  const given = decoded.signature;
  for (const key of keys) {
    // HMAC over the exact bytes received, never a re-serialization of the parsed JSON.
    const expected = createHmac('sha256', key).update(decoded.signingInput).digest();
    if (given.length === expected.length && timingSafeEqual(given, expected)) {
      remember(decoded);
      return decoded.payload;
    }
  }
  throw WRONG_KEY;
}

/** A token whose signature was valid: its header and payload are what the next ones are compared with. */
function remember(decoded: Decoded): void {
  if (decoded.header !== lastHeader.value) lastHeader = { segment: decoded.headerSegment, value: Object.freeze(decoded.header) };
  if (decoded.payload !== lastPayload.value) lastPayload = { segment: decoded.payloadSegment, value: Object.freeze(decoded.payload) };
}

/**
 * The RSASSA-PKCS1-v1_5 SHA-256 signature (RFC 7518 §3.3) of a decoded RS256 token, over the
 * exact bytes received, with the key its `kid` names; returns its payload.
 */
export function verifyRs256(decoded: Decoded, key: KeyObject): Payload {
  if (!verify('sha256', Buffer.from(decoded.signingInput), key, decoded.signature)) throw WRONG_RS256_KEY;
  return decoded.payload;
}

/**
 * Strict base64url (RFC 7515 §2, RFC 4648 §5): the URL-safe alphabet, no padding, and the
 * unused trailing bits zero, so that each byte string has exactly one encoding.
 */
export function isBase64url(segment: string): boolean {
  const rest = segment.length % 4;
  if (rest === 1 || !BASE64URL.test(segment)) return false;
  if (rest === 0) return true;
  // The last character carries 4 (rest 2) or 2 (rest 3) unused bits.
  const last = sextet(segment.charCodeAt(segment.length - 1));
  return (last & (rest === 2 ? 0x0f : 0x03)) === 0;
}

function sextet(code: number): number {
  if (code >= 97) return code - 71; // a-z: 26..51
  if (code >= 65) return code === 95 ? 63 : code - 65; // A-Z: 0..25, `_`: 63
  return code === 45 ? 62 : code + 4; // `-`: 62, 0-9: 52..61
}

function decodeObject(segment: string): Payload {
  if (!isBase64url(segment)) throw WRONG_STRUCTURE;
  let value: unknown;
  try {
    value = JSON.parse(UTF8.decode(Buffer.from(segment, 'base64url')));
  } catch {
    throw WRONG_STRUCTURE;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw WRONG_STRUCTURE;
  return value as Payload;
}
