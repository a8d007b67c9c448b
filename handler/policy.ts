// The authorization policy: what a request must carry to be let in. The `Authorization` header's
// scheme, which tokens count (HS256 with the relay's secret; RS256 configuration tokens of XDR from
// an allowed JWKS host), their audience, their claims and time limits, and the entity limit a
// token may set. Decoding and signatures are handler/tokens.ts's.
import type { KeyObject } from 'node:crypto';
import { trimSlash } from './config.ts';
import type { Claim, Credentials } from './contract.ts';
import {
  EXPIRED, HEADER_MISSING, JWKS_HOST_MISSING, NOT_YET_VALID, WRONG_AUDIENCE, WRONG_JWKS_HOST, WRONG_KEY,
  WRONG_PAYLOAD, WRONG_STRUCTURE, WRONG_TYPE,
} from './errors.ts';
import type { GetKey } from './jwks.ts';
import { decodeToken, verifyHs256, verifyRemembered, verifyRs256, type Decoded, type Payload } from './tokens.ts';

/** How tokens are verified: the HS256 secrets, and XDR's RS256 configuration tokens when allowed. */
export interface Verifier {
  /** `SECRET_KEY`, then `SECRET_KEY_PREVIOUS`. */
  readonly keys: readonly KeyObject[];
  /** `XDR_AUDIENCE`, without a trailing slash: what `aud` must say. */
  readonly audience: string | undefined;
  /** `XDR_JWKS_HOSTS`: the hosts whose keys sign RS256 tokens. Empty: RS256 is refused. */
  readonly jwksHosts: ReadonlySet<string>;
  readonly getKey: GetKey;
}

/** A verified token: the declared claims, and its `CTR_ENTITIES_LIMIT` claim if it has one. */
export interface Authorized {
  readonly credentials: Credentials;
  /** A positive integer, `undefined` when absent, `null` when present but not a positive integer. */
  readonly entitiesLimit: number | null | undefined;
}

/** Clock skew tolerated on `exp` and `nbf`, in seconds (RFC 7519 §4.1.4 allows "some small leeway"). */
export const LEEWAY_SECONDS = 60;

const TIME_CLAIMS = ['exp', 'nbf', 'iat'] as const;
const WHITESPACE = /\s+/;
const BEARER = 'Bearer ';

/**
 * Checks an `Authorization` header and returns the declared claims of its token.
 * `now` is in milliseconds, injected so that tests never mock the clock.
 */
export function authorize(
  header: string | undefined,
  verifier: Verifier,
  claims: readonly Claim[],
  now: number,
  timeLeftMs = Number.POSITIVE_INFINITY,
): Authorized | Promise<Authorized> {
  const token = readBearer(header);
  // XDR's HS256 token, again: its signature checked first, its payload not decoded again.
  const remembered = verifyRemembered(token, verifier.keys);
  if (remembered !== undefined) return grantHs256(remembered, verifier.audience, claims, now);
  const decoded = decodeToken(token);
  // RS256 may have to fetch its key: a promise. HS256, the hot path, stays synchronous.
  return decoded.header['alg'] === 'RS256' && verifier.jwksHosts.size > 0
    ? checkRs256(decoded, verifier, timeLeftMs).then((payload) => grant(payload, claims, now))
    : grantHs256(verifyHs256(decoded, verifier.keys), verifier.audience, claims, now);
}

/**
 * What a verified token grants: its declared claims, and the entity limit it may set. Frozen: the
 * grant of XDR's token is shared by the requests that carry it (below).
 */
function grant(payload: Payload, claims: readonly Claim[], now: number): Authorized {
  return Object.freeze({ credentials: Object.freeze(readClaims(payload, claims, now / 1000)), entitiesLimit: readLimitClaim(payload) });
}

/**
 * The last HS256 grant: XDR sends one token again and again, whose payload tokens.ts remembers
 * (the same frozen object each time). For that payload, audience and claims, the claims are read
 * once; its time limits are checked on every request.
 */
let granted: { readonly payload: Payload; readonly audience: string | undefined; readonly claims: readonly Claim[]; readonly authorized: Authorized } | undefined;

/** What a verified HS256 token grants (its audience optional): the last grant again, for the same payload. */
function grantHs256(payload: Payload, audience: string | undefined, claims: readonly Claim[], now: number): Authorized {
  const known = granted;
  if (known !== undefined && known.payload === payload && known.audience === audience && known.claims === claims) {
    checkTimes(payload, now / 1000);
    return known.authorized;
  }
  const authorized = grant(checkAudience(payload, audience, false), claims, now);
  granted = { payload, audience, claims, authorized };
  return authorized;
}

