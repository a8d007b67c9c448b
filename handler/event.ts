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
  // Each field read where it is named, not through one shared `field(value, name)`: there, every
  // read was the same keyed load of many shapes and names, which V8 leaves generic (megamorphic):
  // a third of this function's 5 k instructions a request (callgrind, Node 20). What is kept is
  // still only an object's own property (`own`).
  if (!isObject(event)) throw NOT_AN_EVENT;
  const context = own(event, 'requestContext', event['requestContext']);
  const http = isObject(context) ? own(context, 'http', context['http']) : undefined;
  const method = isObject(http) ? own(http, 'method', http['method']) : undefined;
  const rawPath = own(event, 'rawPath', event['rawPath']);
  if (typeof method !== 'string' || typeof rawPath !== 'string') throw NOT_AN_EVENT;
  const headers = own(event, 'headers', event['headers']);
  // Header names arrive lower-cased; API Gateway joins repeated headers with commas.
  const authorization = isObject(headers) ? own(headers, 'authorization', headers['authorization']) : undefined;
  // A POST without a body has no `body` key at all; `null` and "" mean the same.
  const body = own(event, 'body', event['body']);
  // An object: its `http` had a method.
  const requestId = own(context as Fields, 'requestId', (context as Fields)['requestId']);
  return {
    method,
    path: trimSlash(rawPath),
    authorization: typeof authorization === 'string' ? authorization : undefined,
    body: typeof body === 'string' && body !== '' ? body : undefined,
    isBase64Encoded: event['isBase64Encoded'] === true && Object.hasOwn(event, 'isBase64Encoded'),
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

function isObject(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null;
}

/** `value`, read as `object[name]`, if it is the object's own property; never an inherited one. */
function own(object: Fields, name: string, value: unknown): unknown {
  return value === undefined || Object.hasOwn(object, name) ? value : undefined;
}
