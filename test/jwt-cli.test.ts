// `make jwt` (scripts/jwt.mjs): secrets, prompts, rotation and every bad input, checked against
// the built handler.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { authError, event, loadBuilt } from './fixtures.ts';
import { temporaryCheckout } from './lib/make.ts';
import { stubBundle } from './lib/stub.ts';

// The scripts write .secrets/ and read Terraform's state where they are: in a copy of the checkout.
const root = temporaryCheckout('relay-jwt-cli-', { withBuild: true });
const SCRIPT = join(root, 'scripts', 'jwt.mjs');
const work = mkdtempSync(join(tmpdir(), 'relay-jwt-'));
const stages: string[] = [];

function newStage(): string {
  const stage = `t${randomBytes(4).toString('hex')}`;
  stages.push(stage);
  return stage;
}

const secretFile = (stage: string) => join(root, '.secrets', `${stage}.tfvars.json`);
const tokenFile = (stage: string) => join(root, '.secrets', `${stage}.jwt`);
/** The stub integration's bundle: its claims (`key`), whatever handler/integration.ts declares. */
let bundle = '';
const readSecrets = (stage: string) =>
  JSON.parse(readFileSync(secretFile(stage), 'utf8')) as { secret_key: string; secret_key_previous?: string };

function jwt(args: string[], input = '') {
  const result = spawnSync(process.execPath, [SCRIPT, ...args], {
    cwd: root,
    input,
    encoding: 'utf8',
    env: { PATH: process.env['PATH'] ?? '', RELAY_BUNDLE: bundle },
    timeout: 20_000,
  });
  const token = /^(ey[\w-]+\.[\w-]+\.[\w-]+)$/m.exec(result.stdout)?.[1];
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, token };
}

function credsFile(content: string): string {
  const path = join(work, `${randomBytes(4).toString('hex')}.json`);
  writeFileSync(path, content);
  return path;
}

function payloadOf(token: string | undefined): unknown {
  return JSON.parse(Buffer.from(token?.split('.')[1] ?? '', 'base64url').toString('utf8'));
}

async function answers(env: Record<string, string>, token: string | undefined): Promise<unknown> {
  const { handler } = await loadBuilt(env);
  return JSON.parse((await handler(event('/health', { token: token ?? '' }))).body);
}

const cli = suite('make jwt');

cli.before(async () => {
  bundle = (await stubBundle()).path;
});

cli('--file: a JWT that the built handler accepts with the stored secret', async () => {
  const stage = newStage();
  const result = jwt([stage, '--file', credsFile('{"key":"the-api-key"}')]);
  assert.is(result.status, 0, result.stderr);
  assert.is(result.stderr, '');
  assert.equal(payloadOf(result.token), { key: 'the-api-key' });
  assert.equal(JSON.parse(Buffer.from(result.token?.split('.')[0] ?? '', 'base64url').toString()), { alg: 'HS256', typ: 'JWT' });
  const { secret_key: secret } = readSecrets(stage);
  assert.match(secret, /^[A-Za-z0-9]{64}$/);
  assert.is(statSync(secretFile(stage)).mode & 0o777, 0o600);
  assert.equal(await answers({ SECRET_KEY: secret }, result.token), { data: { status: 'ok' } });
  assert.not.ok(result.stdout.includes(secret), 'the secret was printed');
  assert.match(result.stdout, `Secret: .secrets/${stage}.tfvars.json (mode 0600, git-ignored).`);
  assert.is(readFileSync(tokenFile(stage), 'utf8'), `${result.token}\n`);
  assert.is(statSync(tokenFile(stage)).mode & 0o777, 0o600);
  assert.is(statSync(join(root, '.secrets')).mode & 0o777, 0o700);
  assert.match(result.stdout, `Next: make deploy STAGE=${stage} puts it into the Lambda function; no console step.`);
  for (const region of ['us', 'eu', 'apjc']) assert.match(result.stdout, `https://xdr.${region}.security.cisco.com`);
});

cli('a second run reuses the secret', () => {
  const stage = newStage();
  const file = credsFile('{"key":"k"}');
  const first = jwt([stage, '--file', file]);
  const secret = readSecrets(stage).secret_key;
  const second = jwt([stage, '--file', file]);
  assert.is(readSecrets(stage).secret_key, secret);
  assert.is(second.token, first.token);
  assert.match(second.stdout, 'signed with the existing secret');
});

