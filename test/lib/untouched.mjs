// Proves that the tests leave the checkout as they found it: `make test-unit` lists every file
// (path, size, mode, date, SHA-256) before the suites, and compares after. Ignored files count:
// dist/module-type.json, .secrets/ and Terraform's state are the user's. Not listed: .git/ (git
// itself refreshes its index), node_modules/ and coverage/ (c8's output).
// Usage: node test/lib/untouched.mjs > before.json; node test/lib/untouched.mjs --compare before.json
import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(fileURLToPath(import.meta.url), '..', '..', '..');
// The tools' folders of the ownership map (test/lib/owners.cjs).
const SKIPPED = new Set(createRequire(import.meta.url)('./owners.cjs').TOOL_FOLDERS);

function list(folder, into) {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    const name = relative(root, path);
    if (folder === root && SKIPPED.has(entry.name)) continue;
    const stat = lstatSync(path);
    if (entry.isDirectory()) {
      into[`${name}/`] = `dir ${(stat.mode & 0o7777).toString(8)}`;
      list(path, into);
    } else if (entry.isSymbolicLink()) {
      into[name] = `link ${readlinkSync(path)}`;
    } else {
      const sha = createHash('sha256').update(readFileSync(path)).digest('hex');
      into[name] = `${stat.size} ${(stat.mode & 0o7777).toString(8)} ${stat.mtimeMs} ${sha}`;
    }
  }
  return into;
}

const now = list(root, {});
if (process.argv[2] !== '--compare') {
  process.stdout.write(JSON.stringify(now));
} else {
  const before = JSON.parse(readFileSync(process.argv[3], 'utf8'));
  const changed = [...new Set([...Object.keys(before), ...Object.keys(now)])]
    .filter((name) => before[name] !== now[name])
    .sort()
    .map((name) => (before[name] === undefined ? `${name} (added)` : now[name] === undefined ? `${name} (removed)` : `${name} (changed)`));
  if (changed.length > 0) {
    console.error(`test-unit: error: the tests changed the checkout (they must write in temporary folders only): ${changed.join(', ')}`);
    process.exitCode = 1;
  }
}
