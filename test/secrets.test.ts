// The per-stage secret files' folder (scripts/lib/secrets.mjs) and .gitignore: a `.secrets` that is a
// symlink is neither read nor committed. Run on a copy of the scripts in a temporary folder, never
// on this checkout's own `.secrets`.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';

const root = join(__dirname, '..');
let work = '';
let copy = '';
let elsewhere = '';

const secrets = suite('a symlinked .secrets folder');

secrets.before(() => {
  work = mkdtempSync(join(tmpdir(), 'relay-secrets-'));
  copy = join(work, 'relay');
  elsewhere = join(work, 'elsewhere');
  mkdirSync(join(copy, 'scripts', 'lib'), { recursive: true });
  for (const file of ['secrets.mjs', 'cli.mjs', 'dist.mjs']) copyFileSync(join(root, 'scripts', 'lib', file), join(copy, 'scripts', 'lib', file));
  copyFileSync(join(root, '.gitignore'), join(copy, '.gitignore'));
  // Someone else's secrets, where the link points: valid, 0600, in a 0700 folder.
  mkdirSync(elsewhere, { mode: 0o700 });
  writeFileSync(join(elsewhere, 'dev.tfvars.json'), JSON.stringify({ secret_key: 'x'.repeat(64) }), { mode: 0o600 });
  symlinkSync(elsewhere, join(copy, '.secrets'), 'dir');
});

secrets.after(() => {
  rmSync(work, { recursive: true, force: true });
});

secrets('is refused when reading, as when writing: one line, nothing read', () => {
  const result = spawnSync('node', [join('scripts', 'lib', 'secrets.mjs'), 'check', 'deploy', 'dev'], { cwd: copy, encoding: 'utf8' });
  assert.equal([result.status, result.stdout, result.stderr], [1, '', 'deploy: error: .secrets is not a directory (a symlink?); make it one, 0700, with your secret files in it\n']);
});

secrets('is ignored by git, like the folder', () => {
  const git = (...args: string[]) => spawnSync('git', args, { cwd: copy, encoding: 'utf8' });
  assert.is(git('init', '-q').status, 0);
  assert.is(git('check-ignore', '-q', '.secrets').status, 0);
  git('add', '-A');
  assert.equal(git('ls-files').stdout.split('\n').filter((line) => line.startsWith('.secrets')), []);
});

secrets.run();
