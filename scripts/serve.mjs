// `make serve`: the built relay (dist/index.mjs) behind a node:http server on 127.0.0.1, each
// request turned into the API Gateway HTTP API event (payload format 2.0) Lambda would receive.
// Environment: PORT (default 9090; 0 picks a free one); STAGE (the stage's secret and last JWT,
// from `make jwt`); else SECRET_KEY (default: a fresh dev secret) and a dev JWT. The integration's
// settings come from this environment, as they come from the function's in Lambda. EXAMPLE=<name>
// runs a worked example (test/<name>/integration.ts) against its fake service (test/<name>/fake.ts)
// instead of dist/index.mjs.
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createConsole, isOwnHost } from './console/server.mjs';
import { importBuilt, root } from './lib/dist.mjs';
import { UsageError } from './lib/cli.mjs';
import { deployed } from './lib/deployed.mjs';
import { checkStage, readPrivate, readSecrets, tokenPath } from './lib/secrets.mjs';
import { generateSecret, signToken } from './lib/token.mjs';

const HOST = '127.0.0.1';
// Lambda's limit for a synchronous invocation's payload.
export const MAX_BODY_BYTES = 6 * 1024 * 1024;
// A larger body is read to its end, up to this much, for the client to see the 413.
const DRAIN_BYTES = 64 * 1024 * 1024;
// What API Gateway passes as text; any other body (or none declared) arrives base64-encoded.
const TEXT_TYPES = /^(text\/|application\/(json|[a-z0-9.+-]*\+json|xml|javascript|x-www-form-urlencoded))/i;

function fail(message) {
  console.error(`serve: error: ${message}`);
  process.exit(1);
}

/**
 * The path and query string of a request target, split as written: never resolved as a URL, so
 * that `//`, `//[` or `//@` are paths like any other (a URL parser reads them as a host).
 */
export function splitTarget(target) {
  // The absolute form (`http://host/path`), which proxies send: keep what follows the authority.
  const path = target.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '');
  const question = path.indexOf('?');
  const hash = path.indexOf('#');
  const end = hash < 0 ? path.length : hash;
  return question < 0 || question > end
    ? { pathname: path.slice(0, end) || '/', search: '' }
    : { pathname: path.slice(0, question) || '/', search: path.slice(question + 1, end) };
}

