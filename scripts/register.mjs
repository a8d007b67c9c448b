// `make register STAGE=dev [AUTH=bearer|hs256|rs256]`: creates this relay's module type in Cisco
// XDR with an XDR API client (OAuth2 client credentials), remembers its id per stage in
// .secrets/<stage>.module-type.json, and updates it when run again. Node built-ins only.
// Environment: XDR_CLIENT_ID, XDR_CLIENT_SECRET, XDR_REGION (us, eu, apjc; default us);
// XDR_API_URL overrides the API's base URL (https, or http on 127.0.0.1 for tests).
import { relative } from 'node:path';
import { moduleType, readChoices, REGIONS } from './module-type.mjs';
import { runCli, UsageError } from './lib/cli.mjs';
import { moduleTypePath, readPrivate, writePrivate } from './lib/secrets.mjs';

const TIMEOUT_MS = 15_000;

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

/** IROH's answers are a few KB: more is not read (600 MB would exhaust the process). */
export const MAX_ANSWER_BYTES = 1024 * 1024;

/**
 * One HTTP call to XDR; a failure is one line that says what XDR said, never a secret. XDR's
 * answer is not trusted either: read up to MAX_ANSWER_BYTES, and what it says is shown on one line,
 * control characters (terminal escapes) removed and `hide` (the client's id and secret, in any
 * form we sent them) blanked, should the server echo our request.
 */
export async function request(url, init, what, hide = []) {
  let response;
  let text;
  try {
    response = await fetch(url, { ...init, redirect: 'error', signal: AbortSignal.timeout(TIMEOUT_MS) });
    text = await readAnswer(response);
  } catch (error) {
    if (error instanceof UsageError) throw new UsageError(`${what}: ${error.message}`);
    const code = error?.cause?.code ?? (error?.name === 'TimeoutError' ? `no answer within ${TIMEOUT_MS / 1000} s` : 'network error');
    throw new UsageError(`${what}: could not reach ${new URL(url).host} (${code})`);
  }
  let body;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    // Not JSON, or nested too deep for the parser's stack: the text is what XDR said.
    body = undefined;
  }
  return { status: response.status, body, said: xdrSays(body, text, hide) };
}

/** The answer's text, read no further than MAX_ANSWER_BYTES. */
async function readAnswer(response) {
  const chunks = [];
  let size = 0;
  for await (const chunk of response.body ?? []) {
    size += chunk.length;
    // Leaving the loop cancels the download.
    if (size > MAX_ANSWER_BYTES) throw new UsageError(`XDR's answer is larger than ${MAX_ANSWER_BYTES / 1024 / 1024} MB (HTTP ${response.status})`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

// CSI and OSC escape sequences whole, then any other control or bidirectional-override character.
const ESCAPES = /(\x1b\[|\x9b)[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(\x07|\x1b\\)?|[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** XDR's own words for an error, on one short line that is safe to print. */
function xdrSays(body, text, hide) {
  let line;
  try {
    const message = body?.error_description ?? body?.message ?? body?.error ?? body?.errors?.[0]?.message ?? body?.errors ?? text;
    line = typeof message === 'string' ? message : JSON.stringify(message);
  } catch {
    // A getter cannot be in parsed JSON, but a structure too deep to print again can.
    line = text;
  }
  line = String(line).slice(0, 4096).replace(ESCAPES, ' ');
  for (const secret of hide) if (secret !== '') line = line.replaceAll(secret, '[redacted]');
  line = line.replace(/\s+/g, ' ').trim();
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
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
  if (status === 400 || status === 401 || status === 403) throw new UsageError(`XDR refused the API client's credentials (HTTP ${status}): ${said}`);
  if (status !== 200 || typeof body?.access_token !== 'string') throw new UsageError(`XDR's token endpoint answered HTTP ${status}: ${said}`);
  return body.access_token;
}

async function main() {
  const env = process.env;
  const choices = await readChoices(env, 'register');
  const id = env.XDR_CLIENT_ID;
  const secret = env.XDR_CLIENT_SECRET;
  if (!id || !secret) throw new UsageError('XDR_CLIENT_ID and XDR_CLIENT_SECRET are needed: an API client of your XDR organization (Administration > API Clients)');
  const base = apiBase(env, choices.region);
  const remembered = moduleTypePath(choices.stage);
  let known;
  let knownAuth;
  try {
    const kept = JSON.parse(readPrivate(remembered, (line) => console.error(`register: ${line}`)) ?? 'null');
    known = kept?.id;
    knownAuth = kept?.auth;
  } catch {
    throw new UsageError(`${relative(process.cwd(), remembered)} is not JSON; remove it to register anew`);
  }
  const body = JSON.stringify(moduleType(choices));
  const token = await accessToken(base, id, secret);
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json' };

  let result;
  let verb = 'Updated';
  if (typeof known === 'string' && known !== '') {
    // Not a silent change: the modules already added in XDR were configured for the other one.
    if (typeof knownAuth === 'string' && knownAuth !== choices.auth) {
      console.log(`The module type's authentication changes from ${knownAuth} to ${choices.auth}: every module of this type already added in XDR must be configured again (Administration > Integrations).`);
    }
    result = await request(`${base}/iroh/iroh-int/module-type/${encodeURIComponent(known)}`, { method: 'PATCH', headers, body }, 'update', [token]);
    // Deleted in XDR since: create it again.
    if (result.status === 404) known = undefined;
  }
  if (typeof known !== 'string' || known === '') {
    verb = 'Created';
    result = await request(`${base}/iroh/iroh-int/module-type`, { method: 'POST', headers, body }, 'create', [token]);
    if (result.status !== 201 && result.status !== 200) throw new UsageError(`XDR refused the module type (HTTP ${result.status}): ${result.said}`);
    known = result.body?.id;
    if (typeof known !== 'string' || known === '') throw new UsageError('XDR answered without the module type\'s id');
    writePrivate(remembered, `${JSON.stringify({ id: known, api: base, auth: choices.auth }, null, 2)}\n`);
  } else if (result.status !== 200) {
    throw new UsageError(`XDR refused the update (HTTP ${result.status}): ${result.said}`);
  } else if (knownAuth !== choices.auth) {
    writePrivate(remembered, `${JSON.stringify({ id: known, api: base, auth: choices.auth }, null, 2)}\n`);
  }
  console.log(`${verb} the module type '${choices.pkg.name}' (${choices.auth}) in XDR: ${known}`);
  console.log(`Its id is kept in ${relative(process.cwd(), remembered)}; make register STAGE=${choices.stage} again updates it.`);
  console.log('Next: in XDR, Administration > Integrations, add a module of this type.');
}

await runCli(import.meta, () => 'register', main);
