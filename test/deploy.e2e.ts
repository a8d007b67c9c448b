// `make deploy` / `make undeploy` end to end, against moto (a local AWS emulator) on 127.0.0.1.
// The .tf files are used as a user would: the emulator is reached only through AWS_ENDPOINT_URL
// and dummy credentials in the environment, and the aws provider comes from this machine's
// filesystem mirror (test/lib/provider-mirror.sh). Run by `make test-deploy`, part of `make test`.
// What is deployed is the template's bundle with the tests' stub integration: a fork's own
// integration is never run by the template's tests.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import pkg from '../package.json';
import { freePort, waitUntilUp } from '../scripts/lib/net.mjs';
import { createZip } from '../scripts/lib/zip.mjs';
import { serve } from './lib/console-serve.ts';
import { spawnAsync, temporaryCheckout } from './lib/make.ts';
import { stubBundle } from './lib/stub.ts';

// make deploy writes .secrets/, Terraform's state and its provider where the user's are: in a
// copy of the checkout (dist/ with it, dates kept), never in this one.
const root = temporaryCheckout('relay-deploy-copy-', { withBuild: true });
const work = mkdtempSync(join(tmpdir(), 'relay-deploy-'));
const stage = `e2e${randomBytes(3).toString('hex')}`;
// Terraform names the resources after package.json's name, whatever a fork called it.
const name = `${pkg.name.replace(/^@[^/]*\//, '')}-${stage}`;
let zipPath = '';
let secret = '';
let token = '';
const STEP_TIMEOUT = 300_000;
const REGION = 'eu-west-1';
// A bundle whose integration declares a required setting (and one with a default).
let settingsBundle = '';

let moto: ChildProcess | undefined;
let env: NodeJS.ProcessEnv = {};


interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], extra: NodeJS.ProcessEnv = {}): Run {
  const result = spawnSync(command, args, {
    cwd: root,
    env: { ...env, ...extra },
    // Not a pipe: Node's pipes are socket pairs, and Debian's bash then reads bash.bashrc, as if
    // started by sshd, which prints `PS1: unbound variable` under make's `bash -u`.
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
    timeout: STEP_TIMEOUT,
    killSignal: 'SIGKILL',
  });
  return { status: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
}

function ok(command: string, args: string[], extra: NodeJS.ProcessEnv = {}): string {
  const result = run(command, args, extra);
  assert.is(result.status, 0, `${command} ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

function aws(...args: string[]): Record<string, unknown> {
  // AWS CLI v1 reads AWS_DEFAULT_REGION only.
  return JSON.parse(ok('aws', [...args, '--output', 'json'], { AWS_DEFAULT_REGION: REGION })) as Record<string, unknown>;
}

/** What a plan would change, resource by resource: the attributes whose value differs. */
function planChanges(extra: NodeJS.ProcessEnv = {}): Record<string, string[]> {
  const plan = join(work, 'plan');
  const varFile = `-var-file=${join(root, '.secrets', `${stage}.tfvars.json`)}`;
  ok('terraform', ['-chdir=terraform', 'plan', '-input=false', '-no-color', varFile, `-out=${plan}`], extra);
  const shown = JSON.parse(ok('terraform', ['-chdir=terraform', 'show', '-json', plan])) as {
    resource_changes?: { address: string; change: { actions: string[]; before: Record<string, unknown>; after: Record<string, unknown>; after_unknown: Record<string, unknown> } }[];
  };
  const changes: Record<string, string[]> = {};
  for (const { address, change } of shown.resource_changes ?? []) {
    if (change.actions.join() === 'no-op' || change.actions.join() === 'read') continue;
    const keys = new Set([...Object.keys(change.before ?? {}), ...Object.keys(change.after ?? {})]);
    changes[address] = [...keys]
      .filter((key) => change.after_unknown?.[key] === true || JSON.stringify(change.before?.[key]) !== JSON.stringify(change.after?.[key]))
      .sort();
  }
  return changes;
}

/** Every file of a zip (deflated entries, as scripts/lib/zip.mjs writes), by name. */
function unzip(zip: Buffer): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  // Local file headers, one after another, until the central directory's first.
  for (let offset = 0; zip.readUInt32LE(offset) === 0x04034b50;) {
    const nameLength = zip.readUInt16LE(offset + 26);
    const start = offset + 30 + nameLength + zip.readUInt16LE(offset + 28);
    const end = start + zip.readUInt32LE(offset + 18);
    files.set(zip.toString('utf8', offset + 30, offset + 30 + nameLength), inflateRawSync(zip.subarray(start, end)));
    offset = end;
  }
  return files;
}

/** The zip's files written into `directory`, as Lambda unpacks them; index.mjs's path. */
function unzipInto(directory: string, zip: Buffer): string {
  for (const [name, data] of unzip(zip)) writeFileSync(join(directory, name), data);
  return join(directory, 'index.mjs');
}

function stopMoto(): void {
  if (moto?.pid !== undefined && moto.exitCode === null) moto.kill('SIGKILL');
}
// Also on a crash of the test run itself: the emulator never outlives it.
process.on('exit', stopMoto);

const deploy = suite('deploy');

deploy.before(async () => {
  // What this test needs beside Node; without it, one clear line rather than a stack of failures.
  const missing = [
    ['terraform', ['version']], ['aws', ['--version']], ['python3', ['-c', 'import moto.server']],
  ].filter(([command, args]) => spawnSync(command as string, args as string[], { stdio: 'ignore' }).status !== 0)
    .map(([command]) => (command === 'python3' ? "moto (pip install 'moto[server]')" : command));
  if (missing.length > 0) {
    throw new Error(`test-deploy needs ${missing.join(', ')}; make test-unit runs everything else`);
  }
  const port = await freePort();
  const cliConfig = ok('bash', ['test/lib/provider-mirror.sh', join(work, 'terraformrc')]).trim();
  const stub = await stubBundle();
  zipPath = join(stub.path, '..', 'relay.zip');
  // An account whose Lambda concurrency quota is 200: AWS (and moto with this variable) keeps 100
  // of it unreserved, so the default reservation (25) fits and 150 does not.
  moto = spawn('python3', ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)], {
    stdio: 'ignore', env: { ...process.env, MOTO_LAMBDA_CONCURRENCY_QUOTA: '200' },
  });
  env = {
    PATH: process.env['PATH'],
    HOME: process.env['HOME'],
    AWS_ENDPOINT_URL: `http://127.0.0.1:${port}`,
    AWS_ACCESS_KEY_ID: 'testing',
    AWS_SECRET_ACCESS_KEY: 'testing',
    // The region comes from AWS_REGION alone (Terraform's default used to win over it).
    AWS_REGION: REGION,
    // No instance metadata to ask on this machine: fail at once when credentials are missing.
    AWS_EC2_METADATA_DISABLED: 'true',
    // moto lacks a few APIs (UpdateStage); fail fast instead of retrying for minutes.
    AWS_MAX_ATTEMPTS: '2',
    AWS_CA_BUNDLE: process.env['AWS_CA_BUNDLE'],
    TF_CLI_CONFIG_FILE: cliConfig,
    TF_IN_AUTOMATION: '1',
    // The stub integration's bundle, for make jwt's claims and for what is deployed.
    RELAY_BUNDLE: stub.path,
    TF_VAR_package: zipPath,
    // The copy shares node_modules through a link: make must never reinstall it (npm ci would
    // empty the original through the link), whatever the files' dates say.
    MAKEFLAGS: '-o node_modules/.package-lock.json',
  };
  const integration = join(work, 'settings-integration.ts');
  writeFileSync(integration, [
    `import { defineIntegration } from ${JSON.stringify(join(root, 'handler', 'contract.ts'))};`,
    'export const integration = defineIntegration({',
    "  claims: [{ name: 'key', description: 'API key' }],",
    "  observableTypes: 'all',",
    "  settings: [{ name: 'INTEL_URL', description: 'where Intel answers' }, { name: 'INTEL_PAGE_SIZE', description: 'page size', default: '50' }],",
    "  health: async () => ({ data: { status: 'ok' } }),",
    '});',
  ].join('\n'));
  const { buildBundle, writeBundle } = (await import('../scripts/build.mjs')) as typeof import('../scripts/build.mjs');
  const built = await buildBundle({ integration });
  mkdirSync(join(work, 'settings'));
  settingsBundle = writeBundle(join(work, 'settings'), built);
  writeFileSync(join(work, 'settings', 'relay.zip'), built.zip);
  await waitUntilUp(`http://127.0.0.1:${port}/moto-api/`, { timeoutMs: 30_000, alive: () => moto?.exitCode === null });
});

