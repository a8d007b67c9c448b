// test/lib/owners.cjs, the one map of which files are the template's and which the forker's; and
// the trap (test/lib/register.cjs) that fails a template suite reading a file of the forker's, and
// gives it the stub for handler/integration.ts.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import owners from './lib/owners.cjs';

const root = join(__dirname, '..');
const map = suite('the ownership map');

map('places each kind of file with its owner', () => {
  const rows: [string, string | undefined][] = [
    ['handler/index.ts', 'template'],
    ['handler/kit/service.ts', 'template'],
    ['handler/integration.ts', 'forker'],
    ['handler/lantern-format.ts', 'forker'],
    ['handler/lantern/client.ts', 'forker'],
    ['handler/kitchen.ts', 'forker'],
    ['test/integration.test.ts', 'forker'],
    ['test/integration/client.test.ts', 'forker'],
    ['test/integration/fake.ts', 'forker'],
    ['test/index.test.ts', 'template'],
    ['test/kit/service.test.ts', 'template'],
    ['test/kit/new.test.ts', 'template'],
    ['test/deploy.e2e.ts', 'template'],
    ['test/fixtures.ts', 'template'],
    ['test/lantern.test.ts', undefined],
    ['test/lantern/client.test.ts', undefined],
    ['test/lantern.e2e.ts', undefined],
    ['scripts/build.mjs', 'template'],
    ['Makefile', 'template'],
  ];
  for (const [path, owner] of rows) assert.is(owners.ownerOf(path), owner, path);
  assert.is(owners.unplacedLine('test/lantern.test.ts'), 'test/lantern.test.ts: neither a template suite (test/lib/owners.cjs) nor one of your tests: it runs with yours in make test-integration; move it to test/integration/lantern.test.ts');
});

map('every file and folder it lists as the template\'s exists, and each suite is listed once', () => {
  for (const entry of [...owners.TEMPLATE_HANDLER, ...owners.TEMPLATE_SUITES, ...owners.TEMPLATE_E2E]) assert.ok(existsSync(join(root, entry)), entry);
  assert.is(new Set(owners.TEMPLATE_SUITES).size, owners.TEMPLATE_SUITES.length);
  // A file inside a listed folder is not listed again.
  for (const entry of owners.TEMPLATE_SUITES) {
    assert.not.ok(owners.TEMPLATE_SUITES.some((other) => other !== entry && other.endsWith('/') && entry.startsWith(other)), entry);
  }
});

map('the coverage arguments: the template\'s files in, the rest of handler/ the forker\'s', () => {
  assert.equal(owners.coverageArguments('template').slice(0, 4), ['--include', 'handler/actions.ts', '--include', 'handler/capped.ts']);
  assert.ok(owners.coverageArguments('template').includes('handler/kit/**'));
  const forker = owners.coverageArguments('forker');
  assert.equal(forker.slice(0, 2), ['--include', 'handler/**']);
  assert.is(forker.filter((arg) => arg === '--exclude').length, owners.TEMPLATE_HANDLER.length);
});

map('the README names the forker\'s files as the map does, and says where a new template suite is registered', () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const yours = /\*\*Yours\*\*[^\n]*(?:\n(?!\n)[^\n]*)*/.exec(readme)?.[0] ?? '';
  for (const entry of [...owners.FORKER_FILES, 'any other file or folder of yours under `handler/`']) {
    assert.ok(yours.includes(entry.includes('`') ? entry : `\`${entry}\``), entry);
  }
  for (const field of owners.FORKER_PACKAGE_FIELDS) assert.ok(yours.includes(`\`${field}\``), field);
  const tests = readme.slice(readme.indexOf('## Tests'));
  assert.match(tests, 'TEMPLATE_SUITES');
  assert.match(tests, 'test/lib/owners.cjs');
});

map.run();

const trap = suite('the trap: a template suite that reads a file of the forker\'s');

