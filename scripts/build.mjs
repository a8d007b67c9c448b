// Bundles handler/ into dist/index.mjs and zips it into dist/relay.zip, reproducibly.
// Usage: node scripts/build.mjs   (make build)
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { dist, root, writeAtomic } from './dist.mjs';
import { createZip } from './zip.mjs';

/**
 * esbuild options, shared with the tests that check what the bundle pulls in.
 * @type {import('esbuild').BuildOptions & { metafile: true, write: false }}
 */
export const bundleOptions = {
  entryPoints: [join(root, 'handler/index.ts')],
  bundle: true,
  platform: 'node',
  format: 'esm',
  // The oldest Node this must run on: `make serve` and the tests on Node 20, Lambda on 22 and 24.
  target: 'node20',
  // Readable in the Lambda console and in stack traces; minifying does not change cold start.
  minify: false,
  legalComments: 'none',
  // No absolute paths of this machine in the output, so that the bytes do not depend on it.
  absWorkingDir: root,
  charset: 'utf8',
  metafile: true,
  write: false,
  logLevel: 'silent',
};

async function main() {
  let result;
  try {
    result = await build(bundleOptions);
  } catch (error) {
    const first = error.errors?.[0];
    const where = first?.location ? `${first.location.file}:${first.location.line}: ` : '';
    console.error(`build: error: ${where}${first?.text ?? error.message}`);
    process.exit(1);
  }
  const code = result.outputFiles[0].contents;
  mkdirSync(dist, { recursive: true });
  writeAtomic(join(dist, 'index.mjs'), code);
  writeAtomic(join(dist, 'meta.json'), JSON.stringify(result.metafile, null, 2));
  const zip = createZip([{ name: 'index.mjs', data: Buffer.from(code) }]);
  writeAtomic(join(dist, 'relay.zip'), zip);
  const sha = createHash('sha256').update(zip).digest('base64');
  console.log(`dist/index.mjs  ${code.length} bytes`);
  console.log(`dist/relay.zip  ${zip.length} bytes  sha256 ${sha}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