deploy.after(() => {
  stopMoto();
  // If a step failed before undeploy, the stage's local state must not stay in the checkout.
  if ((run('terraform', ['-chdir=terraform', 'workspace', 'show']).stdout ?? '').trim() === stage) {
    run('terraform', ['-chdir=terraform', 'workspace', 'select', 'default']);
  }
  rmSync(join(root, 'terraform', 'terraform.tfstate.d', stage), { recursive: true, force: true });
  rmSync(join(root, '.secrets', `${stage}.tfvars.json`), { force: true });
  rmSync(join(root, '.secrets', `${stage}.jwt`), { force: true });
  rmSync(join(root, '.secrets', `${stage}.module-type.json`), { force: true });
  rmSync(work, { recursive: true, force: true });
});

deploy('without a secret: one line that says what to run', () => {
  const result = run('make', ['--no-print-directory', 'deploy', `STAGE=${stage}x`], { TF_VAR_secret_key: '' });
  assert.is.not(result.status, 0);
  assert.match(result.stderr, `deploy: error: no secret for stage '${stage}x': run make jwt STAGE=${stage}x first (or set TF_VAR_secret_key)\n`);
  assert.not.match(result.stderr, /at .*\(/);
  // Refused before Terraform is even initialized (no provider download for a missing secret).
  assert.is(result.stdout, '');
});

deploy('a bad STAGE is refused before anything runs', () => {
  const result = run('make', ['--no-print-directory', 'deploy', 'STAGE=Bad_Stage']);
  assert.is.not(result.status, 0);
  assert.is(result.stderr.split('\n')[0], 'deploy: error: invalid stage name "Bad_Stage": use 1-20 lower-case letters, digits or hyphens, starting with a letter');
});

/**
 * The stages Terraform knows here: its local backend keeps each workspace but `default` as a
 * folder of terraform.tfstate.d (which `terraform workspace list` reads, once initialized).
 */
function workspaces(): string[] {
  const states = join(root, 'terraform', 'terraform.tfstate.d');
  return ['default', ...(existsSync(states) ? readdirSync(states) : [])];
}

const SECRET = { TF_VAR_secret_key: 'k'.repeat(64) };

deploy('without AWS credentials: one line naming aws configure and AWS_PROFILE, before Terraform', () => {
  const home = mkdtempSync(join(work, 'home-'));
  const none = { AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '', HOME: home, ...SECRET };
  const result = run('make', ['--no-print-directory', '-s', 'deploy', `STAGE=${stage}c`], none);
  assert.is(result.status, 2);
  assert.is(result.stdout, '');
  assert.match(result.stderr, /^deploy: error: no usable AWS credentials \(aws sts get-caller-identity: .*Unable to locate credentials.*\): run aws configure, or set AWS_PROFILE \(or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY\)\n/);
  // Without the AWS CLI to ask, where credentials would be.
  const withoutAws = (env['PATH'] ?? '').split(':').filter((dir) => !existsSync(join(dir, 'aws'))).join(':');
  const blind = run('make', ['--no-print-directory', '-s', 'deploy', `STAGE=${stage}c`], { ...none, PATH: withoutAws });
  assert.is(blind.status, 2);
  assert.is(blind.stderr.split('\n')[0], 'deploy: error: no AWS credentials found: run aws configure, or set AWS_PROFILE (or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY)');
  assert.not.ok(workspaces().includes(`${stage}c`));
});

deploy('without a region anywhere: one line, before Terraform', () => {
  const home = mkdtempSync(join(work, 'home-'));
  const result = run('make', ['--no-print-directory', '-s', 'deploy', `STAGE=${stage}r`], { AWS_REGION: '', HOME: home, ...SECRET });
  assert.is(result.status, 2);
  assert.is(result.stdout, '');
  assert.is(result.stderr.split('\n')[0], 'deploy: error: no AWS region: set AWS_REGION (or region in your AWS profile: aws configure), or region = "..." in terraform/terraform.tfvars');
  const bad = run('make', ['--no-print-directory', '-s', 'deploy', `STAGE=${stage}r`], { AWS_REGION: '', HOME: home, TF_VAR_region: 'Mars', ...SECRET });
  assert.is(bad.stderr.split('\n')[0], 'deploy: error: TF_VAR_region says region "Mars", which is not an AWS region name such as eu-west-1');
});

deploy('a required setting without a value, or a name the integration does not declare: refused, nothing left behind', () => {
  const extra = { RELAY_BUNDLE: settingsBundle, TF_VAR_package: join(work, 'settings', 'relay.zip'), ...SECRET };
  const missing = run('make', ['--no-print-directory', '-s', 'deploy', `STAGE=${stage}s`], extra);
  assert.is(missing.status, 2, missing.stdout);
  assert.match(missing.stdout, `Stage '${stage}s' in AWS region ${REGION} (AWS_REGION).\n`, missing.stdout + missing.stderr);
  assert.is(missing.stderr.split('\n')[0], `deploy: error: settings: INTEL_URL required by handler/integration.ts (no default) but not set for stage '${stage}s': settings = { INTEL_URL = "..." } in terraform/terraform.tfvars, or TF_VAR_settings.`);
  const misspelt = run('make', ['--no-print-directory', '-s', 'deploy', `STAGE=${stage}s`], {
    ...extra, TF_VAR_settings: '{ INTEL_URL = "https://intel.example", INTEL_PAGESIZE = "10" }',
  });
  assert.is(misspelt.status, 2, misspelt.stdout);
  assert.is(misspelt.stderr.split('\n')[0], 'deploy: error: settings: INTEL_PAGESIZE not declared by handler/integration.ts (it declares: INTEL_PAGE_SIZE, INTEL_URL): remove or rename in the settings map.');
  // Refused at plan time: no workspace, no function, no API.
  assert.not.ok(workspaces().includes(`${stage}s`));
  const functions = aws('lambda', 'list-functions')['Functions'] as { FunctionName: string }[];
  assert.equal(functions.filter((f) => f.FunctionName.endsWith(`${stage}s`)), []);
});

deploy('make jwt, then make deploy creates the relay and prints its URL', () => {
  const creds = join(work, 'creds.json');
  writeFileSync(creds, '{"key":"e2e-api-key"}');
  token = /^(ey\S+)$/m.exec(ok('make', ['--no-print-directory', 'jwt', `STAGE=${stage}`, `FILE=${creds}`]))?.[1] ?? '';
  secret = (JSON.parse(readFileSync(join(root, '.secrets', `${stage}.tfvars.json`), 'utf8')) as { secret_key: string }).secret_key;
  assert.match(secret, /^[A-Za-z0-9]{64}$/);
  const output = ok('make', ['--no-print-directory', 'deploy', `STAGE=${stage}`]);
  // The region is said first, before Terraform creates anything.
  assert.is(output.split('\n')[0], `Stage '${stage}' in AWS region ${REGION} (AWS_REGION).`);
  assert.match(output, /Apply complete! Resources: 10 added, 0 changed, 0 destroyed\./);
  assert.match(output, /Relay URL: https:\/\/[a-z0-9]+\.execute-api\.eu-west-1\.amazonaws\.com\//);
  assert.not.ok(output.includes(secret), 'the secret was printed');
});

deploy('the state holds the secret: its files are 0600 in 0700 folders', () => {
  const states = join(root, 'terraform', 'terraform.tfstate.d');
  const state = join(states, stage, 'terraform.tfstate');
  assert.ok(readFileSync(state, 'utf8').includes(secret), 'the state should hold the secret, which is why it is kept private');
  assert.is(statSync(state).mode & 0o777, 0o600);
  assert.is(statSync(join(states, stage)).mode & 0o777, 0o700);
  assert.is(statSync(states).mode & 0o777, 0o700);
});

/** The HTTP API's own URL, as AWS reports it: the audience of configuration tokens. */
function apiEndpoint(): string {
  const apis = aws('apigatewayv2', 'get-apis')['Items'] as { Name: string; ApiEndpoint: string }[];
  return apis.find((api) => api.Name === name)?.ApiEndpoint ?? '';
}

deploy('the function: runtime, arm64, handler, memory, timeout, secret, code hash, reserved concurrency', () => {
  const config = aws('lambda', 'get-function-configuration', '--function-name', name);
  // Terraform's default, sized with the API's throttle (variables.tf): the account keeps the rest.
  assert.equal(aws('lambda', 'get-function-concurrency', '--function-name', name), { ReservedConcurrentExecutions: 25 });
  const zip = readFileSync(zipPath);
  assert.equal(
    {
      Runtime: config['Runtime'],
      Architectures: config['Architectures'],
      Handler: config['Handler'],
      MemorySize: config['MemorySize'],
      Timeout: config['Timeout'],
      Environment: config['Environment'],
      CodeSha256: config['CodeSha256'],
      Role: config['Role'],
    },
    {
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
      MemorySize: 256,
      Timeout: 10,
      Environment: { Variables: { SECRET_KEY: secret, CTR_ENTITIES_LIMIT: '100', XDR_AUDIENCE: apiEndpoint() } },
      CodeSha256: createHash('sha256').update(zip).digest('base64'),
      Role: `arn:aws:iam::123456789012:role/${name}`,
    },
  );
});

deploy('the HTTP API: one $default route, a 2.0 proxy integration, the throttled $default stage', () => {
  const apis = (aws('apigatewayv2', 'get-apis')['Items'] as { Name: string; ApiId: string; ProtocolType: string }[])
    .filter((api) => api.Name === name);
  assert.is(apis.length, 1);
  const id = apis[0]?.ApiId ?? '';
  assert.is(apis[0]?.ProtocolType, 'HTTP');
  const routes = aws('apigatewayv2', 'get-routes', '--api-id', id)['Items'] as { RouteKey: string; Target: string }[];
  const integrations = aws('apigatewayv2', 'get-integrations', '--api-id', id)['Items'] as Record<string, unknown>[];
  assert.equal(routes.map((route) => route.RouteKey), ['$default']);
  assert.is(routes[0]?.Target, `integrations/${String(integrations[0]?.['IntegrationId'])}`);
  assert.equal(
    integrations.map((i) => [i['IntegrationType'], i['PayloadFormatVersion'], i['IntegrationMethod']]),
    [['AWS_PROXY', '2.0', 'POST']],
  );
  assert.match(String(integrations[0]?.['IntegrationUri']), `:function:${name}/invocations`);
  const stages = aws('apigatewayv2', 'get-stages', '--api-id', id)['Items'] as {
    StageName: string;
    AutoDeploy: boolean;
    DefaultRouteSettings: unknown;
    AccessLogSettings: { DestinationArn: string; Format: string };
  }[];
  assert.equal(stages.map((s) => [s.StageName, s.AutoDeploy, s.DefaultRouteSettings]), [
    ['$default', true, { DetailedMetricsEnabled: false, ThrottlingBurstLimit: 100, ThrottlingRateLimit: 50 }],
  ]);
  assert.match(stages[0]?.AccessLogSettings.DestinationArn ?? '', `:log-group:/aws/apigateway/${name}`);
  assert.not.match(stages[0]?.AccessLogSettings.Format ?? '', /authorization/i);
});

deploy('logs: both groups kept 30 days; the role may write to its own group only', () => {
  const groups = aws('logs', 'describe-log-groups', '--log-group-name-prefix', '/aws/')['logGroups'] as { logGroupName: string; retentionInDays: number }[];
  assert.equal(
    groups.filter((group) => group.logGroupName.endsWith(name)).map((group) => [group.logGroupName, group.retentionInDays]).sort(),
    [[`/aws/apigateway/${name}`, 30], [`/aws/lambda/${name}`, 30]],
  );
  const policy = aws('iam', 'get-role-policy', '--role-name', name, '--policy-name', 'write-own-logs');
  const document = policy['PolicyDocument'] as { Statement: { Action: string[]; Resource: string; Effect: string }[] };
  assert.equal(document.Statement.map((statement) => [statement.Effect, [...statement.Action].sort(), statement.Resource]), [
    ['Allow', ['logs:CreateLogStream', 'logs:PutLogEvents'], `arn:aws:logs:${REGION}:123456789012:log-group:/aws/lambda/${name}:*`],
  ]);
  const attached = aws('iam', 'list-attached-role-policies', '--role-name', name)['AttachedPolicies'];
  assert.equal(attached, []);
});

deploy('make jwt now prints the deployed URL', () => {
  const output = ok('make', ['--no-print-directory', 'jwt', `STAGE=${stage}`, `FILE=${join(work, 'creds.json')}`]);
  assert.match(output, /  URL: {3}https:\/\/[a-z0-9]+\.execute-api\.eu-west-1\.amazonaws\.com\/\n/);
  assert.match(output, token);
});

deploy('the deployed code answers /health with the JWT make jwt printed', () => {
  const config = aws('lambda', 'get-function-configuration', '--function-name', name);
  const zip = readFileSync(zipPath);
  // moto runs no Lambda (no docker): run the zip whose hash it reports, with the environment it reports.
  assert.is(createHash('sha256').update(zip).digest('base64'), config['CodeSha256']);
  const directory = mkdtempSync(join(work, 'lambda-'));
  unzipInto(directory, zip);
  const variables = (config['Environment'] as { Variables: Record<string, string> }).Variables;
  const script = `
    const { handler } = await import(${JSON.stringify(join(directory, 'index.mjs'))});
    const event = JSON.parse(process.env.EVENT);
    const result = await handler(event, { awsRequestId: 'e2e' });
    process.stderr.write(JSON.stringify(result));`;
  const event = {
    version: '2.0', routeKey: '$default', rawPath: '/health', rawQueryString: '',
    headers: { authorization: `Bearer ${token}` },
    requestContext: { http: { method: 'POST', path: '/health' }, requestId: 'e2e', stage: '$default' },
    isBase64Encoded: false,
  };
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    env: { PATH: process.env['PATH'], ...variables, EVENT: JSON.stringify(event) },
    encoding: 'utf8',
    timeout: 30_000,
  });
  assert.is(result.status, 0, result.stderr);
  assert.equal(JSON.parse(result.stderr), {
    statusCode: 200, headers: { 'content-type': 'application/json' }, body: '{"data":{"status":"ok"}}',
  });
});

