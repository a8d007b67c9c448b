// A client for the third-party service a relay wraps, on the built-in fetch: a timeout on every
// call, a User-Agent naming the relay, a cap on what it reads, and, in its JSON mode, one mapping
// from every status to the relay error XDR shows; its raw mode hands the integration the status,
// headers and body to map itself. It never sends the credentials anywhere but under `baseUrl`:
// paths that leave it and redirects to another origin are refused, in both modes. Its own
// messages are fixed sentences plus a status or an error code: never a URL, a header or an
// answer's text. The Python relays had no timeouts: a slow service became an HTTP 500.
import { RELAY, RelayError } from '../contract.ts';
import { readCapped } from '../capped.ts';
import { currentScope, timeLeft, trackScopes } from '../scope.ts';

// The requests this module serves run in scopes it can find (their deadline): see handler/scope.ts.
trackScopes();

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

export interface RawCall {
  readonly method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Added to the base URL's own query, if it has one (the same name: this value wins). */
  readonly query?: Readonly<Record<string, string>>;
  /** Sent as JSON. */
  readonly body?: unknown;
  /**
   * Sent as `application/x-www-form-urlencoded`, in this order (an OAuth token endpoint's body,
   * RFC 6749 §4.4.2), in place of `body`.
   */
  readonly form?: Readonly<Record<string, string>>;
  /** This call's own headers, beside the service's (`accept: text/csv` for a CSV endpoint). */
  readonly headers?: Readonly<Record<string, string>>;
}

export interface Call extends RawCall {
  /** Statuses that mean "nothing known" (many APIs answer 404 for an unknown observable): `null`. */
  readonly noData?: readonly number[];
}

/** What the service answered, whatever its status: for an integration that maps statuses itself. */
export interface RawAnswer {
  readonly status: number;
  readonly headers: Headers;
  /** The body, at most `maxBytes` of it, decompressed. */
  readonly bytes: Uint8Array;
  /** The body as UTF-8 text. */
  text(): string;
  /** The body parsed as JSON (`null` for an empty one), or the kit's "not JSON" RelayError. */
  json(): unknown;
}

export interface Service {
  /** Calls the service and returns its JSON answer (`null` for an empty one), or throws a RelayError. */
  (path: string, call?: Call): Promise<unknown>;
  /**
   * Calls the service and returns its answer as is, any status: only a call that got no answer
   * (timeout, deadline, network, TLS), a redirect away from the base URL and an answer over the
   * cap throw. A 429 with a Retry-After that fits is retried once first, as in the JSON mode.
   */
  raw(path: string, call?: RawCall): Promise<RawAnswer>;
}

/**
 * Per call. Within a request, a call also ends at the request's deadline (the Lambda's timeout
 * minus a margin): no call starts after it, and those in flight are aborted then.
 */
export const DEFAULT_TIMEOUT_MS = 5000;
export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;
/** Same-origin redirects followed at most. */
const MAX_REDIRECTS = 3;

export const USER_AGENT = `${RELAY.name}/${RELAY.version} (Cisco XDR relay)`;

// Node's (undici's) codes for a certificate it would not trust, in the words OpenSSL verifies
// with: the words Cisco's Python relays answer (`Unable to verify SSL certificate: Self signed
// certificate`), capitalized as they do.
const TLS_REASONS: Readonly<Record<string, string>> = {
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'Unable to verify the first certificate',
  UNABLE_TO_GET_ISSUER_CERT: 'Unable to get issuer certificate',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'Unable to get local issuer certificate',
  SELF_SIGNED_CERT_IN_CHAIN: 'Self signed certificate in certificate chain',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'Self signed certificate',
  CERT_HAS_EXPIRED: 'Certificate has expired',
  CERT_NOT_YET_VALID: 'Certificate is not yet valid',
  CERT_UNTRUSTED: 'Certificate not trusted',
  CERT_REJECTED: 'Certificate rejected',
  ERR_TLS_CERT_ALTNAME_INVALID: 'Hostname mismatch',
};
// What HTTP allows in a header value (RFC 9110 §5.5): no CR, LF or NUL, which fetch would refuse
// with a message that quotes the value, an API key maybe.
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;
// RFC 9110 §5.6.2: a token.
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const CODE = /^[A-Z][A-Z0-9_]{1,40}$/;

