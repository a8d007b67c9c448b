// The forks real users make, each in a temporary copy of the template's files (never this
// checkout's files of the forker's: test/lib/owners.cjs), with files written from the template's own
// fixtures: (1) the skeleton's tests replaced by the forker's own, against their own fake; (2) the
// skeleton's tests deleted, none yet; (3) a helper folder and a helper file at the top of handler/;
// (4) deletions and additions not yet committed; (5) an integration with only health and observe;
// (6) package.json renamed, and a test file where the map cannot place it. In each: the map picks
// the template's suites and nothing else (so they run as in the template, and test/lib/register.cjs's
// trap proves they read no file of the forker's), `make test-integration` runs the forker's tests
// once with their coverage gate on their files only, and the template's gate covers its own files
// only. One fork is built and served for real (make build, jwt, module-type, serve); `.ci/run`
// runs `make test` whole in a fresh clone of a fork (test/lib/fork-clone.sh).
import { execFile, execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { copyCheckout } from './lib/checkout.ts';
import { assertCtim } from './lib/ctim-check.ts';
import { NO_TESTS } from './lib/no-tests.ts';
import owners from './lib/owners.cjs';

/** c8's own file matcher: the oracle for which files each coverage gate takes. */
const TestExclude = require('test-exclude') as new (options: { cwd: string; include: string[]; exclude: string[]; relativePath: boolean }) => {
  shouldInstrument: (file: string) => boolean;
};

const root = join(__dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'relay-forks-'));
process.once('exit', () => rmSync(work, { recursive: true, force: true }));
const base = join(work, 'template');

/**
 * The copies share this checkout's node_modules through a link: make must never reinstall it (npm
 * ci would empty the original through the link), whatever the files' dates say.
 */
const MAKE_ENV = { ...process.env, MAKEFLAGS: '-o node_modules/.package-lock.json', RELAY_BUNDLE: '', INTEGRATION_COVERAGE: '0' };

