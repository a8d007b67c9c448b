// `make jwt` (scripts/jwt.mjs) and the Makefile's verbs: every bad input, a hostile secret file,
// hostile STAGE and FILE values for every verb. Secrets, prompts and rotation: test/jwt-cli.test.ts.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { credsFile, jwt, jwtHere, newStage, root, secretFile, useStubBundle, work } from './lib/jwt-cli.ts';
import { make } from './lib/make.ts';

let bundle = '';

const bad = suite('make jwt: bad input');

bad.before(async () => {
  bundle = await useStubBundle();
  // The copy's build up to date before any verb runs (make test-unit built the checkout's, copied
  // with its dates; a run of this file alone may need one): the outputs below are the verbs' only.
  const built = make(root, ['-s', 'dist/relay.zip']);
  assert.is(built.status, 0, built.stderr);
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

// The first as users run it (a Node.js start: its exit code, its line on stderr), the others in
// this process (the same main and error line, test/lib/jwt-cli.ts): a second of CPU less.
for (const [index, [name, args, message]] of BAD.entries()) {
  bad(name, async () => {
    const stage = newStage();
    const run = index === 0 ? jwt : jwtHere;
    const result = await run(args().map((arg) => (arg === 'dev' ? stage : arg)));
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

for (const [index, [name, content, message]] of BAD_FILES.entries()) {
  bad(`--file with ${name}`, async () => {
    const stage = newStage();
    const path = credsFile(content);
    const result = await (index === 0 ? jwt : jwtHere)([stage, '--file', path]);
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
    'if [[ ${1:-} == scripts/lib/engines.cjs || ${1:-} == --version ]]; then exit 0; fi',
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

bad.run();
