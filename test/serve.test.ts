// `make serve`: scripts/serve.mjs over the built bundle, through real HTTP on 127.0.0.1.
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createSecretKey, generateKeyPairSync, randomBytes } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import { connect, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { SignJWT } from 'jose';
import { once } from 'node:events';
import { request } from 'node:http';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { verifyToken } from '../handler/tokens.ts';
import { authError, sign } from './fixtures.ts';
import { temporaryCheckout } from './lib/make.ts';
import { refusedIntegration, stubBundle } from './lib/stub.ts';

const SCRIPT = join(__dirname, '..', 'scripts', 'serve.mjs');

interface Server {
  child: ChildProcess;
  url: string;
  token: string;
  curl: string;
  output: () => string;
  stderr: () => string;
}

/**
 * Starts `make serve`, as the README says, on a free port, and waits for its banner (at most
 * 10 s). In its own process group, so that Ctrl-C can be sent to make and node together.
 */
async function start(env: Record<string, string> = {}, { cwd = join(__dirname, '..') } = {}): Promise<Server> {
  // The stub integration's bundle, never dist/index.mjs: that is the fork's (test/fork.test.ts).
  const bundle = { RELAY_BUNDLE: (await stubBundle()).path };
  // -o: a copy shares node_modules through a link, which make must never reinstall (test/lib/make.ts).
  const child = spawn('make', ['--no-print-directory', '-s', '-o', 'node_modules/.package-lock.json', 'serve'], {
    cwd,
    env: { PATH: process.env['PATH'] ?? '', PORT: '0', ...bundle, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let text = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    text += chunk.toString();
  });
  // Generous: a loaded machine may take many seconds to start make, node and the console.
  const deadline = Date.now() + 60_000;
  while (!/^curl .*$/m.test(text)) {
    if (Date.now() > deadline || child.exitCode !== null) {
      if (child.exitCode === null) process.kill(-(child.pid ?? 0), 'SIGKILL');
      throw new Error(`serve did not start: ${text}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return {
    child,
    url: /listening on (\S+)/.exec(text)?.[1] ?? '',
    token: /Dev JWT: (\S+)/.exec(text)?.[1] ?? '',
    curl: /^curl .*$/m.exec(text)?.[0] ?? '',
    output: () => text,
    stderr: () => stderr,
  };
}

/**
 * Ctrl-C: SIGINT to the whole group, as a terminal sends it (SIGKILL after 5 s). Returns whether
 * it stopped cleanly: node exited 0 (make then exits 0, or re-raises the SIGINT it got itself, as
 * make does), nothing was printed on stderr, and the port no longer answers.
 */
async function stop(server: Server): Promise<boolean> {
  const group = -(server.child.pid ?? 0);
  if (server.child.exitCode === null) {
    const exited = once(server.child, 'exit');
    process.kill(group, 'SIGINT');
    const timer = setTimeout(() => process.kill(group, 'SIGKILL'), 30_000);
    const [code, signal] = (await exited) as [number | null, string | null];
    clearTimeout(timer);
    if (!(code === 0 || signal === 'SIGINT')) return false;
  }
  if (server.stderr() !== '') return false;
  try {
    await fetch(`${server.url}/version`, { method: 'POST' });
    return false;
  } catch {
    return true;
  }
}

async function post(url: string, body?: Buffer | string, headers: Record<string, string> = {}) {
  const response = await fetch(url, { method: 'POST', headers, ...(body === undefined ? {} : { body }) });
  return { status: response.status, type: response.headers.get('content-type'), body: (await response.json()) as unknown };
}

/** scripts/serve.mjs run directly, for a mistake it refuses before it listens: its status and stderr. */
function runServe(env: Record<string, string>, script = SCRIPT): { status: number; stderr: string } {
  try {
    execFileSync(process.execPath, [script], { env: { PATH: process.env['PATH'] ?? '', ...env }, encoding: 'utf8', stdio: 'pipe', timeout: 10_000 });
    return { status: 0, stderr: '' };
  } catch (error) {
    const { status, stderr } = error as { status: number; stderr: string };
    return { status, stderr };
  }
}

/**
 * A raw POST over its own TCP connection that sends all of `chunks` (with a Content-Length if
 * given, else chunked) and returns the status line's code: no client-side size logic, and no
 * failure if the server resets the connection once it has answered (a loaded machine may see the
 * answer and the reset in either order of the client's writes).
 */
function rawPost(url: string, chunks: Buffer[], headers: Record<string, string> = {}): Promise<number> {
  const { hostname, port, pathname } = new URL(url);
  return new Promise<number>((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    let received = '';
    socket.on('data', (data: Buffer) => {
      received += data.toString('latin1');
      const status = /^HTTP\/1\.1 (\d{3}) /.exec(received)?.[1];
      if (status !== undefined) {
        resolve(Number(status));
        socket.destroy();
      }
    });
    // EPIPE or ECONNRESET while sending: what counts is the status the server sent, if any.
    socket.on('error', () => undefined);
    socket.on('close', () => reject(new Error(`no status line; received ${JSON.stringify(received.slice(0, 200))}`)));
    const chunked = headers['content-length'] === undefined;
    const head = Object.entries({ host: `${hostname}:${port}`, ...headers, ...(chunked ? { 'transfer-encoding': 'chunked' } : {}) });
    socket.write(`POST ${pathname} HTTP/1.1\r\n${head.map(([name, value]) => `${name}: ${value}\r\n`).join('')}\r\n`);
    for (const chunk of chunks) socket.write(chunked ? Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')]) : chunk);
    if (chunked) socket.write('0\r\n\r\n');
  });
}

// The requests that need no setting of their own share one server (each start is a make and a
// Node.js start): after all of them, Ctrl-C stops it cleanly, having printed nothing on stderr.
const served = suite('serve: one server, many requests');
let shared: Server | undefined;
const running = (): Server => {
  if (shared === undefined) throw new Error('the shared server did not start (above)');
  return shared;
};

served.before(async () => {
  shared = await start();
});

// Stopped by the last test; here too when that test did not run or failed.
served.after(async () => {
  if (shared !== undefined) await stop(shared);
});

served('the printed curl line works as printed', () => {
  const server = running();
  assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/);
  assert.match(server.output(), /a fresh random dev secret/);
  const answer = execFileSync('bash', ['-c', server.curl], { encoding: 'utf8', timeout: 10_000 });
  assert.equal(JSON.parse(answer), { data: { status: 'ok' } });
});

served('requests become real events: JSON, base64 bodies, refusals, 404 and 405', async () => {
  const server = running();
  const auth = { authorization: `Bearer ${server.token}` };
  const observables = JSON.stringify([{ type: 'ip', value: '1.1.1.1' }]);
  assert.equal(await post(`${server.url}/observe/observables`, observables, { ...auth, 'content-type': 'application/json' }), {
    status: 200, type: 'application/json', body: { data: {} },
  });
  // No content type: API Gateway sends it base64-encoded; the handler decodes it.
  assert.equal((await post(`${server.url}/refer/observables/`, Buffer.from(observables), auth)).body, { data: [] });
  assert.equal((await post(`${server.url}/health`)).body, authError('Authorization header is missing'));
  assert.equal((await post(`${server.url}/version`)).status, 200);
  assert.is((await post(`${server.url}/nowhere`, undefined, auth)).status, 404);
  const get = await fetch(`${server.url}/health`);
  assert.is(get.status, 405);
  assert.is(get.headers.get('allow'), 'POST');
  await get.arrayBuffer();
});

served('a body over 6 MB gets 413 once it is sent, and the server stays up', async () => {
  const server = running();
  const big = Buffer.alloc(6 * 1024 * 1024 + 1, 0x20);
  // The server reads the whole body before it answers: the client always sees the 413.
  assert.is(await rawPost(`${server.url}/health`, [big], { 'content-length': String(big.length) }), 413);
  // Without a Content-Length (chunked), the size is counted as it arrives.
  assert.is(await rawPost(`${server.url}/health`, Array.from({ length: 7 }, () => Buffer.alloc(1024 * 1024, 0x20))), 413);
  assert.is((await post(`${server.url}/version`)).status, 200);
});

served('no request target stops the server: //, ///, //[, //%, //@, //?, //#', async () => {
  const server = running();
  const { port } = new URL(server.url);
  for (const target of ['//', '///', '//[', '//%', '//@', '//?', '//#', '//a:b@c/health', 'http://x/version', '*']) {
    const status = await new Promise<number>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: target, method: 'POST' }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    assert.is(status, target === 'http://x/version' ? 200 : 404, target);
  }
  assert.is((await post(`${server.url}/version`)).status, 200);
});

served('a busy port: one line, exit 1', () => {
  const port = new URL(running().url).port;
  assert.equal(runServe({ PORT: port }), { status: 1, stderr: `serve: error: port ${port} is in use; choose another with PORT=…\n` });
});

served('Ctrl-C stops it cleanly: node exits 0, nothing was printed on stderr, the port is closed', async () => {
  const server = running();
  shared = undefined;
  assert.ok(await stop(server), server.output());
});

served.run();

const serve = suite('serve: a server of its own');

serve('a required setting without a value: one warning in make serve\'s terms, not Terraform\'s', async () => {
  const work = mkdtempSync(join(tmpdir(), 'relay-serve-settings-'));
  try {
    writeFileSync(join(work, 'integration.ts'), [
      `import { defineIntegration } from ${JSON.stringify(join(__dirname, '..', 'handler', 'contract.ts'))};`,
      'export const integration = defineIntegration({',
      "  claims: [{ name: 'key', description: 'API key' }],",
      "  observableTypes: 'all',",
      "  settings: [{ name: 'INTEL_URL', description: 'where Intel answers' }, { name: 'INTEL_TOKEN_URL', description: 'its tokens' }, { name: 'INTEL_PAGE', description: 'page size', default: '50' }],",
      "  health: async () => ({ data: { status: 'ok' } }),",
      '});',
    ].join('\n'));
    const { buildBundle, writeBundle } = (await import('../scripts/build.mjs')) as typeof import('../scripts/build.mjs');
    writeBundle(work, await buildBundle({ integration: join(work, 'integration.ts') }));
    const server = await start({ RELAY_BUNDLE: join(work, 'index.mjs'), INTEL_TOKEN_URL: 'https://intel.example/token' });
    await stop(server);
    assert.is(server.stderr().split('\n')[0], 'serve: warning: INTEL_URL not set: every request answers 500 until you run INTEL_URL=… make serve');
    assert.not.match(server.stderr(), /Terraform/);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});

serve('SECRET_KEY from the environment signs the dev JWT', async () => {
  const server = await start({ SECRET_KEY: 'a-secret-from-the-environment-0123456789' });
  try {
    const key = createSecretKey(Buffer.from('a-secret-from-the-environment-0123456789'));
    assert.equal(verifyToken(server.token, [key]), { key: 'dev-key' });
    assert.not.match(server.output(), /a-secret-from-the-environment/);
  } finally {
    await stop(server);
  }
});

serve('STAGE=…: the stage\'s secret and last JWT, read from their files and never printed', async () => {
  const stage = `s${randomBytes(4).toString('hex')}`;
  const secret = 'stage-secret-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEFGHIJKLMN';
  const token = sign({ key: 'the-stage-api-key' }, secret);
  // The stage's files are written where a user's are, in a copy of the checkout: never in this one.
  const copy = temporaryCheckout('relay-serve-stage-', { withBuild: true });
  const secrets = join(copy, '.secrets');
  mkdirSync(secrets, { recursive: true, mode: 0o700 });
  writeFileSync(join(secrets, `${stage}.tfvars.json`), JSON.stringify({ secret_key: secret }), { mode: 0o600 });
  const missing = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [join(copy, 'scripts', 'serve.mjs')], { env: { PATH: process.env['PATH'] ?? '', PORT: '0', STAGE: stage }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => resolve({ code, stderr }));
  });
  assert.equal(missing, { code: 1, stderr: `serve: error: stage '${stage}' has no secret or no JWT yet: run make jwt STAGE=${stage}\n` });
  writeFileSync(join(secrets, `${stage}.jwt`), `${token}\n`, { mode: 0o600 });
  const server = await start({ STAGE: stage }, { cwd: copy });
  try {
    assert.match(server.output(), `SECRET_KEY: stage '${stage}', with its last JWT (make jwt STAGE=${stage})`);
    assert.is(server.curl, `curl -s -X POST -H "Authorization: Bearer $(cat .secrets/${stage}.jwt)" ${server.url}/health`);
    assert.not.ok(server.output().includes(token) || server.output().includes(secret));
    const answer = execFileSync('bash', ['-c', server.curl], { encoding: 'utf8', timeout: 10_000, cwd: copy });
    assert.equal(JSON.parse(answer), { data: { status: 'ok' } });
  } finally {
    assert.ok(await stop(server), server.output());
  }
});

serve('RS256 configuration tokens with XDR_JWKS_HOSTS: keys fetched over https from a JWKS host trusted through NODE_EXTRA_CA_CERTS', async () => {
  const directory = mkdtempSync(join(tmpdir(), 'relay-jwks-'));
  // The JWKS host's TLS key: EC P-256, made by Node (an RSA key costs openssl up to a second of CPU
  // on a loaded machine), signed into a certificate for 127.0.0.1 by openssl.
  const tls = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey.export({ type: 'pkcs8', format: 'pem' });
  writeFileSync(join(directory, 'key.pem'), tls, { mode: 0o600 });
  const made = spawnSync('openssl', [
    'req', '-x509', '-new', '-key', join(directory, 'key.pem'), '-days', '1', '-subj', '/CN=127.0.0.1',
    '-addext', 'subjectAltName=IP:127.0.0.1', '-out', join(directory, 'ca.pem'),
  ], { encoding: 'utf8', timeout: 30_000 });
  assert.is(made.status, 0, made.stderr);
  const xdr = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const asked: string[] = [];
  const jwks = createHttpsServer({ key: readFileSync(join(directory, 'key.pem')), cert: readFileSync(join(directory, 'ca.pem')) }, (request, response) => {
    asked.push(request.url ?? '');
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ keys: [{ ...xdr.publicKey.export({ format: 'jwk' }), kid: 'xdr-1', use: 'sig', alg: 'RS256' }] }));
  });
  await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
  const host = `127.0.0.1:${(jwks.address() as AddressInfo).port}`;
  const server = await start({ XDR_JWKS_HOSTS: host, XDR_AUDIENCE: 'https://relay.test', NODE_EXTRA_CA_CERTS: join(directory, 'ca.pem') });
  try {
    const mint = (claims: Record<string, unknown>) => new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'xdr-1' }).sign(xdr.privateKey);
    const token = await mint({ key: 'org-key', jwks_host: host, aud: 'https://relay.test' });
    const ok = await post(`${server.url}/health`, undefined, { authorization: `Bearer ${token}` });
    assert.equal(ok.body, { data: { status: 'ok' } });
    const elsewhere = await mint({ key: 'org-key', jwks_host: 'attacker.test', aud: 'https://relay.test' });
    assert.equal((await post(`${server.url}/health`, undefined, { authorization: `Bearer ${elsewhere}` })).body,
      authError('Wrong jwks_host in JWT payload. Make sure domain follows the visibility.<region>.cisco.com structure'));
    assert.equal(asked, ['/.well-known/jwks']);
  } finally {
    assert.ok(await stop(server), server.output());
    jwks.closeAllConnections();
    await new Promise((resolve) => jwks.close(resolve));
    rmSync(directory, { recursive: true, force: true });
  }
});

serve('a bad PORT or an unknown EXAMPLE: one line, exit 1 (a busy port: above)', () => {
  assert.equal(runServe({ PORT: 'eighty' }), { status: 1, stderr: 'serve: error: PORT must be a port number, not "eighty"\n' });
  // EXAMPLE names a worked example: a folder of test/ with an integration.ts and a fake.ts.
  for (const example of ['nope', '../stub', 'stub', 'lib', 'console']) {
    const { status, stderr } = runServe({ EXAMPLE: example, PORT: '0' });
    assert.is(status, 1);
    // The template's three (a fork may add its own).
    const listed = /^serve: error: EXAMPLE must be one of ([a-z0-9, -]+), not (".*")\n$/.exec(stderr);
    assert.equal([listed?.[1]?.split(', ').filter((name) => ['defender', 'example', 'pulsedive'].includes(name)), listed?.[2]], [['defender', 'example', 'pulsedive'], JSON.stringify(example)], stderr);
  }
  // A checkout without test/ (serve's scripts alone, copied): no example to offer, said so.
  const bare = mkdtempSync(join(tmpdir(), 'relay-serve-bare-'));
  try {
    cpSync(join(__dirname, '..', 'scripts'), join(bare, 'scripts'), { recursive: true });
    cpSync(join(__dirname, '..', 'package.json'), join(bare, 'package.json'));
    assert.equal(runServe({ EXAMPLE: 'example', PORT: '0' }, join(bare, 'scripts', 'serve.mjs')), {
      status: 1, stderr: 'serve: error: EXAMPLE needs a worked example: a folder of test/ with an integration.ts and a fake.ts; this checkout has none\n',
    });
  } finally {
    rmSync(bare, { recursive: true, force: true });
  }
});

serve('EXAMPLE=<a worked example the relay would refuse>: one line, exit 1, its fake never started', () => {
  const copy = mkdtempSync(join(tmpdir(), 'relay-serve-broken-'));
  try {
    for (const part of ['scripts', 'handler', 'package.json']) cpSync(join(__dirname, '..', part), join(copy, part), { recursive: true });
    symlinkSync(join(__dirname, '..', 'node_modules'), join(copy, 'node_modules'), 'dir');
    mkdirSync(join(copy, 'test', 'broken'), { recursive: true });
    const { source, refusal } = refusedIntegration('../../handler/contract.ts');
    writeFileSync(join(copy, 'test', 'broken', 'integration.ts'), source);
    writeFileSync(join(copy, 'test', 'broken', 'fake.ts'), "export async function start() { throw new Error('the fake started'); }\n");
    assert.equal(runServe({ EXAMPLE: 'broken', PORT: '0' }, join(copy, 'scripts', 'serve.mjs')), {
      status: 1,
      stderr: `serve: error: the worked example broken could not be built: ${refusal}\n`,
    });
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
});

serve.run();

const toEvent = suite('serve: toEvent');

type ServeModule = { toEvent: (request: object, body: Buffer, port: number) => Record<string, unknown> };

function incoming(url: string, rawHeaders: string[], method = 'POST') {
  return { url, rawHeaders, method, httpVersion: '1.1', socket: { remoteAddress: '127.0.0.1' } };
}

toEvent('a JSON POST: lower-case headers, repeated ones joined, cookies apart, text body', async () => {
  const { toEvent: build } = (await import('../scripts/serve.mjs')) as ServeModule;
  const event = build(incoming('/observe/observables/?a=1&a=2&b=%20', [
    'Content-Type', 'application/json', 'X-Thing', 'one', 'x-thing', 'two', 'Cookie', 'a=1; b=2', 'constructor', 'c',
  ]), Buffer.from('[]'), 9090);
  const context = event['requestContext'] as Record<string, unknown>;
  assert.equal({ ...event, requestContext: { ...context, requestId: 'id', time: 't', timeEpoch: 0 } }, {
    version: '2.0',
    routeKey: '$default',
    rawPath: '/observe/observables/',
    rawQueryString: 'a=1&a=2&b=%20',
    cookies: ['a=1', 'b=2'],
    headers: { 'content-type': 'application/json', 'x-thing': 'one,two', constructor: 'c' },
    queryStringParameters: { a: '1,2', b: ' ' },
    requestContext: {
      accountId: 'anonymous',
      apiId: 'local',
      domainName: '127.0.0.1:9090',
      domainPrefix: 'local',
      http: { method: 'POST', path: '/observe/observables/', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: '' },
      requestId: 'id',
      routeKey: '$default',
      stage: '$default',
      time: 't',
      timeEpoch: 0,
    },
    isBase64Encoded: false,
    body: '[]',
  });
  assert.match(String(context['requestId']), /^[0-9a-f-]{36}$/);
});

toEvent('no body: no body key; no content type: base64; rawPath decoded once', async () => {
  const { toEvent: build } = (await import('../scripts/serve.mjs')) as ServeModule;
  const empty = build(incoming('/health', []), Buffer.alloc(0), 1);
  assert.not.ok('body' in empty);
  assert.not.ok('cookies' in empty);
  assert.not.ok('queryStringParameters' in empty);
  assert.is(empty['isBase64Encoded'], false);
  const binary = build(incoming('/a%20b/%2541', []), Buffer.from([0xff, 0x00]), 1);
  assert.equal([binary['rawPath'], binary['body'], binary['isBase64Encoded']], ['/a b/%41', '/wA=', true]);
  assert.is(build(incoming('/%E0%A4%A', []), Buffer.alloc(0), 1)['rawPath'], '/%E0%A4%A');
});

toEvent.run();
