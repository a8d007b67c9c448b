// OAuth 2.0 client credentials (RFC 6749 §4.4), the way many of Cisco's relays reach their
// service (Microsoft's APIs through Azure AD, Google's, Okta's): the relay trades a client id and
// secret for an access token, then sends `Authorization: Bearer <token>` with each call. Cisco's
// Python relays fetched a new token for every request; this one keeps it across warm invocations,
// keyed by the credentials (a keyed hash of all of them: never shared between two sets, never a
// readable secret in a key), at most MAX_TOKENS of them, refreshed before it expires, with one
// fetch in flight per key. The token endpoint is called through the kit's service client, so
// every safety of handler/kit/service.ts holds: the call's timeout and the request's deadline,
// a size cap, redirects kept under its URL, TLS failures named.
import { createHmac, randomBytes } from 'node:crypto';
import { RelayError } from '../contract.ts';
import type { Context } from '../contract.ts';
import { currentScope } from '../scope.ts';
import { ServiceError, statusError } from './failures.ts';
import { createService, type Service, type ServiceOptions } from './service.ts';

export interface ClientCredentials {
  /** The token endpoint: `https://login.microsoftonline.com/<tenant>/oauth2/v2.0/token`. */
  readonly tokenUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** Form fields sent beside them: `scope` (OAuth 2.0), or `resource` (Azure AD's v1 endpoint). */
  readonly params?: Readonly<Record<string, string>>;
  /**
   * How the client authenticates: in the form (`post`, the default: Azure AD, Google) or with
   * HTTP Basic (`basic`, RFC 6749 §2.3.1: Okta, Cisco XDR's own API).
   */
  readonly clientAuth?: 'post' | 'basic';
}

/** A token endpoint's failure, for an integration that words it its own way. */
export interface TokenFailure {
  /** The endpoint's HTTP status; a 2xx when its answer held no usable access token. */
  readonly status: number;
  /**
   * Its `error_description` (RFC 6749 §5.2), as Cisco's relays quote it: printable characters
   * only, the client secret blanked, at most 500 characters; `undefined` when there is none.
   */
  readonly description: string | undefined;
}

export interface TokenOptions {
  /** The service's name, for the messages XDR shows. */
  readonly name: string;
  /** Per token call (the request's deadline holds too). */
  readonly timeoutMs?: number;
  /** The most a token answer may hold. */
  readonly maxBytes?: number;
  /** Injected by tests; the global fetch otherwise. */
  readonly fetch?: typeof fetch;
  /** Your words for a failure (a Cisco relay's), or `undefined` to answer the kit's. */
  readonly errors?: (failure: TokenFailure) => RelayError | undefined;
  /** The clock of expiries (tests inject one). */
  readonly now?: () => number;
  /** Where tokens are kept: the relay's one cache unless a test gives its own. */
  readonly cache?: TokenCache;
}

interface Entry {
  /** The Authorization header's value, once fetched. */
  token?: string;
  /** From then on the token is fetched again (a margin before it expires). */
  refreshAt: number;
  /** The fetch in flight, shared by every caller meanwhile, and the request that started it. */
  pending?: Promise<string>;
  owner?: Context | undefined;
}

/** Tokens by a keyed hash of their credentials, oldest use first. */
export interface TokenCache {
  readonly entries: Map<string, Entry>;
  readonly max: number;
}

/** Distinct credentials kept at most: a relay serves a few tenants, and each token is ~2 KB. */
export const MAX_TOKENS = 100;
/** A token answer is a few KB (Azure AD's JWTs ~1.5 KB): 64 KB is plenty, and bounds a hostile one. */
export const DEFAULT_TOKEN_BYTES = 64 * 1024;
/** Without `expires_in` (RFC 6749 §5.1 only recommends it), a token is kept this long. */
export const DEFAULT_LIFETIME_MS = 5 * 60 * 1000;
/** However long the endpoint says a token lasts, it is fetched again after a day. */
export const MAX_LIFETIME_MS = 24 * 3600 * 1000;
/** Fetched again this long before it expires (half its lifetime, for a short one). */
export const REFRESH_MARGIN_MS = 60 * 1000;

export function createTokenCache(max = MAX_TOKENS): TokenCache {
  return { entries: new Map(), max };
}

const shared = createTokenCache();
// A key is an HMAC under a key of this process: nothing in it to test a guessed secret against.
const KEYING = randomBytes(32);
// RFC 6750 §2.1: what a bearer token may hold, so that it cannot break the header it goes in.
const TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/;
// RFC 9110 §11.1: an auth-scheme is a token.
const SCHEME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]{1,32}$/;

