// make, run by the tests in a temporary copy of the checkout (test/lib/checkout.ts): the
// template's files, with the stub integration, never the forker's; node_modules shared through a
// link; removed when the process exits.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { copyCheckout } from './checkout.ts';

export const root = join(__dirname, '..', '..');

/**
 * Copies the checkout into a new temporary folder; returns the copy's path. `withBuild`: dist/ too
 * (dates kept), so that make finds the build as up to date as here and does not print one.
 */
export function temporaryCheckout(prefix = 'relay-copy-', { withBuild = false } = {}): string {
  const work = mkdtempSync(join(tmpdir(), prefix));
  process.once('exit', () => rmSync(work, { recursive: true, force: true }));
  const copy = join(work, 'relay');
  copyCheckout(root, copy, { template: true });
  symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'), 'dir');
  if (withBuild && existsSync(join(root, 'dist'))) {
    cpSync(join(root, 'dist'), join(copy, 'dist'), { recursive: true, preserveTimestamps: true, filter: (path) => !path.endsWith('module-type.json') });
  }
  return copy;
}

/**
 * Runs make in `cwd`. A copy shares node_modules through a link: make must never reinstall it
 * (npm ci would empty the original through the link), whatever the files' dates say.
 */
export function make(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync('make', ['--no-print-directory', '-o', 'node_modules/.package-lock.json', ...args], {
    cwd,
    env: { ...process.env, RELAY_BUNDLE: '', ...env },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 120_000,
    killSignal: 'SIGKILL',
  });
  return { status: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
}

export interface Ran {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs a command without blocking this process, so that a fake server of the test can answer it
 * meanwhile: its exit status and output.
 */
export function spawnAsync(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<Ran> {
  const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('close', (status) => resolve({ status, stdout, stderr })));
}
