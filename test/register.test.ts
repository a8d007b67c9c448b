// test/lib/register.cjs, the hook every suite runs under: TypeScript for Node 20, and a failed
// `before` hook that fails the run (uvu 0.5 alone counts such a suite as passed and exits 0).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

/**
 * Loads the same TypeScript from two folders under the hook, in a process of its own with
 * RELAY_TRANSFORM_CACHE = `cache` (none: undefined): each file's exports, the JavaScript it was
 * compiled to, and the source its inline map names.
 */
function loadTwice(folder: string, cache: string | undefined) {
  const script = `
const Module = require('node:module');
const compiled = {};
const compile = Module.prototype._compile;
Module.prototype._compile = function kept(code, file) {
  if (file.endsWith('.ts')) compiled[file] = code;
  return compile.call(this, code, file);
};
require(${JSON.stringify(join(root, 'test', 'lib', 'register.cjs'))});
const out = {};
for (const copy of ['a', 'b']) {
  const file = require('node:path').join(${JSON.stringify(folder)}, copy, 'handler', 'index.ts');
  const { answer, twice } = require(file);
  const code = compiled[file];
  const map = JSON.parse(Buffer.from(code.split('base64,').pop(), 'base64').toString('utf8'));
  out[copy] = { exports: { answer, twice: twice(4) }, code, sources: map.sources };
}
process.stdout.write(JSON.stringify(out));
`;
  const result = spawnSync(process.execPath, ['-e', script], {
    env: { PATH: process.env['PATH'] ?? '', NODE_PATH: join(root, 'node_modules'), ...(cache === undefined ? {} : { RELAY_TRANSFORM_CACHE: cache }) },
    encoding: 'utf8',
    timeout: 60_000,
  });
  assert.is(result.status, 0, result.stderr);
  return JSON.parse(result.stdout) as Record<'a' | 'b', { exports: { answer: number; twice: number }; code: string; sources: string[] }>;
}

register('a transform cache (RELAY_TRANSFORM_CACHE): one entry for the same text in two folders, the same JavaScript as without it, each map naming its own file; a broken entry is transformed again', () => {
  const folder = mkdtempSync(join(tmpdir(), 'relay-transforms-'));
  try {
    const source = 'export const answer: number = 6 * 7;\nexport function twice(value: number): number {\n  return value * 2;\n}\n';
    // As in a fork's temporary copy: the same files, under another root.
    for (const copy of ['a', 'b']) {
      mkdirSync(join(folder, copy, 'handler'), { recursive: true });
      writeFileSync(join(folder, copy, 'handler', 'index.ts'), source);
    }
    const cache = join(folder, 'cache');
    mkdirSync(cache);
    const plain = loadTwice(folder, undefined);
    const cached = loadTwice(folder, cache);
    const entries = readdirSync(cache);
    assert.is(entries.length, 1, entries.join(' '));
    for (const copy of ['a', 'b'] as const) {
      assert.equal(cached[copy].exports, { answer: 42, twice: 8 });
      assert.is(cached[copy].code, plain[copy].code);
      assert.equal(cached[copy].sources, [join(folder, copy, 'handler', 'index.ts')]);
    }
    writeFileSync(join(cache, entries[0] ?? ''), '{"code": 1');
    const again = loadTwice(folder, cache);
    assert.is(again.a.code, plain.a.code);
    assert.equal(readdirSync(cache), entries);
    const entry = JSON.parse(readFileSync(join(cache, entries[0] ?? ''), 'utf8')) as { code: string };
    assert.ok(plain.a.code.startsWith(`${entry.code}//# sourceMappingURL=`), 'the entry was written again');
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

register('the runner\'s transform cache is a temporary folder of its own run: a refused run makes none and touches nothing of another run\'s', () => {
  // TMPDIR: where the runner makes its folder. A refused gates run (as make-literal's) comes first
  // and runs beside this run of the suites, in the same checkout: it must neither make a folder nor
  // empty the one this run shares (RELAY_TRANSFORM_CACHE, left out here, as make's recipes do).
  const folder = mkdtempSync(join(tmpdir(), 'relay-runner-tmp-'));
  try {
    const result = spawnSync(process.execPath, [join(root, 'test', 'lib', 'run.mjs'), 'gates'], {
      env: { PATH: process.env['PATH'] ?? '', TMPDIR: folder, INTEGRATION_COVERAGE: 'most' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    assert.equal([result.status, result.stdout, result.stderr], [1, '', "test: error: INTEGRATION_COVERAGE must be a percentage from 0 to 100, not 'most'\n"]);
    assert.equal(readdirSync(folder), []);
    const shared = process.env['RELAY_TRANSFORM_CACHE'];
    // Under make test-unit: this run's own folder, in the temporary folder, not in the checkout.
    if (shared !== undefined) assert.ok(!shared.startsWith(root) && readdirSync(shared).length > 0, shared);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

register.run();
