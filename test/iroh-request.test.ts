// scripts/lib/iroh.mjs's request(), the one HTTP call of make register, instances, unregister and
// check, in-process against hostile servers on 127.0.0.1: an answer too large, one that never
// comes or is cut short, a redirect, a server that echoes the secrets it was sent with terminal
// escapes, a closed port, and TLS that Node must refuse. Each is a result or one line; nothing a
// server says reaches the terminal as it was sent.
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { UsageError } from '../scripts/lib/cli.mjs';
import { MAX_ANSWER_BYTES, request } from '../scripts/lib/iroh.mjs';
import { freePort } from '../scripts/lib/net.mjs';
import { selfSignedCertificate } from './lib/certificate.ts';
import { rejection } from './lib/rejection.ts';

interface Seen {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

const SECRET = 'client-secret-0f1e2d';
const seen: Seen[] = [];
// Every path is one behaviour of the hostile server.
const BEHAVIOURS = new Map<string, (response: ServerResponse, request: Seen) => void>([
  ['/json', (response, request) => {
    response.writeHead(201, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ id: 'mt-1', echo: request.body }));
  }],
  ['/empty', (response) => {
    response.writeHead(204);
    response.end();
  }],
  ['/text', (response) => {
    response.writeHead(502, { 'content-type': 'text/html' });
    response.end('<html>Bad gateway</html>');
  }],
  // The secret it was sent, escapes that would recolour or retitle the terminal, and many lines.
  ['/echo', (response) => {
    response.writeHead(401, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ error_description: `no \x1b[31mway\x1b[0m\x1b]0;owned\x07 ${SECRET}\nsecond\u202eline` }));
  }],
  ['/huge', (response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    // More than the cap, in chunks, and never ended: the reader stops on its own.
    const chunk = Buffer.alloc(64 * 1024, 'a');
    for (let sent = 0; sent <= MAX_ANSWER_BYTES; sent += chunk.length) response.write(chunk);
  }],
  ['/silent', () => undefined],
  ['/cut', (response) => {
    response.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
    response.write('{"half":');
    setImmediate(() => response.socket?.destroy());
  }],
  ['/redirect', (response) => {
    response.writeHead(307, { location: '/json' });
    response.end();
  }],
]);

/** The UsageError (a user's one line, never a stack) `promise` rejects with. */
const failure = (promise: Promise<unknown>) => rejection(promise, UsageError);

function handle(incoming: IncomingMessage, response: ServerResponse): void {
  let body = '';
  incoming.on('data', (chunk: Buffer) => (body += chunk.toString()));
  incoming.on('end', () => {
    const call = { method: incoming.method ?? '', path: incoming.url ?? '', headers: incoming.headers, body };
    seen.push(call);
    (BEHAVIOURS.get(call.path) ?? ((answer: ServerResponse) => answer.writeHead(404).end()))(response, call);
  });
}

const hostile = suite('scripts/lib/iroh.mjs request()');
let server: Server;
let base = '';

hostile.before(async () => {
  server = createServer(handle);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

hostile.after(async () => {
  server.closeAllConnections();
  server.close();
  await once(server, 'close');
});

hostile.before.each(() => {
  seen.length = 0;
});

hostile('a JSON answer: its status and body; the request as given, its body with its length', async () => {
  const body = JSON.stringify({ name: 'relay (dev)', settings: { token: 'jwt' } });
  const answer = await request(`${base}/json`, { method: 'POST', headers: { authorization: 'Bearer t', 'content-type': 'application/json' }, body }, 'create');
  assert.equal(answer, { status: 201, body: { id: 'mt-1', echo: body }, said: JSON.stringify({ id: 'mt-1', echo: body }) });
  assert.is(seen.length, 1);
  assert.equal([seen[0]?.method, seen[0]?.path, seen[0]?.body], ['POST', '/json', body]);
  assert.equal([seen[0]?.headers.authorization, seen[0]?.headers['content-type'], seen[0]?.headers['content-length']], ['Bearer t', 'application/json', String(Buffer.byteLength(body))]);
  // No body: none sent, and no length.
  const empty = await request(`${base}/empty`, { method: 'DELETE', headers: {} }, 'remove');
  assert.equal(empty, { status: 204, body: undefined, said: '' });
  assert.equal([seen[1]?.method, seen[1]?.body, seen[1]?.headers['content-length']], ['DELETE', '', undefined]);
});

hostile('an answer that is not JSON: its text, on one line, as what the server said', async () => {
  assert.equal(await request(`${base}/text`, {}, 'list'), { status: 502, body: undefined, said: '<html>Bad gateway</html>' });
});

hostile('what a server says never prints an escape, a second line or a secret it echoes', async () => {
  const answer = await request(`${base}/echo`, { method: 'POST', headers: {}, body: SECRET }, 'token', [SECRET]);
  assert.is(answer.status, 401);
  // Escape sequences go whole (the window title "owned" with its own), the line break and the
  // right-to-left override are spaces.
  assert.is(answer.said, 'no way [redacted] second line');
});

hostile('an answer larger than the cap: one line, read no further', async () => {
  const error = await failure(request(`${base}/huge`, {}, 'list'));
  assert.is(error.message, `list: the answer is larger than ${MAX_ANSWER_BYTES / 1024 / 1024} MB (HTTP 200)`);
});

hostile('an answer that never comes: one line after the timeout; one cut short: the connection named', async () => {
  const silent = await failure(request(`${base}/silent`, {}, 'refer/observables', [], 300));
  assert.is(silent.message, `refer/observables: no answer from ${new URL(base).host} within 0.3 s`);
  const cut = await failure(request(`${base}/cut`, {}, 'update'));
  assert.is(cut.message, `update: could not reach ${new URL(base).host} (ECONNRESET)`);
});

hostile('a redirect is not followed: its status is the answer, and the secret goes nowhere else', async () => {
  const answer = await request(`${base}/redirect`, { method: 'POST', headers: { authorization: 'Basic c2VjcmV0' }, body: 'grant_type=client_credentials' }, 'token');
  assert.equal(answer, { status: 307, body: undefined, said: '' });
  assert.equal(seen.map((call) => call.path), ['/redirect']);
});

hostile('a closed port, and TLS Node must refuse (a self-signed certificate): one line with Node\'s code', async () => {
  const closed = await freePort();
  assert.is((await failure(request(`http://127.0.0.1:${closed}/x`, {}, 'token'))).message, `token: could not reach 127.0.0.1:${closed} (ECONNREFUSED)`);
  const tls = createTlsServer(selfSignedCertificate(), (_incoming, response) => response.end('{}'));
  tls.listen(0, '127.0.0.1');
  await once(tls, 'listening');
  try {
    const port = (tls.address() as AddressInfo).port;
    const error = await failure(request(`https://127.0.0.1:${port}/x`, {}, 'token'));
    assert.is(error.message, `token: could not reach 127.0.0.1:${port} (DEPTH_ZERO_SELF_SIGNED_CERT)`);
  } finally {
    tls.closeAllConnections();
    tls.close();
  }
});

hostile.run();