function keyOf(credentials: ClientCredentials): string {
  // An object's keys are distinct: never equal.
  const params = Object.entries(credentials.params ?? {}).sort(([a], [b]) => (a < b ? -1 : 1));
  const fields = [credentials.tokenUrl, credentials.clientId, credentials.clientSecret, credentials.clientAuth ?? 'post', params];
  return createHmac('sha256', KEYING).update(JSON.stringify(fields)).digest('base64url');
}

/**
 * The `Authorization` header's value for these credentials (`Bearer eyJ0...`): the cached token
 * while it is fresh, else one fetched (one fetch per key at a time), or the endpoint's failure as
 * a RelayError.
 */
export async function fetchToken(credentials: ClientCredentials, options: TokenOptions): Promise<string> {
  return (await obtain(credentials, options)).token;
}

/** Drops the cached token of these credentials (the service refused it): the next call fetches one. */
export function forgetToken(credentials: ClientCredentials, cache: TokenCache = shared): void {
  cache.entries.delete(keyOf(credentials));
}

/** The token, and whether it was fetched for this call (not taken from the cache). */
async function obtain(credentials: ClientCredentials, options: TokenOptions): Promise<{ token: string; fetched: boolean }> {
  const { cache = shared, now = Date.now } = options;
  const key = keyOf(credentials);
  let waited = false;
  for (;;) {
    const entry = cache.entries.get(key);
    if (entry?.token !== undefined && now() < entry.refreshAt) {
      // Used last, evicted last.
      cache.entries.delete(key);
      cache.entries.set(key, entry);
      return { token: entry.token, fetched: false };
    }
    if (entry?.pending === undefined) return { token: await start(cache, key, credentials, options), fetched: true };
    try {
      return { token: await entry.pending, fetched: true };
    } catch (error) {
      // Started by another request (make serve answers several at once), whose deadline may have
      // cut it short: this one tries once itself.
      if (waited || entry.owner === currentScope()) throw error;
      waited = true;
    }
  }
}

function start(cache: TokenCache, key: string, credentials: ClientCredentials, options: TokenOptions): Promise<string> {
  const entry: Entry = cache.entries.get(key) ?? { refreshAt: 0 };
  entry.owner = currentScope();
  cache.entries.delete(key);
  cache.entries.set(key, entry);
  for (const oldest of cache.entries.keys()) {
    if (cache.entries.size <= cache.max) break;
    cache.entries.delete(oldest);
  }
  const pending = request(credentials, options).then(
    ({ token, refreshAt }) => {
      entry.token = token;
      entry.refreshAt = refreshAt;
      delete entry.pending;
      return token;
    },
    (error: unknown) => {
      delete entry.pending;
      throw error;
    },
  );
  entry.pending = pending;
  return pending;
}

/** One call to the token endpoint: the header's value and when to fetch it again, or a RelayError. */
async function request(credentials: ClientCredentials, options: TokenOptions): Promise<{ token: string; refreshAt: number }> {
  const { name, now = Date.now } = options;
  const service = createService({
    name,
    baseUrl: credentials.tokenUrl,
    maxBytes: options.maxBytes ?? DEFAULT_TOKEN_BYTES,
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
  });
  const basic = credentials.clientAuth === 'basic';
  const form = {
    grant_type: 'client_credentials',
    ...(basic ? {} : { client_id: credentials.clientId, client_secret: credentials.clientSecret }),
    ...credentials.params,
  };
  // RFC 6749 §2.3.1: the id and secret form-encoded, then joined and base64-encoded.
  const headers = basic
    ? { authorization: `Basic ${Buffer.from(`${formEncode(credentials.clientId)}:${formEncode(credentials.clientSecret)}`).toString('base64')}` }
    : undefined;
  // RFC 6749 §5.1: expires_in counts from the answer; counting from the request errs early.
  const sent = now();
  // The token URL itself (`raw('')`), never `token/`.
  const answer = await service.raw('', { method: 'POST', form, ...(headers === undefined ? {} : { headers }) });
  let body: Record<string, unknown> = {};
  try {
    const parsed = answer.json();
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) body = parsed as Record<string, unknown>;
  } catch {
    // An HTML page, say: no token, no description.
  }
  const failed = (status: number, description?: string) =>
    options.errors?.({ status, description }) ?? defaultError(name, status, description);
  if (answer.status < 200 || answer.status > 299) throw failed(answer.status, describe(body['error_description'], credentials.clientSecret));
  const { access_token: token, token_type: type = 'Bearer' } = body;
  if (typeof token !== 'string' || !TOKEN.test(token) || typeof type !== 'string' || !SCHEME.test(type)) throw failed(answer.status);
  const lifetime = lifetimeMs(body['expires_in']);
  // RFC 6749 §5.1: token_type is case-insensitive; RFC 6750 writes the scheme `Bearer`.
  return {
    token: `${type.toLowerCase() === 'bearer' ? 'Bearer' : type} ${token}`,
    refreshAt: sent + lifetime - Math.min(REFRESH_MARGIN_MS, lifetime / 2),
  };
}