cli('prompts: piped answers, an empty one asked again', () => {
  const stage = newStage();
  const result = jwt([stage], '\n  \npiped-key\n');
  assert.is(result.status, 0, result.stderr);
  assert.equal(payloadOf(result.token), { key: 'piped-key' });
  assert.is(result.stderr.match(/key may not be empty\./g)?.length, 2);
  assert.match(result.stderr, 'key (API key of the third-party service): ');
});

/** script(1)'s arguments to run a command in a pseudo-terminal: util-linux's (Linux) or BSD's (macOS). */
function scriptArgs(command: string[]): string[] | undefined {
  if (spawnSync('script', ['--version'], { encoding: 'utf8' }).stdout?.includes('util-linux')) {
    return ['-qec', command.map((arg) => `'${arg}'`).join(' '), '/dev/null'];
  }
  return spawnSync('which', ['script']).status === 0 ? ['-q', '/dev/null', ...command] : undefined;
}

cli('prompts in a pseudo-terminal', () => {
  const stage = newStage();
  // script(1) gives the process a real terminal; the answers are typed into it.
  const args = scriptArgs([process.execPath, SCRIPT, stage]);
  if (args === undefined) {
    console.log('  (skipped: no script(1) on this machine to make a pseudo-terminal)');
    return;
  }
  const script = spawnSync('script', args, {
    cwd: root, input: '\ntty-key\n', encoding: 'utf8', timeout: 20_000, env: { ...process.env, RELAY_BUNDLE: bundle },
  });
  assert.is(script.status, 0, script.stdout);
  assert.match(script.stdout, 'key may not be empty.');
  const token = /(ey[\w-]+\.[\w-]+\.[\w-]+)/.exec(script.stdout)?.[1];
  assert.equal(payloadOf(token), { key: 'tty-key' });
});

cli('in a pseudo-terminal, the API key is not echoed while typed', async () => {
  const args = scriptArgs([process.execPath, SCRIPT, newStage()]);
  if (args === undefined) return;
  const child = spawn('script', args, { cwd: root, env: { ...process.env, RELAY_BUNDLE: bundle }, stdio: ['pipe', 'pipe', 'pipe'] });
  let seen = '';
  // Typed once the prompt is there, as a person would (input sent earlier is echoed by the
  // terminal itself, before the script can turn echo off).
  child.stdout.on('data', (chunk: Buffer) => {
    seen += chunk.toString();
    if (seen.includes('key (') && !child.stdin.writableEnded) child.stdin.end('secret-typed-key\n');
  });
  const status = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  assert.is(status, 0, seen);
  const token = /(ey[\w-]+\.[\w-]+\.[\w-]+)/.exec(seen)?.[1];
  assert.equal(payloadOf(token), { key: 'secret-typed-key' });
  assert.not.match(seen, 'secret-typed-key');
});

cli('rotation: the old JWT works beside the new one, then stops working', async () => {
  const stage = newStage();
  const file = credsFile('{"key":"k"}');
  const old = jwt([stage, '--file', file]).token;
  const oldSecret = readSecrets(stage).secret_key;

  const rotated = jwt([stage, '--rotate', '--file', file]);
  assert.is(rotated.status, 0, rotated.stderr);
  const during = readSecrets(stage);
  assert.is(during.secret_key_previous, oldSecret);
  assert.is.not(during.secret_key, oldSecret);
  assert.match(during.secret_key, /^[A-Za-z0-9]{64}$/);
  assert.is(statSync(secretFile(stage)).mode & 0o777, 0o600);
  const env = { SECRET_KEY: during.secret_key, SECRET_KEY_PREVIOUS: during.secret_key_previous ?? '' };
  assert.equal(await answers(env, old), { data: { status: 'ok' } });
  assert.equal(await answers(env, rotated.token), { data: { status: 'ok' } });

  const again = jwt([stage, '--rotate', '--file', file]);
  assert.equal([again.status, again.stderr], [1, `jwt: error: a rotation is already in progress for '${stage}': finish it first with make jwt STAGE=${stage} FINISH=1\n`]);
  assert.match(jwt([stage, '--file', file]).stdout, 'a rotation is in progress');

  // Finishing asks for nothing: it signs the last JWT's claims again.
  const finished = jwt([stage, '--finish-rotation']);
  assert.is(finished.status, 0, finished.stderr);
  assert.is(finished.stderr, '');
  assert.is(finished.token, rotated.token);
  const after = readSecrets(stage);
  assert.equal(after, { secret_key: during.secret_key });
  assert.equal(await answers({ SECRET_KEY: after.secret_key }, old), authError('Failed to decode JWT with provided key'));
  assert.equal(await answers({ SECRET_KEY: after.secret_key }, rotated.token), { data: { status: 'ok' } });
  assert.equal(jwt([stage, '--finish-rotation']).stderr, `jwt: error: no rotation in progress for '${stage}'\n`);
});

