// XDR's IROH API for `make register`, `make instances` and `make unregister`: the API client's
// access token (OAuth2 client credentials), then JSON calls, each failure one line that names the
// fix. What we rely on, and where it comes from: docs/iroh-api.md. Node built-ins only.
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { UsageError } from './cli.mjs';

const TIMEOUT_MS = 15_000;

/** IROH's answers are a few KB: more is not read (600 MB would exhaust the process). */
export const MAX_ANSWER_BYTES = 1024 * 1024;

/** XDR's API hosts per region: module types are registered there, RS256 keys published there. */
export const REGIONS = {
  us: 'visibility.amp.cisco.com',
  eu: 'visibility.eu.amp.cisco.com',
  apjc: 'visibility.apjc.amp.cisco.com',
};

// What an API client needs (Administration > API Clients): IROH's scopes for these paths.
const SCOPES = 'Integration Module (integration/module-type, integration/module-instance: read and write)';

/** The IROH API's base URL: the region's, or XDR_API_URL (https, or http on loopback only). */
export function apiBase(env, region) {
  const raw = env.XDR_API_URL || `https://${REGIONS[region]}`;
  let url;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError('XDR_API_URL is not a URL');
  }
  const loopback = url.hostname === '127.0.0.1' || url.hostname === 'localhost';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new UsageError('XDR_API_URL must be https (http only on 127.0.0.1): it carries the API client secret');
  }
  return url.origin;
}

/**
 * One HTTP call; a failure to get an answer is one line, never a secret. The answer is not
 * trusted either: read up to MAX_ANSWER_BYTES, and what it says is shown on one line, control
 * characters (terminal escapes) removed and `hide` (secrets, in any form we sent them) blanked,
 * should the server echo our request. A redirect is not followed: its status is the answer.
 */
export async function request(url, init, what, hide = [], timeoutMs = TIMEOUT_MS) {
  let answer;
  try {
    answer = await exchange(new URL(url), init, timeoutMs);
  } catch (error) {
    if (error instanceof UsageError) throw new UsageError(`${what}: ${error.message}`);
    // Node's own codes (ECONNREFUSED, ENOTFOUND, DEPTH_ZERO_SELF_SIGNED_CERT...), nothing a server said.
    const code = typeof error?.code === 'string' && /^[A-Z0-9_]{1,40}$/.test(error.code) ? error.code : 'network error';
    throw new UsageError(`${what}: could not reach ${new URL(url).host} (${code})`);
  }
  const { status, text } = answer;
  let body;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    // Not JSON, or nested too deep for the parser's stack: the text is what the server said.
    body = undefined;
  }
  return { status, body, said: oneLine(body, text, hide) };
}

/**
 * Sends the request and reads the answer's text, no further than MAX_ANSWER_BYTES, the whole
 * exchange within `timeoutMs`. node:http and node:https rather than fetch: a script makes a few
 * calls, and fetch's first call costs a process about 0.4 s of CPU (undici and its WebAssembly
 * HTTP parser, compiled at each start), more than all the rest of make register. A connection
 * per call (no agent): no socket kept alive that the server may close just as it is reused.
 */
function exchange(url, { method = 'GET', headers = {}, body }, timeoutMs) {
  const payload = body === undefined ? undefined : Buffer.from(body);
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    let settled = false;
    const call = send(url, {
      method,
      agent: false,
      headers: payload === undefined ? headers : { ...headers, 'content-length': String(payload.length) },
    });
    const settle = (error, value) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error === undefined) return resolve(value);
      reject(error);
      // Nothing more is read or sent; the error events that follow are expected.
      call.destroy();
    };
    const timer = setTimeout(() => settle(new UsageError(`no answer from ${url.host} within ${timeoutMs / 1000} s`)), timeoutMs);
    call.on('error', (error) => settle(error));
    call.on('response', (response) => {
      const chunks = [];
      let size = 0;
      response.on('data', (chunk) => {
        size += chunk.length;
        if (size > MAX_ANSWER_BYTES) return settle(new UsageError(`the answer is larger than ${MAX_ANSWER_BYTES / 1024 / 1024} MB (HTTP ${response.statusCode})`));
        chunks.push(chunk);
      });
      response.on('error', (error) => settle(error));
      response.on('end', () => settle(undefined, { status: response.statusCode, text: Buffer.concat(chunks).toString('utf8') }));
      // The connection closed before the answer's end.
      response.on('close', () => settle(Object.assign(new Error('the answer was cut short'), { code: 'ECONNRESET' })));
    });
    call.end(payload);
  });
}

