// `make build`: type-checks handler/, bundles it into dist/index.mjs and zips it into
// dist/relay.zip, reproducibly.
// Usage: node scripts/build.mjs
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
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
    outfile: join(root, 'dist', 'index.mjs'),
    // The map's name, fixed here: the crash logger reads this file beside the bundle and no other
    // (never a path an error's text names).
    define: { RELAY_SOURCE_MAP: JSON.stringify('index.mjs.map') },
    legalComments: 'none',
    // No absolute paths of this machine in the output, so that the bytes do not depend on it.
    absWorkingDir: root,
    charset: 'utf8',
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

/** Bundles and zips; returns the bundle's, its source map's and the zip's bytes. */
export async function buildBundle(options = {}) {
  const result = await build(bundleOptions(options));
  const output = (suffix) => Buffer.from(result.outputFiles.find((file) => file.path.endsWith(suffix)).contents);
  const code = output('index.mjs');
  const map = output('index.mjs.map');
  return { code, map, zip: createZip([{ name: 'index.mjs', data: code }, { name: 'index.mjs.map', data: map }]), metafile: result.metafile };
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
  const { code, map, zip, metafile } = built;
  mkdirSync(dist, { recursive: true });
  writeAtomic(join(dist, 'index.mjs.map'), map);
  writeAtomic(join(dist, 'index.mjs'), code);
  writeAtomic(join(dist, 'meta.json'), JSON.stringify(metafile, null, 2));
  writeAtomic(join(dist, 'relay.zip'), zip);
  const sha = createHash('sha256').update(zip).digest('base64');
  console.log(`dist/index.mjs  ${code.length} bytes`);
  console.log(`dist/relay.zip  ${zip.length} bytes  sha256 ${sha}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
