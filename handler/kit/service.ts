// A client for the third-party service a relay wraps, on the built-in fetch: a timeout on every
// call, a User-Agent naming the relay, JSON both ways, a cap on what it reads, and one mapping
// from every failure to the relay error XDR shows. It never sends the credentials anywhere but
// under `baseUrl`: paths that leave it and redirects to another origin are refused. Messages are
// fixed sentences plus a status or an error code: never a URL, a header or an answer's text.
// The Python relays had no timeouts: a slow service became an HTTP 500.
import { RELAY, RelayError } from '../contract.ts';
import { currentScope, timeLeft } from './scope.ts';

export interface ServiceOptions {
  /** The service's name, for the messages XDR shows ("AbuseIPDB"). */
  readonly name: string;
  /** Every call stays under it: `https://api.abuseipdb.com/api/v2`. */
  readonly baseUrl: string;
  /** Sent with every call: the API key header, typically, from the JWT's claims. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Per call, from the request to the last byte of the answer, redirects included. */
  readonly timeoutMs?: number;
  /** The most an answer may hold, decompressed. */
  readonly maxBytes?: number;
  /** Injected by tests; the global fetch otherwise. */
  readonly fetch?: typeof fetch;
}

export interface Call {
  readonly method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly query?: Readonly<Record<string, string>>;
  /** Sent as JSON. */
  readonly body?: unknown;
  /** Statuses that mean "nothing known" (many APIs answer 404 for an unknown observable): `null`. */
  readonly noData?: readonly number[];
}

/** Calls the service and returns its JSON answer (`null` for an empty one), or throws a RelayError. */
export type Service = (path: string, call?: Call) => Promise<unknown>;

/**
 * Per call. Within a request, a call also ends at the request's deadline (the Lambda's timeout
 * minus a margin): no call starts after it, and those in flight are aborted then.
 */
export const DEFAULT_TIMEOUT_MS = 5000;
export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;
/** Same-origin redirects followed at most. */
const MAX_REDIRECTS = 3;

export const USER_AGENT = `${RELAY.name}/${RELAY.version} (Cisco XDR relay)`;

// Node's (undici's) codes for a certificate it would not trust.
const TLS_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED', 'CERT_REJECTED', 'ERR_TLS_CERT_ALTNAME_INVALID',
]);
// What HTTP allows in a header value (RFC 9110 §5.5): no CR, LF or NUL, which fetch would refuse
// with a message that quotes the value, an API key maybe.
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;
const CODE = /^[A-Z][A-Z0-9_]{1,40}$/;

export function createService(options: ServiceOptions): Service {
  const { name, timeoutMs = DEFAULT_TIMEOUT_MS, maxBytes = DEFAULT_MAX_BYTES } = options;
  const fetcher = options.fetch ?? fetch;
  const base = parseBase(name, options.baseUrl);
  const fixed: Record<string, string> = { accept: 'application/json', 'user-agent': USER_AGENT, ...options.headers };
  for (const value of Object.values(fixed)) {
    if (!HEADER_VALUE.test(value)) throw new RelayError('unknown', `Could not call ${name}: a header value holds characters HTTP does not allow.`);
  }

  /** One request, redirects followed: the status, the body's bytes, and a 429's Retry-After. */
  const exchange = async (start: URL, call: Call): Promise<{ status: number; bytes: Uint8Array; retryAfter: string | null }> => {
    const scope = currentScope();
    const left = timeLeft();
    if (left <= 0) throw outOfTime(name);
    // The call's own timeout, or what is left of the request's time, whichever ends first.
    const ms = Math.min(timeoutMs, left);
    const signal = scope === undefined ? AbortSignal.timeout(ms) : AbortSignal.any([AbortSignal.timeout(ms), scope.signal]);
    const headers = { ...fixed, ...(call.body === undefined ? {} : { 'content-type': 'application/json' }) };
    let url = start;
    let method: string = call.method ?? (call.body === undefined ? 'GET' : 'POST');
    let body = call.body === undefined ? undefined : JSON.stringify(call.body);
    try {
      for (let hops = 0; hops <= MAX_REDIRECTS; hops++) {
        const response = await fetcher(url, { method, headers, ...(body === undefined ? {} : { body }), redirect: 'manual', signal });
        const { status } = response;
        const location = response.headers.get('location');
        if (status >= 300 && status < 400 && location !== null) {
          await response.body?.cancel();
          url = followRedirect(name, base, url, location, status);
          // RFC 9110 §15.4: 307 and 308 keep the method and body; the others become a GET.
          if (status !== 307 && status !== 308) {
            method = 'GET';
            body = undefined;
          }
          continue;
        }
        const bytes = await readCapped(name, response, maxBytes);
        // fetch's pool takes the connection back a moment after its answer is read: let it, so
        // that the next call reuses it rather than opening another.
        await new Promise((resolve) => setImmediate(resolve));
        return { status, bytes, retryAfter: response.headers.get('retry-after') };
      }
      throw new RelayError('unknown', `Unexpected response from ${name}: too many redirects.`);
    } catch (error) {
      if (error instanceof RelayError) throw error;
      // A timeout cut short by the request's deadline rather than by the call's own timeout.
      if (isAbort(error) && (ms < timeoutMs || scope?.signal.aborted === true)) throw outOfTime(name, error);
      throw failure(name, timeoutMs, error);
    }
  };

  return async (path, call = {}) => {
    const url = resolve(name, base, path);
    for (const [key, value] of Object.entries(call.query ?? {})) url.searchParams.set(key, value);
    let answer = await exchange(url, call);
    // 429 with Retry-After: wait and try once more, if the wait fits in the time left.
    const wait = answer.status === 429 ? retryAfterMs(answer.retryAfter) : undefined;
    if (wait !== undefined && wait <= timeoutMs && wait < timeLeft()) {
      // Cut short by the deadline, should it come first after all: the retry then finds no time left.
      await pause(wait, currentScope()?.signal);
      answer = await exchange(url, call);
    }
    const { status, bytes } = answer;
    if (call.noData?.includes(status)) return null;
    if (status < 200 || status > 299) throw statusError(name, status);
    if (bytes.length === 0) return null;
    try {
      return JSON.parse(new TextDecoder().decode(bytes)) as unknown;
    } catch (error) {
      throw new RelayError('unknown', `Unexpected response from ${name}: the answer is not JSON.`, { cause: error });
    }
  };
}