export function createService(options: ServiceOptions): Service {
  const { name, timeoutMs = DEFAULT_TIMEOUT_MS, maxBytes = DEFAULT_MAX_BYTES } = options;
  const fetcher = options.fetch ?? fetch;
  const { base, query: baseQuery } = parseBase(name, options.baseUrl);
  const fixed = checkHeaders(name, { accept: 'application/json', 'user-agent': USER_AGENT, ...options.headers });

  /** One request, redirects followed: the status, the headers and the body's bytes. */
  const exchange = async (start: URL, call: RawCall): Promise<{ status: number; headers: Headers; bytes: Uint8Array }> => {
    const scope = currentScope();
    const left = timeLeft();
    if (left <= 0) throw outOfTime(name);
    // The call's own timeout, or what is left of the request's time, whichever ends first. Its
    // own timer, held until the call ends: an AbortSignal.timeout() inside AbortSignal.any() can
    // be garbage-collected mid-call and then never fires (nodejs/node#57736).
    const ms = Math.min(timeoutMs, left);
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(new DOMException(`no answer within ${ms} ms`, 'TimeoutError')), ms);
    const signal = scope === undefined ? timeout.signal : AbortSignal.any([timeout.signal, scope.signal]);
    const [type, payload] = call.form !== undefined
      ? ['application/x-www-form-urlencoded', new URLSearchParams(call.form).toString()]
      : call.body !== undefined ? ['application/json', JSON.stringify(call.body)] : [];
    const headers = {
      ...fixed,
      ...(call.headers === undefined ? {} : checkHeaders(name, call.headers)),
      ...(type === undefined ? {} : { 'content-type': type }),
    };
    let url = start;
    let method: string = call.method ?? (payload === undefined ? 'GET' : 'POST');
    let body = payload;
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
        const bytes = await readAnswer(name, response, maxBytes);
        clearTimeout(timer);
        // fetch's pool takes the connection back a moment after its answer is read: let it, so
        // that the next call reuses it rather than opening another.
        await new Promise((resolve) => setImmediate(resolve));
        return { status, headers: response.headers, bytes };
      }
      throw new RelayError('unknown', `Unexpected response from ${name}: too many redirects.`);
    } catch (error) {
      clearTimeout(timer);
      if (error instanceof RelayError) throw error;
      // Aborted by the request's deadline, or by a timeout the deadline cut short.
      if (isAbort(error) && signal.aborted && (ms < timeoutMs || scope?.signal.aborted === true)) throw outOfTime(name, error);
      throw failure(name, timeoutMs, error);
    }
  };

  const raw = async (path: string, call: RawCall = {}): Promise<RawAnswer> => {
    const url = resolve(name, base, path);
    for (const [key, value] of baseQuery) if (!url.searchParams.has(key)) url.searchParams.append(key, value);
    for (const [key, value] of Object.entries(call.query ?? {})) url.searchParams.set(key, value);
    let answer = await exchange(url, call);
    // 429 with Retry-After: wait and try once more, if the wait fits in the time left.
    const wait = answer.status === 429 ? retryAfterMs(answer.headers.get('retry-after')) : undefined;
    if (wait !== undefined && wait <= timeoutMs && wait < timeLeft()) {
      // Cut short by the deadline, should it come first after all: the retry then finds no time left.
      await pause(wait, currentScope()?.signal);
      answer = await exchange(url, call);
    }
    const { status, headers, bytes } = answer;
    return { status, headers, bytes, text: () => decode(bytes), json: () => parseJson(name, bytes) };
  };

  const service = async (path: string, call: Call = {}): Promise<unknown> => {
    const { status, bytes } = await raw(path, call);
    if (call.noData?.includes(status)) return null;
    if (status < 200 || status > 299) throw statusError(name, status);
    return parseJson(name, bytes);
  };
  return Object.assign(service, { raw });
}

function decode(bytes: Uint8Array): string {
  return new TextDecoder().decode(bytes);
}

function parseJson(name: string, bytes: Uint8Array): unknown {
  if (bytes.length === 0) return null;
  try {
    return JSON.parse(decode(bytes)) as unknown;
  } catch (error) {
    throw new RelayError('unknown', `Unexpected response from ${name}: the answer is not JSON.`, { cause: error });
  }
}

/** Header names and values HTTP allows, keyed in lower case (so that `Accept` replaces `accept`). */
function checkHeaders(name: string, headers: Readonly<Record<string, string>>): Record<string, string> {
  const checked: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers)) {
    if (!HEADER_NAME.test(key) || typeof value !== 'string' || !HEADER_VALUE.test(value)) {
      throw new RelayError('unknown', `Could not call ${name}: a header holds characters HTTP does not allow.`);
    }
    checked[key.toLowerCase()] = value;
  }
  return checked;
}

/**
 * RFC 9110 §10.2.3: delay-seconds, or an HTTP-date (§5.6.7: IMF-fixdate, RFC 850 or asctime);
 * `undefined` for anything else. `-1` or `1.5` are neither: Date.parse would read them as dates
 * long past, and the call would be retried at once.
 */
export function retryAfterMs(value: string | null, now = Date.now()): number | undefined {
  const trimmed = value?.trim() ?? '';
  if (/^[0-9]{1,6}$/.test(trimmed)) return Number(trimmed) * 1000;
  if (!HTTP_DATE.test(trimmed)) return undefined;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

const HTTP_DATE = /^(?:[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT|[A-Z][a-z]{5,8}, \d{2}-[A-Z][a-z]{2}-\d{2} \d{2}:\d{2}:\d{2} GMT|[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2} \d{4})$/;

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

/**
 * The base URL as a directory (its path ends in `/`, so that `v2-admin` is never a sibling of
 * `v2`), and its query, sent with every call; a fragment is never sent.
 */
function parseBase(name: string, baseUrl: string): { base: URL; query: [string, string][] } {
  let base: URL | undefined;
  try {
    base = new URL(baseUrl);
  } catch {
    base = undefined;
  }
  // Credentials in the URL would be sent to the service, and quoted by error messages.
  if (base === undefined || !['https:', 'http:'].includes(base.protocol) || base.username !== '' || base.password !== '') {
    throw new RelayError('unknown', `Could not call ${name}: its base URL is not a valid http(s) URL without credentials.`);
  }
  const query = [...base.searchParams];
  base.search = '';
  base.hash = '';
  if (!base.pathname.endsWith('/')) base.pathname += '/';
  return { base, query };
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
function readAnswer(name: string, response: Response, maxBytes: number): Promise<Uint8Array> {
  return readCapped(response, maxBytes, () => new RelayError('unknown', `Unexpected response from ${name}: the answer is larger than ${maxBytes} bytes.`));
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
  const reason = Object.hasOwn(TLS_REASONS, code) ? TLS_REASONS[code] : code.startsWith('ERR_TLS_') || code.startsWith('ERR_SSL_') ? code : undefined;
  if (reason !== undefined) return new RelayError('unknown', `Unable to verify SSL certificate: ${reason}`, { cause: error });
  return new RelayError('service unavailable', `Could not reach ${name}: ${code || 'network error'}.`, { cause: error });
}