/** A checkout with the runner's files, `handler/`'s given files and one template-listed suite. */
function checkout(suiteSource: string): string {
  const work = mkdtempSync(join(tmpdir(), 'relay-trap-'));
  mkdirSync(join(work, 'test', 'lib'), { recursive: true });
  for (const file of ['owners.cjs', 'register.cjs', 'worker.cjs', 'run.mjs']) cpSync(join(root, 'test', 'lib', file), join(work, 'test', 'lib', file));
  symlinkSync(join(root, 'node_modules'), join(work, 'node_modules'), 'dir');
  mkdirSync(join(work, 'handler'));
  writeFileSync(join(work, 'handler', 'integration.ts'), 'export const mine = 1;\n');
  writeFileSync(join(work, 'handler', 'lantern-format.ts'), 'export const format = 2;\n');
  writeFileSync(join(work, 'handler', 'log.ts'), 'export const template = 3;\n');
  mkdirSync(join(work, 'test', 'stub'));
  writeFileSync(join(work, 'test', 'stub', 'integration.ts'), 'export const stub = true;\n');
  // test/log.test.ts: a name the map lists as the template's.
  writeFileSync(join(work, 'test', 'log.test.ts'), suiteSource);
  return work;
}

const SUITE = (body: string) => `
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
const test = suite('a template suite');
test('reads', () => { ${body} });
test.run();
`;

trap('a read of the forker\'s files fails the run, naming each file and the suite; an import of the integration gets the stub', () => {
  const work = checkout(SUITE([
    "assert.equal(require('../handler/integration.ts'), { stub: true });",
    "assert.is(readFileSync(join(__dirname, '..', 'handler', 'integration.ts'), 'utf8').length, 23);",
    "assert.is(readFileSync(join(__dirname, '..', 'handler', 'lantern-format.ts'), 'utf8').length, 25);",
  ].join(' ')));
  try {
    const result = spawnSync(process.execPath, [join(work, 'test', 'lib', 'run.mjs'), 'unit', 'log.test'], { cwd: work, encoding: 'utf8', env: { PATH: process.env['PATH'] ?? '' }, timeout: 120_000 });
    assert.is(result.status, 1, result.stdout + result.stderr);
    // The suite's own assertions passed: the trap alone failed it.
    assert.match(result.stdout, 'test/log.test.ts read handler/integration.ts, a file the forker owns (test/lib/owners.cjs): a template suite must build what it needs from the template\'s own fixtures, in a temporary copy or in-process\n');
    assert.match(result.stdout, 'test/log.test.ts read handler/lantern-format.ts, a file the forker owns');
    assert.match(result.stderr, 'test: error: test/log.test.ts failed (above)\n');
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});

// One run for both (each run of the runner costs a second of CPU): the suite reads the template's
// own file, and starts a child process.
trap('the same suite reading the template\'s own file passes the trap; the workers write their coverage, the processes their tests start none; each file\'s time is kept for the next run', () => {
  // The child prints the coverage folder it was given: none.
  const work = checkout(SUITE([
    "assert.is(require('../handler/log.ts').template, 3);",
    "assert.is(require('node:child_process').execFileSync(process.execPath, ['-e', 'process.stdout.write(String(process.env.NODE_V8_COVERAGE))'], { encoding: 'utf8' }), 'undefined');",
  ].join(' ')));
  try {
    const result = spawnSync(process.execPath, [join(work, 'test', 'lib', 'run.mjs'), 'unit', 'log.test'], { cwd: work, encoding: 'utf8', env: { PATH: process.env['PATH'] ?? '' }, timeout: 120_000 });
    assert.match(result.stdout, /test\/log\.test\.ts\s+[\d.]+ s {2}1 passed\n/);
    assert.not.match(result.stdout + result.stderr, 'a file the forker owns');
    // V8 names each file coverage-<process>-<time>-<thread>.json: one process wrote them all, the
    // worker (its main thread's has the suite; esbuild's thread has its own).
    const written = readdirSync(join(work, 'coverage', 'unit'));
    assert.equal([...new Set(written.map((name) => name.split('-')[1]))].length, 1, written.join(' '));
    // Its main thread's holds the code the suite ran; the gate left in it only what can count for
    // a gate (test/lib/run.mjs: a file under handler/), not the suite itself.
    const main = readFileSync(join(work, 'coverage', 'unit', written.find((name) => name.endsWith('-0.json')) ?? ''), 'utf8');
    assert.ok(main.includes('/handler/log.ts'));
    assert.not.ok(main.includes('/test/log.test.ts'));
    const times = JSON.parse(readFileSync(join(work, 'coverage', 'unit-times.json'), 'utf8')) as Record<string, unknown>;
    assert.equal(Object.keys(times), ['test/log.test.ts']);
    assert.ok(Number.isInteger(times['test/log.test.ts']));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});

trap.run();
