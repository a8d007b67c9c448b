// The Makefile itself: every target listed by `make help`, plain text when not on a terminal.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';

const root = join(__dirname, '..');

const makefile = suite('Makefile');

makefile('make help lists every phony target, with no colour codes in a pipe', () => {
  const text = readFileSync(join(root, 'Makefile'), 'utf8');
  const phony = (/^\.PHONY: (.*)$/m.exec(text)?.[1] ?? '').split(' ').filter((name) => name !== '');
  assert.ok(phony.length > 10);
  const help = spawnSync('make', ['--no-print-directory', '-s', 'help'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  assert.is(help.status, 0, help.stderr);
  assert.not.match(help.stdout, '\x1b');
  const listed = help.stdout.split('\n').filter((line) => line !== '').map((line) => line.trim().split(/\s+/)[0]);
  assert.equal([...listed].sort(), [...phony].sort());
});

makefile('README: the first screen names the two commands, and every make target it shows exists', () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const firstScreen = readme.split('\n').slice(0, 30).join('\n');
  assert.match(firstScreen, 'make serve');
  assert.match(firstScreen, 'make test');
  const text = readFileSync(join(root, 'Makefile'), 'utf8');
  const phony = new Set((/^\.PHONY: (.*)$/m.exec(text)?.[1] ?? '').split(' '));
  for (const [, target] of readme.matchAll(/`make ([a-z-]+)/g)) assert.ok(phony.has(target ?? ''), `make ${target}`);
});

makefile.run();
