// What a forker's clone holds, copied as it is on disk: the tracked files and those not yet
// committed (not the ignored), a tracked file deleted but not yet committed left out.
import { execFileSync } from 'node:child_process';
import { cpSync, lstatSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Copies the checkout at `from` into `to`; returns the files copied, relative to `from`. */
export function copyCheckout(from: string, to: string): string[] {
  const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: from, encoding: 'utf8' })
    .split('\0')
    .filter((file) => file !== '');
  const copied: string[] = [];
  // A file is listed twice when it is both tracked and changed: once is enough.
  for (const file of new Set(listed)) {
    if (!exists(join(from, file))) continue;
    mkdirSync(dirname(join(to, file)), { recursive: true });
    // Dates kept: make compares them, and must find the copy as up to date as the original.
    cpSync(join(from, file), join(to, file), { preserveTimestamps: true, verbatimSymlinks: true });
    copied.push(file);
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
