// `make register`, `make instances`, `make unregister` and make undeploy's warning
// (scripts/register.mjs, instances.mjs, unregister.mjs) against a fake IROH on 127.0.0.1
// (test/lib/iroh.ts) that records every call: create, update, rotate, list, remove, two
// organizations, and each failure, with the calls asserted. A few runs go through make, as users
// type them (the verb's wiring, variables on make's command line, make's exit status); the others
// run the verb's script as make does, `node scripts/<verb>.mjs` with the same environment, without
// make, its shell and the Node version check (a make run cost three times the script's CPU). No
// secret in any argument or output: every `node`, the Makefile's and the tests' own, goes through
// a wrapper that writes down its arguments.
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import pkg from '../package.json';
import { freePort } from '../scripts/lib/net.mjs';
import { isSignedWith, signToken } from '../scripts/lib/token.mjs';
import { startIroh, type FakeIroh } from './lib/iroh.ts';
import { spawnAsync, temporaryCheckout, type Ran } from './lib/make.ts';
import { stubBundle } from './lib/stub.ts';

const root = temporaryCheckout('relay-registration-', { withBuild: true });
const work = mkdtempSync(join(tmpdir(), 'relay-registration-work-'));
process.once('exit', () => rmSync(work, { recursive: true, force: true }));
const stage = `r${randomBytes(4).toString('hex')}`;
const URL_OF_STAGE = 'https://abc123.execute-api.eu-west-1.amazonaws.com/';
const CLIENT = { XDR_CLIENT_ID: 'client-id', XDR_CLIENT_SECRET: 'client-secret-0f1e2d' };
const ACME = { xdr_client_id: 'acme-id', xdr_client_secret: 'acme-secret-9a8b7c', xdr_region: 'eu', claims: { key: 'acme-api-key-4242' } };
const API_KEY = 'our-api-key-1234';
const NAME = `${pkg.name} (${stage})`;
const secrets = join(root, '.secrets');
const record = (org?: string) => join(secrets, org === undefined ? `${stage}.module-type.json` : `${stage}.${org}.module-type.json`);
const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
const secretOf = () => readJson(join(secrets, `${stage}.tfvars.json`)) as { secret_key: string; secret_key_previous?: string };
const stageJwt = () => readFileSync(join(secrets, `${stage}.jwt`), 'utf8').trim();

let iroh: FakeIroh;
// Every argument list of every node the Makefile ran.
const argvLog = join(work, 'argv.log');
const bin = join(work, 'bin');

/** The environment of every run: the logging node first on PATH, the stub integration's bundle, the fake IROH. */
async function environment(env: Record<string, string>): Promise<Record<string, string>> {
  return { PATH: `${bin}:${process.env['PATH'] ?? ''}`, HOME: process.env['HOME'] ?? '', RELAY_BUNDLE: (await stubBundle()).path, XDR_API_URL: iroh.url, ...env };
}

/**
 * Runs a make verb in the copy as a user types it: `vars` (STAGE=…, ORG=…) on make's command line,
 * `env` (the API client's secret) in its environment. Asynchronously: the fake IROH runs here.
 * A mistake's exit status is make's, 2.
 */
async function make(verb: string, env: Record<string, string>, vars: string[]): Promise<Ran> {
  return spawnAsync('make', ['--no-print-directory', '-s', '-o', 'node_modules/.package-lock.json', verb, ...vars], { cwd: root, env: await environment(env) });
}

/** node (the logging one) on a script of the copy, in the copy, with `env`: a mistake's exit status is the script's, 1. */
async function node(args: string[], env: Record<string, string>): Promise<Ran> {
  return spawnAsync(join(bin, 'node'), args, { cwd: root, env: await environment(env) });
}

/** What `make <verb>` runs (`node scripts/<verb>.mjs`, the user's variables in its environment), without make. */
const script = (verb: 'register' | 'instances' | 'unregister', env: Record<string, string>) => node([`scripts/${verb}.mjs`], env);

