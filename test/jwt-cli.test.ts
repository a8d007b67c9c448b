// `make jwt` (scripts/jwt.mjs): secrets, prompts, rotation, checked against the built handler.
// Every bad input: test/jwt-input.test.ts.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { authError, event, loadBuilt } from './fixtures.ts';
import { credsFile, jwt, jwtHere, newStage, payloadOf, readSecrets, root, SCRIPT, secretFile, tokenFile, useStubBundle } from './lib/jwt-cli.ts';

let bundle = '';

async function answers(env: Record<string, string>, token: string | undefined): Promise<unknown> {
  const { handler } = await loadBuilt(env);
  return JSON.parse((await handler(event('/health', { token: token ?? '' }))).body);
}

const cli = suite('make jwt');

cli.before(async () => {
  bundle = await useStubBundle();
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

cli('--auth hs256 or rs256: XDR mints the tokens; only the stage\'s secret is made, nothing asked', async () => {
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
  // In this process (test/lib/in-process.ts): the script's refusals run as a command in test/jwt-input.test.ts.
  assert.equal((await jwtHere([newStage(), '--auth', 'oauth'])).stderr, 'jwt: error: AUTH must be one of bearer, hs256, rs256, not "oauth"\n');
});

cli('--help explains every option', async () => {
  // In this process: the same main, printing the same text.
  const result = await jwtHere(['--help']);
  assert.is(result.status, 0);
  for (const option of ['--file', '--rotate', '--finish-rotation', '--show-secret', '--auth', '--help', 'STAGE=']) assert.match(result.stdout, option);
});

cli.run();
