// Tokens: a JWS compact serialization decoded, and its signature checked, HS256 with the relay's
// secret or RS256 with XDR's public key. What a token must say to be let in (its header's scheme,
// its claims, its audience) is the policy's: handler/policy.ts.
import { createHmac, verify, type KeyObject } from 'node:crypto';
import { SECRET_MISSING, WRONG_KEY, WRONG_RS256_KEY, WRONG_STRUCTURE } from './errors.ts';

/** A token's decoded payload, before the claims are checked. */
export type Payload = Readonly<Record<string, unknown>>;

/** XDR's tokens are a few hundred bytes; the cap bounds the work an attacker can ask for. */
export const MAX_TOKEN_LENGTH = 8192;

const BASE64URL = /^[A-Za-z0-9_-]*$/;
// Fatal: invalid UTF-8 throws instead of turning into U+FFFD. A BOM is kept, for JSON.parse to refuse.
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

// XDR sends the same HS256 token (the module's) with every request: the last valid token's
// header segment and signed part are remembered, with the parsed payload (frozen, never changed).
// A token with that header has its signature checked first, before its payload is even looked
// at; the last token itself (its signed part compared in plain `===`: an attacker who could time
// it would need a valid token already) is not decoded again. Every request's signature is still
// checked; only the decoding is skipped.
let last: {
  readonly headerSegment: string;
  /** `header.payload`: what the signature covers. */
  readonly signingInput: string;
  readonly payload: Payload;
} | undefined;

/** A token split and decoded, its structure checked, its signature not yet. */
export interface Decoded {
  readonly header: Payload;
  readonly payload: Payload;
  /** The exact bytes the signature covers: `header.payload` as received. */
  readonly signingInput: string;
  /** The signature segment, strict base64url. */
  readonly signature: string;
  readonly headerSegment: string;
}

/**
 * Splits and decodes a JWS compact serialization (RFC 7515 §7.1): three strict base64url
 * segments, a header and a payload that are JSON objects, the header with an `alg`.
 */
export function decodeToken(token: string): Decoded {
  const { first, second } = split(token);
  const signature = token.slice(second + 1);
  if (!isBase64url(signature)) throw WRONG_STRUCTURE;
  const headerSegment = token.slice(0, first);
  const header = decodeObject(headerSegment);
  const payload = decodeObject(token.slice(first + 1, second));
  if (header['alg'] === undefined) throw WRONG_STRUCTURE;
  return { header, payload, signingInput: token.slice(0, second), signature, headerSegment };
}

/** Where the two dots of a token are, once its length and its count of segments are checked. */
function split(token: string): { first: number; second: number } {
  if (token.length > MAX_TOKEN_LENGTH) throw WRONG_STRUCTURE;
  const first = token.indexOf('.');
  const second = token.indexOf('.', first + 1);
  // Exactly three segments: two dots, and no third one.
  if (first < 0 || second < 0 || token.indexOf('.', second + 1) >= 0) throw WRONG_STRUCTURE;
  return { first, second };
}

/**
 * Whether `given`, from `start` on, is `known`, in a time that depends on their length only.
 * From an offset: the signature is compared where it is in the token, without a copy of it.
 */
export function sameText(given: string, known: string, start = 0): boolean {
  if (given.length - start !== known.length) return false;
  let difference = 0;
  for (let index = 0; index < known.length; index++) difference |= given.charCodeAt(start + index) ^ known.charCodeAt(index);
  return difference === 0;
}

/**
 * Verifies an HS256 token and returns its payload.
 * Checks in the contract's order: structure, `alg`, secret present, signature.
 */
export function verifyToken(token: string, keys: readonly KeyObject[]): Payload {
  return verifyRemembered(token, keys) ?? verifyHs256(decodeToken(token), keys);
}

/**
 * A token with the header of the last valid one (XDR's, every time): its payload, its signature
 * checked before the payload is decoded, with the answers `verifyHs256(decodeToken(token))` gives,
 * in the same order. `undefined` for any other token (another header, no secret): decode it.
 */
export function verifyRemembered(token: string, keys: readonly KeyObject[]): Payload | undefined {
  const remembered = last;
  if (remembered === undefined || keys.length === 0) return undefined;
  // Its header was valid (HS256, no `crit`); the structure is checked first, as the contract orders.
  // `slice` and `===`, not `startsWith`, which costs 0.1 µs more (Node 20).
  const { headerSegment } = remembered;
  if (token.slice(0, headerSegment.length) !== headerSegment) return undefined;
  const { first, second } = split(token);
  if (first !== headerSegment.length) return undefined;
  const signed = token.slice(0, second);
  // The signature first, compared where it stands in the token. One equal to the HMAC's text is
  // strict base64url (the digest is); any other gets the contract's answers in its order: a
  // malformed signature, then a payload that is not a JSON object, before a wrong key.
  if (!signs(keys, signed, token, second + 1)) {
    if (!isBase64url(token.slice(second + 1))) throw WRONG_STRUCTURE;
    decodeObject(token.slice(first + 1, second));
    throw WRONG_KEY;
  }
  // The last token itself, XDR's every time: not decoded again.
  if (signed === remembered.signingInput) return remembered.payload;
  const payload = Object.freeze(decodeObject(token.slice(first + 1, second)));
  last = { headerSegment, signingInput: signed, payload };
  return payload;
}

/** The HMAC-SHA256 of a decoded token, with `SECRET_KEY` or, during a rotation, the previous one. */
export function verifyHs256(decoded: Decoded, keys: readonly KeyObject[]): Payload {
  const { header } = decoded;
  // Only HS256 here: `none` and the RSA/EC algorithms are key-confusion attacks waiting to
  // happen, and HS384/HS512 were never what XDR sends. `crit` names extensions we do not
  // understand, which RFC 7515 §4.1.11 says must be rejected.
  if (header['alg'] !== 'HS256' || header['crit'] !== undefined) throw WRONG_KEY;
  if (keys.length === 0) throw SECRET_MISSING;
  if (!signs(keys, decoded.signingInput, decoded.signature, 0)) throw WRONG_KEY;
  // Valid: what the next tokens are compared with.
  last = { headerSegment: decoded.headerSegment, signingInput: decoded.signingInput, payload: Object.freeze(decoded.payload) };
  return decoded.payload;
}

/**
 * Whether the signature (`signed` from `start` on) is the HMAC-SHA256 of the exact bytes received
 * (never a re-serialization of the parsed JSON) with one of the keys. Compared as base64url text,
 * in constant time: a strict base64url segment is equal to the digest's text exactly when the
 * bytes are; and a digest written as text costs a third less than one written into a new Buffer
 * (measured, Node 20).
 */
function signs(keys: readonly KeyObject[], signingInput: string, signed: string, start: number): boolean {
  for (const key of keys) {
    if (sameText(signed, createHmac('sha256', key).update(signingInput).digest('base64url'), start)) return true;
  }
  return false;
}

/**
 * The RSASSA-PKCS1-v1_5 SHA-256 signature (RFC 7518 §3.3) of a decoded RS256 token, over the
 * exact bytes received, with the key its `kid` names; returns its payload.
 */
export function verifyRs256(decoded: Decoded, key: KeyObject): Payload {
  if (!verify('sha256', Buffer.from(decoded.signingInput), key, Buffer.from(decoded.signature, 'base64url'))) throw WRONG_RS256_KEY;
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