/** What `make jwt STAGE=… [FILE=…] [ROTATE=1] [FINISH=1]` runs. */
const jwt = (...args: string[]) => node(['scripts/jwt.mjs', stage, ...args], {});

const lines = (text: string) => text.split('\n').filter((line) => line !== '' && !/^make(\[\d+\])?: \*\*\*/.test(line));
const calls = () => iroh.calls.map((call) => `${call.method} ${call.path}`);

/** What no output and no command line may ever show. */
function assertNoSecret(...outputs: string[]): void {
  const text = [...outputs, readFileSync(argvLog, 'utf8')].join('\n');
  const forbidden = [CLIENT.XDR_CLIENT_SECRET, ACME.xdr_client_secret, ACME.claims.key, API_KEY, secretOf().secret_key, stageJwt(), 'access-client-id'];
  for (const secret of forbidden) assert.not.ok(text.includes(secret), `a secret was shown: ${secret.slice(0, 6)}…`);
}

const registration = suite('make register, instances, unregister');

registration.before(async () => {
  iroh = await startIroh({
    'client-id': { secret: CLIENT.XDR_CLIENT_SECRET, org: 'org-ours' },
    'acme-id': { secret: ACME.xdr_client_secret, org: 'org-acme' },
    'narrow-id': { secret: 'narrow-secret', org: 'org-narrow', scopes: ['integration/module-type'] },
  });
  // A node that notes its arguments, then runs the real one.
  mkdirSync(bin);
  writeFileSync(argvLog, '');
  writeFileSync(join(bin, 'node'), `#!/bin/sh\nprintf '%s\\n' "$*" >>'${argvLog}'\nexec '${process.execPath}' "$@"\n`);
  chmodSync(join(bin, 'node'), 0o755);
  // The stage, deployed here (Terraform's outputs), with its secret and JWT from make jwt.
  const state = join(root, 'terraform', 'terraform.tfstate.d', stage);
  mkdirSync(state, { recursive: true });
  writeFileSync(join(state, 'terraform.tfstate'), JSON.stringify({ outputs: { url: { value: URL_OF_STAGE } } }));
  writeFileSync(join(work, 'creds.json'), JSON.stringify({ key: API_KEY }));
  const made = await jwt('--file', join(work, 'creds.json'));
  assert.is(made.status, 0, made.stderr);
});

registration.after(async () => {
  await iroh.close();
});

registration.before.each(() => {
  iroh.calls.length = 0;
  iroh.force.clear();
});

registration('make register: the module type, then the stage\'s instance with the deployed URL and the stage\'s JWT', async () => {
  const result = await make('register', CLIENT, [`STAGE=${stage}`]);
  assert.is(result.status, 0, result.stderr);
  assert.equal(calls(), ['POST /iroh/oauth2/token', 'POST /iroh/iroh-int/module-type', 'POST /iroh/iroh-int/module-instance']);
  const [, type, instance] = iroh.calls;
  assert.is(type?.headers.authorization, 'Bearer access-client-id');
  assert.equal(JSON.parse(instance?.body ?? ''), { name: NAME, module_type_id: 'mt-1', visibility: 'org', enabled: true, settings: { url: URL_OF_STAGE, token: stageJwt() } });
  assert.is(instance?.headers['content-type'], 'application/json');
  assert.equal(readJson(record()), { id: 'mt-1', api: iroh.url, auth: 'bearer', instance: 'mi-2' });
  assert.is(statSync(record()).mode & 0o777, 0o600);
  assert.equal(lines(result.stdout), [
    `Created the module type '${pkg.name}' (bearer) in XDR: mt-1`,
    `Created the module instance '${NAME}' in your organization: mi-2 (${URL_OF_STAGE} and the stage's JWT)`,
    `Their ids are kept in .secrets/${stage}.module-type.json; make register STAGE=${stage} again updates them.`,
    `Next: make check STAGE=${stage} calls the relay as XDR does.`,
  ]);
  assertNoSecret(result.stdout, result.stderr);
});

