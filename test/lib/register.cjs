// Lets Node 20 `require` TypeScript (it has no type stripping): each .ts file is transformed by
// esbuild, with an inline source map so that c8 reports coverage on the TypeScript lines.
// Used by the tests: `uvu -r ./test/lib/register.cjs test`.
const { createHash } = require('node:crypto');
const { basename, dirname, join, sep } = require('node:path');
const { transformSync, version } = require('esbuild');
// fs.readFileSync looked up at each call: the trap below (RELAY_OWNERS_TRAP) must see these reads.
const fs = require('node:fs');

// Transformed under the file's name and its folder's (esbuild names the exports' object after the
// file, or the folder for an index.ts), the map's
// source replaced by the file's path at each load: a file transforms the same wherever it is (a
// fork's temporary copy of the checkout holds the same files as the checkout).
const OPTIONS = {
  loader: 'ts',
  format: 'cjs',
  target: 'node20',
  sourcemap: 'external',
  // The handler's sources are ESM; `import.meta` does not exist in CommonJS.
  supported: { 'dynamic-import': true },
};
// handler/ loads its rarely needed modules with `import('./x.ts')` (a file of its own in the
// bundle): Node's import() does not know .ts, so there they become require(). Everywhere else
// (the tests' `await import(bundle)` of real ES modules) import() stays import().
const HANDLER_OPTIONS = { ...OPTIONS, supported: { 'dynamic-import': false } };
const handlerDir = join(__dirname, '..', '..', 'handler') + sep;

// RELAY_TRANSFORM_CACHE (set by test/lib/run.mjs): a folder the processes of one test run share,
// each transform kept under the hash of esbuild's version, these options and the source text.
// Without it each process transformed every file it loaded, and the first transform started
// esbuild's service (a thread and a Go process): with 3 workers and the processes the suites
// start (a fork's `make test-integration`, the trap's runs), most files were transformed 4 to 12
// times per run. An entry that does not parse is transformed again.
const cache = process.env.RELAY_TRANSFORM_CACHE || undefined;
function transform(source, name, options) {
  const salt = `${version}\0${JSON.stringify(options)}\0`;
  const entry = cache && join(cache, `${createHash('sha256').update(salt).update(`${name}\0`).update(source).digest('hex')}.json`);
  if (entry) {
    try {
      const kept = JSON.parse(fs.readFileSync(entry, 'utf8'));
      if (typeof kept.code === 'string' && typeof kept.map === 'string') return kept;
    } catch {
      // Not there yet (or half-written by nothing: entries are renamed into place whole).
    }
  }
  const { code, map } = transformSync(source, { ...options, sourcefile: name });
  if (entry) {
    const temporary = `${entry}.${process.pid}.tmp`;
    try {
      fs.writeFileSync(temporary, JSON.stringify({ code, map }));
      fs.renameSync(temporary, entry);
    } catch {
      // A cache that cannot be written costs time, nothing else.
      fs.rmSync(temporary, { force: true });
    }
  }
  return { code, map };
}

require.extensions['.ts'] = (module, filename) => {
  const file = `${basename(dirname(filename))}/${basename(filename)}`;
  const { code, map } = transform(fs.readFileSync(filename, 'utf8'), file, filename.startsWith(handlerDir) ? HANDLER_OPTIONS : OPTIONS);
  // (esbuild may escape a name JSON.stringify does not: then the map is parsed.)
  const placeholder = JSON.stringify([file]);
  const named = map.includes(placeholder) ? map.replace(placeholder, JSON.stringify([filename])) : JSON.stringify({ ...JSON.parse(map), sources: [filename] });
  module._compile(`${code}//# sourceMappingURL=data:application/json;base64,${Buffer.from(named).toString('base64')}\n`, filename);
  // esbuild's CommonJS output exposes each export through a generated getter, which c8 would
  // count as a function of line 1 when no test happens to read that export; read each once.
  for (const name of Object.keys(module.exports)) void module.exports[name];
};

