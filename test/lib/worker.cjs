// One of test/lib/run.mjs's worker processes: it runs the test files the runner sends it, one at a
// time, each with uvu, and after each writes one line the runner reads (its counts and time). A
// worker runs many files: Node, esbuild's hook and the fixtures start once per worker, not once
// per file. Started as `node test/lib/worker.cjs`, with an IPC channel.
'use strict';
const { performance } = require('node:perf_hooks');

// RELAY_CHILD_COVERAGE=0 (the template's suites): this worker's coverage only, not that of the
// processes its tests start. Node passes NODE_V8_COVERAGE on to every child, even one given an
// environment of its own; the variable must stay here, where Node also reads it to keep each
// module's source map for c8. So it is taken out of each child's environment: every asynchronous
// child (spawn, execFile, exec, fork, promisified too) goes through ChildProcess#spawn with its
// environment as a list; the synchronous ones, through the three functions below.
if (process.env.RELAY_CHILD_COVERAGE === '0') {
  const childProcess = require('node:child_process');
  const spawn = childProcess.ChildProcess.prototype.spawn;
  childProcess.ChildProcess.prototype.spawn = function spawnWithoutCoverage(options) {
    // (A Node that no longer passes the list: its children write coverage again, nothing worse.)
    const envPairs = options?.envPairs?.filter((pair) => !pair.startsWith('NODE_V8_COVERAGE='));
    return spawn.call(this, envPairs === undefined ? options : { ...options, envPairs });
  };
  // (command, options) for execSync; (file, args, options) or (file, options) for the others.
  for (const name of ['spawnSync', 'execFileSync', 'execSync']) {
    const original = childProcess[name];
    childProcess[name] = function withoutCoverage(...args) {
      const at = name === 'execSync' || !(Array.isArray(args[1]) || args[1] == null) ? 1 : 2;
      const options = args[at] ?? {};
      args[at] = { ...options, env: { ...(options.env ?? process.env), NODE_V8_COVERAGE: undefined } };
      return original.apply(this, args);
    };
  }
  // ES modules' named imports of node:child_process see the functions above too.
  require('node:module').syncBuiltinESMExports();
}

// Before uvu is first loaded (by the hook below): its suites then wait for exec() instead of
// each running itself.
globalThis.UVU_DEFER = 1;
require('./register.cjs');
const uvu = require('uvu');

/** The line after each file: the runner splits the output on it. */
const DONE = '\n::relay-test-file-done::';

async function runFile(file) {
  const started = performance.now();
  // uvu keeps its suites in one global queue, which exec() walks: one file's suites at a time.
  globalThis.UVU_QUEUE.length = 0;
  globalThis.UVU_QUEUE.push([file]);
  globalThis.UVU_INDEX = 0;
  let total = 0;
  let passed = 0;
  let skipped = 0;
  let failed = false;
  const write = process.stdout.write.bind(process.stdout);
  let output = '';
  // exec() prints its own totals: kept to be read here, not printed.
  process.stdout.write = (chunk, ...rest) => {
    output += String(chunk);
    return write(chunk, ...rest);
  };
  try {
    process.exitCode = 0;
    require(require('node:path').resolve(file));
    await uvu.exec(false);
    failed = process.exitCode !== 0;
  } catch (error) {
    write(`\n${error && error.stack ? error.stack : String(error)}\n`);
    failed = true;
  } finally {
    process.stdout.write = write;
  }
  // The last totals: a suite that runs uvu itself (test/register.test.ts) prints others before.
  const count = (label) => Number([...output.matchAll(new RegExp(`${label}:\\s+(?:\\x1b\\[\\d+m)?(\\d+)`, 'g'))].pop()?.[1] ?? 0);
  total = count('Total');
  passed = count('Passed');
  skipped = count('Skipped');
  const setups = globalThis.RELAY_FAILED_SETUPS ?? [];
  if (setups.length > 0) failed = true;
  for (const { name, error } of setups.splice(0)) {
    write(`\nThe setup (before) of suite '${name}' failed, so none of its tests ran:\n${error && error.stack ? error.stack : error}\n`);
  }
  // The trap of test/lib/register.cjs: a file of the forker's that this file's suites read.
  const reads = globalThis.RELAY_FORKER_READS;
  for (const name of reads?.keys() ?? []) {
    write(`\n${file} read ${name}, a file the forker owns (test/lib/owners.cjs): a template suite must build what it needs from the template's own fixtures, in a temporary copy or in-process\n`);
    failed = true;
  }
  reads?.clear();
  process.exitCode = 0;
  const result = { file, ms: Math.round(performance.now() - started), total, passed, skipped, failed };
  write(`${DONE}${JSON.stringify(result)}\n`);
}

let queue = Promise.resolve();
process.on('message', (message) => {
  if (message === 'exit') {
    queue = queue.then(() => process.disconnect());
    return;
  }
  queue = queue.then(() => runFile(message));
});
