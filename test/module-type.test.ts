// `make module-type` and `make register` (scripts/module-type.mjs, scripts/register.mjs): module
// types XDR accepts for each way it can authenticate to the relay, checked against the rules of
// XDR's schema, and registered with a fake IROH API on 127.0.0.1 that checks every request.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import pkg from '../package.json';
import { freePort } from '../scripts/lib/net.mjs';
import { buildRoutes, listApis } from '../handler/routes.ts';
import { schemaProblems } from './lib/iroh.ts';
import { temporaryCheckout } from './lib/make.ts';
import { stubBundle } from './lib/stub.ts';
import { integration as stub } from './stub/integration.ts';

// The scripts write dist/module-type.json and .secrets/, and read Terraform's state, where they
// are: in a copy of the checkout.
const root = temporaryCheckout('relay-module-type-', { withBuild: true });
const STUB_APIS = listApis(buildRoutes(stub, pkg.version));
const URL_OF_STAGE = 'https://abc123.execute-api.eu-west-1.amazonaws.com/';
const SECRET = 'module-type-secret-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEFG';
const stage = `m${randomBytes(4).toString('hex')}`;
const files = {
  secret: join(root, '.secrets', `${stage}.tfvars.json`),
  remembered: join(root, '.secrets', `${stage}.module-type.json`),
  state: join(root, 'terraform', 'terraform.tfstate.d', stage),
};

type ModuleType = Record<string, unknown> & {
  properties: Record<string, unknown>;
  configuration_spec: { key: string; type: string; label: string; tooltip: string; required: boolean }[];
  capabilities: { id: string }[];
};

