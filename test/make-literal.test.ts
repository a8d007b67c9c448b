// make takes every variable a user sets on its command line literally: nothing in it is expanded
// by make, and it reaches the recipes through the environment only (the Makefile's first block).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';

const root = join(__dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'relay-make-'));
const marker = join(work, 'PWNED');
// A second makefile beside ours, for the test only: a target that prints what a recipe receives.
const show = join(work, 'show.mk');
writeFileSync(show, 'show:\n\t@printf "%s|%s|%s|%s" "$$PORT" "$$XDR_CLIENT_SECRET" "$$STAGE" "$$EXAMPLE_INTEL_URL"\n');

function make(args: string[]) {
  const result = spawnSync('make', ['--no-print-directory', '-s', ...args], {
    cwd: root,
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const literal = suite('make: command-line variables, literally');

literal.after(() => {
  rmSync(work, { recursive: true, force: true });
});

literal('PORT, XDR_CLIENT_SECRET, STAGE and any setting reach a recipe as typed; make runs nothing in them', () => {
  const values = [
    `8080$(shell touch ${marker})`,
    `a$(shell touch ${marker})b$$c$(d)`,
    `dev\`touch ${marker}\``,
    `https://intel.test/$(shell touch ${marker})`,
  ];
  const result = make(['-f', 'Makefile', '-f', show, 'show', `PORT=${values[0]}`, `XDR_CLIENT_SECRET=${values[1]}`, `STAGE=${values[2]}`, `EXAMPLE_INTEL_URL=${values[3]}`]);
  assert.equal([result.status, result.stderr], [0, '']);
  assert.equal(result.stdout.split('|'), values);
  assert.not.ok(existsSync(marker), 'make ran a command from a variable');
});

literal('a target that prints nothing of them still runs nothing in them (make help)', () => {
  const result = make(['help', `PORT=$(shell touch ${marker})`, `XDR_CLIENT_ID=$(shell touch ${marker})`]);
  assert.is(result.status, 0, result.stderr);
  assert.match(result.stdout, /serve/);
  assert.not.ok(existsSync(marker));
});

literal('INTEGRATION_COVERAGE is never pasted into a shell line: the runner refuses it in one line', () => {
  for (const target of ['coverage-gates', 'test-integration']) {
    const dry = make(['-n', target, `INTEGRATION_COVERAGE=$(touch ${marker})`]);
    assert.is(dry.status, 0, dry.stderr);
    assert.is(dry.stdout, 'node test/lib/run.mjs ' + (target === 'coverage-gates' ? 'gates' : 'integration') + '\n');
    // Refused before any test or report runs.
    const result = make([target, `INTEGRATION_COVERAGE=$(touch ${marker})`]);
    assert.is(result.status, 2, result.stdout);
    assert.is(result.stdout, '');
    assert.match(result.stderr, /^test: error: INTEGRATION_COVERAGE must be a percentage from 0 to 100, not '\$\(touch \S+PWNED\)'\nmake(\[\d+\])?: \*\*\* \[Makefile:\d+: \S+\] Error 1\n$/, target);
  }
  assert.not.ok(existsSync(marker));
});

literal.run();