cli('make jwt passes STAGE, FILE and ROTATE through', () => {
  const stage = newStage();
  const file = credsFile('{"key":"via-make"}');
  const env = { ...process.env, RELAY_BUNDLE: bundle };
  const made = spawnSync('make', ['--no-print-directory', 'jwt', `STAGE=${stage}`, `FILE=${file}`], { cwd: root, encoding: 'utf8', timeout: 60_000, env });
  assert.is(made.status, 0, made.stderr);
  assert.match(made.stdout, /signed with a new secret/);
  const rotated = spawnSync('make', ['--no-print-directory', 'jwt', `STAGE=${stage}`, `FILE=${file}`, 'ROTATE=1'], { cwd: root, encoding: 'utf8', timeout: 60_000, env });
  assert.match(rotated.stdout, /SECRET_KEY_PREVIOUS/);
  const finished = spawnSync('make', ['--no-print-directory', 'jwt', `STAGE=${stage}`, 'FINISH=1'], { cwd: root, encoding: 'utf8', timeout: 60_000, env, input: '' });
  assert.is(finished.status, 0, finished.stderr);
  assert.match(finished.stdout, /the previous one is dropped/);
});

cli('prints the relay URL when the stage is deployed', () => {
  const stage = newStage();
  const state = join(root, 'terraform', 'terraform.tfstate.d', stage);
  mkdirSync(state, { recursive: true });
  writeFileSync(join(state, 'terraform.tfstate'), JSON.stringify({
    outputs: {
      url: { value: 'https://abc.execute-api.eu-west-1.amazonaws.com/' },
      function_name: { value: `xdr-relay-${stage}` },
      region: { value: 'eu-west-1' },
    },
  }));
  const result = jwt([stage, '--file', credsFile('{"key":"k"}')]);
  assert.match(result.stdout, '  URL:   https://abc.execute-api.eu-west-1.amazonaws.com/\n');
  assert.match(result.stdout, `https://console.aws.amazon.com/lambda/home?region=eu-west-1#/functions/xdr-relay-${stage}/edit/environment-variables?tab=configuration\n`);
  writeFileSync(join(state, 'terraform.tfstate'), 'not json');
  assert.match(jwt([stage, '--file', credsFile('{"key":"k"}')]).stdout, `  URL:   the relay URL (make deploy STAGE=${stage} prints it`);
});

cli('--show-secret prints the secret, only when asked', () => {
  const stage = newStage();
  const file = credsFile('{"key":"k"}');
  const hidden = jwt([stage, '--file', file]);
  const secret = readSecrets(stage).secret_key;
  assert.not.ok(hidden.stdout.includes(secret));
  const shown = jwt([stage, '--file', file, '--show-secret']);
  assert.match(shown.stdout, `\nSECRET_KEY=${secret}\n`);
});

cli('--auth hs256 or rs256: XDR mints the tokens; only the stage\'s secret is made, nothing asked', () => {
  for (const auth of ['hs256', 'rs256']) {
    const stage = newStage();
    const result = jwt([stage, '--auth', auth], '');
    assert.is(result.status, 0, result.stderr);
    assert.is(result.stderr, '');
    assert.is(result.token, undefined);
    assert.match(result.stdout, `With AUTH=${auth}, XDR mints the tokens itself: there is no JWT to paste.`);
    assert.match(result.stdout, `make register STAGE=${stage} AUTH=${auth}`);
    assert.match(readSecrets(stage).secret_key, /^[A-Za-z0-9]{64}$/);
    const again = jwt([stage, '--auth', auth], '');
    assert.match(again.stdout, `Stage '${stage}' keeps its secret`);
  }
  assert.equal(jwt([newStage(), '--auth', 'oauth']).stderr, 'jwt: error: AUTH must be one of bearer, hs256, rs256, not "oauth"\n');
});