registration('register again: the same type and the same instance, updated; never a second one', async () => {
  const result = await script('register', { ...CLIENT, STAGE: stage });
  assert.is(result.status, 0, result.stderr);
  assert.equal(calls(), ['POST /iroh/oauth2/token', 'PATCH /iroh/iroh-int/module-type/mt-1', 'PATCH /iroh/iroh-int/module-instance/mi-2']);
  assert.equal(JSON.parse(iroh.calls[2]?.body ?? ''), { settings: { url: URL_OF_STAGE, token: stageJwt() } });
  assert.equal([...iroh.instances.keys()], ['mi-2']);
  assert.match(result.stdout, `Updated the module instance '${NAME}' in your organization: mi-2`);
});

registration('make instances: the stage\'s instances as XDR lists them, the token never shown', async () => {
  const result = await make('instances', CLIENT, [`STAGE=${stage}`]);
  assert.is(result.status, 0, result.stderr);
  assert.equal(calls(), ['POST /iroh/oauth2/token', 'GET /iroh/iroh-int/module-type/mt-1', 'GET /iroh/iroh-int/module-instance?module_type_id=mt-1']);
  assert.equal(lines(result.stdout), [
    `Module instances of stage '${stage}' in your organization (module type mt-1, bearer): 1`,
    `  mi-2  '${NAME}'  enabled  the stage's URL  JWT signed with the current secret, made by make register`,
  ]);
  assertNoSecret(result.stdout, result.stderr);
});

registration('rotation: ROTATE=1, register moves the instance to the new JWT, FINISH=1 keeps it valid', async () => {
  const before = stageJwt();
  const rotated = await jwt('--file', join(work, 'creds.json'), '--rotate');
  assert.is(rotated.status, 0, rotated.stderr);
  const { secret_key: current, secret_key_previous: previous } = secretOf();
  assert.ok(isSignedWith(before, previous) && !isSignedWith(before, current));
  // Until register runs, XDR holds the JWT of the previous secret, which the relay still accepts.
  const waiting = await script('instances', { ...CLIENT, STAGE: stage });
  assert.match(waiting.stdout, '  JWT signed with the previous secret: make register moves it to the new one, made by make register\n');
  const moved = await script('register', { ...CLIENT, STAGE: stage });
  assert.is(moved.status, 0, moved.stderr);
  assert.is(iroh.instances.get('mi-2')?.settings['token'], stageJwt());
  assert.ok(isSignedWith(stageJwt(), current));
  assert.match(moved.stdout, `A rotation is in progress: once every organization has the new JWT (make register STAGE=${stage} [ORG=…] each), make jwt STAGE=${stage} FINISH=1, then make deploy STAGE=${stage}.\n`);
  const finished = await jwt('--finish-rotation');
  assert.is(finished.status, 0, finished.stderr);
  // The instance's JWT is signed with the secret that stays.
  assert.ok(isSignedWith(String(iroh.instances.get('mi-2')?.settings['token']), secretOf().secret_key));
  assert.is(secretOf().secret_key_previous, undefined);
  const after = await script('instances', { ...CLIENT, STAGE: stage });
  assert.match(after.stdout, 'JWT signed with the current secret');
  assertNoSecret(rotated.stderr, waiting.stdout, moved.stdout, moved.stderr, finished.stderr, after.stdout);
});

registration('an instance removed in XDR\'s UI: register makes it again, and says so', async () => {
  iroh.instances.clear();
  const result = await script('register', { ...CLIENT, STAGE: stage });
  assert.is(result.status, 0, result.stderr);
  assert.equal(calls(), ['POST /iroh/oauth2/token', 'PATCH /iroh/iroh-int/module-type/mt-1', 'PATCH /iroh/iroh-int/module-instance/mi-2', 'POST /iroh/iroh-int/module-instance']);
  assert.match(result.stdout, 'The module instance mi-2 was removed in XDR (Administration > Integrations): creating it again in your organization.\n');
  assert.equal([...iroh.instances.keys()], ['mi-3']);
  assert.is(readJson(record())['instance'], 'mi-3');
});

