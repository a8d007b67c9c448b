// The console's side of `make serve` (scripts/serve.mjs): the page's files at `/` and
// `/console/…`, and two endpoints the page calls. Never in the Lambda bundle: nothing under
// handler/ imports this folder.
//
// The page never holds the secret or the JWT: it asks `POST /console/api/call` for a route, and
// serve.mjs's `call` adds the token. Other pages open in the same browser cannot use the server
// (scripts/serve.mjs refuses any Host but 127.0.0.1 or localhost with its port, against DNS
// rebinding), and the console's endpoints answer only same-origin requests.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from '../lib/dist.mjs';
import { AUTHS, moduleType } from '../module-type.mjs';

const FOLDER = join(root, 'scripts', 'console');
// The page's files, by URL path: a fixed list, never a path taken from the request.
const FILES = new Map([
  ['/', ['index.html', 'text/html; charset=utf-8']],
  ['/console/console.css', ['console.css', 'text/css; charset=utf-8']],
  ['/console/console.mjs', ['console.mjs', 'text/javascript; charset=utf-8']],
  ['/console/render.mjs', ['render.mjs', 'text/javascript; charset=utf-8']],
  ['/console/extract.mjs', ['extract.mjs', 'text/javascript; charset=utf-8']],
  ['/console/tlds.mjs', ['tlds.mjs', 'text/javascript; charset=utf-8']],
]);
// The routes the console may call: XDR's order of an investigation, then health on demand.
const ROUTES = ['deliberate/observables', 'observe/observables', 'refer/observables', 'health'];
const CHECK = join(root, 'test', 'lib', 'ctim-check.ts');
// The JSON the page sends: a list of observables is far below this.
const MAX_CALL_BYTES = 1024 * 1024;

