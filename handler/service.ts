// A client for the third-party service a relay wraps, on the built-in fetch: a timeout on every
// call, a User-Agent naming the relay, JSON both ways, and one mapping from every failure to the
// relay error XDR shows. The Python relays had no timeouts: a slow service became an HTTP 500.
import { name as relayName, version } from '../package.json';
import { RelayError } from './errors.ts';

export interface ServiceOptions {
  /** The service's name, for the messages XDR shows ("AbuseIPDB"). */
  readonly name: string;
  readonly baseUrl: string;
  /** Sent with every call: the API key header, typically, from the JWT's claims. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Per call, from the request to the last byte of the answer. */
  readonly timeoutMs?: number;
  /** Injected by tests; the global fetch otherwise. */
  readonly fetch?: typeof fetch;
}

export interface Call {
  readonly method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly query?: Readonly<Record<string, string>>;
  /** Sent as JSON. */
  readonly body?: unknown;
}

/** Calls the service and returns its JSON answer (`null` for an empty one), or throws a RelayError. */
export type Service = (path: string, call?: Call) => Promise<unknown>;

/** Lambda's timeout is 10 s: leave the handler time to answer with what it has. */
export const DEFAULT_TIMEOUT_MS = 5000;

export const USER_AGENT = `${relayName}/${version} (Cisco XDR relay)`;

// Node's (undici's) codes for a certificate it would not trust.
const TLS_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED', 'CERT_REJECTED', 'ERR_TLS_CERT_ALTNAME_INVALID',
]);

export function createService(options: ServiceOptions): Service {
  const { name, timeoutMs = DEFAULT_TIMEOUT_MS } = options;
  const fetcher = options.fetch ?? fetch;
  const base = options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`;

  return async (path, call = {}) => {
    const url = new URL(path.replace(/^\//, ''), base);
    for (const [key, value] of Object.entries(call.query ?? {})) url.searchParams.set(key, value);
    const headers: Record<string, string> = { accept: 'application/json', 'user-agent': USER_AGENT, ...options.headers };
    if (call.body !== undefined) headers['content-type'] = 'application/json';
    let text: string;
    let status: number;
    try {
      const response = await fetcher(url, {
        method: call.method ?? (call.body === undefined ? 'GET' : 'POST'),
        headers,
        ...(call.body === undefined ? {} : { body: JSON.stringify(call.body) }),
        redirect: 'follow',
        signal: AbortSignal.timeout(timeoutMs),
      });
      status = response.status;
      text = await response.text();
    } catch (error) {
      throw failure(name, timeoutMs, error);
    }
    if (status < 200 || status > 299) throw statusError(name, status);
    if (text === '') return null;
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      throw new RelayError('unknown', `Unexpected response from ${name}: the answer is not JSON.`, { cause: error });
    }
  };
}

/** What an HTTP status of the service means for XDR. The URL is never quoted: it may hold a key. */
export function statusError(name: string, status: number): RelayError {
  const at = `(HTTP ${status})`;
  if (status === 401 || status === 403) {
    return new RelayError('authorization error', `Authorization failed: ${name} refused the credentials ${at}.`);
  }
  if (status === 404) return new RelayError('not found', `${name} has no such resource ${at}.`);
  if (status === 429) return new RelayError('too many requests', `Too many requests to ${name}; try again later ${at}.`);
  if (status >= 500) return new RelayError('service unavailable', `${name} is unavailable; try again later ${at}.`);
  return new RelayError('unknown', `Unexpected response from ${name} ${at}.`);
}

/** A call that got no answer: timeout, network or TLS failure. */
export function failure(name: string, timeoutMs: number, error: unknown): RelayError {
  if (error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return new RelayError('service unavailable', `${name} did not answer within ${timeoutMs} ms.`, { cause: error });
  }
  // fetch rejects with `TypeError: fetch failed`, the reason in its `cause`.
  const cause = error instanceof Error && error.cause !== undefined ? error.cause : error;
  const code = typeof cause === 'object' && cause !== null && 'code' in cause ? String(cause.code) : '';
  const detail = cause instanceof Error ? cause.message : String(cause);
  if (TLS_CODES.has(code) || code.startsWith('ERR_TLS_') || code.startsWith('ERR_SSL_')) {
    return new RelayError('unknown', `Unable to verify SSL certificate: ${detail}`, { cause: error });
  }
  return new RelayError('service unavailable', `Could not reach ${name}: ${code || detail}.`, { cause: error });
}
