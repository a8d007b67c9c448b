// What a forker's clone holds, copied as it is on disk: the tracked files and those not yet
// committed (not the ignored), a tracked file deleted but not yet committed left out.
import { execFileSync } from 'node:child_process';
import { cpSync, lstatSync, mkdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import owners from './owners.cjs';

/**
 * Copies the checkout at `from` into `to`; returns the files copied, relative to `from`.
 * `template`: the template's files only, as the template's suites must see a checkout: every file
 * the forker owns (test/lib/owners.cjs) left out, and the stub integration (test/stub/) in place of
 * handler/integration.ts, dated as the one it replaces, so that make finds a build as up to date.
 */
export function copyCheckout(from: string, to: string, { template = false } = {}): string[] {
  const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: from, encoding: 'utf8' })
    .split('\0')
    .filter((file) => file !== '');
  const copied: string[] = [];
  // A file is listed twice when it is both tracked and changed: once is enough.
  for (const file of new Set(listed)) {
    if (!exists(join(from, file))) continue;
    // A node_modules that is a link (git sees a file, which `node_modules/` does not ignore).
    if (owners.TOOL_FOLDERS.includes(file.split('/')[0] ?? '')) continue;
    if (template && owners.ownerOf(file) !== 'template') continue;
    mkdirSync(dirname(join(to, file)), { recursive: true });
    // Dates kept: make compares them, and must find the copy as up to date as the original.
    cpSync(join(from, file), join(to, file), { preserveTimestamps: true, verbatimSymlinks: true });
    copied.push(file);
  }
  if (template) {
    const stub = readFileSync(join(from, 'test', 'stub', 'integration.ts'), 'utf8').replaceAll("'../../handler/", "'./");
    const target = join(to, 'handler', 'integration.ts');
    writeFileSync(target, stub);
    const { mtime } = statSync(join(from, 'test', 'stub', 'integration.ts'));
    utimesSync(target, mtime, mtime);
  }
  return copied;
}

function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}
