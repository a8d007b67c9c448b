// Kit v3 is additive: the worked examples as written on kit v2 (test/v2/, today's files of the
// release before) still build with `make build`'s bundler, and advertise the same APIs as their v3
// rewrites; test/example.test.ts and test/pulsedive.test.ts run every answer on both.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { importBundle } from './lib/stub.ts';

type Build = typeof import('../scripts/build.mjs');

let folder = '';

const v2 = suite('kit v2 integrations');

v2.before(() => {
  folder = mkdtempSync(join(tmpdir(), 'relay-v2-'));
});

v2.after(() => {
  rmSync(folder, { recursive: true, force: true });
});

v2('the v2 worked examples bundle as a fork\'s would, with the APIs of their v3 rewrites', async () => {
  const { buildBundle, writeBundle } = (await import('../scripts/build.mjs')) as Build;
  const apis: Record<string, readonly string[]> = {};
  for (const file of ['v2/example.ts', 'example/integration.ts', 'v2/pulsedive.ts', 'pulsedive/integration.ts']) {
    const path = writeBundle(folder, await buildBundle({ integration: join(__dirname, file) }), { entry: `${file.replaceAll('/', '-')}.mjs` });
    apis[file] = (await importBundle(path)).listApis();
  }
  assert.equal(apis['v2/example.ts'], ['health', 'deliberate/observables', 'observe/observables', 'refer/observables', 'respond/observables', 'respond/trigger']);
  assert.equal(apis['example/integration.ts'], apis['v2/example.ts']);
  assert.equal(apis['v2/pulsedive.ts'], ['health', 'observe/observables', 'refer/observables']);
  assert.equal(apis['pulsedive/integration.ts'], apis['v2/pulsedive.ts']);
});

v2.run();
