import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { RelayError } from '../../handler/errors.ts';
import { createService, DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT_MS, failure, statusError, USER_AGENT } from '../../handler/kit/service.ts';
import { RequestContext, runInScope } from '../../handler/scope.ts';
import { rejection } from '../lib/rejection.ts';

interface Sent {
  url: string;
  init: RequestInit | undefined;
}

/** A fetch that records what it is asked and answers `response` (or throws it). */
function fakeFetch(response: (() => Response) | Error, sent: Sent[] = []): typeof fetch {
  return (async (url: URL | string, init?: RequestInit) => {
    sent.push({ url: String(url), init });
    if (response instanceof Error) throw response;
    return response();
  }) as typeof fetch;
}

const service = suite('createService');

service('builds the URL from the base (with or without a slash), the path and the query', async () => {
  for (const baseUrl of ['https://api.test/v2', 'https://api.test/v2/']) {
    const sent: Sent[] = [];
    const call = createService({ name: 'Api', baseUrl, fetch: fakeFetch(() => Response.json({ ok: 1 }), sent) });
    assert.equal(await call('/lookup/ip', { query: { q: '1.1.1.1', limit: '5' } }), { ok: 1 });
    assert.is(sent[0]?.url, 'https://api.test/v2/lookup/ip?q=1.1.1.1&limit=5');
    assert.is(sent[0]?.init?.method, 'GET');
    assert.equal(sent[0]?.init?.headers, { accept: 'application/json', 'user-agent': USER_AGENT });
    assert.instance(sent[0]?.init?.signal, AbortSignal);
  }
});

service('sends JSON bodies with POST, or the method asked, and the extra headers', async () => {
  const sent: Sent[] = [];
  const call = createService({ name: 'Api', baseUrl: 'https://api.test', headers: { authorization: 'Key k' }, fetch: fakeFetch(() => new Response(''), sent) });
  assert.is(await call('items', { body: { a: 1 } }), null);
  assert.is(await call('items/1', { method: 'DELETE' }), null);
  assert.equal(sent.map(({ init }) => [init?.method, init?.body]), [['POST', '{"a":1}'], ['DELETE', undefined]]);
  assert.equal(sent[0]?.init?.headers, { accept: 'application/json', 'user-agent': USER_AGENT, authorization: 'Key k', 'content-type': 'application/json' });
});

service('sends a form as application/x-www-form-urlencoded, with POST, in the order given', async () => {
  const sent: Sent[] = [];
  const call = createService({ name: 'Api', baseUrl: 'https://api.test', fetch: fakeFetch(() => Response.json({}), sent) });
  await call.raw('token', { form: { grant_type: 'client_credentials', scope: 'a b', 'x&y': 'é=+' } });
  await call('token', { method: 'PUT', form: {} });
  assert.equal(sent.map(({ init }) => [init?.method, init?.body]), [['POST', 'grant_type=client_credentials&scope=a+b&x%26y=%C3%A9%3D%2B'], ['PUT', '']]);
  assert.equal(sent[0]?.init?.headers, { accept: 'application/json', 'user-agent': USER_AGENT, 'content-type': 'application/x-www-form-urlencoded' });
});

service('the default timeout is 5 s', () => {
  assert.is(DEFAULT_TIMEOUT_MS, 5000);
});

service('a status outside 2xx is mapped, the body never read into the message', async () => {
  const call = createService({ name: 'Api', baseUrl: 'https://api.test', fetch: fakeFetch(() => new Response('{"secret":"x"}', { status: 401 })) });
  const error = await rejection(call('x'));
  assert.equal(error.toBody(), { type: 'fatal', code: 'authorization error', message: 'Authorization failed: Api refused the credentials (HTTP 401).' });
});

service('raw: any status as is, with its headers, and the body as bytes, text or JSON', async () => {
  const sent: Sent[] = [];
  const answers = [
    () => new Response('{"error":"Request(s) still processing."}', { status: 408, headers: { 'x-request-id': 'r1' } }),
    () => new Response('ip,score\n1.1.1.1,0\n', { status: 200, headers: { 'content-type': 'text/csv' } }),
    () => new Response(new Uint8Array([0, 255, 1]), { status: 200 }),
    () => new Response(null, { status: 204 }),
    () => new Response('<html>', { status: 502 }),
  ];
  const call = createService({ name: 'Api', baseUrl: 'https://api.test', fetch: fakeFetch(() => (answers.shift() as () => Response)(), sent) });
  const timeout = await call.raw('lookup', { query: { indicator: 'cisco.com' } });
  assert.equal([timeout.status, timeout.headers.get('x-request-id'), timeout.json()], [408, 'r1', { error: 'Request(s) still processing.' }]);
  const csv = await call.raw('categories.csv', { headers: { Accept: 'text/csv' } });
  assert.equal([csv.status, csv.text()], [200, 'ip,score\n1.1.1.1,0\n']);
  // A call's own header replaces the service's of the same name, whatever its case.
  assert.equal(sent[1]?.init?.headers, { accept: 'text/csv', 'user-agent': USER_AGENT });
  assert.equal([...(await call.raw('blob')).bytes], [0, 255, 1]);
  const empty = await call.raw('nothing', { method: 'DELETE' });
  assert.equal([empty.status, empty.json(), empty.text()], [204, null, '']);
  const html = await call.raw('down');
  assert.is(html.status, 502);
  assert.is((await rejection(Promise.resolve().then(() => html.json()))).message, 'Unexpected response from Api: the answer is not JSON.');
});

