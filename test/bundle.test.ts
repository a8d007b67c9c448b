// dist/index.mjs, the file Lambda runs: what it pulls in, that its zip is reproducible, and a
// smoke set of the contract on the bundle itself.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { version } from '../package.json';
import { authError, event, invalid, loadBuilt, post, VECTOR_SECRET, VECTOR_TOKEN } from './fixtures.ts';

const root = join(__dirname, '..');
const dist = join(root, 'dist');

interface Metafile {
  inputs: Record<string, unknown>;
  outputs: Record<string, { imports: { path: string; external?: boolean }[] }>;
}

type Build = typeof import('../scripts/build.mjs');

const bundle = suite('bundle');

bundle('pulls in nothing from node_modules, and imports only node: built-ins', async () => {
  const { build } = await import('esbuild');
  const { bundleOptions } = (await import('../scripts/build.mjs')) as Build;
  const { metafile } = (await build(bundleOptions)) as unknown as { metafile: Metafile };
  const inputs = Object.keys(metafile.inputs);
  assert.ok(inputs.length > 5);
  for (const input of inputs) assert.match(input, /^(handler\/[a-z]+\.ts|package\.json)$/);
  // The integration kit is bundled only when an integration imports it; the generic one does not.
  for (const kit of ['handler/ctim.ts', 'handler/service.ts', 'handler/partial.ts']) assert.not.ok(inputs.includes(kit), kit);
  const imports = Object.values(metafile.outputs).flatMap((output) => output.imports);
  assert.equal([...new Set(imports.map((entry) => entry.path))].sort(), ['node:crypto']);
});

bundle('the zip is reproducible: building again gives the same bytes', async () => {
  const { build } = await import('esbuild');
  const { bundleOptions } = (await import('../scripts/build.mjs')) as Build;
  const { createZip } = (await import('../scripts/zip.mjs')) as typeof import('../scripts/zip.mjs');
  const result = await build(bundleOptions);
  const code = Buffer.from(result.outputFiles?.[0]?.contents ?? []);
  assert.equal(code, readFileSync(join(dist, 'index.mjs')));
  const again = createZip([{ name: 'index.mjs', data: code }]);
  const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
  assert.is(sha(again), sha(readFileSync(join(dist, 'relay.zip'))));
});

bundle('the zip holds index.mjs, 0644, dated 1980-01-01, with a valid CRC', async () => {
  const { crc32 } = (await import('../scripts/zip.mjs')) as typeof import('../scripts/zip.mjs');
  const zip = readFileSync(join(dist, 'relay.zip'));
  const code = readFileSync(join(dist, 'index.mjs'));
  assert.is(zip.readUInt32LE(0), 0x04034b50);
  assert.is(zip.toString('utf8', 30, 30 + zip.readUInt16LE(26)), 'index.mjs');
  assert.is(zip.readUInt16LE(10), 0);
  assert.is(zip.readUInt16LE(12), 0x21);
  assert.is(zip.readUInt32LE(14), crc32(code));
  // crc32 of "123456789" is the check value of CRC-32/ISO-HDLC.
  assert.is(crc32(Buffer.from('123456789')), 0xcbf43926);
  const central = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
  assert.is(zip.readUInt32LE(central + 38) >>> 16, 0o100644);
});

bundle('is readable ESM that exports handler, and stays small', () => {
  const code = readFileSync(join(dist, 'index.mjs'), 'utf8');
  assert.match(code, /^export \{[^}]*\bhandler\b/m);
  assert.match(code, /\n {2}\S/);
  assert.ok(code.length < 25 * 1024, `${code.length} bytes`);
});

bundle.run();

const smoke = suite('dist/index.mjs');

async function answer(input: unknown) {
  const { handler } = await loadBuilt({ SECRET_KEY: VECTOR_SECRET });
  const result = await handler(input);
  return { status: result.statusCode, headers: result.headers, body: JSON.parse(result.body) as unknown };
}

const JSON_HEADERS = { 'content-type': 'application/json' };

smoke('POST /health with the contract test vector', async () => {
  assert.equal(await answer(event('/health', { token: VECTOR_TOKEN })), {
    status: 200, headers: JSON_HEADERS, body: { data: { status: 'ok' } },
  });
});

smoke('POST /observe/observables, valid and blank', async () => {
  const obs = [{ type: 'ip', value: '1.1.1.1' }];
  assert.equal((await answer(post('/observe/observables', obs, { token: VECTOR_TOKEN }))).body, { data: {} });
  assert.equal(
    (await answer(post('/observe/observables', [{ type: 'ip', value: '' }], { token: VECTOR_TOKEN }))).body,
    invalid({ 0: { value: ['Field may not be blank.'] } }),
  );
});

smoke('POST /version, no token', async () => {
  assert.equal((await answer(event('/version', { token: null }))).body, { version });
});

smoke('refusals: no header, bad signature, 404, 405', async () => {
  assert.equal((await answer(event('/tiles', { token: null }))).body, authError('Authorization header is missing'));
  assert.equal(
    (await answer(event('/tiles', { token: `${VECTOR_TOKEN.slice(0, -1)}A` }))).body,
    authError('Failed to decode JWT with provided key'),
  );
  assert.is((await answer(event('/constructor', { token: VECTOR_TOKEN }))).status, 404);
  assert.equal((await answer(event('/health', { method: 'GET' }))).headers, { allow: 'POST', ...JSON_HEADERS });
});

smoke.run();