registration('a lost record of the instance: the one of the stage\'s name is found and updated, not doubled', async () => {
  const kept = readJson(record());
  writeFileSync(record(), JSON.stringify({ id: kept['id'], api: kept['api'], auth: kept['auth'] }));
  const result = await script('register', { ...CLIENT, STAGE: stage });
  assert.is(result.status, 0, result.stderr);
  assert.equal(calls(), ['POST /iroh/oauth2/token', 'PATCH /iroh/iroh-int/module-type/mt-1', 'GET /iroh/iroh-int/module-instance?module_type_id=mt-1', 'PATCH /iroh/iroh-int/module-instance/mi-3']);
  assert.equal([...iroh.instances.keys()], ['mi-3']);
  assert.is(readJson(record())['instance'], 'mi-3');
});

registration('a second organization: its own client, region and claims, its own type, instance and JWT', async () => {
  const orgFile = join(secrets, 'acme.org.json');
  writeFileSync(orgFile, JSON.stringify(ACME), { mode: 0o600 });
  const result = await make('register', {}, [`STAGE=${stage}`, 'ORG=acme']);
  assert.is(result.status, 0, result.stderr);
  assert.equal(calls(), ['POST /iroh/oauth2/token', 'POST /iroh/iroh-int/module-type', 'POST /iroh/iroh-int/module-instance']);
  assert.is(iroh.calls[1]?.headers.authorization, 'Bearer access-acme-id');
  const instance = iroh.instances.get('mi-5');
  assert.is(instance?.org_id, 'org-acme');
  // Its JWT: its own claims, signed with the stage's secret (the oracle signs them independently).
  assert.equal(instance?.settings, { url: URL_OF_STAGE, token: signToken(ACME.claims, secretOf().secret_key) });
  assert.equal(readJson(record('acme')), { id: 'mt-4', api: iroh.url, auth: 'bearer', instance: 'mi-5' });
  assert.match(result.stdout, `Created the module instance '${NAME}' in organization 'acme': mi-5`);
  assert.match(result.stdout, `.secrets/${stage}.acme.module-type.json; make register STAGE=${stage} ORG=acme again updates them.`);
  // Listed per organization: acme's list is acme's only, and names the other one.
  const listed = await script('instances', { STAGE: stage, ORG: 'acme' });
  assert.equal(lines(listed.stdout), [
    `Module instances of stage '${stage}' in organization 'acme' (module type mt-4, bearer): 1`,
    `  mi-5  '${NAME}'  enabled  the stage's URL  JWT signed with the current secret, made by make register`,
    'Also registered from here: your organization (no ORG).',
  ]);
  // Your organization's client in the environment with ORG: refused, not a guess.
  const mixed = await script('register', { ...CLIENT, STAGE: stage, ORG: 'acme' });
  assert.is(mixed.status, 1);
  assert.equal(lines(mixed.stderr), [`register: error: ORG=acme uses the API client in .secrets/acme.org.json: unset XDR_CLIENT_ID and XDR_CLIENT_SECRET (they are your organization's)`]);
  assertNoSecret(result.stdout, result.stderr, listed.stdout, mixed.stderr);
});

registration('make undeploy\'s warning: from XDR where a client is configured, from the records alone (no network) where not', async () => {
  const asked = await node(['scripts/instances.mjs', '--undeploy', stage], CLIENT);
  assert.equal(lines(asked.stdout), [
    `1 module instance in your organization still points at stage '${stage}' (mi-3): make unregister STAGE=${stage} removes it.`,
    `1 module instance in organization 'acme' still points at stage '${stage}' (mi-5): make unregister STAGE=${stage} ORG=acme removes it.`,
  ]);
  iroh.calls.length = 0;
  // Without your organization's client: its line from the record, and only acme's file's client asks XDR.
  const offline = await node(['scripts/instances.mjs', '--undeploy', stage], {});
  assert.is(lines(offline.stdout)[0], `Module instance mi-3 in your organization (kept by make register) still points at stage '${stage}': make unregister STAGE=${stage} removes it.`);
  assert.ok(iroh.calls.every((call) => call.headers.authorization !== 'Bearer access-client-id'));
  assert.is(offline.status, 0);
});