service('the base URL\'s query goes with every call, and keeps it a folder: v2-admin is never a sibling of v2', async () => {
  const sent: Sent[] = [];
  const call = createService({ name: 'Api', baseUrl: 'https://api.test/api/v2?format=json&lang=en#top', fetch: fakeFetch(() => Response.json({}), sent) });
  await call('v2-admin/users');
  await call('lookup?lang=fr', { query: { format: 'csv', q: '1' } });
  assert.equal(sent.map(({ url }) => url), [
    'https://api.test/api/v2/v2-admin/users?format=json&lang=en',
    'https://api.test/api/v2/lookup?lang=fr&format=csv&q=1',
  ]);
  for (const path of ['../v2-admin/users', '/../v2-admin']) {
    assert.is((await rejection(call(path))).message, "Could not call Api: the path leaves the service's base URL.", path);
  }
  assert.is(sent.length, 2);
});

service('a call\'s headers are checked like the service\'s: names and values HTTP allows', async () => {
  const call = createService({ name: 'Api', baseUrl: 'https://api.test', fetch: fakeFetch(() => Response.json({})) });
  const bad: Record<string, string>[] = [{ 'x key': 'v' }, { 'x-key': 'v\r\nx: 1' }, { 'x-key': 1 as unknown as string }, { '': 'v' }];
  for (const headers of bad) {
    assert.is((await rejection(call('x', { headers }))).message, 'Could not call Api: a header holds characters HTTP does not allow.');
  }
});

service('an abort that is not the call\'s own timeout nor the deadline is a failure of the call', async () => {
  const call = createService({ name: 'Api', baseUrl: 'https://api.test', timeoutMs: 5000, fetch: fakeFetch(new DOMException('aborted', 'AbortError')) });
  const scope = new RequestContext({ credentials: {}, settings: {}, entitiesLimit: 100, requestId: 'r' }, Date.now() + 1000, 1000);
  const error = await rejection(runInScope(scope, () => call('x')));
  assert.is(error.message, 'Api did not answer within 5000 ms.');
});

service.run();

const mapping = suite('statusError and failure');

mapping('every status class', () => {
  const rows: [number, string][] = [
    [401, 'authorization error'], [403, 'authorization error'], [404, 'not found'], [429, 'too many requests'],
    [500, 'service unavailable'], [502, 'service unavailable'], [504, 'service unavailable'],
    [400, 'unknown'], [302, 'unknown'], [418, 'unknown'],
  ];
  for (const [status, code] of rows) assert.is(statusError('Api', status).code, code, String(status));
});

mapping('timeouts and aborts', () => {
  const timeout = failure('Api', 250, new DOMException('The operation was aborted due to timeout', 'TimeoutError'));
  assert.equal(timeout.toBody(), { type: 'fatal', code: 'service unavailable', message: 'Api did not answer within 250 ms.' });
  assert.is(failure('Api', 250, new DOMException('aborted', 'AbortError')).code, 'service unavailable');
});

