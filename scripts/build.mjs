// `make build`: type-checks handler/, bundles it into dist/index.mjs (and the files it loads on
// demand, beside it) and zips them into dist/relay.zip, reproducibly.
// Usage: node scripts/build.mjs
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { dist, root, writeAtomic } from './lib/dist.mjs';
import { createZip } from './lib/zip.mjs';

/**
 * esbuild's options for the Lambda bundle, shared with the tests and `make bench`.
 * `integration`: another file in place of handler/integration.ts (the tests' stub).
 * @param {{ integration?: string }} [options]
 * @returns {import('esbuild').BuildOptions & { metafile: true, write: false }}
 */
export function bundleOptions({ integration } = {}) {
  return {
    entryPoints: [join(root, 'handler/index.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    // The oldest Node this must run on: `make serve` and the tests on Node 20, Lambda on 22 and 24.
    target: 'node20',
    // Minified: less for V8 to read and compile at each cold start (make bench's import row).
    // Crash stacks stay readable through the source map.
    minify: true,
    // A source map beside the bundle (index.mjs.map, in the zip too): a crash's logged stack names
    // handler/…ts:line, not index.mjs:1:20482 (handler/stack.ts). Without the sources' text: the
    // map only has to point at them.
    sourcemap: 'linked',
    sourcesContent: false,
    // index.mjs, and beside it the file of each module handler/ loads with import() only when
    // needed (the crash logger: crash-<hash>.mjs): a cold start compiles index.mjs alone. What
    // such a file shares with index.mjs would be a third file that index.mjs imports
    // (chunk-<hash>.mjs). Named by content: the same sources, the same files.
    splitting: true,
    outdir: join(root, 'dist'),
    entryNames: '[name]',
    chunkNames: '[name]-[hash]',
    outExtension: { '.js': '.mjs' },
    // The map's name, fixed here: the crash logger reads this file beside the bundle and no other
    // (never a path an error's text names).
    define: { RELAY_SOURCE_MAP: JSON.stringify('index.mjs.map') },
    legalComments: 'none',
    // No absolute paths of this machine in the output, so that the bytes do not depend on it.
    absWorkingDir: root,
    // ASCII, non-ASCII characters of strings escaped (\u2026): one character outside ASCII makes
    // V8 read the whole file as two-byte text, which it scans slower (~4% of the import).
    charset: 'ascii',
    metafile: true,
    write: false,
    logLevel: 'silent',
    plugins: integration === undefined ? [] : [replaceIntegration(resolve(integration))],
  };
}

/** Resolves handler/index.ts's `./integration.ts` to another file. */
function replaceIntegration(path) {
  const entry = join(root, 'handler');
  return {
    name: 'replace-integration',
    setup(build) {
      build.onResolve({ filter: /^\.\/integration\.ts$/ }, (args) => (args.resolveDir === entry ? { path } : undefined));
    },
  };
}

/**
 * Bundles and zips. Returns index.mjs and its source map (`code`, `map`); every file of the
 * bundle (`files`: index.mjs first, then by name; each .mjs with its .map); the names of those a
 * cold start loads (`loaded`: index.mjs and what it imports, not what it imports on demand); the
 * zip of them all; and esbuild's metafile.
 */
export async function buildBundle(options = {}) {
  const result = await build(bundleOptions(options));
  const files = result.outputFiles.map((file) => ({ name: basename(file.path), data: Buffer.from(file.contents) }))
    .sort((a, b) => (a.name === 'index.mjs' ? -1 : b.name === 'index.mjs' ? 1 : a.name < b.name ? -1 : 1));
  const named = (name) => files.find((file) => file.name === name).data;
  return {
    code: named('index.mjs'),
    map: named('index.mjs.map'),
    files,
    loaded: loadedAtStart(result.metafile),
    zip: createZip(files),
    metafile: result.metafile,
  };
}

/** index.mjs and the files it imports statically, transitively: what a cold start reads and compiles. */
function loadedAtStart(metafile) {
  const outputs = new Map(Object.entries(metafile.outputs).map(([path, output]) => [basename(path), output]));
  const loaded = new Set(['index.mjs']);
  for (const name of loaded) {
    for (const { path, kind } of outputs.get(name).imports) {
      if (kind === 'import-statement' && outputs.has(basename(path))) loaded.add(basename(path));
    }
  }
  return [...loaded];
}

/**
 * Writes every file of a bundle (buildBundle's `files`) into `directory`, index.mjs as `entry`
 * (the others are named by their content: bundles of several integrations may share a folder).
 * Returns the entry's path.
 */
export function writeBundle(directory, { files }, { entry = 'index.mjs', write = writeFileSync } = {}) {
  for (const { name, data } of files) write(join(directory, name === 'index.mjs' ? entry : name), data);
  return join(directory, entry);
}

/**
 * tsc over handler/ (tsconfig.build.json), incrementally: its state in dist/.tsc/ (ignored).
 * esbuild strips types without reading them, so without this a mistyped setting name would build,
 * deploy, and fail at run time. Returns false after tsc printed the errors.
 */
function typecheck() {
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const args = ['-p', 'tsconfig.build.json', '--noEmit', '--incremental', '--tsBuildInfoFile', join('dist', '.tsc', 'handler.tsbuildinfo')];
  const checked = spawnSync(process.execPath, [tsc, ...args, '--pretty', String(process.stderr.isTTY === true)], {
    cwd: root,
    // tsc prints its errors on stdout: here they are the error output.
    stdio: ['ignore', 2, 2],
  });
  return checked.status === 0;
}

async function main() {
  if (!typecheck()) {
    console.error('build: error: handler/ has type errors (above): fix them, then run make again');
    process.exit(1);
  }
  let built;
  try {
    built = await buildBundle();
  } catch (error) {
    const first = error.errors?.[0];
    const where = first?.location ? `${first.location.file}:${first.location.line}: ` : '';
    console.error(`build: error: ${where}${first?.text ?? error.message}`);
    process.exit(1);
  }
  const { files, loaded, zip, metafile } = built;
  mkdirSync(dist, { recursive: true });
  // A previous build's files of other names (chunks named by their content) would linger beside these.
  const names = new Set(files.map((file) => file.name));
  for (const name of readdirSync(dist)) if (/\.mjs(\.map)?$/.test(name) && !names.has(name)) rmSync(join(dist, name), { force: true });
  // index.mjs last: what it imports is on disk before it is.
  writeBundle(dist, { files: [...files].reverse() }, { write: writeAtomic });
  writeAtomic(join(dist, 'meta.json'), JSON.stringify(metafile, null, 2));
  writeAtomic(join(dist, 'relay.zip'), zip);
  const sha = createHash('sha256').update(zip).digest('base64');
  const bytes = (list) => list.reduce((sum, file) => sum + file.data.length, 0);
  const code = files.filter((file) => file.name.endsWith('.mjs'));
  console.log(`dist/index.mjs  ${bytes(code.filter((file) => loaded.includes(file.name)))} bytes loaded at a cold start (${loaded.join(', ')}); ${bytes(code)} bytes of code in all`);
  console.log(`dist/relay.zip  ${zip.length} bytes  sha256 ${sha}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
