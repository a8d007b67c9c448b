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
