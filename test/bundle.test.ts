// The bundle Lambda runs: what it pulls in, that its zip is reproducible, and a smoke set of the
// contract on the bundle itself, built with the stub integration (dist/, built from the fork's
// integration, is tested in test/fork.test.ts).
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import pkg from '../package.json';
import { authError, event, invalid, loadBuilt, post, VECTOR_SECRET, VECTOR_TOKEN } from './fixtures.ts';
import { importBundle, STUB_INTEGRATION, stubBundle } from './lib/stub.ts';

type Build = typeof import('../scripts/build.mjs');

const root = join(__dirname, '..');

const bundle = suite('bundle');

bundle('the stub bundle pulls in nothing from node_modules, no kit, and imports only node:crypto', async () => {
  const { metafile } = await stubBundle();
  const inputs = Object.keys(metafile.inputs);
  assert.ok(inputs.length > 5);
  for (const input of inputs) assert.match(input, /^(handler\/[a-z]+\.ts|test\/stub\/integration\.ts|package\.json)$/);
  assert.not.ok(inputs.includes('handler/integration.ts'), 'the stub replaces handler/integration.ts');
  // The kit is bundled only when an integration imports it; the stub does not.
  assert.not.ok(inputs.some((input) => input.startsWith('handler/kit/')));
  const imports = Object.values(metafile.outputs).flatMap((output) => output.imports).filter((entry) => entry.external === true);
  // node:async_hooks (the request's scope, handler/scope.ts), node:util (the crash log) and the
  // source map's modules are loaded when first needed (process.getBuiltinModule), not imported.
  assert.equal([...new Set(imports.map((entry) => entry.path))], ['node:crypto']);
});

bundle('a cold start loads index.mjs alone; the crash logger, the invalid body\'s report, the JWKS key store and the respond registry are files of their own, loaded when first needed', async () => {
  const { files, loaded, metafile } = await stubBundle();
  const names = files.map((file) => file.name);
  assert.is(names[0], 'index.mjs');
  // Each .mjs with its map; named by content, so that two builds never mix their files.
  for (const name of names.filter((file) => file.endsWith('.mjs'))) assert.ok(names.includes(`${name}.map`), name);
  assert.equal(names.filter((name) => name.endsWith('.mjs')).map((name) => name.replace(/-[A-Z0-9]{8}\.mjs$/, '-<hash>.mjs')), ['index.mjs', 'crash-<hash>.mjs', 'invalid-<hash>.mjs', 'jwks-<hash>.mjs', 'respond-<hash>.mjs']);
  // One file at a cold start: each more costs Node's loader about as much as 3 KB more of code.
  assert.equal(loaded, ['index.mjs']);
  // The modules only the crash logger, the report, the key store or the registry need are in their files, not in index.mjs.
  const index = metafile.outputs['dist/index.mjs'] as unknown as { inputs: Record<string, unknown> };
  for (const module of ['handler/crash.ts', 'handler/stack.ts', 'handler/redact.ts', 'handler/invalid.ts', 'handler/jwks.ts', 'handler/respond.ts']) assert.not.ok(Object.hasOwn(index.inputs, module), module);
});

