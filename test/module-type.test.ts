// `make module-type` (scripts/module-type.mjs): module types XDR accepts for each way it can
// authenticate to the relay, checked against the rules of XDR's schema (test/lib/iroh.ts).
// `make register` is test/registration.test.ts's.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import pkg from '../package.json';
import { listApis } from '../handler/routes.ts';
import { schemaProblems } from './lib/iroh.ts';
import { spawnAsync, temporaryCheckout, type Ran } from './lib/make.ts';
import { refusedIntegration, stubBundle } from './lib/stub.ts';
import { integration as stub } from './stub/integration.ts';

// The scripts write dist/module-type.json and .secrets/, and read Terraform's state, where they
// are: in a copy of the checkout.
const root = temporaryCheckout('relay-module-type-', { withBuild: true });
const STUB_APIS = listApis(stub);
const URL_OF_STAGE = 'https://abc123.execute-api.eu-west-1.amazonaws.com/';
const SECRET = 'module-type-secret-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEFG';
const stage = `m${randomBytes(4).toString('hex')}`;
const files = {
  secret: join(root, '.secrets', `${stage}.tfvars.json`),
  state: join(root, 'terraform', 'terraform.tfstate.d', stage),
};

type ModuleType = Record<string, unknown> & {
  properties: Record<string, unknown>;
  configuration_spec: { key: string; type: string; label: string; tooltip: string; required: boolean }[];
  capabilities: { id: string }[];
};

/** Runs a make verb with the stub integration's bundle, asynchronously (the fake IROH runs here). */
async function make(verb: string, env: Record<string, string> = {}): Promise<Ran> {
  return spawnAsync('make', ['--no-print-directory', '-s', verb], {
    cwd: root,
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', RELAY_BUNDLE: (await stubBundle()).path, ...env },
  });
}

const written = () => JSON.parse(readFileSync(join(root, 'dist', 'module-type.json'), 'utf8')) as ModuleType;
const errorLine = (result: { stderr: string }) => result.stderr.split('\n').filter((line) => line !== '' && !/^make(\[\d+\])?: \*\*\*/.test(line));

/**
 * What the XDR admin reads (the tips, each field's label and tooltip) names no make command, and
 * the description no version: checked on each auth's file as the tests below make it (each make
 * of the module type costs a make and a Node.js start).
 */
function assertAdminText(body: ModuleType, auth: string): void {
  const shown = [body['tips'], ...body.configuration_spec.flatMap((field) => [field.label, field.tooltip])].join('\n');
  assert.not.match(shown, /\bmake\b|STAGE=/, auth);
  assert.is(body['description'], pkg.description, auth);
}

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

moduleType('bearer (the default): the Generic Serverless Relay shape, the integration\'s APIs, 0600; no make command, no version', async () => {
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
  const staged = await make('module-type', { STAGE: stage });
  assert.is(staged.status, 0, staged.stderr);
  assert.is(written().properties['url'], URL_OF_STAGE);
  assertAdminText(written(), 'bearer');
});

moduleType('hs256: a field per declared claim, the entities limit, the secret and the audience; no make command, no version', async () => {
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
  assertAdminText(body, 'hs256');
});

moduleType('rs256: XDR\'s own key, the region\'s JWKS host, and no secret in the file; no make command, no version', async () => {
  for (const [region, host] of [['us', 'visibility.amp.cisco.com'], ['eu', 'visibility.eu.amp.cisco.com'], ['apjc', 'visibility.apjc.amp.cisco.com']]) {
    const result = await make('module-type', { STAGE: stage, AUTH: 'rs256', XDR_REGION: region ?? '' });
    assert.is(result.status, 0, result.stderr);
    assert.match(result.stdout, `xdr_jwks_hosts = ["${host}"]`);
    const body = written();
    assert.equal(schemaProblems(body), []);
    assert.equal(body.properties['configuration-token-alg'], 'RS256');
    assert.equal(body.properties['custom_jwks_host'], host);
    assert.not.ok(readFileSync(join(root, 'dist', 'module-type.json'), 'utf8').includes(SECRET));
    assertAdminText(body, `rs256 ${region}`);
  }
});

moduleType('bad choices: one line each, nothing written', async () => {
  const cases: [Record<string, string>, string][] = [
    [{ AUTH: 'oauth' }, 'module-type: error: AUTH must be one of bearer, hs256, rs256, not "oauth"'],
    [{ AUTH: 'hs256' }, 'module-type: error: STAGE is missing: make module-type STAGE=dev AUTH=hs256'],
    [{ AUTH: 'rs256', STAGE: 'nowhere' }, "module-type: error: stage 'nowhere' is not deployed here: make deploy STAGE=nowhere first (its URL is the tokens' audience), or RELAY_URL=<its URL> for a state kept elsewhere"],
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

moduleType('a bundle whose integration the relay would refuse, or one older than the scripts: one line, nothing written', async () => {
  const { buildBundle, writeBundle } = (await import('../scripts/build.mjs')) as typeof import('../scripts/build.mjs');
  const folder = join(root, 'broken');
  mkdirSync(folder, { recursive: true });
  // Imported without a word (nothing is checked at import): refused when its routes are built.
  const { source, refusal } = refusedIntegration(join(root, 'handler', 'contract.ts'));
  writeFileSync(join(folder, 'integration.ts'), source);
  const broken = writeBundle(folder, await buildBundle({ integration: join(folder, 'integration.ts') }));
  // A bundle of before listApis(): it exported the list as `apis`.
  const old = join(folder, 'old.mjs');
  writeFileSync(old, "export const apis = ['health']; export const integration = { claims: [] };\n");
  rmSync(join(root, 'dist', 'module-type.json'), { force: true });
  const cases: [string, string][] = [
    [broken, `module-type: error: the integration of ${broken} is refused: ${refusal}`],
    [old, `module-type: error: ${old} is older than the scripts: run make build`],
  ];
  for (const [bundle, line] of cases) {
    const result = await make('module-type', { RELAY_BUNDLE: bundle });
    assert.is(result.status, 2, bundle);
    assert.equal(errorLine(result), [line]);
  }
  assert.throws(() => statSync(join(root, 'dist', 'module-type.json')));
});

moduleType.run();
