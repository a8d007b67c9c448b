// Every error a client can see: the contract's `code` strings, kept in one place
// (../shared/relay-contract.md), with the HTTP status each one answers with.

export type ErrorCode =
  | 'authorization error'
  | 'invalid argument'
  | 'not found'
  | 'method not allowed'
  | 'too many requests'
  | 'service unavailable'
  | 'unknown';

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

// The words of Flask's own 404 and 405 pages, which the Python template answered with.
export const NOT_FOUND = 'The requested URL was not found on the server.';
export const METHOD_NOT_ALLOWED = 'The method is not allowed for the requested URL.';
export const SOMETHING_WENT_WRONG = 'Something went wrong.';