/** Runs a make verb with the stub integration's bundle, asynchronously (the fake IROH runs here). */
async function make(verb: string, env: Record<string, string> = {}): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const child = spawn('make', ['--no-print-directory', '-s', verb], {
    cwd: root,
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', RELAY_BUNDLE: (await stubBundle()).path, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const status = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  return { status, stdout, stderr };
}

const written = () => JSON.parse(readFileSync(join(root, 'dist', 'module-type.json'), 'utf8')) as ModuleType;
const errorLine = (result: { stderr: string }) => result.stderr.split('\n').filter((line) => line !== '' && !/^make(\[\d+\])?: \*\*\*/.test(line));

const moduleType = suite('make module-type');

moduleType.before(() => {
  mkdirSync(files.state, { recursive: true });
  writeFileSync(join(files.state, 'terraform.tfstate'), JSON.stringify({ outputs: { url: { value: URL_OF_STAGE } } }));
  mkdirSync(join(root, '.secrets'), { recursive: true, mode: 0o700 });
  writeFileSync(files.secret, JSON.stringify({ secret_key: SECRET }), { mode: 0o600 });
});

moduleType('the schema check itself refuses what XDR refuses', () => {
  assert.equal(schemaProblems({
    title: 't', default_name: 'd', url: 'x', configuration_spec: [{ key: 'u', type: 'url', label: 'U', required: 'yes' }],
    capabilities: [{ id: 'enrich', description: '' }], product_categories: [{ id: 'intel', description: '' }], properties: {},
  }), ['unknown key url', 'configuration_spec: type url', 'capabilities: id enrich', 'product_categories: id intel', 'configuration_spec: required must be a boolean']);
});

moduleType('bearer (the default): the Generic Serverless Relay shape, the integration\'s APIs, 0600', async () => {
  const result = await make('module-type');
  assert.is(result.status, 0, result.stderr);
  const body = written();
  assert.equal(schemaProblems(body), []);
  assert.equal(body.properties, { 'supported-apis': STUB_APIS, 'auth-type': 'bearer' });
  assert.equal(body['flags'], ['third-party-serverless']);
  assert.equal(body.configuration_spec.map((field) => [field.key, field.type, field.required]), [['url', 'string', true], ['token', 'api_key', true]]);
  assert.equal(body.capabilities.map((capability) => capability.id), ['health', 'deliberate', 'observe', 'refer', 'respond', 'tiles']);
  assert.equal([body['title'], body['default_name']], [pkg.name, pkg.name]);
  assert.is(statSync(join(root, 'dist', 'module-type.json')).mode & 0o777, 0o600);
  // With a deployed stage, its URL.
  await make('module-type', { STAGE: stage });
  assert.is(written().properties['url'], URL_OF_STAGE);
});

moduleType('hs256: a field per declared claim, the entities limit, the secret and the audience', async () => {
  const result = await make('module-type', { STAGE: stage, AUTH: 'hs256' });
  assert.is(result.status, 0, result.stderr);
  assert.match(result.stdout, "It holds the stage's secret");
  const body = written();
  assert.equal(schemaProblems(body), []);
  assert.equal(body.configuration_spec, [
    { key: 'custom_key', type: 'api_key', label: 'API key of the third-party service', tooltip: 'API key of the third-party service', required: true },
    { key: 'custom_CTR_ENTITIES_LIMIT', type: 'integer', label: 'Entities limit', tooltip: "At most this many sightings and judgements per observable (the relay's own limit still applies)", required: false },
  ]);
  assert.equal(body.properties, {
    'supported-apis': STUB_APIS,
    url: URL_OF_STAGE,
    'auth-type': 'configuration-token',
    'configuration-token-alg': 'HS256',
    'configuration-token-audience': URL_OF_STAGE.slice(0, -1),
    'configuration-token-key': SECRET,
  });
  assert.not.ok('flags' in body);
});

moduleType('rs256: XDR\'s own key, the region\'s JWKS host, and no secret in the file', async () => {
  for (const [region, host] of [['us', 'visibility.amp.cisco.com'], ['eu', 'visibility.eu.amp.cisco.com'], ['apjc', 'visibility.apjc.amp.cisco.com']]) {
    const result = await make('module-type', { STAGE: stage, AUTH: 'rs256', XDR_REGION: region ?? '' });
    assert.is(result.status, 0, result.stderr);
    assert.match(result.stdout, `xdr_jwks_hosts = ["${host}"]`);
    const body = written();
    assert.equal(schemaProblems(body), []);
    assert.equal(body.properties['configuration-token-alg'], 'RS256');
    assert.equal(body.properties['custom_jwks_host'], host);
    assert.not.ok(readFileSync(join(root, 'dist', 'module-type.json'), 'utf8').includes(SECRET));
  }
});

moduleType('what the XDR admin reads names no make command, and the description no version', async () => {
  for (const auth of ['bearer', 'hs256', 'rs256']) {
    const result = await make('module-type', { STAGE: stage, AUTH: auth });
    assert.is(result.status, 0, result.stderr);
    const body = written();
    const shown = [body['tips'], ...body.configuration_spec.flatMap((field) => [field.label, field.tooltip])].join('\n');
    assert.not.match(shown, /\bmake\b|STAGE=/, auth);
    assert.is(body['description'], pkg.description, auth);
  }
});

moduleType('bad choices: one line each, nothing written', async () => {
  const cases: [Record<string, string>, string][] = [
    [{ AUTH: 'oauth' }, 'module-type: error: AUTH must be one of bearer, hs256, rs256, not "oauth"'],
    [{ AUTH: 'hs256' }, 'module-type: error: STAGE is missing: make module-type STAGE=dev AUTH=hs256'],
    [{ AUTH: 'rs256', STAGE: 'nowhere' }, "module-type: error: stage 'nowhere' is not deployed here: make deploy STAGE=nowhere first (its URL is the tokens' audience)"],
    [{ STAGE: 'Bad;Stage' }, 'module-type: error: invalid stage name "Bad;Stage": use 1-20 lower-case letters, digits or hyphens, starting with a letter'],
    [{ XDR_REGION: 'mars' }, 'module-type: error: XDR_REGION must be one of us, eu, apjc, not "mars"'],
  ];
  rmSync(join(root, 'dist', 'module-type.json'), { force: true });
  for (const [env, line] of cases) {
    const result = await make('module-type', env);
    assert.is(result.status, 2, JSON.stringify(env));
    assert.equal(errorLine(result), [line]);
  }
  assert.throws(() => statSync(join(root, 'dist', 'module-type.json')));
});

moduleType.run();

// The fake IROH API: the token exchange, then module types, each request checked.
interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

let iroh: Server;
let irohUrl = '';
const seen: Seen[] = [];
let moduleTypes = new Map<string, unknown>();
let tokenStatus = 200;
let createStatus = 201;

const register = suite('make register');

register.before(async () => {
  iroh = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      seen.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers, body });
      const send = (status: number, value: unknown) => {
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(value));
      };
      if (request.url === '/iroh/oauth2/token') {
        const good = request.headers.authorization === `Basic ${Buffer.from('client-id:client-secret').toString('base64')}`;
        if (!good || body !== 'grant_type=client_credentials' || tokenStatus !== 200) {
          return send(tokenStatus === 200 ? 401 : tokenStatus, { error: 'invalid_client', error_description: 'Client authentication failed' });
        }
        return send(200, { access_token: 'the-access-token', token_type: 'bearer', expires_in: 600 });
      }
      if (request.headers.authorization !== 'Bearer the-access-token') return send(401, { error: 'unauthorized' });
      const parsed = JSON.parse(body || 'null') as Record<string, unknown>;
      const problems = schemaProblems(parsed);
      if (problems.length > 0) return send(400, { errors: [{ message: problems.join('; ') }] });
      if (request.method === 'POST' && request.url === '/iroh/iroh-int/module-type') {
        if (createStatus !== 201) return send(createStatus, { error: 'forbidden', message: 'Missing scope: integration' });
        const id = `mt-${moduleTypes.size + 1}`;
        moduleTypes.set(id, parsed);
        return send(201, { ...parsed, id });
      }
      const patched = /^\/iroh\/iroh-int\/module-type\/([^/]+)$/.exec(request.url ?? '')?.[1];
      if (request.method === 'PATCH' && patched !== undefined) {
        if (!moduleTypes.has(patched)) return send(404, { error: 'not found' });
        moduleTypes.set(patched, parsed);
        return send(200, { ...parsed, id: patched });
      }
      return send(404, { error: 'not found' });
    });
  });
  await new Promise<void>((resolve) => iroh.listen(0, '127.0.0.1', resolve));
  irohUrl = `http://127.0.0.1:${(iroh.address() as AddressInfo).port}`;
});