// uvu 0.5 counts a suite whose `before` hook throws as passed: its runner returns from a
// `finally`, the tests are never run, and the process exits 0. Each such failure is kept here,
// printed, and fails the run when the process exits (after uvu has set its own exit code).
const uvu = require('uvu');
// Shared with test/lib/worker.cjs, which runs many files in one process and reports each.
const failedSetups = (globalThis.RELAY_FAILED_SETUPS = []);
const makeSuite = uvu.suite;
uvu.suite = (name, state) => {
  const test = makeSuite(name, state);
  const before = test.before;
  const guarded = (hook) => before(async (context) => {
    try {
      await hook(context);
    } catch (error) {
      failedSetups.push({ name, error });
      throw error;
    }
  });
  guarded.each = before.each;
  test.before = guarded;
  return test;
};
process.on('exit', () => {
  for (const { name, error } of failedSetups) {
    process.stderr.write(`\nThe setup (before) of suite '${name}' failed, so none of its tests ran:\n${error && error.stack ? error.stack : error}\n`);
  }
  if (failedSetups.length > 0) process.exitCode = 1;
});

// RELAY_OWNERS_TRAP (set by test/lib/run.mjs for the template's suites, and only for them): a
// template suite must never read a file the forker owns (test/lib/owners.cjs), whatever a fork holds
// there. handler/index.ts imports handler/integration.ts: here it gets the stub
// (test/stub/integration.ts) instead, as the template's bundles do (test/lib/stub.ts). Every other
// read through node:fs (and so every require of TypeScript, through the hook above) of such a file
// in this checkout fails the run, naming the file and the suite file that read it.
if (process.env.RELAY_OWNERS_TRAP === '1') {
  const { join, relative, resolve, sep } = require('node:path');
  const { ownerOf } = require('./owners.cjs');
  const root = join(__dirname, '..', '..');
  const Module = require('node:module');
  const integration = join(root, 'handler', 'integration.ts');
  const stub = join(root, 'test', 'stub', 'integration.ts');
  const resolveFilename = Module._resolveFilename;
  Module._resolveFilename = function resolveStub(...args) {
    const found = resolveFilename.apply(this, args);
    return found === integration ? stub : found;
  };
  const reads = new Map();
  const check = (path) => {
    if (typeof path !== 'string' && !(path instanceof URL) && !Buffer.isBuffer(path)) return;
    const absolute = resolve(path instanceof URL ? require('node:url').fileURLToPath(path) : String(path));
    const inside = relative(root, absolute);
    if (inside.startsWith('..') || inside.startsWith(`node_modules${sep}`)) return;
    const name = inside.split(sep).join('/');
    if (ownerOf(name) !== 'forker') return;
    const stack = new Error().stack ?? '';
    const by = /\((\/[^():]*\.test\.ts):\d+:\d+\)/.exec(stack)?.[1];
    if (!reads.has(name)) reads.set(name, by === undefined ? 'a template suite' : relative(root, by));
  };
  for (const name of ['readFileSync', 'readFile', 'openSync', 'open', 'createReadStream']) {
    const original = fs[name];
    fs[name] = function trapped(path, ...rest) {
      check(path);
      return original.call(this, path, ...rest);
    };
  }
  for (const name of ['readFile', 'open']) {
    const original = fs.promises[name];
    fs.promises[name] = function trapped(path, ...rest) {
      check(path);
      return original.call(this, path, ...rest);
    };
  }
  globalThis.RELAY_FORKER_READS = reads;
  process.on('exit', () => {
    for (const [name, by] of reads) {
      process.stderr.write(`test: error: ${by} read ${name}, a file the forker owns (test/lib/owners.cjs): a template suite must build what it needs from the template's own fixtures\n`);
    }
    if (reads.size > 0) process.exitCode = 1;
  });
}