mapping('TLS failures by code, network failures with their code or message', () => {
  const wrapped = (cause: unknown) => new TypeError('fetch failed', { cause });
  const coded = (code: string, message: string) => Object.assign(new Error(message), { code });
  assert.equal(failure('Api', 1, wrapped(coded('CERT_HAS_EXPIRED', 'certificate has expired'))).toBody(), {
    type: 'fatal', code: 'unknown', message: 'Unable to verify SSL certificate: Certificate has expired',
  });
  // In the words of Cisco's relays (OpenSSL's), or by its code when it has none.
  assert.is(failure('Api', 1, wrapped(coded('DEPTH_ZERO_SELF_SIGNED_CERT', 'self-signed certificate'))).message, 'Unable to verify SSL certificate: Self signed certificate');
  assert.is(failure('Api', 1, wrapped(coded('ERR_TLS_CERT_ALTNAME_INVALID', 'altname'))).message, 'Unable to verify SSL certificate: Hostname mismatch');
  assert.is(failure('Api', 1, wrapped(coded('ERR_SSL_WRONG_VERSION_NUMBER', 'wrong version'))).message, 'Unable to verify SSL certificate: ERR_SSL_WRONG_VERSION_NUMBER');
  assert.is(failure('Api', 1, wrapped(coded('ERR_TLS_HANDSHAKE_TIMEOUT', 'x'))).code, 'unknown');
  // A code that only looks like a table's key is not one.
  assert.is(failure('Api', 1, wrapped(coded('CONSTRUCTOR', 'x'))).message, 'Could not reach Api: CONSTRUCTOR.');
  assert.is(failure('Api', 1, wrapped(coded('ENOTFOUND', 'getaddrinfo ENOTFOUND api.test'))).message, 'Could not reach Api: ENOTFOUND.');
  // Only a code is quoted, never a message: a message may quote a header value or a URL.
  assert.is(failure('Api', 1, wrapped(new Error('other side closed'))).message, 'Could not reach Api: network error.');
  assert.is(failure('Api', 1, wrapped(coded('not a code: https://user:key@api.test', 'x'))).message, 'Could not reach Api: network error.');
  assert.is(failure('Api', 1, wrapped('a string')).message, 'Could not reach Api: network error.');
  assert.is(failure('Api', 1, 'thrown text').message, 'Could not reach Api: network error.');
  const cause = new TypeError('fetch failed');
  assert.is(failure('Api', 1, cause).cause, cause);
});

mapping('an injected fetch that throws is mapped too', async () => {
  const call = createService({ name: 'Api', baseUrl: 'https://api.test', fetch: fakeFetch(new TypeError('fetch failed', { cause: Object.assign(new Error('x'), { code: 'ECONNRESET' }) })) });
  assert.is((await rejection(call('x'))).message, 'Could not reach Api: ECONNRESET.');
});

mapping.run();

// A hostile service on 127.0.0.1: redirects elsewhere, huge and compressed answers, and a second
// server that records whatever reaches it (where a leaked key would land).
const hostile = suite('createService against a hostile service');

interface Hit {
  url: string;
  headers: IncomingMessage['headers'];
}

let target: Server;
let elsewhere: Server;
let base = '';
let other = '';
const hits: Hit[] = [];
const stolen: Hit[] = [];

function listenOn(server: Server): Promise<string> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));
}

hostile.before(async () => {
  target = createServer((request, response) => {
    hits.push({ url: request.url ?? '', headers: request.headers });
    const url = request.url ?? '';
    const redirect = /^\/api\/redirect\/(\d{3})\/(.*)$/.exec(url);
    if (redirect !== null) {
      const target = decodeURIComponent(redirect[2] ?? '').replace('OTHER', other).replace('BASE', base);
      response.writeHead(Number(redirect[1]), { location: target });
      return response.end();
    }
    if (url === '/api/loop') {
      response.writeHead(302, { location: '/api/loop' });
      return response.end();
    }
    if (url === '/api/huge') {
      // Declares nothing: the cap holds while reading.
      response.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      let sent = 0;
      const pump = () => {
        while (sent < 64 * 1024 * 1024 && !response.writableNeedDrain && !response.destroyed) {
          response.write(chunk);
          sent += chunk.length;
        }
        if (sent >= 64 * 1024 * 1024 || response.destroyed) response.end();
      };
      response.on('drain', pump);
      response.on('close', () => response.off('drain', pump));
      return pump();
    }
    if (url === '/api/declared') {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': String(50 * 1024 * 1024) });
      return response.end();
    }
    if (url === '/api/bomb') {
      // 8 MB of zeros, gzipped to a few KB: inflated past the cap, it must stop.
      response.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      return response.end(gzipSync(Buffer.alloc(8 * 1024 * 1024)));
    }
    if (url === '/api/small-gzip') {
      response.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      return response.end(gzipSync(Buffer.from('{"ok":true}')));
    }
    response.writeHead(200, { 'content-type': 'application/json' });
    return response.end(JSON.stringify({ url }));
  });
  elsewhere = createServer((request, response) => {
    stolen.push({ url: request.url ?? '', headers: request.headers });
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end('{"stolen":true}');
  });
  base = await listenOn(target);
  other = await listenOn(elsewhere);
});

hostile.after(async () => {
  target.closeAllConnections();
  elsewhere.closeAllConnections();
  await Promise.all([new Promise((resolve) => target.close(resolve)), new Promise((resolve) => elsewhere.close(resolve))]);
});

hostile.before.each(() => {
  hits.length = 0;
  stolen.length = 0;
});

const client = (options: Partial<Parameters<typeof createService>[0]> = {}) =>
  createService({ name: 'Api', baseUrl: `${base}/api`, headers: { 'x-api-key': 'the-key' }, timeoutMs: 10_000, ...options });

