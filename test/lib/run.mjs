// The test runner behind `make test-unit`, `make test-integration` and `make coverage-gates`.
//   node test/lib/run.mjs unit          the template's suites (test/lib/owners.cjs), in parallel
//                                       worker processes, then the template's coverage gate (100%)
//   node test/lib/run.mjs integration   the forker's tests alone, then their code's coverage gate
//   node test/lib/run.mjs gates         both gates again on the last runs' coverage
// Coverage: every worker writes V8's coverage into coverage/<phase>/ (NODE_V8_COVERAGE, which c8
// itself uses); c8 reads it once, at the end, in this process. The template's suites count their
// workers' coverage only: they test handler/ in-process, and the processes they start run copies
// of the checkout, scripts and tools (whose coverage was nine tenths of what c8 read, 116 MB, for
// no line of the gate). The forker's tests keep the coverage of every process they start: a fork
// may test its code through one.
// No time limit on a test here: a loaded machine is slow, not wrong. A worker that never exits (a
// test left a server open) is named after a generous wait. The files start the slowest first, by
// their times in the phase's last run (coverage/<phase>-times.json), else in the map's order.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const owners = require('./owners.cjs');

const root = join(fileURLToPath(import.meta.url), '..', '..', '..');
const DONE = '\n::relay-test-file-done::';
const plain = (text) => text.replace(/\x1b\[[0-9;]*m/g, '');
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
const say = (line) => process.stdout.write(`${line}\n`);
const started = Date.now();

/** Whether this checkout is the template itself: its integration still the generic one (the stub's code). */
function isTemplate() {
  const code = (path) => plain(readFileSync(join(root, path), 'utf8'))
    .split('\n')
    .filter((line) => !line.startsWith('//'))
    .join('\n')
    .replace("from '../../handler/contract.ts'", "from './contract.ts'");
  try {
    return code('handler/integration.ts') === code('test/stub/integration.ts');
  } catch {
    return false;
  }
}

/**
 * Files the map cannot place. In a fork: one line each, and they run with the forker's tests. In
 * the template itself (its integration the generic one): an error, so that a new template suite or
 * handler file is registered in test/lib/owners.cjs rather than left out of the template's gates.
 */
function checkPlacement(unplaced) {
  if (!isTemplate()) {
    for (const path of unplaced) say(owners.unplacedLine(path));
    return true;
  }
  const strays = owners.forkerHandlerFiles(root).filter((path) => path !== 'handler/integration.ts');
  const lines = [
    ...unplaced.map((path) => `${path}: a test file the template does not list: add it to TEMPLATE_SUITES in test/lib/owners.cjs (a forker's test goes in test/integration/)`),
    ...strays.map((path) => `${path}: a file under handler/ the template does not list: add it to TEMPLATE_HANDLER in test/lib/owners.cjs`),
  ];
  for (const line of lines) process.stderr.write(`test: error: ${line}\n`);
  return lines.length === 0;
}

/** Runs `files` in `jobs` workers; resolves to each file's result, in the order they finished. */
function runFiles(files, { coverage, env = {} }) {
  const jobs = Math.max(1, Math.min(files.length, Number(process.env['RELAY_TEST_JOBS']) || availableParallelism() + 1));
  const queue = [...files];
  const results = [];
  const workers = [];
  return new Promise((resolve) => {
    for (let index = 0; index < jobs; index += 1) {
      const child = spawn(process.execPath, [join(root, 'test', 'lib', 'worker.cjs')], {
        cwd: root,
        env: { ...process.env, NODE_V8_COVERAGE: coverage, FORCE_COLOR: '0', ...env },
        stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      });
      let output = '';
      let current;
      const next = () => {
        current = queue.shift();
        if (current === undefined) child.send('exit');
        else child.send(current);
      };
      const take = (chunk) => {
        output += chunk.toString();
        let at;
        while ((at = output.indexOf(DONE)) !== -1) {
          const end = output.indexOf('\n', at + DONE.length);
          if (end === -1) return;
          const result = JSON.parse(output.slice(at + DONE.length, end));
          result.output = output.slice(0, at);
          output = output.slice(end + 1);
          report(result);
          results.push(result);
          next();
        }
      };
      child.stdout.on('data', take);
      child.stderr.on('data', (chunk) => (output += chunk.toString()));
      // A worker whose tests left a handle open never exits: named, then stopped, after 60 s.
      let timer;
      child.on('disconnect', () => {
        timer = setTimeout(() => {
          process.stderr.write(`test: error: a worker did not exit 60 s after its last file: a test left a server, timer or child process running\n`);
          child.kill('SIGKILL');
        }, 60_000);
        timer.unref();
      });
      child.on('exit', (code, signal) => {
        clearTimeout(timer);
        if (current !== undefined) {
          const result = { file: current, ms: 0, total: 0, passed: 0, skipped: 0, failed: true, output: `${output}\nthe worker exited (${signal ?? code}) while running ${current}\n` };
          report(result);
          results.push(result);
          current = undefined;
        } else if (code !== 0 && signal !== 'SIGKILL') {
          results.push({ file: '(worker)', ms: 0, total: 0, passed: 0, skipped: 0, failed: true, output: `${output}\na worker exited with ${signal ?? code}\n` });
        }
        workers.splice(workers.indexOf(child), 1);
        if (workers.length === 0) resolve(results);
      });
      workers.push(child);
      next();
    }
  });
}

function report(result) {
  // What the tests printed themselves (a skipped browser, a screenshots folder): not uvu's lines.
  const notes = plain(result.output).split('\n').filter((line) => line.trim() !== '' && line !== result.file
    && !/[•✘]|^\s+(Total|Passed|Skipped|Duration):/.test(line));
  const counts = result.failed ? 'FAILED' : `${result.passed} passed${result.skipped > 0 ? `, ${result.skipped} skipped` : ''}`;
  say(`  ${result.file.padEnd(36)} ${seconds(result.ms).padStart(7)}  ${counts}`);
  if (result.failed) process.stdout.write(`${result.output.trimEnd()}\n\n`);
  else for (const line of notes) say(`    ${line}`);
}

/**
 * Keeps, in each of V8's coverage files in `folder`, only the scripts that can count for a gate: a
 * file under handler/, or one whose source map names one (Node gives each map's sources as
 * absolute URLs). Both owners' gates take files under handler/ only, after the source maps, so
 * c8 reports the same; but it matched each of the other scripts (Node's internals, uvu, esbuild,
 * the suites: nine tenths of them) against each of the map's patterns first, and merged them: most
 * of the gate's time. A file that does not parse is left for c8 to report.
 */
function keepHandlerScripts(folder) {
  const handler = `${pathToFileURL(join(root, 'handler')).href}/`;
  for (const name of readdirSync(folder)) {
    if (!name.endsWith('.json')) continue;
    const path = join(folder, name);
    let data;
    try {
      data = JSON.parse(readFileSync(path, 'utf8'));
    } catch {
      continue;
    }
    if (!Array.isArray(data?.result)) continue;
    const maps = data['source-map-cache'] ?? {};
    const mapped = (url) => Object.hasOwn(maps, url) && (maps[url]?.data?.sources ?? []).some((source) => String(source).startsWith(handler));
    const counts = (url) => typeof url === 'string' && (url.startsWith(handler) || mapped(url));
    const result = data.result.filter((script) => counts(script?.url));
    if (result.length === data.result.length) continue;
    const kept = { ...data, result };
    if (data['source-map-cache'] !== undefined) {
      kept['source-map-cache'] = Object.fromEntries(Object.entries(maps).filter(([url]) => result.some((script) => script.url === url)));
    }
    writeFileSync(path, JSON.stringify(kept));
  }
}

/**
 * c8 on the coverage in `folder`: a text report and a gate, over one owner's code. In this process
 * (c8's own Report, with the options its command line gives it): starting c8's command line cost
 * more than its report.
 */
async function coverage(folder, owner, gate, { all = true } = {}) {
  if (!existsSync(folder)) {
    process.stderr.write(`test: error: no coverage in ${relative(root, folder)}/ yet: run ${folder === folderOf('unit') ? 'make test-unit' : 'make test-integration'} first\n`);
    return false;
  }
  keepHandlerScripts(folder);
  const c8 = createRequire(require.resolve('c8'));
  const { Report } = c8('c8');
  const args = owners.coverageArguments(owner);
  const pick = (flag) => args.filter((_, index) => args[index - 1] === flag);
  const exclude = pick('--exclude');
  const report = Report({
    include: pick('--include'),
    // As on c8's command line: a list given replaces its default one.
    exclude: exclude.length > 0 ? exclude : c8('@istanbuljs/schema/default-exclude'),
    extension: c8('@istanbuljs/schema/default-extension'),
    excludeAfterRemap: true,
    excludeNodeModules: true,
    omitRelative: true,
    reporter: ['text'],
    reporterOptions: {},
    reportsDirectory: join(root, 'coverage'),
    tempDirectory: folder,
    resolve: '',
    all,
    src: ['handler'],
  });
  await report.run();
  // c8's check-coverage, in its words (its order, its lines).
  const summary = (await report.getCoverageMapFromAllCoverageFiles()).getCoverageSummary();
  let ok = true;
  for (const key of ['lines', 'functions', 'branches', 'statements']) {
    if (summary[key].pct < gate) {
      process.stderr.write(`ERROR: Coverage for ${key} (${summary[key].pct}%) does not meet global threshold (${gate}%)\n`);
      ok = false;
    }
  }
  return ok;
}

const TEMPLATE_GATE = 100;
const forkerGate = () => Number(process.env['INTEGRATION_COVERAGE'] || 0);
const folderOf = (phase) => join(root, 'coverage', phase);

/** Each file's time in the phase's last run (a hint only: whatever is on disk may be hostile). */
const timesOf = (phase) => join(root, 'coverage', `${phase}-times.json`);
function lastTimes(name) {
  const times = new Map();
  try {
    const read = JSON.parse(readFileSync(timesOf(name), 'utf8'));
    for (const [file, ms] of Object.entries(read)) if (Number.isFinite(ms)) times.set(file, ms);
  } catch {
    // None yet, or not ours to trust: the map's order.
  }
  return times;
}

/** The slowest first, by the last run's times; files without one first, in the map's order. */
function slowestFirst(files, times) {
  const unknown = files.filter((file) => !times.has(file));
  const known = files.filter((file) => times.has(file)).sort((a, b) => times.get(b) - times.get(a));
  return [...unknown, ...known];
}

async function phase(name, files, env) {
  const folder = folderOf(name);
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  const times = lastTimes(name);
  const results = await runFiles(slowestFirst(files, times), { coverage: folder, env });
  for (const result of results) if (result.ms > 0) times.set(result.file, result.ms);
  writeFileSync(timesOf(name), `${JSON.stringify(Object.fromEntries(times), null, 1)}\n`);
  const sum = (key) => results.reduce((total, result) => total + result[key], 0);
  const failed = results.filter((result) => result.failed);
  say(`  Total: ${sum('total')}, passed: ${sum('passed')}, skipped: ${sum('skipped')}, in ${seconds(Date.now() - started)}`);
  for (const result of failed) process.stderr.write(`test: error: ${result.file} failed (above)\n`);
  return failed.length === 0;
}

async function gateTemplate() {
  say(`Coverage gate, the template: ${owners.TEMPLATE_HANDLER.length} files and folders of handler/ (test/lib/owners.cjs), at ${TEMPLATE_GATE}%:`);
  return coverage(folderOf('unit'), 'template', TEMPLATE_GATE);
}

async function gateForker() {
  say(`Coverage of your code: handler/integration.ts and every other file of yours under handler/ (gate: INTEGRATION_COVERAGE=${forkerGate()}%):`);
  return coverage(folderOf('integration'), 'forker', forkerGate());
}

const command = process.argv[2];
let ok;
// The user's value, from the environment (the Makefile passes it so): a percentage, or one line.
const gate = process.env['INTEGRATION_COVERAGE'] ?? '';
if (command !== 'unit' && !(/^\d{1,3}(\.\d+)?$/.test(gate) && Number(gate) <= 100) && gate !== '') {
  process.stderr.write(`test: error: INTEGRATION_COVERAGE must be a percentage from 0 to 100, not '${gate.replace(/[^\x20-\x7e]/g, '?')}'\n`);
  process.exit(1);
}
// test/lib/register.cjs's transforms, shared by every process of this run: the workers, and what
// their tests start (a fork's make test-integration, a make that runs a script), which inherit the
// variable. A temporary folder of this run's own, removed when it ends: another run in the same
// checkout at the same time (a suite's `make coverage-gates`) never empties it under this one.
// Only a run of tests makes one (the gates transform nothing), and only once its arguments passed.
if ((command === 'unit' || command === 'integration') && !process.env['RELAY_TRANSFORM_CACHE']) {
  const transforms = mkdtempSync(join(tmpdir(), 'relay-transforms-'));
  process.env['RELAY_TRANSFORM_CACHE'] = transforms;
  const remove = () => rmSync(transforms, { recursive: true, force: true });
  process.once('exit', remove);
  // Ctrl-C: removed too, then the signal's own ending (the handler is gone once it ran).
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => {
      remove();
      process.kill(process.pid, signal);
    });
  }
}
if (command === 'unit') {
  const { unplaced } = owners.testFiles(root);
  // `node test/lib/run.mjs unit kit/` runs the template's suites whose path holds one of the words.
  const only = process.argv.slice(3);
  const template = owners.testFiles(root).template.filter((path) => only.length === 0 || only.some((word) => path.includes(word)));
  const placed = checkPlacement(unplaced);
  say(`Template suites: ${template.length} files, ${Math.min(template.length, Number(process.env['RELAY_TEST_JOBS']) || availableParallelism() + 1)} at a time`);
  // RELAY_OWNERS_TRAP: test/lib/register.cjs fails any template suite that reads a file of the forker's.
  // RELAY_CHILD_COVERAGE=0: the workers' own coverage only (test/lib/worker.cjs).
  ok = (await phase('unit', template, { RELAY_OWNERS_TRAP: '1', RELAY_CHILD_COVERAGE: '0' })) && placed;
  say(`Suites done in ${seconds(Date.now() - started)}`);
  ok = (await gateTemplate()) && ok;
} else if (command === 'integration') {
  const { forker, unplaced } = owners.testFiles(root);
  for (const path of unplaced) say(owners.unplacedLine(path));
  const files = [...forker, ...unplaced];
  if (files.length === 0) {
    say('No tests of yours yet: write them in test/integration.test.ts or test/integration/*.test.ts (README: "Write your integration", step 7).');
    rmSync(folderOf('integration'), { recursive: true, force: true });
    mkdirSync(folderOf('integration'), { recursive: true });
    ok = true;
  } else {
    // No trap: the forker's tests are theirs to write (a template suite that runs make
    // test-integration in a copy must not pass its own trap on).
    ok = await phase('integration', files, { RELAY_OWNERS_TRAP: '', RELAY_CHILD_COVERAGE: '1' });
  }
  ok = (await gateForker()) && ok;
} else if (command === 'gates') {
  ok = await gateTemplate();
  ok = (await gateForker()) && ok;
} else {
  process.stderr.write('usage: node test/lib/run.mjs unit|integration|gates\n');
  ok = false;
}
process.exitCode = ok ? 0 : 1;
