// test/lib/register.cjs, the hook every suite runs under: TypeScript for Node 20, and a failed
// `before` hook that fails the run (uvu 0.5 alone counts such a suite as passed and exits 0).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';

const root = join(__dirname, '..');

/** Runs uvu under the hook on one test file holding `source`; its exit status and output. */
function runSuite(source: string) {
  const folder = mkdtempSync(join(tmpdir(), 'relay-register-'));
  try {
    writeFileSync(join(folder, 'one.test.ts'), source);
    const result = spawnSync(process.execPath, [join(root, 'node_modules', 'uvu', 'bin.js'), '-r', join(root, 'test', 'lib', 'register.cjs'), folder], {
      // The file is outside the checkout: uvu is found through NODE_PATH.
      env: { PATH: process.env['PATH'] ?? '', NODE_PATH: join(root, 'node_modules') },
      encoding: 'utf8',
      timeout: 60_000,
    });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

const SUITES = (setup: string) => `
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
const broken = suite('a suite with a setup');
broken.before(() => { ${setup} });
broken.before.each(() => {});
broken('its test', () => assert.ok(true));
broken.run();
const other = suite('another suite');
other('its test', () => assert.is<number>(1 + 1, 2));
other.run();
`;

const register = suite('test/lib/register.cjs');

register('a suite whose before hook throws fails the run, naming the suite and the error', () => {
  const result = runSuite(SUITES("throw new Error('the fake service did not start');"));
  assert.is(result.status, 1);
  assert.match(result.stderr, "The setup (before) of suite 'a suite with a setup' failed, so none of its tests ran:\nError: the fake service did not start\n");
  // The other suites still ran.
  assert.match(result.stdout, 'Passed:    1');
});

register('suites whose hooks succeed pass, TypeScript included', () => {
  const result = runSuite(SUITES('const ready: boolean = true; void ready;'));
  assert.is(result.status, 0, result.stderr);
  assert.is(result.stderr, '');
  assert.match(result.stdout, 'Passed:    2');
});

register.run();