registration('unregister: the instance, then the type when none is left; one made by hand keeps the type, named', async () => {
  // An admin adds one more instance of the stage's type in acme's XDR.
  iroh.instances.set('mi-hand', { id: 'mi-hand', org_id: 'org-acme', name: 'added by hand', module_type_id: 'mt-4', settings: {} });
  const kept = await make('unregister', {}, [`STAGE=${stage}`, 'ORG=acme']);
  assert.is(kept.status, 2);
  assert.equal(calls(), ['POST /iroh/oauth2/token', 'GET /iroh/iroh-int/module-type/mt-4', 'GET /iroh/iroh-int/module-instance?module_type_id=mt-4', 'DELETE /iroh/iroh-int/module-instance/mi-5']);
  assert.equal(lines(kept.stdout), [`Removed the module instance mi-5 from organization 'acme'.`]);
  assert.equal(lines(kept.stderr), [`unregister: error: kept the module type mt-4: 1 other instance of it in organization 'acme' (mi-hand 'added by hand'), not made by make register: remove it in XDR (Administration > Integrations), then make unregister STAGE=${stage} ORG=acme again`]);
  assert.equal(readJson(record('acme')), { id: 'mt-4', api: iroh.url, auth: 'bearer' });
  iroh.instances.delete('mi-hand');
  iroh.calls.length = 0;
  const removed = await script('unregister', { STAGE: stage, ORG: 'acme' });
  assert.is(removed.status, 0, removed.stderr);
  assert.equal(calls(), ['POST /iroh/oauth2/token', 'GET /iroh/iroh-int/module-type/mt-4', 'GET /iroh/iroh-int/module-instance?module_type_id=mt-4', 'DELETE /iroh/iroh-int/module-type/mt-4']);
  assert.equal(lines(removed.stdout), [`Removed the module type mt-4 from organization 'acme'; .secrets/${stage}.acme.module-type.json is removed.`]);
  assert.not.ok(existsSync(record('acme')));
  // Your organization's stays, untouched.
  assert.equal([...iroh.types.keys()], ['mt-1']);
  assert.equal([...iroh.instances.keys()], ['mi-3']);
  // Ours: instance, then type.
  iroh.calls.length = 0;
  const ours = await script('unregister', { ...CLIENT, STAGE: stage });
  assert.is(ours.status, 0, ours.stderr);
  assert.equal(calls(), ['POST /iroh/oauth2/token', 'GET /iroh/iroh-int/module-type/mt-1', 'GET /iroh/iroh-int/module-instance?module_type_id=mt-1', 'DELETE /iroh/iroh-int/module-instance/mi-3', 'DELETE /iroh/iroh-int/module-type/mt-1']);
  assert.equal([iroh.types.size, iroh.instances.size], [0, 0]);
  assert.not.ok(existsSync(record()));
  assertNoSecret(kept.stdout, kept.stderr, removed.stdout, ours.stdout, ours.stderr);
});

