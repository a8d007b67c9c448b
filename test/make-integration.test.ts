// `make test-integration` in a fork: the forker's tests alone (test/integration.test.ts,
// test/integration/, and one of theirs elsewhere, named), with their code's coverage; none yet, or
// none covering their code. In a temporary copy of the checkout, the fork's files written here.
// (Apart from test/makefile.test.ts so that the parallel runner can run the two side by side.)
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { make, temporaryCheckout } from './lib/make.ts';
import { NO_TESTS } from './lib/no-tests.ts';

const root = join(__dirname, '..');

const integration = suite('make test-integration');

integration('make test-integration runs the forker\'s tests alone, whatever they test; a test file of theirs elsewhere gets one line', () => {
  // The template's copy (no file of the forker's here), then a fork's files written from this test.
  const copy = temporaryCheckout('relay-integration-');
  const example = readFileSync(join(root, 'test', 'example', 'integration.ts'), 'utf8').replaceAll("'../../handler/", "'./");
  writeFileSync(join(copy, 'handler', 'integration.ts'), example);
  const forkerTest = (name: string, body: string) => [
    "import { suite } from 'uvu';",
    "import * as assert from 'uvu/assert';",
    "import { integration } from '../handler/integration.ts';".replace('../', name.includes('/integration/') ? '../../' : '../'),
    `const test = suite('${name}');`,
    body,
    'test.run();',
    '',
  ].join('\n');
  writeFileSync(join(copy, 'test', 'integration.test.ts'), forkerTest('test/integration.test.ts', "test('claims', () => assert.equal(integration.claims.map((claim) => claim.name), ['key']));"));
  mkdirSync(join(copy, 'test', 'integration'));
  writeFileSync(join(copy, 'test', 'integration', 'types.test.ts'), forkerTest('test/integration/types.test.ts', "test('types', () => assert.ok(Array.isArray(integration.observableTypes)));\ntest('a second', () => assert.ok(true));"));
  // At the top of test/, where the map cannot place it: one line, and it runs with the others.
  writeFileSync(join(copy, 'test', 'lantern.test.ts'), forkerTest('test/lantern.test.ts', "test('health', () => assert.type(integration.health, 'function'));"));
  const result = make(copy, ['-s', 'test-integration']);
  assert.is(result.status, 0, result.stdout + result.stderr);
  const plain = result.stdout.replace(/\x1b\[[0-9;]*m/g, '');
  assert.match(plain, 'test/lantern.test.ts: neither a template suite (test/lib/owners.cjs) nor one of your tests: it runs with yours in make test-integration; move it to test/integration/lantern.test.ts\n');
  assert.match(plain, /Total: 4, passed: 4, skipped: 0/);
  assert.equal(plain.split('\n').filter((line) => /^ {2}test\/\S+\.test\.ts /.test(line)).map((line) => line.trim().split(' ')[0]).sort(), [
    'test/integration.test.ts', 'test/integration/types.test.ts', 'test/lantern.test.ts',
  ]);
  // The coverage reported is the forker's code, and only theirs.
  assert.match(plain, /integration\.ts\s+\|/);
  assert.not.match(plain, /tokens\.ts\s+\|/);
  // The forker deleted the skeleton's tests and wrote none yet: one line, and a fail at a gate
  // above 0, no test covering their code. (At gate 0, a pass: test/fork.test.ts's fork 2.)
  for (const file of ['integration.test.ts', 'lantern.test.ts', 'integration']) rmSync(join(copy, 'test', file), { recursive: true });
  const gated = make(copy, ['-s', 'test-integration', 'INTEGRATION_COVERAGE=50']);
  assert.is(gated.status, 2, gated.stdout);
  assert.match(gated.stdout, NO_TESTS);
  assert.match(gated.stderr, /ERROR: Coverage for lines \(0%\) does not meet global threshold \(50%\)/);
});

integration.run();
