// The public keys of XDR's RS256 configuration tokens: `https://<jwks_host>/.well-known/jwks`,
// fetched only from hosts the relay allows (XDR_JWKS_HOSTS), over https, with a timeout and a
// size cap, and cached per warm instance: at most one fetch per host per minute, so that tokens
// with unknown `kid`s cannot make the relay hammer XDR.
import { createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import { JWKS_UNAVAILABLE, KID_NOT_FOUND } from './errors.ts';

export type GetKey = (host: string, kid: string) => Promise<KeyObject>;

export interface KeyStoreOptions {
  /** Injected by tests; the global fetch otherwise. */
  readonly fetch?: typeof fetch;
  /** Milliseconds since the epoch. */
  readonly now?: () => number;
  readonly timeoutMs?: number;
}

/** One fetch per host per minute at most, failed ones included. */
export const MIN_FETCH_INTERVAL_MS = 60_000;
/** Keys are trusted this long after they were fetched, then fetched again. */
export const KEYS_TTL_MS = 10 * 60_000;
export const JWKS_TIMEOUT_MS = 3000;
/** A JWKS holds a few keys: a few KB. */
const MAX_JWKS_BYTES = 256 * 1024;

interface Entry {
  keys: ReadonlyMap<string, KeyObject>;
  fetchedAt: number;
  pending?: Promise<ReadonlyMap<string, KeyObject>>;
}

export function createKeyStore({ fetch: fetcher = fetch, now = Date.now, timeoutMs = JWKS_TIMEOUT_MS }: KeyStoreOptions = {}): GetKey {
  const cache = new Map<string, Entry>();

  const refresh = (host: string, entry: Entry): Promise<ReadonlyMap<string, KeyObject>> => {
    entry.fetchedAt = now();
    entry.pending ??= fetchKeys(fetcher, host, timeoutMs).then(
      (keys) => {
        entry.keys = keys;
        return keys;
      },
      // The old keys stay until they expire: a JWKS host that is down refuses only new `kid`s.
      () => entry.keys,
    ).finally(() => {
      delete entry.pending;
    });
    return entry.pending;
  };

  return async (host, kid) => {
    let entry = cache.get(host);
    if (entry === undefined) {
      entry = { keys: new Map(), fetchedAt: Number.NEGATIVE_INFINITY };
      cache.set(host, entry);
    }
    const age = now() - entry.fetchedAt;
    if (age >= KEYS_TTL_MS) entry.keys = new Map();
    let key = entry.keys.get(kid);
    if (key === undefined && entry.pending !== undefined) key = (await entry.pending).get(kid);
    if (key === undefined && age >= MIN_FETCH_INTERVAL_MS) {
      const keys = await refresh(host, entry);
      if (keys.size === 0) throw JWKS_UNAVAILABLE;
      key = keys.get(kid);
    }
    if (key === undefined) throw entry.keys.size === 0 ? JWKS_UNAVAILABLE : KID_NOT_FOUND;
    return key;
  };
}

/** The RS256 signing keys of a JWKS document, by `kid`; throws on anything else. */
async function fetchKeys(fetcher: typeof fetch, host: string, timeoutMs: number): Promise<Map<string, KeyObject>> {
  const response = await fetcher(`https://${host}/.well-known/jwks`, {
    headers: { accept: 'application/json' },
    redirect: 'error',
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await response.text();
  if (!response.ok || text.length > MAX_JWKS_BYTES) throw new Error(`JWKS: HTTP ${response.status}, ${text.length} bytes`);
  return readJwks(JSON.parse(text) as unknown);
}

/** Keeps the RSA keys meant for RS256 signatures, of 2048 bits or more; skips the others. */
export function readJwks(document: unknown): Map<string, KeyObject> {
  const keys = new Map<string, KeyObject>();
  const list = typeof document === 'object' && document !== null ? (document as { keys?: unknown }).keys : undefined;
  if (!Array.isArray(list)) return keys;
  for (const jwk of list as unknown[]) {
    if (typeof jwk !== 'object' || jwk === null) continue;
    const { kty, kid, use, alg } = jwk as Record<string, unknown>;
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
  return keys;
}