/** The payload format 2.0 event of one request (docs.aws.amazon.com/apigateway, "Working with AWS Lambda proxy integrations for HTTP APIs"). */
export function toEvent(request, body, port) {
  const url = splitTarget(request.url ?? '/');
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
  for (const [name, value] of new URLSearchParams(url.search)) queryMap.set(name, queryMap.has(name) ? `${queryMap.get(name)},${value}` : value);
  const query = Object.fromEntries(queryMap);
  // rawPath is the decoded path; a malformed escape stays as sent, as API Gateway does.
  const path = safeDecode(url.pathname);
  const now = new Date();
  const event = {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: url.search,
    ...(cookies.length > 0 ? { cookies } : {}),
    headers,
    ...(url.search.length > 0 ? { queryStringParameters: query } : {}),
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

/** Where the secret and the JWT come from: the stage's files, or the environment, or a fresh dev secret. */
function credentials(env) {
  if (env.STAGE) {
    const stage = checkStage(env.STAGE, 'serve');
    const secrets = readSecrets(stage, (line) => console.error(`serve: ${line}`));
    const jwt = tokenPath(stage);
    if (secrets === undefined || readPrivate(jwt) === undefined) {
      throw new UsageError(`stage '${stage}' has no secret or no JWT yet: run make jwt STAGE=${stage}`);
    }
    return {
      env: { SECRET_KEY: secrets.current, ...(secrets.previous === undefined ? {} : { SECRET_KEY_PREVIOUS: secrets.previous }) },
      stage,
      // Read at each console call: a `make jwt STAGE=… ROTATE=1` meanwhile is taken into account.
      token: () => (readPrivate(jwt) ?? '').trim(),
      banner: `SECRET_KEY: stage '${stage}', with its last JWT (make jwt STAGE=${stage})`,
      // The JWT holds the stage's real claims: read from its file, never printed.
      authorization: `"Authorization: Bearer $(cat ${relative(process.cwd(), jwt) || jwt})"`,
    };
  }
  const secret = env.SECRET_KEY || generateSecret();
  return {
    env: { SECRET_KEY: secret },
    banner: env.SECRET_KEY ? 'SECRET_KEY: from the environment' : 'SECRET_KEY: a fresh random dev secret (set SECRET_KEY to choose one)',
    claims: true,
  };
}

/**
 * Reads a body of at most MAX_BODY_BYTES. A larger one is still read to its end (up to a bound),
 * then refused: a client that is still sending when the server closes gets a reset instead of
 * the 413.
 */
function readBody(request, done) {
  const declared = Number(request.headers['content-length'] ?? 0);
  const chunks = [];
  let size = 0;
  request.on('data', (chunk) => {
    size += chunk.length;
    if (size <= MAX_BODY_BYTES && declared <= MAX_BODY_BYTES) chunks.push(chunk);
    else if (size > DRAIN_BYTES) request.destroy();
  });
  request.on('end', () => done(size > MAX_BODY_BYTES || declared > MAX_BODY_BYTES ? undefined : Buffer.concat(chunks)));
  request.on('error', () => request.destroy());
}

/** The worked examples: the folders of test/ with an integration.ts and a fake.ts. */
export function examples() {
  const folder = join(root, 'test');
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && ['integration.ts', 'fake.ts'].every((file) => existsSync(join(folder, entry.name, file))))
    .map((entry) => entry.name)
    .sort();
}

/** Bundles a TypeScript file with esbuild (Node 20 runs no TypeScript) and imports it. */
async function importTypeScript(path) {
  const { build } = await import('esbuild');
  const result = await build({ entryPoints: [path], bundle: true, platform: 'node', format: 'esm', target: 'node20', write: false, logLevel: 'silent' });
  return import(`data:text/javascript;base64,${Buffer.from(result.outputFiles[0].text).toString('base64')}`);
}

/** EXAMPLE=<name>: the worked example's relay, and its fake service started on 127.0.0.1. */
async function startExample(name) {
  const known = examples();
  if (known.length === 0) throw new UsageError('EXAMPLE needs a worked example: a folder of test/ with an integration.ts and a fake.ts; this checkout has none');
  if (!known.includes(name)) throw new UsageError(`EXAMPLE must be one of ${known.join(', ')}, not ${JSON.stringify(name.slice(0, 40))}`);
  const { buildBundle, writeBundle } = await import('./build.mjs');
  let relay;
  let fake;
  try {
    // The bundle make build would make of a fork that copied the example, every file of it (its
    // source map too: the crash log reads it), in a folder removed when serve exits.
    const built = await buildBundle({ integration: join(root, 'test', name, 'integration.ts') });
    const folder = mkdtempSync(join(tmpdir(), 'relay-example-'));
    process.once('exit', () => rmSync(folder, { recursive: true, force: true }));
    relay = await import(pathToFileURL(writeBundle(folder, built)).href);
    // Checked as importBuilt checks dist/index.mjs: a mistake in the example is this one line.
    relay.listApis();
    fake = await (await importTypeScript(join(root, 'test', name, 'fake.ts'))).start();
  } catch (error) {
    throw new UsageError(`the worked example ${name} could not be built: ${error.errors?.[0]?.text ?? error.message}`);
  }
  return { relay, fake };
}

async function main() {
  const rawPort = process.env.PORT ?? '9090';
  if (!/^[0-9]{1,5}$/.test(rawPort) || Number(rawPort) > 65535) fail(`PORT must be a port number, not ${JSON.stringify(rawPort)}`);
  let relay;
  let given;
  let fake;
  const example = process.env.EXAMPLE || undefined;
  try {
    given = credentials(process.env);
    if (example === undefined) relay = await importBuilt();
    else ({ relay, fake } = await startExample(example));
  } catch (error) {
    fail(error.message);
  }
  const { createRelay, integration } = relay;
  // A required setting without a value: every request would answer 500. Said in make serve's terms
  // (the handler's own warning speaks of Terraform).
  // A worked example's settings point it at its fake.
  const env = { ...process.env, ...fake?.settings };
  const unset = (integration.settings ?? []).filter((setting) => setting.default === undefined && !env[setting.name]).map((setting) => setting.name);
  if (unset.length > 0) {
    console.error(`serve: warning: ${unset.join(', ')} not set: every request answers 500 until you run ${unset.map((name) => `${name}=… `).join('')}make serve`);
  }
  // The integration's settings and CTR_ENTITIES_LIMIT come from this environment; the secret from above.
  const handler = createRelay({ ...env, SECRET_KEY_PREVIOUS: undefined, ...given.env });
  let devToken;
  if (given.claims) {
    const claims = Object.fromEntries(integration.claims.map(({ name }) => [name, `dev-${name}`]));
    devToken = signToken(claims, given.env.SECRET_KEY);
  }
  const token = given.token ?? (() => devToken);

  let port;
  // The console (scripts/console/server.mjs): its calls reach the relay as XDR's would, with the token
  // added here; the page never sees it.
  const call = (path, body) => {
    const request = {
      url: path,
      method: 'POST',
      httpVersion: '1.1',
      rawHeaders: ['host', `${HOST}:${port}`, 'content-type', 'application/json', 'authorization', `Bearer ${token()}`, 'user-agent', 'relay-console'],
      socket: { remoteAddress: HOST },
    };
    const event = toEvent(request, Buffer.from(body), port);
    return handler(event, { awsRequestId: event.requestContext.requestId });
  };
  // The console's per-run key: only the browser that opens the printed link gets it (a cookie).
  const key = randomBytes(32).toString('base64url');
  let answerConsole;
  try {
    answerConsole = await createConsole({
      built: relay, call, stage: given.stage, url: given.stage && deployed(given.stage).url, key, example, sample: fake?.sample,
    });
  } catch (error) {
    fail(`the console could not start: ${error.message}`);
  }

  const server = createServer((request, response) => {
    readBody(request, async (body) => {
      if (body === undefined) return send(response, tooLarge());
      // DNS rebinding: a page of another site whose name now points at 127.0.0.1 sends its own
      // name as Host. Only this server's own names are answered.
      if (!isOwnHost(request.headers.host, port)) {
        return send(response, { statusCode: 421, headers: { 'content-type': 'application/json' }, body: '{"message":"Misdirected Request: use http://127.0.0.1 or http://localhost with this port"}' });
      }
      const page = await answerConsole(request, body, port).catch(() => ({ statusCode: 500, headers: {}, body: '' }));
      if (page !== undefined) return send(response, page);
      let event;
      try {
        event = toEvent(request, body, port);
      } catch {
        // No request may stop the server: whatever toEvent could not read is a 400.
        return send(response, { statusCode: 400, headers: { 'content-type': 'application/json' }, body: '{"message":"Bad Request"}' });
      }
      return handler(event, { awsRequestId: event.requestContext.requestId }).then(
        (result) => send(response, result),
        // The handler never rejects; if it ever did, the server must stay up all the same.
        () => send(response, { statusCode: 502, headers: { 'content-type': 'application/json' }, body: '{"message":"Internal Server Error"}' }),
      );
    });
  });

  server.on('error', (error) => {
    fail(error.code === 'EADDRINUSE' ? `port ${rawPort} is in use; choose another with PORT=…` : error.message);
  });
  server.listen(Number(rawPort), HOST, () => {
    port = server.address().port;
    const url = `http://${HOST}:${port}`;
    console.log(`XDR relay listening on ${url} (Ctrl-C to stop)`);
    console.log(given.banner);
    let authorization = given.authorization;
    if (given.claims) {
      console.log(`Dev JWT: ${devToken}`);
      authorization = `'Authorization: Bearer ${devToken}'`;
    }
    if (example !== undefined) console.log(`Worked example: ${example}, against its fake service on ${fake.url}`);
    console.log(`Console: ${url}/?key=${key} (what XDR will show; the link is its key: only your browser gets in)`);
    console.log('Try:');
    console.log(`curl -s -X POST -H ${authorization} ${url}/health`);
  });

  const stop = () => {
    void fake?.stop();
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