cli('--help explains every option', () => {
  const result = jwt(['--help']);
  assert.is(result.status, 0);
  for (const option of ['--file', '--rotate', '--finish-rotation', '--show-secret', '--auth', '--help', 'STAGE=']) assert.match(result.stdout, option);
});

const bad = suite('make jwt: bad input');

// The last suite of the file cleans up after both.
bad.after(() => {
  for (const stage of stages) rmSync(secretFile(stage), { force: true });
  for (const stage of stages) rmSync(tokenFile(stage), { force: true });
  for (const stage of stages) rmSync(join(root, 'terraform', 'terraform.tfstate.d', stage), { recursive: true, force: true });
  rmSync(work, { recursive: true, force: true });
});

const BAD: [string, () => string[], string, string?][] = [
  ['no stage', () => [], 'STAGE is missing: make jwt STAGE=dev'],
  ['an unknown stage name', () => ['Prod!'], 'invalid stage name "Prod!": use 1-20 lower-case letters, digits or hyphens, starting with a letter'],
  ['two stages', () => ['a', 'b'], 'unexpected argument "b" (see --help)'],
  ['--finish-rotation with --file', () => ['dev', '--finish-rotation', '--file', 'x.json'], "FINISH=1 (--finish-rotation) signs the stage's last JWT again: it takes no FILE= (--file)"],
  ['an unknown option', () => ['dev', '--force'], "unknown option '--force' (see --help)"],
  ['--file without a path', () => ['dev', '--file'], "Option '--file <value>' argument missing (see --help)"],
  ['both rotation options', () => ['dev', '--rotate', '--finish-rotation'], 'ROTATE=1 and FINISH=1 (--rotate, --finish-rotation) exclude each other'],
  ['an unreadable file', () => ['dev', '--file', join(work, 'missing.json')], `cannot read ${join(work, 'missing.json')}: ENOENT`],
  ['a directory as file', () => ['dev', '--file', work], `cannot read ${work}: EISDIR`],
];

for (const [name, args, message] of BAD) {
  bad(name, () => {
    const stage = newStage();
    const result = jwt(args().map((arg) => (arg === 'dev' ? stage : arg)));
    assert.equal([result.status, result.stdout, result.stderr], [1, '', `jwt: error: ${message.replaceAll('dev', stage).replace(`STAGE=${stage}`, 'STAGE=dev')}\n`]);
    assert.not.ok(existsSync(secretFile(stage)), 'a secret file was written');
  });
}

const BAD_FILES: [string, string, (path: string) => string][] = [
  ['malformed JSON', '{"key": ', (path) => `${path} is not valid JSON`],
  ['not an object', '["key"]', (path) => `${path} must hold a JSON object of claims`],
  ['a missing claim', '{}', (path) => `${path}: the claim 'key' is missing`],
  ['a claim that is not a string', '{"key": 42}', (path) => `${path}: the claim 'key' must be a non-empty string`],
  ['an empty claim', '{"key": ""}', (path) => `${path}: the claim 'key' must be a non-empty string`],
  ['an unknown claim', '{"key": "k", "admin": "yes"}', (path) => `${path}: unknown claim 'admin' (the relay needs: key)`],
];

for (const [name, content, message] of BAD_FILES) {
  bad(`--file with ${name}`, () => {
    const stage = newStage();
    const path = credsFile(content);
    const result = jwt([stage, '--file', path]);
    assert.equal([result.status, result.stdout, result.stderr], [1, '', `jwt: error: ${message(path)}\n`]);
    assert.not.ok(existsSync(secretFile(stage)));
  });
}

bad('no terminal and nothing on standard input', () => {
  const stage = newStage();
  const result = jwt([stage], '');
  assert.is(result.status, 1);
  assert.match(result.stderr, `jwt: error: no answer for 'key' on standard input; use FILE=creds.json (--file creds.json)\n`);
  assert.not.ok(existsSync(secretFile(stage)));
});

bad('a corrupt secret file is reported and left alone', () => {
  const stage = newStage();
  mkdirSync(join(root, '.secrets'), { recursive: true });
  writeFileSync(secretFile(stage), '{"secret_key": "short"}', { mode: 0o600 });
  const result = jwt([stage, '--file', credsFile('{"key":"k"}')]);
  assert.equal([result.status, result.stderr], [1, `jwt: error: .secrets/${stage}.tfvars.json holds no valid secret_key; remove it to start over\n`]);
  assert.is(readFileSync(secretFile(stage), 'utf8'), '{"secret_key": "short"}');
  writeFileSync(secretFile(stage), 'not json');
  assert.match(jwt([stage, '--file', credsFile('{"key":"k"}')]).stderr, 'is not JSON; remove it to start over');
});

