// The console's side of `make serve` (scripts/serve.mjs): the page's files at `/` and
// `/console/…`, and two endpoints the page calls. Never in the Lambda bundle: nothing under
// handler/ imports this folder.
//
// The page never holds the secret or the JWT: it asks `POST /console/api/call` for a route, and
// serve.mjs's `call` adds the token. The endpoints answer only the browser that opened the link
// make serve printed: its per-run key (`/?key=…`) becomes an HttpOnly, SameSite=Strict cookie,
// which no other local user, process or page has (a request without it is a 403, whatever its
// headers). Other pages open in the same browser cannot use the server either (scripts/serve.mjs
// refuses any Host but this server's own names, against DNS rebinding; cross-origin calls are
// refused).
import { timingSafeEqual } from 'node:crypto';
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
  ['/console/worker.mjs', ['worker.mjs', 'text/javascript; charset=utf-8']],
  ['/console/tiles.mjs', ['tiles.mjs', 'text/javascript; charset=utf-8']],
  ['/console/chips.mjs', ['chips.mjs', 'text/javascript; charset=utf-8']],
]);
// The routes the console may call, and what each one's body is: the observables, a form, nothing.
const ROUTES = new Map([
  ['deliberate/observables', 'observables'], ['observe/observables', 'observables'], ['refer/observables', 'observables'],
  ['respond/observables', 'observables'], ['respond/trigger', 'form'], ['tiles', 'none'], ['tiles/tile', 'form'],
  ['tiles/tile-data', 'form'], ['health', 'none'],
]);
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

/**
 * Whether a Host header names this server: 127.0.0.1 or localhost, with its port; on port 80,
 * without it too (clients leave the default port out, RFC 9110 §7.2).
 */
export function isOwnHost(host, port) {
  const names = ['127.0.0.1', 'localhost'];
  return names.some((name) => host === `${name}:${port}` || (port === 80 && host === name));
}

/** The cookie that carries the run's key: one name per port, so that two make serve runs do not overwrite each other's. */
export function cookieName(port) {
  return `relay_console_${port}`;
}

/** Whether the request carries the run's key in its cookie (compared in constant time). */
export function hasKey(headers, port, key) {
  const wanted = Buffer.from(key);
  for (const pair of String(headers.cookie ?? '').split(/;\s*/)) {
    const equals = pair.indexOf('=');
    if (pair.slice(0, equals) !== cookieName(port)) continue;
    const given = Buffer.from(pair.slice(equals + 1));
    if (given.length === wanted.length && timingSafeEqual(given, wanted)) return true;
  }
  return false;
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

function json(statusCode, value, headers = {}) {
  return { statusCode, headers: { 'content-type': 'application/json', ...SECURITY_HEADERS, ...headers }, body: JSON.stringify(value) };
}

const NO_KEY = 'The console answers only the browser that opened the link make serve printed (http://127.0.0.1:<port>/?key=…).';

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
 * resolves to `{ statusCode, body }`; `built` is what the bundle exports; `load` gives the CTIM
 * check (loadCheck's answer). Returns a function of (request, body, port) that answers
 * `{ statusCode, headers, body }`, or undefined for a request that is not the console's (the
 * relay's routes).
 */
export async function createConsole({ built, call, stage, url, key, sample, example, now = () => performance.now(), load = () => loadCheck() }) {
  if (typeof key !== 'string' || key.length < 32) throw new Error('the console needs a per-run key of at least 32 characters');
  // The check is bundled on first need, once: esbuild's process costs ~0.2 s of CPU, which a
  // `make serve` whose console is never opened (curl, make check, the test suites) need not pay.
  // The page's first /console/api/info or /console/api/call waits for it; concurrent first
  // requests share the one build; a failure is the same reason at every request, never a crash.
  let checking;
  const apis = built.listApis();
  const ctimCheck = () => (checking ??= Promise.resolve().then(load).catch((error) => ({ reason: `the CTIM check could not be loaded: ${error.message}` })));
  const info = {
    name: built.name,
    version: built.version,
    stage: stage ?? null,
    apis,
    observableTypes: built.integration.observableTypes,
    moduleTypes: moduleTypes({ apis, claims: built.integration.claims, url }),
    // make serve EXAMPLE=…: the worked example and a report that names what its fake knows.
    example: example ?? null,
    sample: sample ?? '',
  };

  async function callRoute(raw) {
    let request;
    try {
      request = JSON.parse(raw.toString('utf8'));
    } catch {
      return json(400, { message: 'The body is not JSON.' });
    }
    const route = request?.route;
    const kind = typeof route === 'string' ? ROUTES.get(route) : undefined;
    if (kind === undefined || !apis.includes(route)) return json(400, { message: `Not a route the console calls: ${JSON.stringify(route)}` });
    // The relay validates what it receives, as it would XDR's: sent as the page gave it.
    const body = kind === 'none' ? '' : JSON.stringify(kind === 'form' ? request.body ?? {} : request.observables ?? []);
    // Started before the relay's call, so that the first call's build overlaps it.
    const checked = ctimCheck();
    const started = now();
    const result = await call(`/${route}`, body);
    const ms = Math.round((now() - started) * 10) / 10;
    let answer;
    try {
      answer = JSON.parse(result.body);
    } catch {
      answer = result.body;
    }
    const check = await checked;
    const findings = check.checkAnswer !== undefined && result.statusCode === 200 ? safeCheck(check.checkAnswer, `/${route}`, answer) : [];
    return json(200, { route, status: result.statusCode, ms, answer, findings });
  }

  return async (request, body, port) => {
    const path = (request.url ?? '').replace(/[?#].*/s, '');
    const read = request.method === 'GET' || request.method === 'HEAD';
    const file = FILES.get(path);
    if (file !== undefined && read) {
      const query = new URLSearchParams((request.url ?? '').replace(/^[^?]*\??/, '').replace(/#.*/s, ''));
      if (path === '/' && query.has('key')) {
        // The printed link: its key becomes the cookie, and the address bar loses it (303 to /).
        const given = query.get('key') ?? '';
        if (!hasKey({ cookie: `${cookieName(port)}=${given}` }, port, key)) return json(403, { message: NO_KEY });
        return { statusCode: 303, headers: { location: '/', 'set-cookie': `${cookieName(port)}=${key}; HttpOnly; SameSite=Strict; Path=/`, ...SECURITY_HEADERS }, body: '' };
      }
      // Read at each request: edit the page, reload it.
      const content = readFileSync(join(FOLDER, file[0]));
      return { statusCode: 200, headers: { 'content-type': file[1], ...SECURITY_HEADERS }, body: request.method === 'HEAD' ? '' : content };
    }
    // `/` is the relay's for any other method (XDR never calls it; the relay answers 404).
    if (!path.startsWith('/console/')) return undefined;
    if (!hasKey(request.headers, port, key)) return json(403, { message: NO_KEY });
    if (!isSameOrigin(request.headers, port)) return json(403, { message: 'The console answers its own page only.' });
    if (path === '/console/api/info' && request.method === 'GET') {
      const check = await ctimCheck();
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
