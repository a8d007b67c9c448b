// Every error a client can see, in one place: the `code` strings of docs/relay-api.md, the HTTP
// status each one answers with, and the errors the pipeline answers most, built once.

/** The codes the template itself answers with, each documented in docs/relay-api.md. */
export const KNOWN_ERROR_CODES = [
  'authorization error',
  'invalid argument',
  'not found',
  'method not allowed',
  'too many requests',
  'service unavailable',
  'unknown',
] as const;

export type KnownErrorCode = (typeof KNOWN_ERROR_CODES)[number];

/**
 * An error's `code`: a known one, or any other non-empty string an integration answers with
 * (Cisco's relays send `key error`, `request timeout`, `web server is down`, ...). XDR shows the
 * code as is; lower case by convention. `string & {}` keeps the known ones offered by editors.
 */
export type ErrorCode = KnownErrorCode | (string & {});

/** One entry of XDR's `errors` array. */
export interface ErrorBody {
  readonly type: 'fatal';
  readonly code: ErrorCode;
  readonly message: string;
}

/** A failure the relay answers on purpose; anything else becomes a 500. */
export class RelayError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;

  constructor(
    code: ErrorCode,
    message: string,
    options: { status?: number; headers?: Record<string, string>; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    // An empty code is a bug in the relay, not an answer: XDR would show nothing to act on.
    if (typeof code !== 'string' || code === '') throw new TypeError('a RelayError needs a non-empty code');
    this.name = 'RelayError';
    this.code = code;
    // XDR reads errors from the body: the contract answers them with HTTP 200.
    this.status = options.status ?? 200;
    this.headers = options.headers ?? {};
  }

  toBody(): ErrorBody {
    return { type: 'fatal', code: this.code, message: this.message };
  }
}

/** `Authorization failed: <reason>`, HTTP 200. */
export function authorizationError(reason: string): RelayError {
  return new RelayError('authorization error', `Authorization failed: ${reason}`);
}

/** `Invalid JSON payload received. <errors>.`, HTTP 200. */
export function invalidArgument(fieldErrors: unknown): RelayError {
  return new RelayError(
    'invalid argument',
    `Invalid JSON payload received. ${JSON.stringify(fieldErrors)}.`,
  );
}

/** A declared setting has no value: a deployment mistake, answered without naming the value. */
export function settingMissing(name: string): RelayError {
  return new RelayError('unknown', `The relay is not configured: the setting ${name} is missing.`, { status: 500 });
}

// Rejections are an attacker's hot path: the errors below are built once, so that no stack trace
// is captured per request. They carry no `cause` for the same reason. Nor a stack of their own:
// they are answers, never logged, and capturing 18 stack traces cost each cold start ~0.05 ms
// (make bench's import row; the limit is back as it was before any other code runs).
const stackTraceLimit = Error.stackTraceLimit;
Error.stackTraceLimit = 0;

export const HEADER_MISSING = authorizationError('Authorization header is missing');
export const WRONG_TYPE = authorizationError('Wrong authorization type');
export const WRONG_STRUCTURE = authorizationError('Wrong JWT structure');
export const WRONG_KEY = authorizationError('Failed to decode JWT with provided key');
export const SECRET_MISSING = authorizationError('<SECRET_KEY> is missing');
export const WRONG_PAYLOAD = authorizationError('Wrong JWT payload structure');
export const EXPIRED = authorizationError('JWT has expired');
export const NOT_YET_VALID = authorizationError('JWT is not yet valid');
// XDR's RS256 configuration tokens, in the words of Cisco's own relays where they have some.
export const JWKS_HOST_MISSING = authorizationError('jwks_host is missing in JWT payload. Make sure custom_jwks_host field is present in module_type');
export const WRONG_JWKS_HOST = authorizationError('Wrong jwks_host in JWT payload. Make sure domain follows the visibility.<region>.cisco.com structure');
export const KID_NOT_FOUND = authorizationError('kid from JWT header not found in API response');
export const JWKS_UNAVAILABLE = authorizationError('Could not get the public keys of jwks_host; try again later');
export const WRONG_RS256_KEY = authorizationError('Failed to decode JWT with provided key. Make sure domain in custom_jwks_host corresponds to your XDR instance region.');
export const WRONG_AUDIENCE = authorizationError('Wrong configuration-token-audience');

/** 405: every route of the contract is a POST (docs/relay-api.md). */
export const METHOD_NOT_ALLOWED = new RelayError('method not allowed', 'The method is not allowed for the requested URL.', {
  status: 405,
  headers: { allow: 'POST' },
});

// The words of Flask's own 404 page, which the Python template answered with.
export const NOT_FOUND = new RelayError('not found', 'The requested URL was not found on the server.', { status: 404 });

/** What the handler answers to anything that is not an API Gateway HTTP API event. */
export const NOT_AN_EVENT = new RelayError(
  'invalid argument',
  'Expected an API Gateway HTTP API event (payload format 2.0).',
  { status: 400 },
);

/** What an unplanned exception answers: the details go to the log, never to the client. */
export const CRASH = new RelayError('unknown', 'Something went wrong.', { status: 500 });

Error.stackTraceLimit = stackTraceLimit;
