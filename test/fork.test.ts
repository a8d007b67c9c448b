// The first fork, done for real: the checkout copied as it is on disk to a temporary folder, the
// worked example put in place of handler/integration.ts, a helper folder of the forker's own under
// handler/, package.json renamed; then, in the copy, the template's in-process suites with both
// coverage gates, `make build`, `make jwt`, `make module-type` and `make serve`. The template's
// tests must test the template, whatever integration a fork has.
import { execFile, execFileSync, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { copyCheckout } from './lib/checkout.ts';
import { assertCtim } from './lib/ctim-check.ts';

const root = join(__dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'relay-fork-'));
const copy = join(work, 'my-relay');
// A fork's name and version, which every script must take from its package.json.
const NAME = 'example-intel-relay';
const VERSION = '3.1.4';

/**
 * The copy shares this checkout's node_modules through a link: make must never reinstall it (npm
 * ci would empty the original through the link), whatever the files' dates say.
 */
const MAKE_ENV = { ...process.env, MAKEFLAGS: '-o node_modules/.package-lock.json', RELAY_BUNDLE: '' };

function inCopy(command: string, args: string[], options: { env?: NodeJS.ProcessEnv; input?: string; timeout?: number } = {}) {
  const result = spawnSync(command, args, {
    cwd: copy,
    env: options.env ?? MAKE_ENV,
    encoding: 'utf8',
    timeout: options.timeout ?? 120_000,
    killSignal: 'SIGKILL',
    ...(options.input === undefined ? { stdio: ['ignore', 'pipe', 'pipe'] } : { input: options.input }),
  });
  return { status: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
}

let intel: Server | undefined;
let intelUrl = '';
// A setup that failed fails each test with its reason, and never aborts the other suites.
let broken: unknown;

/** Fails the test that needs the copy with the setup's failure, if any. */
function ready(): void {
  if (broken !== undefined) assert.unreachable(`the fork could not be set up: ${broken instanceof Error ? broken.stack : String(broken)}`);
}

const copying = suite('copying a checkout');

copying('what is on disk: tracked, changed and new files; a deletion not yet committed stays deleted', () => {
  const origin = mkdtempSync(join(tmpdir(), 'relay-checkout-'));
  const into = mkdtempSync(join(tmpdir(), 'relay-checkout-copy-'));
  try {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: origin, stdio: 'ignore' });
    git('init', '-q');
    for (const file of ['kept.ts', 'deleted.ts', 'changed.ts']) writeFileSync(join(origin, file), `// ${file}\n`);
    writeFileSync(join(origin, '.gitignore'), 'ignored.txt\n');
    git('add', '.');
    git('-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', 'first');
    unlinkSync(join(origin, 'deleted.ts'));
    writeFileSync(join(origin, 'changed.ts'), '// changed, not committed\n');
    mkdirSync(join(origin, 'handler', 'intel'), { recursive: true });
    writeFileSync(join(origin, 'handler', 'intel', 'new.ts'), '// new\n');
    writeFileSync(join(origin, 'ignored.txt'), 'ignored\n');
    assert.equal(copyCheckout(origin, into).sort(), ['.gitignore', 'changed.ts', 'handler/intel/new.ts', 'kept.ts']);
    assert.is(readFileSync(join(into, 'changed.ts'), 'utf8'), '// changed, not committed\n');
    assert.not.ok(existsSync(join(into, 'deleted.ts')));
    assert.not.ok(existsSync(join(into, 'ignored.txt')));
  } finally {
    rmSync(origin, { recursive: true, force: true });
    rmSync(into, { recursive: true, force: true });
  }
});

copying.run();

const fork = suite('a fork with its own integration');

fork.before(async () => {
  try {
    copyCheckout(root, copy);
    symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'), 'dir');

    const example = readFileSync(join(root, 'test', 'example', 'integration.ts'), 'utf8');
    writeFileSync(join(copy, 'handler', 'integration.ts'), example.replaceAll("'../../handler/", "'./"));
    // A helper of the forker's own, in a folder of theirs, with no test: their code, their gate.
    mkdirSync(join(copy, 'handler', 'intel'), { recursive: true });
    writeFileSync(join(copy, 'handler', 'intel', 'score.ts'), "export function severity(score: number): string {\n  return score >= 80 ? 'High' : 'Low';\n}\n");
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(copy, 'package.json'), `${JSON.stringify({ ...pkg, name: NAME, version: VERSION }, null, 2)}\n`);

    // A fake Example Intel for `make serve`: the fork's /health calls it.
    intel = createServer((request, response) => {
      response.writeHead(request.url === '/v1/ping' ? 200 : 404, { 'content-type': 'application/json' });
      response.end('{"ok":true}');
    });
    const server = intel;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    intelUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  } catch (error) {
    broken = error;
  }
});

fork.after(async () => {
  const server = intel;
  if (server !== undefined) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  rmSync(work, { recursive: true, force: true });
});

fork('make build bundles the fork\'s integration, with the kit', () => {
  ready();
  const built = inCopy('make', ['--no-print-directory', 'build']);
  assert.is(built.status, 0, built.stderr);
  const meta = JSON.parse(readFileSync(join(copy, 'dist', 'meta.json'), 'utf8')) as { inputs: Record<string, unknown> };
  assert.ok(Object.keys(meta.inputs).includes('handler/kit/service.ts'));
  const code = readFileSync(join(copy, 'dist', 'index.mjs'), 'utf8');
  assert.ok(code.includes(`"${NAME}"`) && code.includes(`"${VERSION}"`), 'the fork\'s name and version');
});