deploy('make check: the deployed code, served here with the stage\'s secret, answers every API as XDR expects', async () => {
  // moto stores the function but cannot run it, and its URL leads nowhere from here: the zip whose
  // hash moto reports is served on 127.0.0.1 (make serve's server, the stage's secret and JWT), and
  // make check calls it with RELAY_URL, as it would call the deployed URL.
  const config = aws('lambda', 'get-function-configuration', '--function-name', name);
  const zip = readFileSync(zipPath);
  assert.is(createHash('sha256').update(zip).digest('base64'), config['CodeSha256']);
  const directory = mkdtempSync(join(work, 'served-'));
  unzipInto(directory, zip);
  const served = await serve(join(directory, 'index.mjs'), { STAGE: stage }, root);
  try {
    const checked = await spawnAsync('make', ['--no-print-directory', '-s', 'check'], {
      cwd: root, env: { ...env, STAGE: stage, RELAY_URL: served.url, RELAY_BUNDLE: join(directory, 'index.mjs') },
    });
    assert.is(checked.status, 0, checked.stdout + checked.stderr);
    const apis = checked.stdout.split('\n').filter((line) => /^ {2}(ok|FAIL)/.test(line)).map((line) => line.trim().split(/\s+/).slice(0, 2).join(' '));
    assert.equal(apis, ['health', 'deliberate/observables', 'observe/observables', 'refer/observables', 'respond/observables', 'respond/trigger', 'tiles'].map((api) => `ok ${api}`));
    assert.not.ok(checked.stdout.includes(token) || checked.stderr.includes(token), 'the JWT was printed');
  } finally {
    await served.stop();
  }
});

