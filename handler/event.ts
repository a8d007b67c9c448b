import { NOT_AN_EVENT } from './errors.ts';

/** What the pipeline needs of an API Gateway HTTP API event, checked and normalized. */
export interface RelayRequest {
  readonly method: string;
  readonly path: string;
  readonly authorization: string | undefined;
  readonly body: string | undefined;
  readonly isBase64Encoded: boolean;
  /** API Gateway's id, the one in its access log. */
  readonly requestId: string | undefined;
}

type Fields = Readonly<Record<string, unknown>>;

// Fatal: invalid UTF-8 throws rather than becoming U+FFFD and losing the client's data silently.
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Reads a payload format 2.0 event (docs.aws.amazon.com/apigateway/latest/developerguide/
 * http-api-develop-integrations-lambda.html). The event is `unknown` until checked here.
 */
export function readEvent(event: unknown): RelayRequest {
  const http = field(field(event, 'requestContext'), 'http');
  const method = field(http, 'method');
  const rawPath = field(event, 'rawPath');
  if (typeof method !== 'string' || typeof rawPath !== 'string') throw NOT_AN_EVENT;
  const headers = field(event, 'headers');
  // Header names arrive lower-cased; API Gateway joins repeated headers with commas.
  const authorization = field(headers, 'authorization');
  // A POST without a body has no `body` key at all; `null` and "" mean the same.
  const body = field(event, 'body');
  const requestId = field(field(event, 'requestContext'), 'requestId');
  return {
    method,
    path: trimSlash(rawPath),
    authorization: typeof authorization === 'string' ? authorization : undefined,
    body: typeof body === 'string' && body !== '' ? body : undefined,
    isBase64Encoded: field(event, 'isBase64Encoded') === true,
    requestId: typeof requestId === 'string' ? requestId : undefined,
  };
}

/** One trailing slash is accepted: `/health/` is `/health`. `rawPath` is already decoded. */
function trimSlash(path: string): string {
  return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
}

/**
 * The body as JSON, whatever the Content-Type says (as the Python template did).
 * `undefined` when there is none, or it is not UTF-8 JSON: the schema then reports
 * `Invalid input type.`
 */
export function readBody(request: RelayRequest): unknown {
  if (request.body === undefined) return undefined;
  try {
    const text = request.isBase64Encoded ? UTF8.decode(Buffer.from(request.body, 'base64')) : request.body;
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null && Object.hasOwn(value, name)
    ? (value as Fields)[name]
    : undefined;
}