registration('nothing half-made: an instance XDR refuses takes the type this run created with it', async () => {
  // A missing scope: the client may write module types, not instances.
  writeFileSync(join(secrets, 'narrow.org.json'), JSON.stringify({ xdr_client_id: 'narrow-id', xdr_client_secret: 'narrow-secret', claims: { key: 'k' } }), { mode: 0o600 });
  const result = await script('register', { STAGE: stage, ORG: 'narrow' });
  assert.is(result.status, 1);
  assert.equal(calls(), ['POST /iroh/oauth2/token', 'POST /iroh/iroh-int/module-type', 'POST /iroh/iroh-int/module-instance', 'DELETE /iroh/iroh-int/module-type/mt-6']);
  assert.equal(lines(result.stderr), ['register: error: XDR refused to create the module instance (HTTP 403: Missing scope: integration/module-instance:write): give the API client the Integration Module (integration/module-type, integration/module-instance: read and write) scope in Administration > API Clients (the module type it had created is removed again)']);
  assert.equal(iroh.types.size, 0);
  assert.not.ok(existsSync(record('narrow')));
  // XDR failing on the instance: the type this run created goes again; a type that was there stays.
  iroh.calls.length = 0;
  iroh.force.set('POST /iroh/iroh-int/module-instance', { status: 500, body: { error: 'internal' } });
  const first = await script('register', { ...CLIENT, STAGE: stage });
  assert.equal(lines(first.stderr), ["register: error: XDR failed to create the module instance (HTTP 500: internal): a failure on XDR's side; run the same command again later (the module type it had created is removed again)"]);
  assert.equal(iroh.types.size, 0);
  iroh.force.clear();
  assert.is((await script('register', { ...CLIENT, STAGE: stage })).status, 0);
  iroh.force.set('PATCH /iroh/iroh-int/module-instance/mi-9', { status: 500, body: { error: 'internal' } });
  const later = await script('register', { ...CLIENT, STAGE: stage });
  assert.equal(lines(later.stderr), ["register: error: XDR failed to update the module instance (HTTP 500: internal): a failure on XDR's side; run the same command again later"]);
  assert.equal([...iroh.types.keys()], ['mt-8']);
  // The type unknown to XDR when the instance is made (removed between two calls): the fix is named.
  iroh.force.clear();
  iroh.instances.clear();
  writeFileSync(record(), JSON.stringify({ id: 'mt-8', api: iroh.url, auth: 'bearer' }));
  iroh.force.set('POST /iroh/iroh-int/module-instance', { status: 404, body: { error: 'module_type_not_found' } });
  iroh.calls.length = 0;
  const unknown = await script('register', { ...CLIENT, STAGE: stage });
  assert.equal(calls(), ['POST /iroh/oauth2/token', 'PATCH /iroh/iroh-int/module-type/mt-8', 'GET /iroh/iroh-int/module-instance?module_type_id=mt-8', 'POST /iroh/iroh-int/module-instance']);
  assert.equal(lines(unknown.stderr), [`register: error: XDR does not know the module type mt-8 (HTTP 404: module_type_not_found): make unregister STAGE=${stage}, then make register again`]);
  iroh.force.clear();
  assert.is((await script('register', { ...CLIENT, STAGE: stage })).status, 0);
});

