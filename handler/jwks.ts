// The public keys of XDR's RS256 configuration tokens: `https://<jwks_host>/.well-known/jwks`,
// fetched only from hosts the relay allows (XDR_JWKS_HOSTS), over https, with a timeout and a
// size cap, and cached per warm instance: at most one fetch per host per minute, so that tokens
// with unknown `kid`s cannot make the relay hammer XDR.
//
// Loaded on demand (handler/index.ts), at the first RS256 token: a relay of HS256 tokens never
// reads or compiles it. It imports nothing else of handler/ at run time: what it needs of the
// modules a cold start has loaded (the size cap, XDR's refusals) is passed in. Were it to import
// them, esbuild would move them into a third file that every cold start reads, which costs more
// than this file saves (make bench's import row).
import { createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import type { readCapped } from './capped.ts';

/** The key of `kid` at `host`, waiting at most `timeLeftMs` (the request's time left) for a fetch. */
export type GetKey = (host: string, kid: string, timeLeftMs?: number) => Promise<KeyObject>;

export interface KeyStoreOptions {
  /** capped.ts's readCapped: reads an answer up to a size. */
  readonly readCapped: typeof readCapped;
  /** Thrown when the host's keys cannot be had (errors.ts's JWKS_UNAVAILABLE). */
  readonly unavailable: Error;
  /** Thrown when the host's keys do not have the token's `kid` (errors.ts's KID_NOT_FOUND). */
  readonly unknownKid: Error;
  /** Injected by tests; the global fetch otherwise. */
  readonly fetch?: typeof fetch;
  /** Milliseconds since the epoch. */
  readonly now?: () => number;
  readonly timeoutMs?: number;
  /** Told why a fetch failed: at most once per host per minute, since fetches are. */
  readonly warn?: (message: string) => void;
}

/** One fetch per host per minute at most, failed ones included. */
export const MIN_FETCH_INTERVAL_MS = 60_000;
/** Keys are trusted this long after the last fetch that succeeded, then fetched again. */
export const KEYS_TTL_MS = 10 * 60_000;
export const JWKS_TIMEOUT_MS = 3000;
/** A JWKS holds a few keys: a few KB. */
export const MAX_JWKS_BYTES = 256 * 1024;

interface Entry {
  keys: ReadonlyMap<string, KeyObject>;
  /** When the keys were last fetched successfully: they expire by it, not by failed attempts. */
  fetchedAt: number;
  /** When a fetch was last started, whatever came of it: the rate limit counts from it. */
  triedAt: number;
  pending?: Promise<ReadonlyMap<string, KeyObject>>;
}

/** A JWKS document refused: the message says why, for the log. */
class JwksError extends Error {}

export function createKeyStore(options: KeyStoreOptions): GetKey {
  const { readCapped, unavailable, unknownKid, fetch: fetcher = fetch, now = Date.now, timeoutMs = JWKS_TIMEOUT_MS, warn = () => undefined } = options;
  const cache = new Map<string, Entry>();

  const refresh = (host: string, entry: Entry): Promise<ReadonlyMap<string, KeyObject>> => {
    entry.triedAt = now();
    entry.pending ??= fetchKeys(fetcher, readCapped, host, timeoutMs).then(
      ({ keys, problems }) => {
        for (const problem of problems) warn(`JWKS of ${host}: ${problem}`);
        entry.keys = keys;
        entry.fetchedAt = now();
        return keys;
      },
      // The old keys stay until they expire: a JWKS host that is down refuses only new `kid`s.
      (error: unknown) => {
        warn(`JWKS of ${host} could not be fetched: ${describe(error)}`);
        return entry.keys;
      },
    ).finally(() => {
      delete entry.pending;
    });
    return entry.pending;
  };

  return async (host, kid, timeLeftMs = Number.POSITIVE_INFINITY) => {
    let entry = cache.get(host);
    if (entry === undefined) {
      entry = { keys: new Map(), fetchedAt: Number.NEGATIVE_INFINITY, triedAt: Number.NEGATIVE_INFINITY };
      cache.set(host, entry);
    }
    if (now() - entry.fetchedAt >= KEYS_TTL_MS) entry.keys = new Map();
    let key = entry.keys.get(kid);
    if (key === undefined && entry.pending !== undefined) key = (await within(entry.pending, timeLeftMs, unavailable)).get(kid);
    if (key === undefined && now() - entry.triedAt >= MIN_FETCH_INTERVAL_MS) {
      const keys = await within(refresh(host, entry), timeLeftMs, unavailable);
      if (keys.size === 0) throw unavailable;
      key = keys.get(kid);
    }
    if (key === undefined) throw entry.keys.size === 0 ? unavailable : unknownKid;
    return key;
  };
}

/**
 * The fetch, or `unavailable` once the request has no time left to wait for it: the fetch itself
 * goes on (its own timeout ends it) and may serve the next request.
 */
function within<T>(pending: Promise<T>, ms: number, unavailable: Error): Promise<T> {
  if (ms === Number.POSITIVE_INFINITY) return pending;
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(unavailable), Math.max(0, ms));
    pending.then((value) => {
      clearTimeout(timer);
      resolve(value);
    });
  });
}