/**
 * An RS256 configuration token of XDR: `kid` in its header, `jwks_host` in its payload, one of
 * the allowed hosts (checked before anything is fetched), signed by that host's key of that
 * `kid`, and addressed to this relay (`aud`, required).
 */
async function checkRs256(decoded: Decoded, verifier: Verifier, timeLeftMs: number): Promise<Payload> {
  const { header, payload } = decoded;
  if (header['crit'] !== undefined) throw WRONG_KEY;
  const kid = header['kid'];
  if (typeof kid !== 'string' || kid === '') throw WRONG_STRUCTURE;
  const host = payload['jwks_host'];
  if (typeof host !== 'string' || host === '') throw JWKS_HOST_MISSING;
  // Exactly an allowed host: a token may not send the relay to fetch keys anywhere else.
  if (!verifier.jwksHosts.has(host.toLowerCase())) throw WRONG_JWKS_HOST;
  const key = await verifier.getKey(host.toLowerCase(), kid, timeLeftMs);
  return checkAudience(verifyRs256(decoded, key), verifier.audience, true);
}

/** `aud` (a string, or an array holding one) names this relay; a trailing slash does not count. */
function checkAudience(payload: Payload, audience: string | undefined, required: boolean): Payload {
  const aud = payload['aud'];
  if (!required && (aud === undefined || audience === undefined)) return payload;
  const names: unknown[] = Array.isArray(aud) ? aud : [aud];
  if (audience === undefined || !names.some((name) => typeof name === 'string' && trimSlash(name) === audience)) {
    throw WRONG_AUDIENCE;
  }
  return payload;
}

/** The `CTR_ENTITIES_LIMIT` claim that configuration tokens may carry (`custom_CTR_ENTITIES_LIMIT`). */
export function readLimitClaim(payload: Payload): number | null | undefined {
  if (!Object.hasOwn(payload, 'CTR_ENTITIES_LIMIT')) return undefined;
  const value = payload['CTR_ENTITIES_LIMIT'];
  const limit = typeof value === 'string' && /^[0-9]{1,9}$/.test(value) ? Number(value) : value;
  return typeof limit === 'number' && Number.isSafeInteger(limit) && limit > 0 ? limit : null;
}

/**
 * `Bearer <token>`; API Gateway joins repeated headers with commas, which fails here too. A
 * token is what follows the scheme, as it is: one that holds a space (two tokens) is refused as
 * a structure error by the token's own checks (tokens.ts), as here.
 */
export function readBearer(header: string | undefined): string {
  // What XDR sends, `Bearer <token>`, read without splitting it or looking for a space in it (a
  // regex did, 0.06x an HMAC): only where the token starts and ends decides how to read it.
  if (header !== undefined && header.slice(0, BEARER.length) === BEARER && isVisible(header.charCodeAt(BEARER.length)) && isVisible(header.charCodeAt(header.length - 1))) {
    return header.slice(BEARER.length);
  }
  const parts = header === undefined ? [] : header.trim().split(WHITESPACE);
  const scheme = parts[0];
  if (scheme === undefined || scheme === '') throw HEADER_MISSING;
  if (scheme.toLowerCase() !== 'bearer') throw WRONG_TYPE;
  const token = parts[1];
  if (token === undefined || parts.length > 2) throw WRONG_STRUCTURE;
  return token;
}

/** A printable ASCII character, never a space: what a token's first and last are. */
function isVisible(code: number): boolean {
  return code > 0x20 && code < 0x7f;
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
  checkTimes(payload, nowSeconds);
  return credentials;
}

/** `exp` and `nbf`, finite numbers when present (readClaims checks), with the leeway. */
function checkTimes(payload: Payload, nowSeconds: number): void {
  const exp = payload['exp'] as number | undefined;
  // RFC 7519 §4.1.4: the current time MUST be before `exp`; expired from `exp + leeway` on.
  if (exp !== undefined && nowSeconds >= exp + LEEWAY_SECONDS) throw EXPIRED;
  const nbf = payload['nbf'] as number | undefined;
  if (nbf !== undefined && nowSeconds < nbf - LEEWAY_SECONDS) throw NOT_YET_VALID;
}