const SECURITY_HEADERS = {
  // Only the page's own files and calls; no inline script, no framing by another page.
  'content-security-policy': "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'none'; base-uri 'none'; frame-ancestors 'none'",
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'cross-origin-resource-policy': 'same-origin',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

/** Whether a Host header names this server: 127.0.0.1 or localhost, with its port. */
export function isOwnHost(host, port) {
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

/**
 * Whether a request comes from the console's own page (or from no browser at all): a browser
 * says where a call comes from in Sec-Fetch-Site, and in Origin on every cross-origin call and
 * every POST (Fetch Standard, "Origin header"; W3C Fetch Metadata).
 */
export function isSameOrigin(headers, port) {
  const site = headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin') return false;
  const origin = headers.origin;
  return origin === undefined || origin === `http://${headers.host}` && isOwnHost(headers.host, port);
}

function json(statusCode, value) {
  return { statusCode, headers: { 'content-type': 'application/json', ...SECURITY_HEADERS }, body: JSON.stringify(value) };
}

/**
 * Bundles the CTIM check (test/lib/ctim-check.ts, node: built-ins only) with esbuild and loads
 * it: `checkAnswer(path, answer)`, or a reason why there is none.
 */
export async function loadCheck(path = CHECK) {
  if (!existsSync(path)) return { reason: 'no CTIM check: test/lib/ctim-check.ts is missing' };
  let code;
  try {
    const { build } = await import('esbuild');
    const result = await build({
      entryPoints: [path], bundle: true, platform: 'node', format: 'esm', target: 'node20', write: false, logLevel: 'silent',
    });
    code = result.outputFiles[0].text;
  } catch (error) {
    return { reason: `the CTIM check could not be bundled: ${error.errors?.[0]?.text ?? error.message}` };
  }
  let module;
  try {
    module = await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
  } catch (error) {
    return { reason: `the CTIM check could not be loaded: ${error.message}` };
  }
  if (typeof module.checkAnswer !== 'function') return { reason: 'the CTIM check exports no checkAnswer' };
  return { checkAnswer: module.checkAnswer, release: typeof module.CTIM_RELEASE?.version === 'string' ? module.CTIM_RELEASE.version : null };
}

/**
 * The module type XDR's admin sees for each AUTH: the form's fields and the capabilities. Never
 * the hs256 secret: `secret` is not passed, so `configuration-token-key` is left out.
 */
export function moduleTypes({ apis, claims, url }) {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  return AUTHS.map((auth) => {
    try {
      const type = moduleType({ apis, claims, pkg, auth, url: url ?? 'https://relay.example/' });
      return { auth, title: type.title, tips: type.tips, fields: type.configuration_spec, capabilities: type.capabilities };
    } catch (error) {
      return { auth, error: error.message };
    }
  });
}

/**
 * The console's request handler. `call(path, body)` runs the relay with the token added and
 * resolves to `{ statusCode, body }`; `built` is what the bundle exports. Returns a function of
 * (request, body, port) that answers `{ statusCode, headers, body }`, or undefined for a request
 * that is not the console's (the relay's routes).
 */
export async function createConsole({ built, call, stage, url, now = () => performance.now() }) {
  // Bundled while the server starts listening (~0.3 s): the console's first call waits for it,
  // `make serve`'s start and the relay's routes never do.
  const checking = loadCheck();
  const info = {
    name: built.name,
    version: built.version,
    stage: stage ?? null,
    apis: built.apis,
    observableTypes: built.integration.observableTypes,
    moduleTypes: moduleTypes({ apis: built.apis, claims: built.integration.claims, url }),
  };

  async function callRoute(raw) {
    let request;
    try {
      request = JSON.parse(raw.toString('utf8'));
    } catch {
      return json(400, { message: 'The body is not JSON.' });
    }
    const route = request?.route;
    if (!ROUTES.includes(route) || !built.apis.includes(route)) return json(400, { message: `Not a route the console calls: ${JSON.stringify(route)}` });
    const body = route === 'health' ? '' : JSON.stringify(request.observables ?? []);
    const started = now();
    const result = await call(`/${route}`, body);
    const ms = Math.round((now() - started) * 10) / 10;
    let answer;
    try {
      answer = JSON.parse(result.body);
    } catch {
      answer = result.body;
    }
    const check = await checking;
    const findings = check.checkAnswer !== undefined && result.statusCode === 200 ? safeCheck(check.checkAnswer, `/${route}`, answer) : [];
    return json(200, { route, status: result.statusCode, ms, answer, findings });
  }

  return async (request, body, port) => {
    const path = (request.url ?? '').replace(/[?#].*/s, '');
    const read = request.method === 'GET' || request.method === 'HEAD';
    const file = FILES.get(path);
    if (file !== undefined && read) {
      // Read at each request: edit the page, reload it.
      const content = readFileSync(join(FOLDER, file[0]));
      return { statusCode: 200, headers: { 'content-type': file[1], ...SECURITY_HEADERS }, body: request.method === 'HEAD' ? '' : content };
    }
    // `/` is the relay's for any other method (XDR never calls it; the relay answers 404).
    if (!path.startsWith('/console/')) return undefined;
    if (!isSameOrigin(request.headers, port)) return json(403, { message: 'The console answers its own page only.' });
    if (path === '/console/api/info' && request.method === 'GET') {
      const check = await checking;
      // Why answers are not checked, or null; the CTIM release the check follows.
      return json(200, { ...info, check: check.checkAnswer === undefined ? check.reason : null, ctim: check.release ?? null });
    }
    if (path === '/console/api/call' && request.method === 'POST') {
      if (!/^application\/json\b/.test(request.headers['content-type'] ?? '')) return json(415, { message: 'Send JSON.' });
      if (body.length > MAX_CALL_BYTES) return json(413, { message: 'Request Entity Too Large' });
      return callRoute(body);
    }
    return json(404, { message: 'Not found' });
  };
}

function safeCheck(checkAnswer, path, answer) {
  try {
    return checkAnswer(path, answer);
  } catch (error) {
    return [`(the CTIM check failed: ${error.message})`];
  }
}