deploy('a deployed stage stays in its region: another AWS_REGION is refused before Terraform', () => {
  const moved = run('make', ['--no-print-directory', '-s', 'deploy', `STAGE=${stage}`], { AWS_REGION: 'us-west-2' });
  assert.is(moved.status, 2);
  assert.is(moved.stdout, '');
  assert.is(moved.stderr.split('\n')[0], `deploy: error: stage '${stage}' is deployed in ${REGION}, and AWS_REGION says us-west-2: deploying would leave the old one running. Set AWS_REGION=${REGION}, or make undeploy STAGE=${stage} first`);
});

deploy('deploying again changes nothing', () => {
  const before = aws('lambda', 'get-function-configuration', '--function-name', name);
  // moto does not store the function's LoggingConfig (JSON log format), so a plan against it
  // always re-sends that block; against AWS the plan is empty. Nothing else may differ.
  assert.equal(planChanges(), { 'aws_lambda_function.this': ['logging_config'] });
  const output = ok('make', ['--no-print-directory', 'deploy', `STAGE=${stage}`]);
  assert.match(output, /Resources: 0 added, [01] changed, 0 destroyed\./);
  const after = aws('lambda', 'get-function-configuration', '--function-name', name);
  assert.is(after['CodeSha256'], before['CodeSha256']);
});

