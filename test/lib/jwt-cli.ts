// What the `make jwt` suites share (test/jwt-cli.test.ts, test/jwt-input.test.ts): a copy of the
// checkout, since the scripts write .secrets/ and read Terraform's state where they are, and
// scripts/jwt.mjs run in it with the stub integration's bundle. One copy per process (both files
// may run in one worker): each test uses stages of its own, random names. The copy and the
// claims' folder are removed when the process exits.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runHere } from './in-process.ts';
import { temporaryCheckout } from './make.ts';
import { stubBundle } from './stub.ts';

export const root = temporaryCheckout('relay-jwt-cli-', { withBuild: true });
export const SCRIPT = join(root, 'scripts', 'jwt.mjs');
/** Claims files and other files a test needs outside the copy. */
export const work = mkdtempSync(join(tmpdir(), 'relay-jwt-'));
process.once('exit', () => rmSync(work, { recursive: true, force: true }));

/** The stub integration's bundle: its claims (`key`), whatever handler/integration.ts declares. */
let bundle = '';

/** Builds the stub's bundle (once per process) for jwt() and returns its path, for RELAY_BUNDLE. */
export async function useStubBundle(): Promise<string> {
  bundle = (await stubBundle()).path;
  return bundle;
}

export const newStage = (): string => `t${randomBytes(4).toString('hex')}`;
export const secretFile = (stage: string) => join(root, '.secrets', `${stage}.tfvars.json`);
export const tokenFile = (stage: string) => join(root, '.secrets', `${stage}.jwt`);
export const readSecrets = (stage: string) =>
  JSON.parse(readFileSync(secretFile(stage), 'utf8')) as { secret_key: string; secret_key_previous?: string };

/** scripts/jwt.mjs in the copy, `input` on its standard input: its status, output and the JWT it printed. */
export function jwt(args: string[], input = '') {
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

/**
 * scripts/jwt.mjs's main in this process (test/lib/in-process.ts), for inputs refused or answered
 * before any prompt; jwt() runs the script itself.
 */
export function jwtHere(args: string[]) {
  return runHere(SCRIPT, 'jwt', args, { RELAY_BUNDLE: bundle });
}

export function credsFile(content: string): string {
  const path = join(work, `${randomBytes(4).toString('hex')}.json`);
  writeFileSync(path, content);
  return path;
}

export function payloadOf(token: string | undefined): unknown {
  return JSON.parse(Buffer.from(token?.split('.')[1] ?? '', 'base64url').toString('utf8'));
}
