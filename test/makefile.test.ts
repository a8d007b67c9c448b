// The Makefile itself: every target listed by `make help`, plain text when not on a terminal;
// GNU make 3.81 (macOS) is enough; one line for a make or a Node too old, or the wrong folder; a
// type error stops make build. What changes files runs in a temporary copy of the checkout.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { make, temporaryCheckout } from './lib/make.ts';

const root = join(__dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'relay-makefile-'));
process.once('exit', () => rmSync(work, { recursive: true, force: true }));

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

makefile('stays within GNU make 3.81, the make macOS ships', () => {
  const text = readFileSync(join(root, 'Makefile'), 'utf8').split('\n').filter((line) => !/^\s*#/.test(line)).join('\n');
  // Each of these is newer than 3.81: grouped targets (4.3), $(file) and ::= / != (4.0),
  // .ONESHELL, .RECIPEPREFIX, undefine and private (3.82).
  for (const [name, pattern] of [
    ['grouped targets', /&:/],
    ['$(file ...)', /\$\(file /],
    ['::= or != assignments', /^[^\t#]*(::=|!=)/m],
    ['.ONESHELL', /\.ONESHELL/],
    ['.RECIPEPREFIX', /\.RECIPEPREFIX/],
    ['undefine', /^undefine /m],
    ['private', /^\S.*\bprivate /m],
  ] as const) {
    assert.not.match(text, pattern, name);
  }
});

makefile('a make older than 3.81: one line naming the fix for macOS', () => {
  const result = make(root, ['help', 'MAKE_VERSION=3.80']);
  assert.is(result.status, 2);
  assert.is(result.stdout, '');
  assert.match(result.stderr, /^Makefile:\d+: \*\*\* GNU make 3\.80 is too old: this Makefile needs 3\.81 or later \(on macOS: brew install make, then run gmake\)\.  Stop\.\n$/);
});

makefile('a Node older than package.json engines: one line, before anything runs', () => {
  const engines = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { engines: { node: string } }).engines.node;
  // A `node` that reports 18.19.0, first on the PATH.
  const bin = join(work, 'old-node');
  const fake = join(work, 'old-node.cjs');
  writeFileSync(fake, "Object.defineProperty(process.versions, 'node', { value: '18.19.0' });\n");
  spawnSync('mkdir', [bin]);
  writeFileSync(join(bin, 'node'), `#!/bin/sh\n[ "$1" != --version ] || { echo v18.19.0; exit 0; }\nexec '${process.execPath}' -r '${fake}' "$@"\n`);
  chmodSync(join(bin, 'node'), 0o755);
  // A make above this one that checked the real Node: that says nothing of this one.
  const result = make(root, ['build'], { PATH: `${bin}:${process.env['PATH']}`, RELAY_NODE_CHECKED: checkedKey() });
  assert.is(result.status, 2);
  assert.is(result.stdout, '');
  const minimum = engines.replace('>=', '');
  assert.match(result.stderr, new RegExp(`^Makefile:\\d+: \\*\\*\\* Node\\.js 18\\.19\\.0 is older than this project needs \\(package\\.json engines: ${engines}\\): install Node\\.js ${minimum} or later \\(https://nodejs\\.org\\), or switch with nvm/fnm\\.  Stop\\.\\n$`));
});

/** What the Makefile exports once this checkout's Node passed the engines check. */
function checkedKey(): string {
  const engines = readFileSync(join(root, 'package.json'), 'utf8').split('\n').filter((line) => line.includes('"node"'));
  return `${process.version} ${engines.join(' ')}`;
}

makefile('the Node check runs once per tree of makes: a make under one that checked the same Node and range skips it', () => {
  // A `node` that notes each engines check, then runs it.
  const bin = join(work, 'noting-node');
  spawnSync('mkdir', [bin]);
  writeFileSync(join(bin, 'node'), `#!/bin/sh\n[ "$1" != scripts/lib/engines.cjs ] || echo checked >>'${join(bin, 'calls')}'\nexec '${process.execPath}' "$@"\n`, { mode: 0o755 });
  const checks = () => (existsSync(join(bin, 'calls')) ? readFileSync(join(bin, 'calls'), 'utf8').split('\n').length - 1 : 0);
  const help = (env: NodeJS.ProcessEnv) => make(root, ['-s', 'help'], { PATH: `${bin}:${process.env['PATH']}`, ...env });
  assert.is(help({ RELAY_NODE_CHECKED: '' }).status, 0);
  assert.is(checks(), 1);
  assert.is(help({ RELAY_NODE_CHECKED: checkedKey() }).status, 0);
  assert.is(checks(), 1);
  // Another range (a fork raised engines), or another Node: checked again.
  assert.is(help({ RELAY_NODE_CHECKED: `${process.version}     "node": ">=99"` }).status, 0);
  assert.is(checks(), 2);
});

makefile('without Node: one line', () => {
  const bin = join(work, 'no-node');
  spawnSync('mkdir', [bin]);
  for (const tool of ['make', 'bash']) {
    const found = spawnSync('bash', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).stdout.trim();
    symlinkSync(found, join(bin, tool));
  }
  const result = spawnSync(join(bin, 'make'), ['--no-print-directory', 'build'], { cwd: root, env: { PATH: bin }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  assert.is(result.status, 2);
  assert.is(result.stdout, '');
  assert.match(result.stderr, /^Makefile:\d+: \*\*\* Node\.js is not installed: install the version package\.json's engines names \(https:\/\/nodejs\.org\)\.  Stop\.\n$/);
});

makefile('make test-deploy without moto: one line, not a stack trace', () => {
  // A python3 without moto, first on the PATH.
  const bin = join(work, 'no-moto');
  spawnSync('mkdir', [bin]);
  writeFileSync(join(bin, 'python3'), '#!/bin/sh\nexit 1\n');
  chmodSync(join(bin, 'python3'), 0o755);
  const result = make(root, ['-o', 'dist/relay.zip', 'test-deploy'], { PATH: `${bin}:${process.env['PATH']}` });
  assert.is(result.status, 2);
  assert.is(result.stdout, '');
  assert.match(result.stderr, /^test-deploy: error: needs moto \(pip install 'moto\[server\]'\); make test-unit runs everything else\nmake(\[\d+\])?: \*\*\* \[Makefile:\d+: test-deploy\] Error 1\n$/);
});

makefile('make test runs its phases in turn, each said with its time', () => {
  // -n: the phases' commands are printed, not run; the loop itself runs (it calls $(MAKE)).
  const result = make(root, ['-n', 'test']);
  assert.is(result.status, 0, result.stderr);
  const phases = result.stdout.split('\n').filter((line) => line.startsWith('== '));
  assert.equal(phases.map((line) => line.replace(/\d+ s$/, 'N s')), [
    '== make typecheck', '== make typecheck: passed in N s',
    '== make test-unit', '== make test-unit: passed in N s',
    '== make test-integration', '== make test-integration: passed in N s',
    '== make test-terraform', '== make test-terraform: passed in N s',
    '== make test-deploy', '== make test-deploy: passed in N s',
  ]);
});

makefile('make run from a subfolder names the folder to run it in', () => {
  const result = spawnSync('make', ['--no-print-directory', '-f', '../Makefile', 'serve'], { cwd: join(root, 'handler'), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  assert.is(result.status, 2);
  assert.is(result.stdout, '');
  assert.match(result.stderr, /^\.\.\/Makefile:\d+: \*\*\* run make in the repository's root, the folder of the Makefile: make -C \.\.\/ serve\.  Stop\.\n$/);
});

makefile('make build, serve and deploy refuse a type error with tsc\'s words, and keep the last good build', () => {
  // The last good build: the checkout's, dated as there, so that make finds it up to date (or
  // makes it); tsc's state left out, for the build below to write.
  const copy = temporaryCheckout('relay-typecheck-', { withBuild: true });
  rmSync(join(copy, 'dist', '.tsc'), { recursive: true, force: true });
  const built = make(copy, ['-s', 'build']);
  assert.is(built.status, 0, built.stderr);
  const zip = readFileSync(join(copy, 'dist', 'relay.zip'));
  // The trap: a setting's name mistyped in the integration. esbuild alone would bundle it.
  const example = readFileSync(join(root, 'test', 'example', 'integration.ts'), 'utf8').replaceAll("'../../handler/", "'./");
  assert.ok(example.includes('context.settings.EXAMPLE_INTEL_URL'));
  writeFileSync(join(copy, 'handler', 'integration.ts'), example.replace('context.settings.EXAMPLE_INTEL_URL', 'context.settings.EXAMPLE_INTEL_UR'));
  // One make for the three verbs (tsc runs once): -k goes on to each goal after the build failed,
  // and runs none of them without it (one goal at a time: no -j from a MAKEFLAGS of the user's).
  const refused = make(copy, ['-s', '-k', 'build', 'serve', 'deploy', 'STAGE=dev'], { MAKEFLAGS: '' });
  assert.is(refused.status, 2);
  assert.is(refused.stdout, '');
  assert.match(refused.stderr, /^handler\/integration\.ts\(\d+,\d+\): error TS2551: Property 'EXAMPLE_INTEL_UR' does not exist on type .*Did you mean 'EXAMPLE_INTEL_URL'\?/m);
  assert.is(refused.stderr.match(/^build: error: handler\/ has type errors \(above\): fix them, then run make again$/gm)?.length, 1, refused.stderr);
  for (const verb of ['build', 'serve', 'deploy']) {
    assert.match(refused.stderr, new RegExp(`^make(\\[\\d+\\])?: Target [\`']${verb}' not remade because of errors\\.$`, 'm'), verb);
  }
  assert.equal(readFileSync(join(copy, 'dist', 'relay.zip')), zip);
  // Fixed, it builds: here with the README's first integration, as a forker would paste it. The
  // type check's state stays in dist/ (ignored), never beside the sources.
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const quick = /## From a fork to a module in XDR\n[\s\S]*?```ts\n([\s\S]*?)\n {3}```/.exec(readme)?.[1] ?? '';
  const pasted = quick.split('\n').map((line) => line.replace(/^ {3}/, '')).join('\n');
  assert.ok(pasted.split('\n').length <= 25, `${pasted.split('\n').length} lines`);
  writeFileSync(join(copy, 'handler', 'integration.ts'), `${pasted}\n`);
  const fixed = make(copy, ['-s', 'build']);
  assert.is(fixed.status, 0, fixed.stderr);
  assert.not.equal(readFileSync(join(copy, 'dist', 'relay.zip')), zip);
  assert.ok(statSync(join(copy, 'dist', '.tsc', 'handler.tsbuildinfo')).isFile());
  assert.not.ok(existsSync(join(copy, 'tsconfig.build.tsbuildinfo')));
});

makefile.run();