registration('every other failure is one line naming the fix, and nothing is sent to XDR before the checks here pass', async () => {
  const closed = await freePort();
  // [verb, environment, the line, and for a run through make: the variables on its command line]
  const cases: ['register' | 'instances' | 'unregister', Record<string, string>, string, string[]?][] = [
    ['register', { STAGE: stage }, 'register: error: XDR_CLIENT_ID and XDR_CLIENT_SECRET are needed: an API client of your organization (Administration > API Clients)'],
    ['register', { ...CLIENT, XDR_CLIENT_SECRET: 'wrong', STAGE: stage }, "register: error: XDR refused the API client's credentials (HTTP 401): Client authentication failed; check XDR_CLIENT_ID and XDR_CLIENT_SECRET (Administration > API Clients)"],
    ['register', { ...CLIENT, STAGE: stage, XDR_API_URL: `http://127.0.0.1:${closed}` }, `register: error: token: could not reach 127.0.0.1:${closed} (ECONNREFUSED)`],
    ['register', { ...CLIENT, STAGE: stage, XDR_API_URL: 'http://iroh.example.test' }, 'register: error: XDR_API_URL must be https (http only on 127.0.0.1): it carries the API client secret'],
    ['register', { ...CLIENT, STAGE: 'nowhere' }, "register: error: stage 'nowhere' is not deployed here: make deploy STAGE=nowhere first (the module instance needs its URL), or RELAY_URL=<its URL> for a state kept elsewhere"],
    ['register', { ...CLIENT, STAGE: stage, AUTH: 'hs256' }, `register: error: AUTH=hs256: the module instance needs your organization's claims: FILE=.secrets/creds.json ({"key": "..."}) make register STAGE=${stage} AUTH=hs256`],
    ['register', { ...CLIENT, STAGE: stage, FILE: join(work, 'creds.json') }, `register: error: FILE= holds claims for configuration tokens (AUTH=hs256 or rs256); with AUTH=bearer the module gets the stage's JWT (make jwt STAGE=${stage})`],
    ['register', { STAGE: stage, ORG: 'nobody' }, 'register: error: no file for ORG=nobody: write .secrets/nobody.org.json (0600) with {"xdr_client_id", "xdr_client_secret", "xdr_region", "claims"} (README: Several organizations)'],
    // Typed on make's command line: make passes it as it is, and the script refuses it.
    ['register', {}, 'register: error: invalid organization name "Bad;Org": use 1-20 lower-case letters, digits or hyphens, starting with a letter', [`STAGE=${stage}`, 'ORG=Bad;Org']],
    ['register', { STAGE: stage, ORG: 'broken' }, 'register: error: .secrets/broken.org.json is not JSON'],
    ['register', { STAGE: stage, ORG: 'half' }, "register: error: .secrets/half.org.json: xdr_client_id is missing (the organization's XDR API client)"],
    ['register', { STAGE: stage, ORG: 'mars' }, 'register: error: .secrets/mars.org.json: xdr_region must be one of us, eu, apjc'],
    ['register', { STAGE: stage, ORG: 'half', FILE: join(work, 'creds.json') }, 'register: error: ORG=half takes its claims from .secrets/half.org.json, not FILE='],
    ['register', { ...CLIENT, STAGE: stage, RELAY_URL: 'http://relay.example.test/' }, 'register: error: RELAY_URL must be https (http only on 127.0.0.1): the JWT goes with every call'],
    ['instances', CLIENT, `instances: error: stage '${stage}' is not registered in your organization from here (no .secrets/${stage}.module-type.json): make register STAGE=${stage}`, [`STAGE=${stage}`]],
    ['unregister', { ...CLIENT, STAGE: stage, ORG: 'acme' }, `unregister: error: ORG=acme uses the API client in .secrets/acme.org.json: unset XDR_CLIENT_ID and XDR_CLIENT_SECRET (they are your organization's)`],
    ['unregister', { STAGE: stage, ORG: 'acme' }, `unregister: error: stage '${stage}' is not registered in organization 'acme' from here (no .secrets/${stage}.acme.module-type.json): nothing to remove`],
  ];
  // Hostile organization files: not JSON, half a client, a region XDR does not have.
  writeFileSync(join(secrets, 'broken.org.json'), '{"xdr_client_id": ', { mode: 0o600 });
  writeFileSync(join(secrets, 'half.org.json'), JSON.stringify({ xdr_client_secret: 'x' }), { mode: 0o600 });
  writeFileSync(join(secrets, 'mars.org.json'), JSON.stringify({ ...ACME, xdr_region: 'mars' }), { mode: 0o600 });
  // Unregistered first: the cases above start from nothing in XDR.
  assert.is((await script('unregister', { ...CLIENT, STAGE: stage })).status, 0);
  const run = ([verb, env, , vars]: (typeof cases)[number]) => (vars === undefined ? script(verb, env) : make(verb, env, vars));
  // The line alone on stderr (but make's own `make: *** … Error 1`), and the exit status: the
  // script's 1, make's 2.
  const failed = ([, , line, vars]: (typeof cases)[number], result: Ran) => {
    assert.is(result.status, vars === undefined ? 1 : 2, line);
    assert.equal(lines(result.stderr), [line]);
    assertNoSecret(result.stdout, result.stderr);
  };
  // The two that reach a server first; then the others, four at a time (none writes anything), and
  // not one call to XDR from any of them.
  const reaches = ([, , line]: (typeof cases)[number]) => line.includes('refused') || line.includes('could not reach');
  for (const each of cases.filter(reaches)) failed(each, await run(each));
  iroh.calls.length = 0;
  const quiet = cases.filter((each) => !reaches(each));
  for (let index = 0; index < quiet.length; index += 4) {
    const batch = quiet.slice(index, index + 4);
    const results = await Promise.all(batch.map(run));
    batch.forEach((each, at) => failed(each, results[at] as Ran));
  }
  assert.equal(calls(), []);
  assert.equal([iroh.types.size, iroh.instances.size], [0, 0]);
});

