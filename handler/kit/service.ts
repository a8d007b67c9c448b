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
import { failure, isAbort, outOfTime, ServiceError, statusError, type ServiceErrorKind, type ServiceMessages } from './failures.ts';

// Kit v2 imported these from here.
export { failure, statusError };

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
  /**
   * The JSON mode's answer per status, where the kit's default mapping is not the relay's: a
   * RelayError to throw, `'empty'` (the call returns `null`: "nothing known"), or a function of
   * the answer returning either. By exact status first, then `'4xx'` / `'5xx'`; a status not
   * listed keeps the default (2xx: the JSON; others: docs/relay-api.md's table).
   */
  readonly statuses?: StatusMap;
  /** Reads the service's own words from an error answer (`(answer) => answer.json().error`): `reason`, and `answer.detail`. */
  readonly detail?: (answer: RawAnswer) => unknown;
  /** The relay's own words for the kit's other failures, per kind (failures.ts). */
  readonly messages?: ServiceMessages;
}

/** An error answer, as a `statuses` function reads it: the raw answer and the service's own words. */
export interface StatusAnswer extends RawAnswer {
  /** What `detail` read from it, as one line of at most 1000 characters, or `undefined`. */
  readonly detail: string | undefined;
}

export type StatusRule = RelayError | 'empty' | ((answer: StatusAnswer) => RelayError | 'empty');

export interface StatusMap {
  readonly [status: number]: StatusRule;
  readonly '4xx'?: StatusRule;
  readonly '5xx'?: StatusRule;
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

// What HTTP allows in a header value (RFC 9110 §5.5): no CR, LF or NUL, which fetch would refuse
// with a message that quotes the value, an API key maybe.
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;
// RFC 9110 §5.6.2: a token.
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

export function createService(options: ServiceOptions): Service {
  const { name, timeoutMs = DEFAULT_TIMEOUT_MS, maxBytes = DEFAULT_MAX_BYTES, statuses = {}, messages = {} } = options;
  const fetcher = options.fetch ?? fetch;
  /** The relay's words for a kit failure, if it has some: the error XDR is shown. */
  const fail = (error: ServiceError): RelayError => {
    const kind = error.kind as Exclude<ServiceErrorKind, 'status'>;
    const reword = Object.hasOwn(messages, kind) ? messages[kind] : undefined;
    return reword === undefined ? error : reword(error);
  };
  const { base, page, query: baseQuery } = parse(fail, name, options.baseUrl);
  const fixed = checkHeaders(fail, name, { accept: 'application/json', 'user-agent': USER_AGENT, ...options.headers });

  /** One request, redirects followed: the status, the headers and the body's bytes. */
  const exchange = async (start: URL, call: RawCall): Promise<{ status: number; headers: Headers; bytes: Uint8Array }> => {
    const scope = currentScope();
    const left = timeLeft();
    if (left <= 0) throw fail(outOfTime(name));
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
      ...(call.headers === undefined ? {} : checkHeaders(fail, name, call.headers)),
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
          url = followRedirect(fail, name, base, url, location, status);
          // RFC 9110 §15.4: 307 and 308 keep the method and body; the others become a GET.
          if (status !== 307 && status !== 308) {
            method = 'GET';
            body = undefined;
          }
          continue;
        }
        const bytes = await readAnswer(fail, name, response, maxBytes);
        clearTimeout(timer);
        // fetch's pool takes the connection back a moment after its answer is read: let it, so
        // that the next call reuses it rather than opening another.
        await new Promise((resolve) => setImmediate(resolve));
        return { status, headers: response.headers, bytes };
      }
      throw fail(new ServiceError('answer', 'unknown', `Unexpected response from ${name}: too many redirects.`, { service: name, reason: 'too many redirects' }));
    } catch (error) {
      clearTimeout(timer);
      if (error instanceof RelayError) throw error;
      // Aborted by the request's deadline, or by a timeout the deadline cut short.
      if (isAbort(error) && signal.aborted && (ms < timeoutMs || scope?.signal.aborted === true)) throw fail(outOfTime(name, error));
      throw fail(failure(name, timeoutMs, error));
    }
  };

  const raw = async (path: string, call: RawCall = {}): Promise<RawAnswer> => {
    const url = path === '' ? new URL(page) : resolve(fail, name, base, path);
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
    return { status, headers, bytes, text: () => decode(bytes), json: () => parseJson(fail, name, bytes) };
  };

  /** The service's own words in an error answer, as one line: never a 500 for a `detail` that throws. */
  const detailOf = (answer: RawAnswer): string | undefined => {
    let read: unknown;
    try {
      read = options.detail?.(answer);
    } catch {
      read = undefined;
    }
    return typeof read === 'string' && read.trim() !== '' ? read.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim().slice(0, 1000) : undefined;
  };

  const service = async (path: string, call: Call = {}): Promise<unknown> => {
    const answer = await raw(path, call);
    const { status } = answer;
    if (call.noData?.includes(status)) return null;
    const rule = ruleOf(statuses, status);
    if (rule === undefined && status >= 200 && status <= 299) return answer.json();
    if (rule === undefined) throw statusError(name, status, detailOf(answer));
    const outcome = typeof rule === 'function' ? rule({ ...answer, detail: detailOf(answer) }) : rule;
    if (outcome === 'empty') return null;
    throw outcome;
  };
  return Object.assign(service, { raw });
}