hostile('a redirect to another origin (302, 307, another port, another scheme) is refused: the key goes nowhere', async () => {
  for (const status of [301, 302, 303, 307, 308]) {
    for (const target of ['OTHER/steal', 'https://127.0.0.1:1/steal', 'OTHER/api/x', 'http://[not-a-url']) {
      const error = await rejection(client()(`redirect/${status}/${encodeURIComponent(target)}`));
      assert.equal(error.toBody(), { type: 'fatal', code: 'unknown', message: `Unexpected response from Api: a redirect away from its base URL (HTTP ${status}).` });
    }
  }
  assert.equal(stolen, []);
});

hostile('a redirect within the base URL is followed; 307 keeps the method and body, 302 becomes a GET', async () => {
  assert.equal(await client()(`redirect/302/${encodeURIComponent('BASE/api/landed')}`, { body: { a: 1 } }), { url: '/api/landed' });
  assert.equal(await client()(`redirect/307/${encodeURIComponent('/api/relative')}`), { url: '/api/relative' });
  assert.equal(hits.map((hit) => hit.headers['x-api-key']), ['the-key', 'the-key', 'the-key', 'the-key']);
  // Out of the base path, same origin: refused too.
  assert.is((await rejection(client()(`redirect/302/${encodeURIComponent('/admin')}`))).message, 'Unexpected response from Api: a redirect away from its base URL (HTTP 302).');
});

hostile('a redirect loop stops after 3 redirects', async () => {
  assert.is((await rejection(client()('loop'))).message, 'Unexpected response from Api: too many redirects.');
  assert.equal(hits.map((hit) => hit.url), ['/api/loop', '/api/loop', '/api/loop', '/api/loop']);
});

hostile('an answer over the cap is an error, read no further: endless, declared, or a gzip bomb', async () => {
  const capped = client({ maxBytes: 1024 * 1024 });
  const message = 'Unexpected response from Api: the answer is larger than 1048576 bytes.';
  for (const path of ['huge', 'declared', 'bomb']) {
    const before = process.memoryUsage().rss;
    const error = await rejection(capped(path));
    assert.equal(error.toBody(), { type: 'fatal', code: 'unknown', message }, path);
    assert.ok(process.memoryUsage().rss - before < 48 * 1024 * 1024, `${path}: memory grew too much`);
  }
  assert.equal(await capped('small-gzip'), { ok: true });
  assert.is(DEFAULT_MAX_BYTES, 10 * 1024 * 1024);
});

hostile('a path never leaves the base URL', async () => {
  for (const path of ['../admin', '../../admin', '%2e%2e/admin', '%2E%2E/%2e%2e/admin', `${other}/x`, 'https://evil.test/x', '/..', '..\\admin', './../admin']) {
    const error = await rejection(client()(path));
    assert.equal(error.toBody(), { type: 'fatal', code: 'unknown', message: "Could not call Api: the path leaves the service's base URL." }, path);
  }
  // Kit v3: nor walks up inside it (a value `..` would reach the base's own pages).
  assert.is((await rejection(client()('/x/../y'))).message, 'Could not call Api: the path has a .. segment.');
  // Leading slashes are the base's: `//other-host/x` is a path under it, never a host.
  assert.equal(await client()('//other-host/x'), { url: '/api/other-host/x' });
  assert.equal([hits.length, stolen.length], [1, 0]);
});

hostile('a bad base URL or header value: a fixed sentence that quotes neither', () => {
  for (const baseUrl of ['https://user:the-password@api.test', 'ftp://api.test', 'not a url', 'file:///etc/passwd']) {
    try {
      client({ baseUrl });
      assert.unreachable(baseUrl);
    } catch (error) {
      assert.instance(error, RelayError);
      assert.is((error as RelayError).message, 'Could not call Api: its base URL is not a valid http(s) URL without credentials.');
    }
  }
  for (const key of ['key\r\nx-injected: 1', 'key\n', 'key\u0000']) {
    try {
      client({ headers: { 'x-api-key': key } });
      assert.unreachable(JSON.stringify(key));
    } catch (error) {
      assert.is((error as RelayError).message, 'Could not call Api: a header holds characters HTTP does not allow.');
    }
  }
});

hostile('noData: the statuses that mean "nothing known" answer null', async () => {
  const call = createService({ name: 'Api', baseUrl: 'https://api.test', fetch: fakeFetch(() => new Response('{"error":"unknown"}', { status: 404 })) });
  assert.is(await call('ip/1.1.1.1', { noData: [404] }), null);
  assert.is((await rejection(call('ip/1.1.1.1'))).code, 'not found');
});

hostile.run();