registration('a module type removed in XDR: instances says so, unregister forgets it, register makes it again', async () => {
  assert.is((await script('register', { ...CLIENT, STAGE: stage })).status, 0);
  iroh.types.clear();
  iroh.instances.clear();
  const listed = await script('instances', { ...CLIENT, STAGE: stage });
  const id = String(readJson(record())['id']);
  assert.equal(lines(listed.stderr), [`instances: error: the module type ${id} was removed in XDR: make register STAGE=${stage} creates it again`]);
  const removed = await script('unregister', { ...CLIENT, STAGE: stage });
  assert.is(removed.status, 0, removed.stderr);
  assert.equal(lines(removed.stdout), [`The module type ${id} was already removed in XDR; .secrets/${stage}.module-type.json is removed.`]);
  assert.not.ok(existsSync(record()));
});

registration('configuration tokens: the organization\'s claims as the instance\'s fields; another AUTH replaces the instance, and is said', async () => {
  const creds = join(work, 'creds.json');
  const hs = await make('register', CLIENT, [`STAGE=${stage}`, 'AUTH=hs256', `FILE=${creds}`]);
  assert.is(hs.status, 0, hs.stderr);
  const first = readJson(record());
  const type = iroh.types.get(String(first['id']));
  // XDR signs each organization's claims with the stage's secret, which the type carries.
  assert.is((type?.['properties'] as Record<string, unknown>)['configuration-token-key'], secretOf().secret_key);
  assert.equal(iroh.instances.get(String(first['instance']))?.settings, { custom_key: API_KEY });
  // RS256 with a stage that does not trust XDR's key host: refused before XDR is asked.
  iroh.calls.length = 0;
  const refused = await script('register', { ...CLIENT, STAGE: stage, AUTH: 'rs256', FILE: creds });
  assert.equal(lines(refused.stderr), [`register: error: stage '${stage}' does not accept XDR's RS256 tokens (us: visibility.amp.cisco.com is not in its xdr_jwks_hosts): set xdr_jwks_hosts = ["visibility.amp.cisco.com"] in terraform/terraform.tfvars, make deploy STAGE=${stage}, then register`]);
  assert.equal(calls(), []);
  // Back to bearer: said, and the instance with the API key is replaced by one with the JWT.
  const back = await script('register', { ...CLIENT, STAGE: stage });
  assert.is(back.status, 0, back.stderr);
  assert.match(back.stdout, "The module type's authentication changes from hs256 to bearer: every module of this type already added in XDR must be configured again (Administration > Integrations).\n");
  assert.match(back.stdout, `The module instance ${String(first['instance'])} was made for the other authentication: replaced by a new one.\n`);
  assert.equal(calls().slice(1), [`PATCH /iroh/iroh-int/module-type/${String(first['id'])}`, `DELETE /iroh/iroh-int/module-instance/${String(first['instance'])}`, 'POST /iroh/iroh-int/module-instance']);
  const second = readJson(record());
  assert.equal([...iroh.instances.values()].map((instance) => instance.settings), [{ url: URL_OF_STAGE, token: stageJwt() }]);
  assert.equal([second['id'], second['auth']], [first['id'], 'bearer']);
  assertNoSecret(hs.stdout, hs.stderr, refused.stderr, back.stdout);
});

registration.run();