deploy('reserved_concurrency reaches the function; 0, a fraction, or more than the throttle lets run at once are refused', () => {
  assert.equal(planChanges({ TF_VAR_reserved_concurrency: '7' }), { 'aws_lambda_function.this': ['logging_config', 'reserved_concurrent_executions'] });
  for (const [value, message] of [
    ['0', 'reserved_concurrency must be a positive integer, or -1 for no reservation (0 would stop the function).'],
    ['2.5', 'reserved_concurrency must be a positive integer, or -1 for no reservation (0 would stop the function).'],
    // The throttle (50/s) times the timeout (10 s): no more can run at once.
    ['501', 'reserved_concurrency must be at most throttling_rate_limit × timeout (500): above that it never limits anything; raise the throttle with it.'],
  ] as const) {
    const refused = run('terraform', ['-chdir=terraform', 'plan', '-input=false', '-no-color', `-var-file=${join(root, '.secrets', `${stage}.tfvars.json`)}`], { TF_VAR_reserved_concurrency: value });
    assert.is(refused.status, 1, value);
    assert.ok(refused.stderr.replace(/[│\s]+/g, ' ').includes(message), refused.stderr);
  }
  // With the throttle raised (the stage's), more may be reserved; -1 takes the reservation away.
  const raised = planChanges({ TF_VAR_reserved_concurrency: '501', TF_VAR_throttling_rate_limit: '60' });
  assert.equal(Object.keys(raised), ['aws_apigatewayv2_stage.this', 'aws_lambda_function.this']);
  assert.ok((raised['aws_lambda_function.this'] ?? []).includes('reserved_concurrent_executions'));
  assert.ok((planChanges({ TF_VAR_reserved_concurrency: '-1' })['aws_lambda_function.this'] ?? []).includes('reserved_concurrent_executions'));
});