// dist/ holds the forker's integration: `make build` in a fork is tested by test/fork.test.ts.
bundle('the build is reproducible: building again gives the same bytes, zipped by our zip writer', async () => {
  const { buildBundle } = (await import('../scripts/build.mjs')) as Build;
  const { code, map, zip, files } = await buildBundle({ integration: STUB_INTEGRATION });
  const first = await stubBundle();
  assert.equal(code, first.code);
  assert.equal(files, first.files);
  const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
  assert.is(sha(zip), sha(first.zip));
  const { createZip } = (await import('../scripts/lib/zip.mjs')) as typeof import('../scripts/lib/zip.mjs');
  assert.is(sha(createZip(files)), sha(zip));
  // The map names the sources relative to dist/, never this machine's paths, and not their text.
  const parsed = JSON.parse(map.toString('utf8')) as { sources: string[]; sourcesContent?: unknown };
  assert.ok(parsed.sources.includes('../handler/index.ts'), parsed.sources.join());
  assert.ok(parsed.sources.every((source) => source.startsWith('../')), parsed.sources.join());
  assert.is(parsed.sourcesContent, undefined);
  assert.match(code.toString('utf8'), /\n\/\/# sourceMappingURL=index\.mjs\.map\n$/);
});

bundle('a crash\'s logged stack names the TypeScript file and line, through index.mjs.map', async () => {
  const { buildBundle, writeBundle } = (await import('../scripts/build.mjs')) as Build;
  const work = mkdtempSync(join(tmpdir(), 'relay-sourcemap-'));
  try {
    const source = [
      `import { defineIntegration } from ${JSON.stringify(join(root, 'handler', 'contract.ts'))};`,
      'export const integration = defineIntegration({',
      "  claims: [{ name: 'key', description: 'API key' }],",
      "  observableTypes: 'all',",
      '  health: async () => {',
      "    throw new Error('the integration crashed');",
      '  },',
      '  tiles: async () => {',
      `    throw new Error('failed at ${pathToFileURL(join(work, 'other.mjs')).href}:2:1 ' + '/'.repeat(128 * 1024));`,
      '  },',
      '});',
    ].join('\n');
    writeFileSync(join(work, 'crashing.ts'), source);
    const built = await buildBundle({ integration: join(work, 'crashing.ts') });
    const { map } = built;
    // Every file but index.mjs's map, at first.
    writeBundle(work, { files: built.files.filter((file) => file.name !== 'index.mjs.map') });
    const script = `const { handler } = await import(${JSON.stringify(join(work, 'index.mjs'))}); await handler(JSON.parse(process.env.EVENT), {});`;
    // As Lambda runs it: no flag (Node's own --enable-source-maps would cost every cold start).
    const crash = (path = '/health') => {
      const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
        env: { PATH: process.env['PATH'], SECRET_KEY: VECTOR_SECRET, EVENT: JSON.stringify(event(path, { token: VECTOR_TOKEN })) },
        encoding: 'utf8',
      });
      assert.is(result.status, 0, result.stderr);
      const line = result.stdout.split('\n').find((text) => text.includes('"unhandled error"')) ?? '';
      return (JSON.parse(line) as { error: string }).error;
    };
    // Without the map beside the bundle: the bundle's own lines.
    assert.match(crash(), /the integration crashed\n\s+at Object\.health \(file:\/\/\S*index\.mjs:\d+:\d+\)/);
    writeFileSync(join(work, 'index.mjs.map'), map);
    // The throw is on line 6, column 11 of crashing.ts; the template's frames name handler/.
    const mapped = crash();
    assert.match(mapped, /the integration crashed\n\s+at Object\.health \(\S*crashing\.ts:6:11\)/);
    assert.match(mapped, /\(handler\/index\.ts:\d+:\d+\)/);
    assert.not.match(mapped, /index\.mjs:/);
    // A message that names another file with a map beside it: that map is never read; the line is
    // cut, and its frames still mapped.
    writeFileSync(join(work, 'other.mjs.map'), map);
    const named = crash('/tiles');
    assert.ok(named.startsWith(`Error: failed at ${pathToFileURL(join(work, 'other.mjs')).href}:2:1 ///`), named.slice(0, 200));
    assert.match(named, /… \(\d+ more characters\)\n\s+at Object\.tiles \(\S*crashing\.ts:9:\d+\)/);
    // Without the crash logger's file (a zip that lost it): still a line that says it crashed.
    for (const file of built.files) if (file.name.startsWith('crash-')) rmSync(join(work, file.name));
    assert.is(crash(), '(the crash logger could not be loaded)');
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});

bundle('the respond registry, a file loaded on demand: a crash in it names handler/respond.ts; a zip that lost the file answers a respond request as a crash, logged with its cause, the others as usual', async () => {
  const { buildBundle, writeBundle } = (await import('../scripts/build.mjs')) as Build;
  const work = mkdtempSync(join(tmpdir(), 'relay-on-demand-'));
  try {
    writeFileSync(join(work, 'acting.ts'), [
      `import { defineIntegration } from ${JSON.stringify(join(root, 'handler', 'contract.ts'))};`,
      'export const integration = defineIntegration({',
      "  claims: [{ name: 'key', description: 'API key' }],",
      "  observableTypes: ['ip'],",
      "  health: async () => ({ data: { status: 'ok' } }),",
      "  actions: [{ id: 'block', types: ['ip'], title: 'Block', description: 'Blocks it', categories: ['Intel'], run: async () => { throw new Error('the action crashed'); } }],",
      '});',
    ].join('\n'));
    const built = await buildBundle({ integration: join(work, 'acting.ts') });
    writeBundle(work, built);
    const script = [
      `const { handler } = await import(${JSON.stringify(join(work, 'index.mjs'))});`,
      'for (const event of JSON.parse(process.env.EVENTS)) console.log(JSON.stringify({ status: (await handler(event, {})).statusCode }));',
    ].join('\n');
    const trigger = post('/respond/trigger', { 'action-id': 'block', observable_type: 'ip', observable_value: '1.1.1.1' }, { token: VECTOR_TOKEN });
    const run = (events: unknown[]) => {
      const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
        env: { PATH: process.env['PATH'], SECRET_KEY: VECTOR_SECRET, EVENTS: JSON.stringify(events) },
        encoding: 'utf8',
      });
      assert.is(result.status, 0, result.stderr);
      const lines = result.stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
      const crashes = lines.filter((line) => line['level'] === 'error');
      assert.ok(crashes.every((line) => line['message'] === 'unhandled error'));
      return { statuses: lines.filter((line) => line['level'] === undefined), crashes: crashes.map((line) => String(line['error'])) };
    };
    // The action's bug: its frames in the registry's file named by the registry's source.
    const crashed = run([trigger]);
    assert.equal(crashed.statuses, [{ status: 500 }]);
    assert.match(crashed.crashes[0] ?? '', /^Error: the action crashed\n\s+at Object\.run \(\S*acting\.ts:6:\d+\)\n\s+at \S+ \(handler\/respond\.ts:\d+:\d+\)/);
    assert.not.match(crashed.crashes[0] ?? '', /respond-[A-Z0-9]{8}\.mjs/);
    // The zip without the registry's file.
    for (const file of built.files) if (file.name.startsWith('respond-')) rmSync(join(work, file.name));
    const lost = run([post('/respond/observables', [{ type: 'ip', value: '1.1.1.1' }], { token: VECTOR_TOKEN }), event('/health', { token: VECTOR_TOKEN })]);
    assert.equal(lost.statuses, [{ status: 500 }, { status: 200 }]);
    assert.equal(lost.crashes.length, 1);
    assert.match(lost.crashes[0] ?? '', /^Error \[ERR_MODULE_NOT_FOUND\]: Cannot find module '\S+respond-[A-Z0-9]{8}\.mjs'/);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});