function decode(bytes: Uint8Array): string {
  return new TextDecoder().decode(bytes);
}

type Fail = (error: ServiceError) => RelayError;

/** A status's rule in the map: its own (an own property: `constructor` is no status), else its class's. */
function ruleOf(statuses: StatusMap, status: number): StatusRule | undefined {
  const own = (key: string) => (Object.hasOwn(statuses, key) ? (statuses as Readonly<Record<string, StatusRule>>)[key] : undefined);
  return own(String(status)) ?? (status >= 400 && status <= 599 ? own(`${Math.floor(status / 100)}xx`) : undefined);
}

function parseJson(fail: Fail, name: string, bytes: Uint8Array): unknown {
  if (bytes.length === 0) return null;
  try {
    return JSON.parse(decode(bytes)) as unknown;
  } catch (error) {
    throw fail(new ServiceError('answer', 'unknown', `Unexpected response from ${name}: the answer is not JSON.`, { service: name, reason: 'not JSON', cause: error }));
  }
}

/** Header names and values HTTP allows, keyed in lower case (so that `Accept` replaces `accept`). */
function checkHeaders(fail: Fail, name: string, headers: Readonly<Record<string, string>>): Record<string, string> {
  const checked: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers)) {
    if (!HEADER_NAME.test(key) || typeof value !== 'string' || !HEADER_VALUE.test(value)) {
      throw fail(new ServiceError('header', 'unknown', `Could not call ${name}: a header holds characters HTTP does not allow.`, { service: name }));
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

/**
 * The base URL as a directory (its path ends in `/`, so that `v2-admin` is never a sibling of
 * `v2`), the page it names (what `raw('')` calls: `https://pulsedive.com/api/info.php`, not
 * `info.php/`), and its query, sent with every call; a fragment is never sent.
 */
function parse(fail: Fail, name: string, baseUrl: string): { base: URL; page: string; query: [string, string][] } {
  let base: URL | undefined;
  try {
    base = new URL(baseUrl);
  } catch {
    base = undefined;
  }
  // Credentials in the URL would be sent to the service, and quoted by error messages.
  if (base === undefined || !['https:', 'http:'].includes(base.protocol) || base.username !== '' || base.password !== '') {
    throw fail(new ServiceError('path', 'unknown', `Could not call ${name}: its base URL is not a valid http(s) URL without credentials.`, { service: name }));
  }
  const query = [...base.searchParams];
  base.search = '';
  base.hash = '';
  const page = base.href;
  if (!base.pathname.endsWith('/')) base.pathname += '/';
  return { base, page, query };
}

// A `..` segment, as the URL standard reads one (`%2e` is a dot, `\` a slash in http(s)); `./` walks nowhere.
const DOUBLE_DOT = /(?:^|[/\\])(?:\.|%2e){2}(?:$|[/\\?#])/i;

/**
 * `path` under `base`, or a ServiceError: `../admin`, `%2e%2e/`, `//other-host/x` or an absolute
 * URL never leave it, and no segment walks up inside it (`ip/${encodeURIComponent('..')}/report`
 * would call the base's `report`: encodeURIComponent leaves dots alone).
 */
function resolve(fail: Fail, name: string, base: URL, path: string): URL {
  const refuse = (why: string) => fail(new ServiceError('path', 'unknown', `Could not call ${name}: ${why}.`, { service: name }));
  let url: URL;
  try {
    url = new URL(path.replace(/^\/+/, ''), base);
  } catch {
    throw refuse('the path is not a URL path');
  }
  if (!isUnder(base, url)) throw refuse("the path leaves the service's base URL");
  if (DOUBLE_DOT.test(path)) throw refuse('the path has a .. segment');
  return url;
}

function isUnder(base: URL, url: URL): boolean {
  return url.origin === base.origin && url.pathname.startsWith(base.pathname) && url.username === '' && url.password === '';
}

/** A redirect is followed only within the base URL, same origin: the credentials go nowhere else. */
function followRedirect(fail: Fail, name: string, base: URL, from: URL, location: string, status: number): URL {
  let next: URL | undefined;
  try {
    next = new URL(location, from);
  } catch {
    next = undefined;
  }
  if (next === undefined || !isUnder(base, next)) {
    throw fail(new ServiceError('answer', 'unknown', `Unexpected response from ${name}: a redirect away from its base URL (HTTP ${status}).`, { service: name, serviceStatus: status, reason: 'a redirect away' }));
  }
  return next;
}

/** The answer's bytes, at most `maxBytes` of them (decompressed): a larger one stops being read. */
function readAnswer(fail: Fail, name: string, response: Response, maxBytes: number): Promise<Uint8Array> {
  return readCapped(response, maxBytes, () => fail(new ServiceError('answer', 'unknown', `Unexpected response from ${name}: the answer is larger than ${maxBytes} bytes.`, {
    service: name, serviceStatus: response.status, reason: 'too large',
  })));
}