deploy('an account whose quota cannot spare the reservation: one line naming reserved_concurrency = -1, the function as it was', () => {
  const refused = run('make', ['--no-print-directory', '-s', 'deploy', `STAGE=${stage}`], { TF_VAR_reserved_concurrency: '150' });
  assert.is(refused.status, 2, refused.stdout);
  assert.is(refused.stderr.split('\n')[0], "deploy: error: AWS refused the function's reserved concurrency (reserved_concurrency, default 25): the account must keep 100 concurrent executions unreserved, and its quota leaves too few (new accounts may start at 10). Set reserved_concurrency = -1 in terraform/terraform.tfvars (or TF_VAR_reserved_concurrency=-1) for no reservation, or ask AWS for a higher quota (Service Quotas: Lambda, Concurrent executions).");
  // Not Terraform's own error text, which buries the fix.
  assert.not.match(refused.stderr, /InvalidParameterValueException|│/);
  assert.equal(aws('lambda', 'get-function-concurrency', '--function-name', name), { ReservedConcurrentExecutions: 25 });
  // Deploying as configured again puts the state back in step with the function.
  assert.match(ok('make', ['--no-print-directory', 'deploy', `STAGE=${stage}`]), /Apply complete!/);
  assert.equal(planChanges(), { 'aws_lambda_function.this': ['logging_config'] });
});

deploy('after a code change, only the function code is updated', () => {
  const changed = join(work, 'changed.zip');
  const files = unzip(readFileSync(zipPath));
  const code = Buffer.concat([files.get('index.mjs') as Buffer, Buffer.from('\n// changed\n')]);
  writeFileSync(changed, createZip([...files].map(([name, data]) => ({ name, data: name === 'index.mjs' ? code : data }))));
  const changes = planChanges({ TF_VAR_package: changed });
  assert.equal(Object.keys(changes), ['aws_lambda_function.this']);
  const attributes = (changes['aws_lambda_function.this'] ?? []).filter((key) => key !== 'logging_config');
  // The new hash, and what AWS recomputes from it (version, dates, sizes).
  assert.ok(attributes.includes('source_code_hash'), attributes.join());
  for (const key of attributes) {
    assert.ok(['source_code_hash', 'filename', 'last_modified', 'qualified_arn', 'qualified_invoke_arn', 'version', 'code_sha256', 'source_code_size'].includes(key), key);
  }
});