bundle('the zip holds every file of the bundle, by name, each 0644, dated 1980-01-01, with a valid CRC', async () => {
  const { zip, files } = await stubBundle();
  const names: string[] = [];
  let offset = 0;
  for (; zip.readUInt32LE(offset) === 0x04034b50; offset += 30 + zip.readUInt16LE(offset + 26) + zip.readUInt16LE(offset + 28) + zip.readUInt32LE(offset + 18)) {
    const name = zip.toString('utf8', offset + 30, offset + 30 + zip.readUInt16LE(offset + 26));
    names.push(name);
    assert.is(zip.readUInt16LE(offset + 10), 0);
    assert.is(zip.readUInt16LE(offset + 12), 0x21);
    // The oracle: zlib's own CRC-32 through gzip's trailer (RFC 1952 §2.3.1).
    const gzip = gzipSync(files.find((file) => file.name === name)?.data ?? Buffer.alloc(0));
    assert.is(zip.readUInt32LE(offset + 14), gzip.readUInt32LE(gzip.length - 8), name);
  }
  assert.equal(names, files.map((file) => file.name).sort());
  for (let central = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), offset); central >= 0; central = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), central + 46)) {
    assert.is(zip.readUInt32LE(central + 38) >>> 16, 0o100644);
  }
});

bundle('the stub bundle is minified ESM that exports handler, with its map named at build time, and stays small', async () => {
  const code = (await stubBundle()).code.toString('utf8');
  assert.match(code, /\bexport\{[^}]*\bhandler\b/);
  // Minified: a few long lines (esbuild writes a string's newline as a template literal's own),
  // where the readable bundle had about a thousand.
  assert.ok(code.split('\n').length < 30, `${code.split('\n').length} lines`);
  assert.match(code, /\n\/\/# sourceMappingURL=index\.mjs\.map\n$/);
  // The crash logger's map: its name fixed by the build, no path taken from an error's text (in
  // the crash logger's file, loaded at the first crash).
  const crash = (await stubBundle()).files.find((file) => file.name.startsWith('crash-') && file.name.endsWith('.mjs'))?.data.toString('utf8') ?? '';
  assert.ok(crash.includes('"index.mjs.map"'));
  assert.not.match(crash, /RELAY_SOURCE_MAP/);
  // What a cold start loads: the pipeline and its race against the deadline, HS256 and RS256
  // tokens, the checks of respond actions, minified: ~19.5 KB; with what it loads on demand (the
  // crash log's bounded source-map reader and redaction, an invalid body's report, the JWKS key
  // store, the respond registry), ~28 KB: room for a fix, not for a library pulled in by mistake. (make bench prints
  // both against their target.)
  const { files, loaded } = await stubBundle();
  const bytes = (list: typeof files) => list.reduce((sum, file) => sum + file.data.length, 0);
  const scripts = files.filter((file) => file.name.endsWith('.mjs'));
  assert.ok(bytes(scripts.filter((file) => loaded.includes(file.name))) <= 21 * 1024, `${bytes(scripts.filter((file) => loaded.includes(file.name)))} bytes`);
  assert.ok(bytes(scripts) <= 30 * 1024, `${bytes(scripts)} bytes`);
});

bundle('importing a bundle reads no environment and writes nothing', async () => {
  const write = process.stdout.write;
  let written = 0;
  process.stdout.write = ((chunk: string) => {
    written += chunk.length;
    return true;
  }) as typeof process.stdout.write;
  try {
    const built = await importBundle();
    assert.equal([built.name, built.version], [pkg.name, pkg.version]);
    assert.is(typeof built.handler, 'function');
  } finally {
    process.stdout.write = write;
  }
  assert.is(written, 0);
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
  assert.equal((await answer(event('/version', { token: null }))).body, { version: pkg.version });
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
