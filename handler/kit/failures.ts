// What the service client says when a call fails: a ServiceError with its kind, the service's
// status and a reason, so that a relay keeping Cisco's wording reads fields, never message
// strings; the default mapping of a status to the error XDR shows; and the per-service `messages`
// and `statuses` a relay declares on createService instead of a `switch` of its own.
import { RelayError, type ErrorCode } from '../contract.ts';

/** Why a call failed. */
export type ServiceErrorKind =
  /** The service's certificate was not trusted: `reason` holds OpenSSL's words. */
  | 'tls'
  /** No answer within the call's own timeout. */
  | 'timeout'
  /** The request's deadline came before the call could finish, or start. */
  | 'deadline'
  /** No connection: `reason` holds Node's code (`ECONNREFUSED`). */
  | 'network'
  /** An answer of a status the JSON mode does not take: `serviceStatus` holds it. */
  | 'status'
  /** A header HTTP cannot send (a key with a line break), refused before anything is sent. */
  | 'header'
  /** An answer that cannot be read: not JSON, over the size cap, a redirect away, too many redirects. */
  | 'answer'
  /** A path that would leave the base URL, walk up it (`..`), or is no URL path at all. */
  | 'path';

/** A failure of the service client: a RelayError (what XDR is shown) that says what happened. */
export class ServiceError extends RelayError {
  /** The service's name, as given to createService. */
  readonly service: string;
  readonly kind: ServiceErrorKind;
  /**
   * The service's HTTP status, when it answered one (`status` is the relay's own answer's, 200,
   * as for every RelayError).
   */
  readonly serviceStatus: number | undefined;
  /** OpenSSL's words (tls), Node's code (network), the service's own text read by `detail` (status). */
  readonly reason: string | undefined;

  constructor(
    kind: ServiceErrorKind,
    code: ErrorCode,
    message: string,
    details: { service: string; serviceStatus?: number | undefined; reason?: string | undefined; cause?: unknown },
  ) {
    super(code, message, details.cause === undefined ? {} : { cause: details.cause });
    this.name = 'ServiceError';
    this.kind = kind;
    this.service = details.service;
    this.serviceStatus = details.serviceStatus;
    this.reason = details.reason;
  }
}

/**
 * A relay's own words for the kit's failures, per kind (statuses have `statuses`): each returns
 * the error XDR is shown instead, e.g. OpenSSL's reason unchanged, as some of Cisco's relays say
 * it: `tls: (error) => new RelayError('unknown', `Unable to verify SSL certificate: ${error.reason}`)`.
 */
export type ServiceMessages = {
  readonly [Kind in Exclude<ServiceErrorKind, 'status'>]?: (error: ServiceError) => RelayError;
};

/** Node's (undici's) codes for a certificate it would not trust, in OpenSSL 1.1's words (X509_verify_cert_error_string). */
const TLS_REASONS: ReadonlyMap<string, string> = new Map([
  ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'unable to verify the first certificate'],
  ['UNABLE_TO_GET_ISSUER_CERT', 'unable to get issuer certificate'],
  ['UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'unable to get local issuer certificate'],
  ['SELF_SIGNED_CERT_IN_CHAIN', 'self signed certificate in certificate chain'],
  ['DEPTH_ZERO_SELF_SIGNED_CERT', 'self signed certificate'],
  ['CERT_HAS_EXPIRED', 'certificate has expired'],
  ['CERT_NOT_YET_VALID', 'certificate is not yet valid'],
  ['CERT_UNTRUSTED', 'certificate not trusted'],
  ['CERT_REJECTED', 'certificate rejected'],
  ['ERR_TLS_CERT_ALTNAME_INVALID', 'hostname mismatch'],
]);
const CODE = /^[A-Z][A-Z0-9_]{1,40}$/;

/** What an HTTP status of the service means for XDR, by default. */
export function statusError(name: string, status: number, reason?: string): ServiceError {
  const at = `(HTTP ${status})`;
  const error = (code: ErrorCode, message: string) => new ServiceError('status', code, message, { service: name, serviceStatus: status, reason });
  if (status === 401 || status === 403) return error('authorization error', `Authorization failed: ${name} refused the credentials ${at}.`);
  if (status === 404) return error('not found', `${name} has no such resource ${at}.`);
  if (status === 429) return error('too many requests', `Too many requests to ${name}; try again later ${at}.`);
  if (status >= 500) return error('service unavailable', `${name} is unavailable; try again later ${at}.`);
  return error('unknown', `Unexpected response from ${name} ${at}.`);
}

export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError');
}

/** A call that got no answer: timeout, network or TLS failure, named by its code only. */
export function failure(name: string, timeoutMs: number, error: unknown): ServiceError {
  const service = { service: name, cause: error };
  if (isAbort(error)) return new ServiceError('timeout', 'service unavailable', `${name} did not answer within ${timeoutMs} ms.`, service);
  // fetch rejects with `TypeError: fetch failed`, the reason in its `cause`.
  const cause = error instanceof Error && error.cause !== undefined ? error.cause : error;
  const raw = typeof cause === 'object' && cause !== null && 'code' in cause ? String(cause.code) : '';
  const code = CODE.test(raw) ? raw : '';
  const reason = TLS_REASONS.get(code);
  // Python's str.capitalize(), as Cisco's Pulsedive and Defender relays write OpenSSL's words.
  if (reason !== undefined) return new ServiceError('tls', 'unknown', `Unable to verify SSL certificate: ${reason[0]?.toUpperCase()}${reason.slice(1)}`, { ...service, reason });
  if (code.startsWith('ERR_TLS_') || code.startsWith('ERR_SSL_')) return new ServiceError('tls', 'unknown', `Unable to verify SSL certificate: ${code}`, { ...service, reason: code });
  return new ServiceError('network', 'service unavailable', `Could not reach ${name}: ${code || 'network error'}.`, { ...service, reason: code || undefined });
}

/** The request's deadline came before the call could finish, or start. */
export function outOfTime(name: string, cause?: unknown): ServiceError {
  return new ServiceError('deadline', 'service unavailable', `${name} could not be called before the relay's deadline.`, { service: name, cause });
}
