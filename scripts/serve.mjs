// `make serve`: the built relay (dist/index.mjs) behind a node:http server on 127.0.0.1, each
// request turned into the API Gateway HTTP API event (payload format 2.0) Lambda would receive.
// Environment: PORT (default 9090; 0 picks a free one), SECRET_KEY (default: a fresh dev secret).
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { importBuilt } from './dist.mjs';
import { generateSecret, signToken } from './token.mjs';

const HOST = '127.0.0.1';
// Lambda's limit for a synchronous invocation's payload.
export const MAX_BODY_BYTES = 6 * 1024 * 1024;
// What API Gateway passes as text; any other body (or none declared) arrives base64-encoded.
const TEXT_TYPES = /^(text\/|application\/(json|[a-z0-9.+-]*\+json|xml|javascript|x-www-form-urlencoded))/i;

function fail(message) {
  console.error(`serve: error: ${message}`);
  process.exit(1);
}

/** The payload format 2.0 event of one request (docs.aws.amazon.com/apigateway, "Working with AWS Lambda proxy integrations for HTTP APIs"). */
export function toEvent(request, body, port) {
  const url = new URL(request.url ?? '/', `http://${HOST}:${port}`);
  // Maps, turned into objects by Object.fromEntries: a header named `__proto__` or `constructor`
  // becomes an own property like any other.
  const headerMap = new Map();
  const cookies = [];
  const raw = request.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i].toLowerCase();
    if (name === 'cookie') cookies.push(...raw[i + 1].split(/;\s*/));
    // API Gateway joins repeated headers with commas.
    else headerMap.set(name, headerMap.has(name) ? `${headerMap.get(name)},${raw[i + 1]}` : raw[i + 1]);
  }
  const headers = Object.fromEntries(headerMap);
  const queryMap = new Map();
  for (const [name, value] of url.searchParams) queryMap.set(name, queryMap.has(name) ? `${queryMap.get(name)},${value}` : value);
  const query = Object.fromEntries(queryMap);
  // rawPath is the decoded path; a malformed escape stays as sent, as API Gateway does.
  const path = safeDecode(url.pathname);
  const now = new Date();
  const event = {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: url.search.slice(1),
    ...(cookies.length > 0 ? { cookies } : {}),
    headers,
    ...(url.search.length > 1 ? { queryStringParameters: query } : {}),
    requestContext: {
      accountId: 'anonymous',
      apiId: 'local',
      domainName: `${HOST}:${port}`,
      domainPrefix: 'local',
      http: {
        method: request.method,
        path,
        protocol: `HTTP/${request.httpVersion}`,
        sourceIp: request.socket.remoteAddress ?? HOST,
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey: '$default',
      stage: '$default',
      time: now.toISOString(),
      timeEpoch: now.getTime(),
    },
    isBase64Encoded: false,
  };
  if (body.length > 0) {
    const text = TEXT_TYPES.test(headers['content-type'] ?? '');
    event.body = text ? body.toString('utf8') : body.toString('base64');
    event.isBase64Encoded = !text;
  }
  return event;
}

function safeDecode(path) {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

function send(response, result) {
  response.writeHead(result.statusCode, result.headers);
  response.end(result.body);
}

async function main() {
  const rawPort = process.env.PORT ?? '9090';
  if (!/^[0-9]{1,5}$/.test(rawPort) || Number(rawPort) > 65535) fail(`PORT must be a port number, not ${JSON.stringify(rawPort)}`);
  const fresh = !process.env.SECRET_KEY;
  // The handler reads its environment once, when it is imported: set the secret first.
  if (fresh) process.env.SECRET_KEY = generateSecret();
  let relay;
  try {
    relay = await importBuilt();
  } catch (error) {
    fail(error.message);
  }
  const { handler, integration } = relay;

  let port;
  const server = createServer((request, response) => {
    const declared = Number(request.headers['content-length'] ?? 0);
    if (declared > MAX_BODY_BYTES) {
      send(response, tooLarge());
      request.resume();
      return;
    }
    const chunks = [];
    let size = 0;
    request.on('data', (chunk) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    request.on('end', () => {
      if (size > MAX_BODY_BYTES) return send(response, tooLarge());
      const event = toEvent(request, Buffer.concat(chunks), port);
      handler(event, { awsRequestId: event.requestContext.requestId }).then(
        (result) => send(response, result),
        // The handler never rejects; if it ever did, the server must stay up all the same.
        () => send(response, { statusCode: 502, headers: { 'content-type': 'application/json' }, body: '{"message":"Internal Server Error"}' }),
      );
    });
    request.on('error', () => response.destroy());
  });

  server.on('error', (error) => {
    fail(error.code === 'EADDRINUSE' ? `port ${rawPort} is in use; choose another with PORT=…` : error.message);
  });
  server.listen(Number(rawPort), HOST, () => {
    port = server.address().port;
    const url = `http://${HOST}:${port}`;
    const claims = Object.fromEntries(integration.claims.map(({ name }) => [name, `dev-${name}`]));
    const token = signToken(claims, process.env.SECRET_KEY);
    console.log(`XDR relay listening on ${url} (Ctrl-C to stop)`);
    console.log(fresh ? 'SECRET_KEY: a fresh random dev secret (set SECRET_KEY to choose one)' : 'SECRET_KEY: from the environment');
    console.log(`Dev JWT: ${token}`);
    console.log('Try:');
    console.log(`curl -s -X POST -H 'Authorization: Bearer ${token}' ${url}/health`);
  });

  const stop = () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

function tooLarge() {
  return {
    statusCode: 413,
    headers: { 'content-type': 'application/json', connection: 'close' },
    body: JSON.stringify({ message: 'Request Entity Too Large' }),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