// The suites that run scripts (make, the dev server, make jwt, module-type, register and check, bench) run the stub's
// bundle (RELAY_BUNDLE), never the fork's integration (but one serve test, of dist/index.mjs as
// built, which the `make serve` step below does with the fork's): the make steps run the fork's own.
// The others run in-process, where the fork's integration is loaded beside the stub: they run again.
// The console's suites run the dev server with the stub's bundle, and Chromium with the worked
// example's whatever the fork holds (one browser launch per run is enough on a loaded machine).
const SCRIPT_SUITES = ['serve.test', 'jwt-cli.test', 'module-type.test', 'registration.test', 'check.test', 'makefile.test', 'bench.test', 'console.test', 'console-browser.test'];

fork('the template\'s in-process suites pass in the fork; its code is gated at 100%, the forker\'s at INTEGRATION_COVERAGE', () => {
  ready();
  // (makefile.test reads the Makefile and README only.)
  for (const file of ['test/serve.test.ts', 'test/jwt-cli.test.ts', 'test/module-type.test.ts', 'test/registration.test.ts', 'test/check.test.ts', 'scripts/bench.mjs', 'test/console.test.ts']) {
    assert.match(readFileSync(join(root, file), 'utf8'), /stubBundle|RELAY_BUNDLE: stub/, `${file} runs the stub's bundle`);
  }
  // The forker's own tests (test/integration.test.ts) test the generic integration the fork has
  // replaced: they are the forker's to rewrite, not the template's.
  const skipped = ['integration.test', 'fork.test', ...SCRIPT_SUITES].flatMap((name) => ['-i', name]);
  const uvu = ['node_modules/.bin/uvu', '-r', join(copy, 'test', 'lib', 'register.cjs'), 'test', '\\.test\\.ts$', ...skipped];
  const tests = inCopy('node_modules/.bin/c8', ['--check-coverage=false', '--reporter=text', ...uvu], { timeout: 300_000 });
  const plain = tests.stdout.replace(/\x1b\[[0-9;]*m/g, '');
  const failures = plain.split(/(?=\n {2}FAIL )/).slice(1).map((part) => part.slice(0, 1500));
  // Without a FAIL, the suite that stopped early: the last lines before the coverage table.
  const context = failures.length > 0 ? failures.join('\n') : plain.split('\n----')[0]?.slice(-1500);
  assert.is(tests.status, 0, `${context}\n${tests.stderr.slice(-2000)}`);
  const total = Number(/Total:\s+(\d+)/.exec(plain)?.[1]);
  assert.ok(total > 200, `only ${total} tests ran`);
  assert.is(Number(/Passed:\s+(\d+)/.exec(plain)?.[1]), total);
  // The helper is reported, untested: 0%.
  assert.match(plain, /score\.ts\s+\|\s+0 \|/);
  const uncovered = plain.split('\n').filter((line) => /\.ts\s+\|/.test(line) && !/\|\s+100 \|\s+100 \|\s+100 \|\s+100 \|/.test(line)).join('\n');
  const gates = inCopy('make', ['--no-print-directory', 'coverage-gates', 'INTEGRATION_COVERAGE=0']);
  assert.is(gates.status, 0, `${gates.stdout}\n${gates.stderr}\n${uncovered}`);
  // The helper counts with the integration: at 100%, the forker's gate is the one that fails.
  const strict = inCopy('make', ['--no-print-directory', 'coverage-gates', 'INTEGRATION_COVERAGE=100']);
  assert.is(strict.status, 2, strict.stderr);
  assert.match(strict.stdout, /Coverage of your integration[^\n]*\n[^\n]*check-coverage --include handler\/integration\.ts/);
  assert.match(strict.stderr, /ERROR: Coverage for lines \(\d+(\.\d+)?%\) does not meet global threshold \(100%\)/);
});

fork('make jwt asks for the fork\'s claims; make module-type lists its APIs under its name', () => {
  ready();
  const jwt = inCopy('make', ['--no-print-directory', '-s', 'jwt', 'STAGE=fork'], { input: 'the-example-intel-key\n' });
  assert.is(jwt.status, 0, jwt.stderr);
  assert.match(jwt.stderr, 'key (Example Intel API key): ');
  const token = /^(ey[\w-]+\.[\w-]+\.[\w-]+)$/m.exec(jwt.stdout)?.[1] ?? '';
  assert.equal(JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()), { key: 'the-example-intel-key' });

  const made = inCopy('make', ['--no-print-directory', '-s', 'module-type']);
  assert.is(made.status, 0, made.stderr);
  const moduleType = JSON.parse(readFileSync(join(copy, 'dist', 'module-type.json'), 'utf8')) as {
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

fork('make serve runs the fork\'s integration with its settings: the printed curl line reaches its service', async () => {
  ready();
  const child = spawn('make', ['--no-print-directory', '-s', 'serve'], {
    cwd: copy,
    env: { ...MAKE_ENV, PORT: '0', EXAMPLE_INTEL_URL: intelUrl },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  try {
    const deadline = Date.now() + 20_000;
    while (!/^curl .*$/m.test(output)) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`serve did not start: ${output}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const curl = /^curl .*$/m.exec(output)?.[0] ?? '';
    // Not execFileSync: the fake Example Intel answers from this process's event loop.
    const { stdout } = await promisify(execFile)('bash', ['-c', curl], { encoding: 'utf8', timeout: 10_000 });
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

fork.run();