bad('--finish-rotation on a stage without a secret', () => {
  const stage = newStage();
  const result = jwt([stage, '--finish-rotation']);
  assert.equal([result.status, result.stderr], [1, `jwt: error: stage '${stage}' has no secret yet: run make jwt STAGE=${stage}\n`]);
});

bad('a secret file others may read is made 0600, and the user is told', () => {
  const stage = newStage();
  const first = jwt([stage, '--file', credsFile('{"key":"k"}')]);
  chmodSync(secretFile(stage), 0o644);
  const again = jwt([stage, '--file', credsFile('{"key":"k"}')]);
  assert.is(again.status, 0, again.stderr);
  assert.is(again.token, first.token);
  assert.is(again.stderr, `jwt: warning: .secrets/${stage}.tfvars.json was readable by others (mode 0644); it is now 0600. If others had access, rotate: make jwt STAGE=… ROTATE=1\n`);
  assert.is(statSync(secretFile(stage)).mode & 0o777, 0o600);
});

bad('a symlink at the secret path is refused, never followed', () => {
  const stage = newStage();
  const target = join(work, `${stage}-elsewhere.json`);
  writeFileSync(target, JSON.stringify({ secret_key: 'x'.repeat(64) }), { mode: 0o600 });
  mkdirSync(join(root, '.secrets'), { recursive: true });
  symlinkSync(target, secretFile(stage));
  const result = jwt([stage, '--rotate', '--file', credsFile('{"key":"k"}')]);
  assert.equal([result.status, result.stdout, result.stderr], [1, '', `jwt: error: .secrets/${stage}.tfvars.json is not a regular file (a symlink?); remove it to start over\n`]);
  assert.is(readFileSync(target, 'utf8'), JSON.stringify({ secret_key: 'x'.repeat(64) }));
  assert.ok(lstatSync(secretFile(stage)).isSymbolicLink());
  // make deploy checks the same, before Terraform runs at all.
  const deploy = spawnSync('make', ['--no-print-directory', '-s', 'deploy', `STAGE=${stage}`], {
    cwd: root, encoding: 'utf8', timeout: 60_000, stdio: ['ignore', 'pipe', 'pipe'],
  });
  assert.is(deploy.status, 2);
  assert.is(deploy.stderr.split('\n')[0], `deploy: error: .secrets/${stage}.tfvars.json is not a regular file (a symlink?); remove it to start over`);
  assert.is(deploy.stdout, '');
});

/** Values of STAGE and FILE that would run a command if a recipe pasted them into a shell line. */
const INJECTIONS = ['dev`touch PWNED`', 'dev$(touch PWNED)', 'dev;touch PWNED', "dev'touch PWNED'", 'dev"; touch PWNED; "', 'dev\ntouch PWNED'];
/** Every verb that takes STAGE: each recipe is its own shell line. */
const VERBS = ['jwt', 'deploy', 'status', 'logs', 'undeploy', 'register', 'instances', 'unregister', 'check'];
const invalid = (verb: string, value: string) =>
  `${verb}: error: invalid stage name ${JSON.stringify(value)}: use 1-20 lower-case letters, digits or hyphens, starting with a letter`;

/**
 * A `node` first on PATH that records what each recipe hands it (its arguments, and STAGE and FILE
 * from the environment) and runs nothing: what the scripts would receive, for the cost of a shell
 * instead of a Node.js start. The Makefile's own version check (engines.cjs) passes.
 */
function recordingNode(): { path: string; log: string } {
  const bin = mkdtempSync(join(work, 'bin-'));
  const log = join(bin, 'calls');
  writeFileSync(join(bin, 'node'), [
    '#!/usr/bin/env bash',
    'if [[ ${1:-} == scripts/lib/engines.cjs ]]; then exit 0; fi',
    // Beside this script ($0 is its path, as found on PATH), fields ended by NUL: any value fits.
    'printf \'%s\\0\' "$#" "$@" "${STAGE-(unset)}" "${FILE-(unset)}" >>"${0%/*}/calls"',
    'exit 1',
    '',
  ].join('\n'), { mode: 0o755 });
  return { path: `${bin}:${process.env['PATH'] ?? ''}`, log };
}