// CSI and OSC escape sequences whole, then any other control or bidirectional-override character.
const ESCAPES = /(\x1b\[|\x9b)[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(\x07|\x1b\\)?|[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Makes any text from a server safe to print on one line: escapes removed, secrets blanked, at most `max` characters. */
export function printable(text, hide = [], max = 300) {
  let line = String(text).slice(0, 4096).replace(ESCAPES, ' ');
  for (const secret of hide) if (secret !== '') line = line.replaceAll(secret, '[redacted]');
  line = line.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max)}…` : line;
}

/** A server's own words for an error, on one short line that is safe to print. */
function oneLine(body, text, hide) {
  let line;
  try {
    const message = body?.error_description ?? body?.message ?? body?.error ?? body?.errors?.[0]?.message ?? body?.errors ?? text;
    line = typeof message === 'string' ? message : JSON.stringify(message);
  } catch {
    // A getter cannot be in parsed JSON, but a structure too deep to print again can.
    line = text;
  }
  return printable(line, hide);
}

/** The API client's access token; nothing XDR answers can make it print the client's id or secret. */
export async function accessToken(base, id, secret) {
  const basic = Buffer.from(`${id}:${secret}`).toString('base64');
  // Each as sent, and as a server may echo it back: whole, decoded, or URL-encoded.
  const hide = [basic, `${id}:${secret}`, secret, id, encodeURIComponent(secret), encodeURIComponent(id)];
  const { status, body, said } = await request(`${base}/iroh/oauth2/token`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${basic}`,
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'application/json',
    },
    body: 'grant_type=client_credentials',
  }, 'token', hide);
  if (status === 400 || status === 401 || status === 403) throw new UsageError(`XDR refused the API client's credentials (HTTP ${status}): ${said}; check XDR_CLIENT_ID and XDR_CLIENT_SECRET (Administration > API Clients)`);
  if (status !== 200 || typeof body?.access_token !== 'string') throw new UsageError(`XDR's token endpoint answered HTTP ${status}: ${said}`);
  return body.access_token;
}

/**
 * Signs in with the API client and returns `call(method, path, body?, what)`, which resolves to
 * `{ status, body, said }`. `hide`: what else must never be printed (a JWT in the body).
 */
export async function connect({ base, id, secret, hide = [] }) {
  const token = await accessToken(base, id, secret);
  const headers = { authorization: `Bearer ${token}`, accept: 'application/json' };
  return (method, path, body, what) => request(`${base}${path}`, {
    method,
    headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  }, what, [token, secret, ...hide]);
}

/** The one line for an answer IROH refused: what was refused, its words, and the fix. */
export function refused(what, { status, said }) {
  if (status === 401) return new UsageError(`XDR refused to ${what} (HTTP 401: ${said}): the API client's token was refused; check the client in Administration > API Clients`);
  if (status === 403) return new UsageError(`XDR refused to ${what} (HTTP 403: ${said}): give the API client the ${SCOPES} scope in Administration > API Clients`);
  if (status >= 500) return new UsageError(`XDR failed to ${what} (HTTP ${status}: ${said}): a failure on XDR's side; run the same command again later`);
  return new UsageError(`XDR refused to ${what} (HTTP ${status}): ${said}`);
}