deploy('make status prints the outputs, without terraform init (seconds) each time; without the AWS CLI, make logs says how', () => {
  // A terraform that notes each call, first on the PATH.
  const bin = mkdtempSync(join(work, 'terraform-'));
  const real = ok('bash', ['-c', 'command -v terraform']).trim();
  writeFileSync(join(bin, 'terraform'), `#!/bin/sh\necho "$*" >>'${join(bin, 'calls')}'\nexec '${real}' "$@"\n`, { mode: 0o755 });
  const status = ok('make', ['--no-print-directory', 'status', `STAGE=${stage}`], { PATH: `${bin}:${env['PATH']}` });
  const calls = readFileSync(join(bin, 'calls'), 'utf8');
  assert.match(calls, / output /);
  assert.not.match(calls, / init /);
  assert.match(status, `function_name = "${name}"`);
  assert.match(status, `console_url = "https://console.aws.amazon.com/lambda/home?region=${REGION}#/functions/${name}"`);
  assert.match(status, `region = "${REGION}"`);
  assert.match(status, /url = "https:\/\//);
  // Without the AWS CLI on the PATH, it says how.
  const withoutAws = (env['PATH'] ?? '').split(':').filter((dir) => !existsSync(join(dir, 'aws'))).join(':');
  const how = run('make', ['--no-print-directory', 'logs', `STAGE=${stage}`], { PATH: withoutAws });
  assert.is(how.status, 0, how.stderr);
  assert.match(how.stdout, 'To follow the logs, install the AWS CLI');
  assert.match(how.stdout, `https://console.aws.amazon.com/cloudwatch/home?region=${REGION}#logsV2:log-groups/log-group/$252Faws$252Flambda$252F${name}`);
});

deploy('make logs follows the function\'s log group', () => {
  const group = `/aws/lambda/${name}`;
  ok('aws', ['logs', 'create-log-stream', '--log-group-name', group, '--log-stream-name', 'e2e'], { AWS_DEFAULT_REGION: REGION });
  const line = JSON.stringify({ level: 'info', message: 'request', path: '/health', status: 200 });
  const now = Date.now();
  ok('aws', ['logs', 'put-log-events', '--log-group-name', group, '--log-stream-name', 'e2e',
    '--log-events', JSON.stringify([{ timestamp: now, message: line }])], { AWS_DEFAULT_REGION: REGION });
  // Bounded for the test; without FOLLOW_SECONDS it runs until Ctrl-C.
  const logs = run('make', ['--no-print-directory', 'logs', `STAGE=${stage}`], { FOLLOW_SECONDS: '3' });
  assert.is(logs.status, 0, logs.stderr);
  assert.is(logs.stdout, `${new Date(now).toISOString()} ${line}\n`);
  assert.match(logs.stderr, `Following ${group} in ${REGION}`);
});

deploy('plain terraform can destroy a stage: no secret, no build needed', () => {
  // What the README promises for `terraform destroy` without the Makefile; a plan is enough here.
  const plan = ok('terraform', ['-chdir=terraform', 'plan', '-destroy', '-input=false', '-no-color'], {
    TF_VAR_package: join(work, 'never-built.zip'),
  });
  assert.match(plan, /Plan: 0 to add, 0 to change, 10 to destroy\./);
});

deploy('make status of a stage whose workspace holds nothing (a plain destroy, a failed first apply): not deployed', () => {
  const empty = `${stage}n`;
  ok('terraform', ['-chdir=terraform', 'workspace', 'new', empty]);
  try {
    const status = run('make', ['--no-print-directory', 'status', `STAGE=${empty}`]);
    assert.is.not(status.status, 0);
    assert.match(status.stderr, `status: error: stage '${empty}' is not deployed (make deploy STAGE=${empty})`);
    assert.not.match(status.stderr + status.stdout, /No outputs found/);
  } finally {
    ok('terraform', ['-chdir=terraform', 'workspace', 'select', stage]);
    ok('terraform', ['-chdir=terraform', 'workspace', 'delete', empty]);
  }
});

deploy('make undeploy removes everything, and says which XDR modules still point at the stage', () => {
  // What make register keeps; no XDR API client in this environment: said from the record, offline.
  writeFileSync(join(root, '.secrets', `${stage}.module-type.json`), JSON.stringify({ id: 'mt-e2e', api: 'https://visibility.amp.cisco.com', auth: 'bearer', instance: 'mi-e2e' }), { mode: 0o600 });
  const output = ok('make', ['--no-print-directory', 'undeploy', `STAGE=${stage}`]);
  assert.match(output, `Stage '${stage}' is gone.\n`);
  assert.match(output, `Module instance mi-e2e in your organization (kept by make register) still points at stage '${stage}': make unregister STAGE=${stage} removes it.\n`);
  assert.match(output, /Destroy complete! Resources: 10 destroyed\./);
  const functions = aws('lambda', 'list-functions')['Functions'] as { FunctionName: string }[];
  assert.equal(functions.filter((f) => f.FunctionName === name), []);
  const apis = aws('apigatewayv2', 'get-apis')['Items'] as { Name: string }[];
  assert.equal(apis.filter((api) => api.Name === name), []);
  const groups = aws('logs', 'describe-log-groups', '--log-group-name-prefix', '/aws/')['logGroups'] as { logGroupName: string }[];
  assert.equal(groups.filter((group) => group.logGroupName.endsWith(name)), []);
  const roles = aws('iam', 'list-roles')['Roles'] as { RoleName: string }[];
  assert.equal(roles.filter((role) => role.RoleName === name), []);
  assert.not.match(ok('terraform', ['-chdir=terraform', 'workspace', 'list']), stage);
  const status = run('make', ['--no-print-directory', 'status', `STAGE=${stage}`]);
  assert.match(status.stderr, `status: error: stage '${stage}' is not deployed (make deploy STAGE=${stage})`);
});

deploy.run();