/** The calls recordingNode logged: each one's arguments, and its STAGE and FILE. */
function calls(log: string): { args: string[]; stage: string; file: string }[] {
  const fields = existsSync(log) ? readFileSync(log, 'utf8').split('\0').slice(0, -1) : [];
  const found: { args: string[]; stage: string; file: string }[] = [];
  while (fields.length > 0) {
    const args = fields.splice(0, Number(fields.shift()));
    const [stage = '', file = ''] = fields.splice(0, 2);
    found.push({ args, stage, file });
  }
  return found;
}

bad('make: STAGE and FILE never reach a shell line, and reach each verb\'s script whole', () => {
  const marker = join(root, 'PWNED');
  const secrets = realpathSync(join(root, 'scripts', 'lib', 'secrets.mjs'));
  for (const value of INJECTIONS) {
    const node = recordingNode();
    // One make for all the verbs: -k runs each recipe in turn, in the order given, though each
    // fails (one at a time: no -j from a MAKEFLAGS of the user's).
    const result = spawnSync('make', ['--no-print-directory', '-s', '-k', ...VERBS, `STAGE=${value}`, `FILE=${value}`], {
      cwd: root, encoding: 'utf8', timeout: 120_000, env: { ...process.env, MAKEFLAGS: '', PATH: node.path, RELAY_BUNDLE: bundle },
    });
    assert.is(result.status, 2, `${value}: ${result.stderr}`);
    assert.not.ok(existsSync(marker), `STAGE=${value} ran a command`);
    const made = calls(node.log);
    // scripts/deploy.sh hands the stage to secrets.mjs by its absolute path (the copy's, through any link).
    const shown = made.map(({ args: [script = '', ...rest], stage, file }) =>
      [script.startsWith('/') && realpathSync(script) === secrets ? 'secrets.mjs' : script, ...rest, `STAGE=${stage}`, `FILE=${file}`]);
    const env = [`STAGE=${value}`, `FILE=${value}`];
    assert.equal(shown, [
      ['scripts/jwt.mjs', value, '--file', value, ...env],
      ...['deploy', 'status', 'logs', 'undeploy'].map((verb) => ['secrets.mjs', 'check', verb, value, ...env]),
      ['scripts/register.mjs', ...env],
      ['scripts/instances.mjs', ...env],
      ['scripts/unregister.mjs', ...env],
      ['scripts/check.mjs', ...env],
    ], `${value}: ${JSON.stringify(made)}`);
  }
});

bad('make: each verb\'s script refuses a hostile STAGE, and reads a hostile FILE as a name', () => {
  const marker = join(root, 'PWNED');
  const env = { ...process.env, MAKEFLAGS: '', RELAY_BUNDLE: bundle };
  // Every verb gets a hostile value, every value goes to a verb: one make per value, its recipes
  // in turn.
  for (const [index, value] of INJECTIONS.entries()) {
    const verbs = VERBS.filter((_, verb) => verb % INJECTIONS.length === index);
    const result = spawnSync('make', ['--no-print-directory', '-s', '-k', ...verbs, `STAGE=${value}`], {
      cwd: root, encoding: 'utf8', timeout: 120_000, env,
    });
    assert.is(result.status, 2, `${value}: ${result.stderr}`);
    const lines = result.stderr.split('\n').filter((line) => line !== '' && !/^make(\[\d+\])?: \*\*\*/.test(line));
    assert.equal(lines, verbs.map((verb) => invalid(verb, value)));
    assert.not.ok(existsSync(marker), `${verbs.join(', ')} ${value} ran a command`);
  }
  const stage = newStage();
  const value = INJECTIONS[1] ?? '';
  const file = spawnSync('make', ['--no-print-directory', '-s', 'jwt', `STAGE=${stage}`, `FILE=${value}`], {
    cwd: root, encoding: 'utf8', timeout: 60_000, env,
  });
  assert.is(file.status, 2);
  assert.match(file.stderr, `jwt: error: cannot read ${value}: ENOENT\n`);
  assert.not.ok(existsSync(marker), `FILE=${value} ran a command`);
  assert.not.ok(existsSync(secretFile(stage)));
});

cli.run();
bad.run();
