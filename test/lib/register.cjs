// Lets Node 20 `require` TypeScript (it has no type stripping): each .ts file is transformed by
// esbuild, with an inline source map so that c8 reports coverage on the TypeScript lines.
// Used by the tests: `uvu -r ./test/lib/register.cjs test`.
const { transformSync } = require('esbuild');
const { readFileSync } = require('node:fs');

require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(readFileSync(filename, 'utf8'), {
    loader: 'ts',
    format: 'cjs',
    target: 'node20',
    sourcefile: filename,
    sourcemap: 'inline',
    // The handler's sources are ESM; `import.meta` does not exist in CommonJS.
    supported: { 'dynamic-import': true },
  });
  module._compile(code, filename);
  // esbuild's CommonJS output exposes each export through a generated getter, which c8 would
  // count as a function of line 1 when no test happens to read that export; read each once.
  for (const name of Object.keys(module.exports)) void module.exports[name];
};

// uvu 0.5 counts a suite whose `before` hook throws as passed: its runner returns from a
// `finally`, the tests are never run, and the process exits 0. Each such failure is kept here,
// printed, and fails the run when the process exits (after uvu has set its own exit code).
const uvu = require('uvu');
const failedSetups = [];
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