register.after(async () => {
  iroh.closeAllConnections();
  await new Promise((resolve) => iroh.close(resolve));
  for (const file of [files.secret, files.remembered]) rmSync(file, { force: true });
  rmSync(files.state, { recursive: true, force: true });
});

register.before.each(() => {
  seen.length = 0;
  tokenStatus = 200;
  createStatus = 201;
});

const CLIENT = { XDR_CLIENT_ID: 'client-id', XDR_CLIENT_SECRET: 'client-secret' };

register('creates the module type, remembers its id, then updates it', async () => {
  moduleTypes = new Map();
  const created = await make('register', { ...CLIENT, STAGE: stage, AUTH: 'hs256', XDR_API_URL: irohUrl });
  assert.is(created.status, 0, created.stderr);
  assert.match(created.stdout, `Created the module type '${pkg.name}' (hs256) in XDR: mt-1`);
  assert.equal(seen.map((request) => [request.method, request.url]), [['POST', '/iroh/oauth2/token'], ['POST', '/iroh/iroh-int/module-type']]);
  assert.is(seen[0]?.headers['content-type'], 'application/x-www-form-urlencoded');
  assert.is(seen[1]?.headers['content-type'], 'application/json');
  assert.equal((moduleTypes.get('mt-1') as ModuleType).properties['configuration-token-key'], SECRET);
  assert.equal(JSON.parse(readFileSync(files.remembered, 'utf8')), { id: 'mt-1', api: irohUrl, auth: 'hs256' });
  assert.is(statSync(files.remembered).mode & 0o777, 0o600);
  assert.not.ok(created.stdout.includes('client-secret') || created.stdout.includes(SECRET));

  // RS256 against a stage deployed without XDR's key host: every token would be refused. Not sent.
  seen.length = 0;
  const refused = await make('register', { ...CLIENT, STAGE: stage, AUTH: 'rs256', XDR_API_URL: irohUrl });
  assert.is(refused.status, 2);
  assert.equal(errorLine(refused), [`register: error: stage '${stage}' does not accept XDR's RS256 tokens (us: visibility.amp.cisco.com is not in its xdr_jwks_hosts): set xdr_jwks_hosts = ["visibility.amp.cisco.com"] in terraform/terraform.tfvars, make deploy STAGE=${stage}, then register`]);
  assert.equal(seen, []);
  const state = join(files.state, 'terraform.tfstate');
  writeFileSync(state, JSON.stringify({ outputs: { url: { value: URL_OF_STAGE }, xdr_jwks_hosts: { value: ['visibility.amp.cisco.com'] } } }));

  // Deployed with it: updated, and the change of authentication said, not silent.
  const updated = await make('register', { ...CLIENT, STAGE: stage, AUTH: 'rs256', XDR_API_URL: irohUrl });
  assert.is(updated.status, 0, updated.stderr);
  assert.match(updated.stdout, "The module type's authentication changes from hs256 to rs256: every module of this type already added in XDR must be configured again (Administration > Integrations).\n");
  assert.match(updated.stdout, 'Updated the module type');
  assert.equal(JSON.parse(readFileSync(files.remembered, 'utf8')), { id: 'mt-1', api: irohUrl, auth: 'rs256' });
  seen.length = 0;
  const same = await make('register', { ...CLIENT, STAGE: stage, AUTH: 'rs256', XDR_API_URL: irohUrl });
  assert.is(same.status, 0, same.stderr);
  assert.not.match(same.stdout, 'authentication changes');
  assert.equal(seen.map((request) => [request.method, request.url]), [['POST', '/iroh/oauth2/token'], ['PATCH', '/iroh/iroh-int/module-type/mt-1']]);
  assert.is((moduleTypes.get('mt-1') as ModuleType).properties['configuration-token-alg'], 'RS256');

  // Deleted in XDR since: created again.
  moduleTypes = new Map();
  const again = await make('register', { ...CLIENT, STAGE: stage, XDR_API_URL: irohUrl });
  assert.is(again.status, 0, again.stderr);
  assert.match(again.stdout, 'Created the module type');
  assert.is(JSON.parse(readFileSync(files.remembered, 'utf8')).id, 'mt-1');
});