/**
 * The kit's words for a failure, as Cisco's Microsoft relays answer them: a refused client (Azure
 * AD answers 400 or 401) is an authorization error quoting the endpoint's description; any other
 * status is the service client's; an answer without a token is unexpected. Each a ServiceError
 * (kind `status` or `answer`, the endpoint's status, its description as `reason`).
 */
function defaultError(name: string, status: number, description: string | undefined): ServiceError {
  const details = { service: name, serviceStatus: status, reason: description };
  if (status === 400 || status === 401) {
    return new ServiceError('status', 'authorization error', `Authorization failed: ${description ?? `${name} refused the client credentials (HTTP ${status}).`}`, details);
  }
  if (status >= 200 && status <= 299) {
    return new ServiceError('answer', 'unknown', `Unexpected response from ${name}: the answer holds no access token.`, { ...details, reason: 'no access token' });
  }
  return statusError(name, status, description);
}

/** The endpoint's `error_description`, fit to quote: printable, the secret blanked, cut to 500. */
function describe(value: unknown, secret: string): string | undefined {
  if (typeof value !== 'string') return undefined;
  // Azure AD writes `\r\n` between its sentences and trace ids.
  let text = value.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').trim();
  if (secret !== '') text = text.replaceAll(secret, '[redacted]');
  if (text.length > 500) text = `${text.slice(0, 499)}…`;
  return text === '' ? undefined : text;
}

/**
 * How long a token lasts. RFC 6749 §5.1: `expires_in`, seconds, recommended; Azure AD's v1
 * endpoint writes it as a string (`"3599"`). Missing or unreadable: DEFAULT_LIFETIME_MS; negative:
 * 0 (used once, never kept); more than a day: a day.
 */
function lifetimeMs(value: unknown): number {
  const seconds = typeof value === 'number' ? value : typeof value === 'string' && /^\s*-?\d{1,12}\s*$/.test(value) ? Number(value) : Number.NaN;
  if (Number.isNaN(seconds)) return DEFAULT_LIFETIME_MS;
  return Math.min(Math.max(seconds * 1000, 0), MAX_LIFETIME_MS);
}

/** application/x-www-form-urlencoded, one value (RFC 6749 Appendix B). */
function formEncode(value: string): string {
  return new URLSearchParams([['', value]]).toString().slice(1);
}

export interface OAuthServiceOptions extends ServiceOptions {
  /** Every call carries a token for these credentials. */
  readonly credentials: ClientCredentials;
  /** How tokens are fetched and kept; their name, fetch and timeout default to the service's. */
  readonly tokens?: Omit<TokenOptions, 'name'> & { readonly name?: string };
}

/**
 * `createService` whose every call carries `Authorization: <the token>`. A 401 on a token taken
 * from the cache (revoked, or expired early) drops it, and the call is sent once more with a new
 * one (Cisco's Microsoft Graph Security relay does the same); the second answer stands.
 */
export function createOAuthService(options: OAuthServiceOptions): Service {
  const { credentials, tokens, ...serviceOptions } = options;
  const fetcher = options.fetch ?? fetch;
  const tokenOptions: TokenOptions = {
    name: options.name,
    fetch: fetcher,
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    ...tokens,
  };
  // The service client always passes its headers, as an object.
  const send = (input: Parameters<typeof fetch>[0], init: RequestInit, token: string) =>
    fetcher(input, { ...init, headers: { ...(init.headers as Record<string, string>), authorization: token } });
  const authorized = async (input: Parameters<typeof fetch>[0], init: RequestInit): Promise<Response> => {
    const { token, fetched } = await obtain(credentials, tokenOptions);
    const response = await send(input, init, token);
    if (response.status !== 401 || fetched) return response;
    await response.body?.cancel();
    const entries = (tokenOptions.cache ?? shared).entries;
    // Unless another call has already put a newer token in its place.
    if (entries.get(keyOf(credentials))?.token === token) forgetToken(credentials, tokenOptions.cache);
    return send(input, init, (await obtain(credentials, tokenOptions)).token);
  };
  return createService({ ...serviceOptions, fetch: authorized as typeof fetch });
}