/** RFC 9110 §10.2.3: seconds, or an HTTP date; `undefined` when there is none that makes sense. */
export function retryAfterMs(value: string | null, now = Date.now()): number | undefined {
  if (value === null) return undefined;
  if (/^[0-9]{1,6}$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Resolves after `ms`, or as soon as `signal` aborts: never rejects. */
function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** The request's deadline came before the call could finish, or start. */
function outOfTime(name: string, cause?: unknown): RelayError {
  return new RelayError('service unavailable', `${name} could not be called before the relay's deadline.`, cause === undefined ? {} : { cause });
}

function parseBase(name: string, baseUrl: string): URL {
  let base: URL | undefined;
  try {
    base = new URL(baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
  } catch {
    base = undefined;
  }
  // Credentials in the URL would be sent to the service, and quoted by error messages.
  if (base === undefined || !['https:', 'http:'].includes(base.protocol) || base.username !== '' || base.password !== '') {
    throw new RelayError('unknown', `Could not call ${name}: its base URL is not a valid http(s) URL without credentials.`);
  }
  base.search = '';
  base.hash = '';
  return base;
}

/** `path` under `base`, or a RelayError: `../admin`, `%2e%2e/`, `//other-host/x` or an absolute URL never leave it. */
function resolve(name: string, base: URL, path: string): URL {
  const url = new URL(path.replace(/^\/+/, ''), base);
  if (!isUnder(base, url)) throw new RelayError('unknown', `Could not call ${name}: the path leaves the service's base URL.`);
  return url;
}

function isUnder(base: URL, url: URL): boolean {
  return url.origin === base.origin && url.pathname.startsWith(base.pathname) && url.username === '' && url.password === '';
}

/** A redirect is followed only within the base URL, same origin: the credentials go nowhere else. */
function followRedirect(name: string, base: URL, from: URL, location: string, status: number): URL {
  let next: URL | undefined;
  try {
    next = new URL(location, from);
  } catch {
    next = undefined;
  }
  if (next === undefined || !isUnder(base, next)) {
    throw new RelayError('unknown', `Unexpected response from ${name}: a redirect away from its base URL (HTTP ${status}).`);
  }
  return next;
}

/** The answer's bytes, at most `maxBytes` of them (decompressed): a larger one stops being read. */
async function readCapped(name: string, response: Response, maxBytes: number): Promise<Uint8Array> {
  const tooLarge = () => new RelayError('unknown', `Unexpected response from ${name}: the answer is larger than ${maxBytes} bytes.`);
  const declared = Number(response.headers.get('content-length') ?? 0);
  // A compressed answer's content-length is the compressed size: checked again while reading.
  if (declared > maxBytes) {
    await response.body?.cancel();
    throw tooLarge();
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (response.body !== null) {
    for await (const chunk of response.body) {
      size += chunk.length;
      if (size > maxBytes) {
        // Leaving the loop cancels the stream: nothing more is downloaded or inflated.
        throw tooLarge();
      }
      chunks.push(chunk);
    }
  }
  return Buffer.concat(chunks, size);
}

/** What an HTTP status of the service means for XDR. */
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

function isAbort(error: unknown): boolean {
  return error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError');
}

/** A call that got no answer: timeout, network or TLS failure, named by its code only. */
export function failure(name: string, timeoutMs: number, error: unknown): RelayError {
  if (isAbort(error)) {
    return new RelayError('service unavailable', `${name} did not answer within ${timeoutMs} ms.`, { cause: error });
  }
  // fetch rejects with `TypeError: fetch failed`, the reason in its `cause`.
  const cause = error instanceof Error && error.cause !== undefined ? error.cause : error;
  const raw = typeof cause === 'object' && cause !== null && 'code' in cause ? String(cause.code) : '';
  const code = CODE.test(raw) ? raw : '';
  if (TLS_CODES.has(code) || code.startsWith('ERR_TLS_') || code.startsWith('ERR_SSL_')) {
    return new RelayError('unknown', `Unable to verify SSL certificate: ${code}.`, { cause: error });
  }
  return new RelayError('service unavailable', `Could not reach ${name}: ${code || 'network error'}.`, { cause: error });
}
