import type { RelayError } from './errors.ts';

/** The Lambda proxy result API Gateway expects (payload format 2.0). */
export interface Result {
  readonly statusCode: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

const JSON_TYPE = 'application/json';
// The headers of nearly every answer, built once (no spread per request); frozen, as they are shared.
const JSON_HEADERS: Readonly<Record<string, string>> = Object.freeze({ 'content-type': JSON_TYPE });

/** A JSON answer; throws if `body` cannot be serialized, which the caller counts as a crash. */
export function writeJson(statusCode: number, body: object, headers?: Readonly<Record<string, string>>): Result {
  return { statusCode, headers: headers === undefined ? JSON_HEADERS : { ...headers, 'content-type': JSON_TYPE }, body: JSON.stringify(body) };
}

/** XDR's error envelope: `{"errors": [{"type": "fatal", "code", "message"}]}`. */
export function writeError(error: RelayError): Result {
  return writeJson(error.status, { errors: [error.toBody()] }, error.headers);
}