/**
 * The RS256 signing keys of a JWKS document, by `kid`. Read as a stream up to MAX_JWKS_BYTES, and
 * uncompressed only: a compressed answer could inflate to any size. The timeout holds its own
 * timer until cleared (an AbortSignal.timeout() can be garbage-collected mid-call, nodejs/node#57736).
 */
async function fetchKeys(fetcher: typeof fetch, read: typeof readCapped, host: string, timeoutMs: number): Promise<{ keys: Map<string, KeyObject>; problems: string[] }> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new JwksError(`no answer within ${timeoutMs} ms`)), timeoutMs);
  try {
    const response = await fetcher(`https://${host}/.well-known/jwks`, {
      headers: { accept: 'application/json', 'accept-encoding': 'identity' },
      redirect: 'error',
      signal: controller.signal,
    });
    const encoding = response.headers.get('content-encoding');
    if (!response.ok || (encoding !== null && encoding.toLowerCase() !== 'identity')) {
      await response.body?.cancel();
      throw new JwksError(response.ok ? 'a compressed answer' : `HTTP ${response.status}`);
    }
    const text = (await read(response, MAX_JWKS_BYTES, () => new JwksError(`the answer is larger than ${MAX_JWKS_BYTES} bytes`))).toString('utf8');
    let document: unknown;
    try {
      document = JSON.parse(text);
    } catch {
      throw new JwksError('the answer is not JSON');
    }
    const problems: string[] = [];
    return { keys: readJwks(document, problems), problems };
  } finally {
    clearTimeout(timer);
  }
}

/** Why a fetch failed, in a few words: never more than the error's code. */
function describe(error: unknown): string {
  if (error instanceof JwksError) return error.message;
  // fetch rejects with `TypeError: fetch failed`, the reason's code in its `cause`.
  const cause = error instanceof Error && error.cause !== undefined ? error.cause : error;
  const code = typeof cause === 'object' && cause !== null && 'code' in cause ? String(cause.code) : '';
  return /^[A-Z][A-Z0-9_]{1,40}$/.test(code) ? code : 'network error';
}

/**
 * Keeps the RSA keys meant for RS256 signatures, of 2048 bits or more; skips the others. A `kid`
 * found twice is refused (which of the two would sign is not ours to guess); `problems` is told.
 */
export function readJwks(document: unknown, problems: string[] = []): Map<string, KeyObject> {
  const keys = new Map<string, KeyObject>();
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  const list = typeof document === 'object' && document !== null ? (document as { keys?: unknown }).keys : undefined;
  if (!Array.isArray(list)) {
    problems.push('no "keys" array');
    return keys;
  }
  for (const jwk of list as unknown[]) {
    if (typeof jwk !== 'object' || jwk === null) continue;
    const { kty, kid, use, alg } = jwk as Record<string, unknown>;
    if (typeof kid === 'string' && kid !== '') {
      if (seen.has(kid)) duplicates.add(kid);
      seen.add(kid);
    }
    if (kty !== 'RSA' || typeof kid !== 'string' || kid === '') continue;
    if ((use !== undefined && use !== 'sig') || (alg !== undefined && alg !== 'RS256')) continue;
    try {
      const key = createPublicKey({ key: jwk as JsonWebKey, format: 'jwk' });
      // An RSA key always has its details; under 2048 bits it is too weak to trust (RFC 7518 §3.3).
      const { modulusLength } = key.asymmetricKeyDetails as { modulusLength: number };
      if (modulusLength >= 2048) keys.set(kid, key);
    } catch {
      // A malformed key is skipped; the others still count.
    }
  }
  for (const kid of duplicates) {
    keys.delete(kid);
    problems.push(`kid ${JSON.stringify(kid.slice(0, 64))} appears more than once; refused`);
  }
  return keys;
}