/** A command in `cwd`, asynchronously (the forks' make runs overlap; a fake service answers from here). */
async function run(cwd: string, command: string, args: string[], env: NodeJS.ProcessEnv = {}, input?: string) {
  const child = spawn(command, args, { cwd, env: { ...MAKE_ENV, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdin.end(input ?? '');
  const [status] = (await once(child, 'exit')) as [number | null];
  return { status, stdout: stdout.replace(/\x1b\[[0-9;]*m/g, ''), stderr };
}

const EXAMPLE = readFileSync(join(root, 'test', 'example', 'integration.ts'), 'utf8').replaceAll("'../../handler/", "'./");
/**
 * The forker's own tests of their integration (the worked example), against their own fake Example
 * Intel, as README's step 8 has them written. (The worked example's own tests run as a fork's in
 * .ci/run's fresh clone of a fork, test/lib/fork-clone.sh, and as the template's in
 * test/example.test.ts: not a third time here.)
 */
const OWN_TESTS = [
  "import { createServer } from 'node:http';",
  "import type { AddressInfo } from 'node:net';",
  "import { suite } from 'uvu';",
  "import * as assert from 'uvu/assert';",
  "import { createExample } from '../handler/integration.ts';",
  "import { call, event, harness, post, SECRET, sign } from './fixtures.ts';",
  "const test = suite('example intel');",
  '// Our fake Example Intel on 127.0.0.1: its ping, and the one IP it knows.',
  "const IP = '198.51.100.7';",
  'const fake = createServer((request, response) => {',
  "  const known = request.url === `/v1/observables/ip/${IP}`;",
  "  response.writeHead(request.url === '/v1/ping' || known ? 200 : 404, { 'content-type': 'application/json' });",
  "  response.end(JSON.stringify(known ? { verdict: 'malicious', score: 95, permalink: `https://example-intel.test/ip/${IP}`, reports: [] } : { ok: true }));",
  '});',
  "let url = '';",
  "test.before(async () => {",
  "  await new Promise<void>((resolve) => fake.listen(0, '127.0.0.1', resolve));",
  "  url = `http://127.0.0.1:${(fake.address() as AddressInfo).port}`;",
  '});',
  'test.after(() => new Promise((resolve) => fake.close(resolve)));',
  '// A generous timeout: a loaded machine may be slow to answer, even on 127.0.0.1.',
  "const relay = () => harness({ SECRET_KEY: SECRET, EXAMPLE_INTEL_URL: url }, createExample({ timeoutMs: 30_000 })).handler;",
  "const token = sign({ key: 'our-api-key' });",
  "test('health pings our service', async () => {",
  "  assert.equal((await call(relay(), event('/health', { token }))).body, { data: { status: 'ok' } });",
  '});',
  "test('a malicious IP: one verdict, malicious; an unknown one: none', async () => {",
  "  const observables = [{ type: 'ip', value: IP }, { type: 'ip', value: '192.0.2.1' }];",
  "  const { status, body } = await call(relay(), post('/deliberate/observables', observables, { token }));",
  '  assert.is(status, 200);',
  '  const docs = (body as { data: { verdicts: { docs: { disposition: number; observable: unknown }[] } } }).data.verdicts.docs;',
  "  assert.equal(docs.map((doc) => [doc.disposition, doc.observable]), [[2, { type: 'ip', value: IP }]]);",
  '});',
  'test.run();',
  '',
].join('\n');
const TWO_APIS = [
  "import { defineIntegration } from './contract.ts';",
  'export const integration = defineIntegration({',
  "  claims: [{ name: 'token', description: 'Lantern token' }],",
  "  observableTypes: ['ip'],",
  "  health: async () => ({ data: { status: 'ok' } }),",
  '  observe: async () => ({ data: {} }),',
  '});',
  '',
].join('\n');
/** A test file of the forker's: `body` with `integration` and `assert` in scope. */
const forkerTest = (depth: number, body: string) => [
  "import { suite } from 'uvu';",
  "import * as assert from 'uvu/assert';",
  `import { integration } from '${'../'.repeat(depth)}handler/integration.ts';`,
  "const test = suite('yours');",
  body,
  'test.run();',
  '',
].join('\n');
const FORMAT = "export function label(score: number): string {\n  if (score > 90) return 'bad';\n  return 'fine';\n}\n";

interface Fork {
  readonly name: string;
  /** Writes the fork's changes into its copy. */
  readonly make: (dir: string) => void;
  /** What the map must find: the forker's test files, those it cannot place, the forker's code. */
  readonly tests: string[];
  readonly unplaced: string[];
  readonly code: string[];
  /** How many tests `make test-integration` runs, every one passed. */
  readonly total: number;
}

const write = (dir: string, path: string, text: string) => {
  mkdirSync(join(dir, path, '..'), { recursive: true });
  writeFileSync(join(dir, path), text);
};
const git = (dir: string, ...args: string[]) => execFileSync('git', ['-c', 'user.name=f', '-c', 'user.email=f@f', ...args], { cwd: dir, stdio: 'ignore' });

const FORKS: Fork[] = [
  {
    name: '1-own-tests',
    make: (dir) => {
      write(dir, 'handler/integration.ts', EXAMPLE);
      write(dir, 'test/integration.test.ts', OWN_TESTS);
    },
    tests: ['test/integration.test.ts'], unplaced: [], code: ['handler/integration.ts'], total: 2,
  },
  {
    name: '2-no-tests',
    make: (dir) => {
      write(dir, 'handler/integration.ts', EXAMPLE);
      rmSync(join(dir, 'test', 'integration.test.ts'), { force: true });
    },
    tests: [], unplaced: [], code: ['handler/integration.ts'], total: 0,
  },
  {
    name: '3-helpers',
    make: (dir) => {
      write(dir, 'handler/integration.ts', EXAMPLE);
      write(dir, 'handler/intel/score.ts', "export function severity(score: number): string {\n  return score >= 80 ? 'High' : 'Low';\n}\n");
      write(dir, 'handler/lantern-format.ts', FORMAT);
      write(dir, 'test/integration.test.ts', forkerTest(1, "test('claims', () => assert.is(integration.claims.length, 1));"));
      // One branch of the helper file left untested: the forker's gate, never the template's.
      write(dir, 'test/integration/format.test.ts', forkerTest(2, "import { label } from '../../handler/lantern-format.ts';\ntest('fine', () => assert.is(label(10), 'fine'));"));
    },
    tests: ['test/integration.test.ts', 'test/integration/format.test.ts'], unplaced: [],
    code: ['handler/integration.ts', 'handler/intel/score.ts', 'handler/lantern-format.ts'], total: 2,
  },
  {
    name: '4-uncommitted',
    make: (dir) => {
      write(dir, 'handler/integration.ts', EXAMPLE);
      write(dir, 'test/integration/old.test.ts', forkerTest(2, "test('old', () => assert.unreachable('deleted, not yet committed'));"));
      write(dir, 'test/integration.test.ts', forkerTest(1, "test('committed', () => assert.unreachable('deleted, not yet committed'));"));
      git(dir, 'init', '-q');
      git(dir, 'add', '.');
      git(dir, 'commit', '-qm', 'the fork');
      unlinkSync(join(dir, 'test', 'integration', 'old.test.ts'));
      rmSync(join(dir, 'test', 'integration.test.ts'), { force: true });
      write(dir, 'test/integration/new.test.ts', forkerTest(2, "test('new', () => assert.is(integration.claims[0]?.name, 'key'));"));
      write(dir, 'handler/intel/new.ts', 'export const added = 1;\n');
    },
    tests: ['test/integration/new.test.ts'], unplaced: [], code: ['handler/integration.ts', 'handler/intel/new.ts'], total: 1,
  },
  {
    name: '5-two-apis',
    make: (dir) => {
      write(dir, 'handler/integration.ts', TWO_APIS);
      write(dir, 'test/integration.test.ts', forkerTest(1, [
        "import { call, event, harness, post, sign } from './fixtures.ts';",
        "test('health and observe only', async () => {",
        "  const { handler } = harness(undefined, integration);",
        "  const token = sign({ token: 'lantern' });",
        "  assert.equal((await call(handler, event('/health', { token }))).body, { data: { status: 'ok' } });",
        "  assert.equal((await call(handler, post('/observe/observables', [{ type: 'ip', value: '192.0.2.1' }], { token }))).body, { data: {} });",
        "  assert.is((await call(handler, post('/refer/observables', [], { token }))).status, 404);",
        '});',
      ].join('\n')));
    },
    tests: ['test/integration.test.ts'], unplaced: [], code: ['handler/integration.ts'], total: 1,
  },
  {
    name: '6-renamed',
    make: (dir) => {
      write(dir, 'handler/integration.ts', EXAMPLE);
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Record<string, unknown>;
      write(dir, 'package.json', `${JSON.stringify({ ...pkg, name: NAME, version: VERSION }, null, 2)}\n`);
      rmSync(join(dir, 'test', 'integration.test.ts'), { force: true });
      write(dir, 'test/lantern.test.ts', forkerTest(1, "test('observable types', () => assert.equal(integration.observableTypes, ['ip', 'domain', 'sha256']));"));
    },
    tests: [], unplaced: ['test/lantern.test.ts'], code: ['handler/integration.ts'], total: 1,
  },
];
// A fork's name and version, which every script must take from its package.json.
const NAME = 'example-intel-relay';
const VERSION = '3.1.4';

const copying = suite('copying a checkout');

copying('what is on disk: tracked, changed and new files; a deletion not yet committed stays deleted; no tool folder', () => {
  const origin = join(work, 'copying-origin');
  const into = join(work, 'copying-into');
  mkdirSync(origin);
  for (const file of ['kept.ts', 'deleted.ts', 'changed.ts']) writeFileSync(join(origin, file), `// ${file}\n`);
  writeFileSync(join(origin, '.gitignore'), 'ignored.txt\nnode_modules/\n');
  git(origin, 'init', '-q');
  git(origin, 'add', '.');
  git(origin, 'commit', '-qm', 'first');
  unlinkSync(join(origin, 'deleted.ts'));
  writeFileSync(join(origin, 'changed.ts'), '// changed, not committed\n');
  write(origin, 'handler/intel/new.ts', '// new\n');
  writeFileSync(join(origin, 'ignored.txt'), 'ignored\n');
  // node_modules as a link: git sees a file, which `node_modules/` does not ignore.
  symlinkSync(join(root, 'node_modules'), join(origin, 'node_modules'), 'dir');
  assert.equal(copyCheckout(origin, into).sort(), ['.gitignore', 'changed.ts', 'handler/intel/new.ts', 'kept.ts']);
  assert.is(readFileSync(join(into, 'changed.ts'), 'utf8'), '// changed, not committed\n');
  for (const left of ['deleted.ts', 'ignored.txt', 'node_modules']) assert.not.ok(existsSync(join(into, left)), left);
});

copying.run();

const dirOf = (fork: Fork) => join(work, fork.name);
let broken: unknown;
/** The files of this checkout the template's copy holds (the forks are copies of that copy). */
let templateFiles: string[] = [];
let building: ReturnType<typeof run> | undefined;
const renamed = () => dirOf(FORKS.find((each) => each.name === '6-renamed') as Fork);

/** Fails the test that needs the forks with the setup's failure, if any. */
function ready(): void {
  if (broken !== undefined) assert.unreachable(`the forks could not be set up: ${broken instanceof Error ? broken.stack : String(broken)}`);
}

const matrix = suite('the fork matrix');

matrix.before(() => {
  try {
    templateFiles = copyCheckout(root, base, { template: true });
    symlinkSync(join(root, 'node_modules'), join(base, 'node_modules'), 'dir');
    for (const fork of FORKS) {
      cpSync(base, dirOf(fork), { recursive: true, preserveTimestamps: true, verbatimSymlinks: true });
      fork.make(dirOf(fork));
    }
    // The renamed fork's build (its own suite's first test) meanwhile: make test-integration there
    // writes coverage/ only, the build dist/ only.
    building = run(renamed(), 'make', ['--no-print-directory', 'build']);
  } catch (error) {
    broken = error;
  }
});

matrix('the template\'s copy holds none of this checkout\'s files of the forker\'s, and the stub as its integration', () => {
  ready();
  const copied = templateFiles;
  for (const file of copied) assert.is(owners.ownerOf(file), 'template', file);
  assert.ok(copied.includes('handler/index.ts') && copied.includes('test/fixtures.ts') && copied.includes('Makefile'));
  assert.is(readFileSync(join(base, 'handler', 'integration.ts'), 'utf8'), readFileSync(join(root, 'test', 'stub', 'integration.ts'), 'utf8').replaceAll("'../../handler/", "'./"));
});

matrix('in each fork the map finds the template\'s suites unchanged, and places the forker\'s files as theirs', () => {
  ready();
  const template = owners.testFiles(base);
  assert.ok(template.template.length > 30);
  // (The skeleton's test/integration.test.ts is the forker's: the template's copy leaves it out.)
  assert.equal([template.forker, template.unplaced], [[], []]);
  for (const fork of FORKS) {
    const found = owners.testFiles(dirOf(fork));
    assert.equal(found, { template: template.template, forker: fork.tests, unplaced: fork.unplaced }, fork.name);
    assert.equal(owners.forkerHandlerFiles(dirOf(fork)), fork.code, fork.name);
    // c8's own matcher (test-exclude) on the map's arguments: each owner's gate, its files only.
    for (const owner of ['template', 'forker'] as const) {
      const args = owners.coverageArguments(owner);
      const pick = (flag: string) => args.filter((_, index) => args[index - 1] === flag);
      const matcher = new TestExclude({ cwd: dirOf(fork), include: pick('--include'), exclude: pick('--exclude'), relativePath: true });
      const gated = [...owners.forkerHandlerFiles(dirOf(fork)), 'handler/index.ts', 'handler/kit/service.ts'].filter((file) => matcher.shouldInstrument(join(dirOf(fork), file)));
      assert.equal(gated, owner === 'template' ? ['handler/index.ts', 'handler/kit/service.ts'] : fork.code, `${fork.name}: ${owner}`);
    }
  }
});

matrix('a fork\'s deletions and additions not yet committed: the template copies what is on disk, the forker\'s left out', () => {
  ready();
  const fork = FORKS.find((each) => each.name === '4-uncommitted') as Fork;
  // (The fork's commit holds its link to node_modules, a file to git: never copied.)
  const copied = copyCheckout(dirOf(fork), join(work, 'uncommitted-copy'), { template: true });
  assert.not.ok(copied.some((file) => owners.ownerOf(file) !== 'template'));
  assert.equal(copied.sort(), [...templateFiles].sort());
});

matrix('make test-integration in each fork: the forker\'s tests, once, and their gate on their code alone', async () => {
  ready();
  // Three forks at a time, one worker each (their tests wait on nothing but 127.0.0.1, with
  // generous timeouts); with the second three, the helpers' fork again, its gate at 100%: its
  // helper file's untested branch fails the forker's gate.
  const testIntegration = (fork: Fork, ...args: string[]) =>
    run(dirOf(fork), 'make', ['--no-print-directory', '-s', 'test-integration', ...args], { RELAY_TEST_JOBS: '1' });
  const results = await Promise.all(FORKS.slice(0, 3).map((fork) => testIntegration(fork)));
  const helpers = FORKS.find((each) => each.name === '3-helpers') as Fork;
  const strictRun = testIntegration(helpers, 'INTEGRATION_COVERAGE=100');
  results.push(...(await Promise.all(FORKS.slice(3).map((fork) => testIntegration(fork)))));
  const strict = await strictRun;
  FORKS.forEach((fork, index) => {
    const { status, stdout, stderr } = results[index] as Awaited<ReturnType<typeof run>>;
    assert.is(status, 0, `${fork.name}\n${stdout}\n${stderr}`);
    const ran = stdout.split('\n').filter((line) => /^ {2}test\/\S+\.test\.ts /.test(line)).map((line) => line.trim().split(' ')[0]);
    assert.equal(ran.sort(), [...fork.tests, ...fork.unplaced].sort(), fork.name);
    if (fork.total === 0) assert.match(stdout, NO_TESTS, fork.name);
    else assert.match(stdout, `Total: ${fork.total}, passed: ${fork.total}, skipped: 0`, fork.name);
    for (const file of fork.unplaced) assert.match(stdout, owners.unplacedLine(file), fork.name);
    // The coverage table lists the forker's files, and none of the template's.
    const listed = stdout.split('\n').filter((line) => /\.ts\s+\|/.test(line)).map((line) => line.trim().split(/\s/)[0]);
    assert.equal(listed.sort(), fork.code.map((file) => file.split('/').pop()).sort(), fork.name);
  });
  assert.is(strict.status, 2, strict.stdout);
  assert.match(strict.stdout, /lantern-format\.ts\s+\|\s+100 \|\s+66\.66 \|/);
  assert.match(strict.stderr, /ERROR: Coverage for branches \([\d.]+%\) does not meet global threshold \(100%\)/);
});

matrix.run();

const real = suite('a fork built and served (6: renamed)');

let intel: Server | undefined;
let intelUrl = '';

real.before(async () => {
  // A fake Example Intel for `make serve`: the fork's /health calls it.
  intel = createServer((request, response) => {
    response.writeHead(request.url === '/v1/ping' ? 200 : 404, { 'content-type': 'application/json' });
    response.end('{"ok":true}');
  });
  const server = intel;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  intelUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

real.after(async () => {
  const server = intel;
  if (server !== undefined) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

real('make build bundles the fork\'s integration, with the kit, and nothing from node_modules', async () => {
  ready();
  const built = await (building as ReturnType<typeof run>);
  assert.is(built.status, 0, built.stderr);
  const meta = JSON.parse(readFileSync(join(renamed(), 'dist', 'meta.json'), 'utf8')) as { inputs: Record<string, unknown>; outputs: Record<string, { imports: { path: string }[] }> };
  assert.ok(Object.keys(meta.inputs).includes('handler/kit/service.ts'));
  assert.ok(Object.keys(meta.inputs).includes('handler/integration.ts'));
  for (const input of Object.keys(meta.inputs)) assert.not.match(input, /node_modules|console\/|ctim-check/);
  // Only Node's own modules, and the bundle's own files (those it loads on demand).
  for (const output of Object.values(meta.outputs)) for (const entry of output.imports) assert.match(entry.path, /^(node:|dist\/[a-z]+-[A-Z0-9]{8}\.mjs$)/);
  const code = readFileSync(join(renamed(), 'dist', 'index.mjs'), 'utf8');
  assert.ok(code.includes(`"${NAME}"`) && code.includes(`"${VERSION}"`), 'the fork\'s name and version');
});

real('make jwt asks for the fork\'s claims; make module-type lists its APIs under its name', async () => {
  ready();
  const jwt = await run(renamed(), 'make', ['--no-print-directory', '-s', 'jwt', 'STAGE=fork'], {}, 'the-example-intel-key\n');
  assert.is(jwt.status, 0, jwt.stderr);
  assert.match(jwt.stderr, 'key (Example Intel API key): ');
  const token = /^(ey[\w-]+\.[\w-]+\.[\w-]+)$/m.exec(jwt.stdout)?.[1] ?? '';
  assert.equal(JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()), { key: 'the-example-intel-key' });

  const made = await run(renamed(), 'make', ['--no-print-directory', '-s', 'module-type']);
  assert.is(made.status, 0, made.stderr);
  const moduleType = JSON.parse(readFileSync(join(renamed(), 'dist', 'module-type.json'), 'utf8')) as {
    title: string;
    properties: Record<string, unknown>;
    capabilities: { id: string }[];
  };
  assert.is(moduleType.title, NAME);
  assert.equal(moduleType.properties['supported-apis'], [
    'health', 'deliberate/observables', 'observe/observables', 'refer/observables', 'respond/observables', 'respond/trigger',
  ]);
  assert.equal(moduleType.capabilities.map((capability) => capability.id), ['health', 'deliberate', 'observe', 'refer', 'respond']);
});

real('make serve runs the fork\'s integration with its settings: the printed curl line reaches its service', async () => {
  ready();
  const child = spawn('make', ['--no-print-directory', '-s', 'serve'], {
    cwd: renamed(),
    env: { ...MAKE_ENV, PORT: '0', EXAMPLE_INTEL_URL: intelUrl },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  try {
    // Generous: a loaded machine may take many seconds to start make, node and the console.
    const deadline = Date.now() + 60_000;
    while (!/^curl .*$/m.test(output)) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`serve did not start: ${output}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const curl = /^curl .*$/m.exec(output)?.[0] ?? '';
    // Not execFileSync: the fake Example Intel answers from this process's event loop.
    const { stdout } = await promisify(execFile)('bash', ['-c', curl], { encoding: 'utf8', timeout: 30_000 });
    assert.equal(JSON.parse(stdout), { data: { status: 'ok' } });
    assertCtim('/health', JSON.parse(stdout));
    const url = /listening on (\S+)/.exec(output)?.[1] ?? '';
    const version = await fetch(`${url}/version`, { method: 'POST' });
    const versionBody = await version.json();
    assert.equal(versionBody, { version: VERSION });
    assertCtim('/version', versionBody);
    // The fork has no tiles: 404, like any unknown path.
    const token = /Dev JWT: (\S+)/.exec(output)?.[1] ?? '';
    const tiles = await fetch(`${url}/tiles`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    assert.is(tiles.status, 404);
    await tiles.arrayBuffer();
  } finally {
    if (child.exitCode === null) {
      const exited = once(child, 'exit');
      process.kill(-(child.pid ?? 0), 'SIGINT');
      const timer = setTimeout(() => process.kill(-(child.pid ?? 0), 'SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
  }
});

real.run();
