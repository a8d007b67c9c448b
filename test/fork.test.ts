// The first fork, done for real: the repository copied to a temporary folder, the worked example
// put in place of handler/integration.ts and package.json renamed, then the template's own test
// suites, the coverage gate, `make build`, `make jwt`, `make module-type` and `make serve` run in
// the copy. The template's tests must test the template, whatever integration a fork has.
import { execFile, execFileSync, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';

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

let intel: Server;
let intelUrl = '';

const fork = suite('a fork with its own integration');

fork.before(async () => {
  // What a forker's clone holds: the tracked files, and any not yet committed (not the ignored).
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8' })
    .split('\0')
    .filter((file) => file !== '');
  for (const file of files) {
    mkdirSync(dirname(join(copy, file)), { recursive: true });
    // Dates kept: make compares them, and must find the copy as up to date as the original.
    cpSync(join(root, file), join(copy, file), { preserveTimestamps: true, verbatimSymlinks: true });
  }
  symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'), 'dir');

  const example = readFileSync(join(root, 'test', 'example', 'integration.ts'), 'utf8');
  writeFileSync(join(copy, 'handler', 'integration.ts'), example.replaceAll("'../../handler/", "'./"));
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, unknown>;
  writeFileSync(join(copy, 'package.json'), `${JSON.stringify({ ...pkg, name: NAME, version: VERSION }, null, 2)}\n`);

  // A fake Example Intel for `make serve`: the fork's /health calls it.
  intel = createServer((request, response) => {
    response.writeHead(request.url === '/v1/ping' ? 200 : 404, { 'content-type': 'application/json' });
    response.end('{"ok":true}');
  });
  await new Promise<void>((resolve) => intel.listen(0, '127.0.0.1', resolve));
  intelUrl = `http://127.0.0.1:${(intel.address() as AddressInfo).port}`;
});

fork.after(async () => {
  intel.closeAllConnections();
  await new Promise((resolve) => intel.close(resolve));
  rmSync(work, { recursive: true, force: true });
});

fork('make build bundles the fork\'s integration, with the kit', () => {
  const built = inCopy('make', ['--no-print-directory', 'build']);
  assert.is(built.status, 0, built.stderr);
  const meta = JSON.parse(readFileSync(join(copy, 'dist', 'meta.json'), 'utf8')) as { inputs: Record<string, unknown> };
  assert.ok(Object.keys(meta.inputs).includes('handler/kit/service.ts'));
  const code = readFileSync(join(copy, 'dist', 'index.mjs'), 'utf8');
  assert.ok(code.includes(`"${NAME}"`) && code.includes(`"${VERSION}"`), 'the fork\'s name and version');
});

fork('every template suite passes in the fork, and the template\'s coverage gate holds', () => {
  // The forker's own tests (test/integration.test.ts) test the generic integration the fork has
  // replaced: they are the forker's to rewrite, not the template's.
  const uvu = ['node_modules/.bin/uvu', '-r', join(copy, 'test', 'lib', 'register.cjs'), 'test', '\\.test\\.ts$', '-i', 'integration.test', '-i', 'fork.test'];
  const tests = inCopy('node_modules/.bin/c8', ['--check-coverage=false', '--reporter=text', ...uvu], { timeout: 300_000 });
  const plain = tests.stdout.replace(/\x1b\[[0-9;]*m/g, '');
  const failures = plain.split(/(?=\n {2}FAIL )/).slice(1).map((part) => part.slice(0, 1500));
  // Without a FAIL, the suite that stopped early: the last lines before the coverage table.
  const context = failures.length > 0 ? failures.join('\n') : plain.split('\n----')[0]?.slice(-1500);
  assert.is(tests.status, 0, `${context}\n${tests.stderr.slice(-2000)}`);
  const total = Number(/Total:\s+(\d+)/.exec(plain)?.[1]);
  assert.ok(total > 250, `only ${total} tests ran`);
  assert.is(Number(/Passed:\s+(\d+)/.exec(plain)?.[1]), total);
  const gate = inCopy('node_modules/.bin/c8', ['check-coverage', '--exclude', 'handler/integration.ts']);
  assert.is(gate.status, 0, `${gate.stderr}\n${plain.split('\n').filter((line) => /\.ts\s+\|/.test(line) && !/\|\s+100 \|\s+100 \|\s+100 \|\s+100 \|/.test(line)).join('\n')}`);
});

fork('make jwt asks for the fork\'s claims; make module-type lists its APIs under its name', () => {
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
    const url = /listening on (\S+)/.exec(output)?.[1] ?? '';
    const version = await fetch(`${url}/version`, { method: 'POST' });
    assert.equal(await version.json(), { version: VERSION });
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