register('every failure is one line: credentials, XDR\'s refusal, the network, the choices', async () => {
  rmSync(files.remembered, { force: true });
  const closed = await freePort();
  const cases: [Record<string, string>, () => void, string][] = [
    [{ STAGE: stage, XDR_API_URL: irohUrl }, () => undefined, 'register: error: XDR_CLIENT_ID and XDR_CLIENT_SECRET are needed: an API client of your XDR organization (Administration > API Clients)'],
    [{ ...CLIENT, XDR_CLIENT_SECRET: 'wrong', STAGE: stage, XDR_API_URL: irohUrl }, () => undefined, "register: error: XDR refused the API client's credentials (HTTP 401): Client authentication failed"],
    [{ ...CLIENT, STAGE: stage, XDR_API_URL: irohUrl }, () => { createStatus = 403; }, 'register: error: XDR refused the module type (HTTP 403): Missing scope: integration'],
    [{ ...CLIENT, STAGE: stage, XDR_API_URL: `http://127.0.0.1:${closed}` }, () => undefined, `register: error: token: could not reach 127.0.0.1:${closed} (ECONNREFUSED)`],
    [{ ...CLIENT, STAGE: stage, XDR_API_URL: 'http://iroh.example.test' }, () => undefined, 'register: error: XDR_API_URL must be https (http only on 127.0.0.1): it carries the API client secret'],
    [{ ...CLIENT, XDR_API_URL: irohUrl }, () => undefined, 'register: error: STAGE is missing: make register STAGE=dev'],
  ];
  for (const [env, prepare, line] of cases) {
    prepare();
    const result = await make('register', env);
    assert.is(result.status, 2, line);
    assert.equal(errorLine(result), [line]);
    assert.not.ok(result.stderr.includes('client-secret'));
  }
  assert.throws(() => statSync(files.remembered));
});

register.run();
