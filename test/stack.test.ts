import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createStackMapper, locateBundle, mapStack, MAX_FRAMES, MAX_MAPS, type BundleFiles } from '../handler/stack.ts';

const work = mkdtempSync(join(tmpdir(), 'relay-stack-'));
process.once('exit', () => rmSync(work, { recursive: true, force: true }));

// Line 1 of the bundle maps nowhere; line 2 to x.ts 1:1; line 3 to x.ts 2:3 (mappings are 0-based).
const MAP = { version: 3, sources: ['../handler/x.ts'], names: [], mappings: ';AAAA;AACE' };
const bundle = join(work, 'index.mjs');
writeFileSync(bundle, '');
writeFileSync(`${bundle}.map`, JSON.stringify(MAP));
const url = pathToFileURL(bundle).href;
const files: BundleFiles = { bundle: url, map: pathToFileURL(`${bundle}.map`) };

/** The paths node:fs's readFileSync is asked for while `run` runs (the mapper loads node:fs as a built-in). */
function readsOf(run: () => void): string[] {
  const reads: string[] = [];
  // The module object itself (an ES import would give a copy of its bindings).
  const fs = process.getBuiltinModule('node:fs');
  const original = fs.readFileSync;
  (fs as { readFileSync: unknown }).readFileSync = (path: unknown, ...rest: unknown[]) => {
    reads.push(String(path));
    return (original as (...args: unknown[]) => unknown)(path, ...rest);
  };
  try {
    run();
  } finally {
    (fs as { readFileSync: unknown }).readFileSync = original;
  }
  return reads;
}

const stack = suite('mapStack');

stack('the bundle\'s frames name the TypeScript file, line and column (from 1)', () => {
  const map = createStackMapper(() => files);
  const text = `Error: boom\n    at health (${url}:3:7)\n    at run (${url}:2:1)\n    at async ${url}:3:9\n    [cause]: Error: x\n        at y (${url}:2:1)`;
  assert.is(map(text), 'Error: boom\n    at health (handler/x.ts:2:3)\n    at run (handler/x.ts:1:1)\n    at async handler/x.ts:2:3\n    [cause]: Error: x\n        at y (handler/x.ts:1:1)');
});

stack('what the map cannot place stays as it is: no mapping there, no position, another file, a message\'s line', () => {
  const map = createStackMapper(() => files);
  for (const line of [
    `    at a (${url}:1:1)`,
    `    at a (${url}:x:1)`,
    `    at b (${join(work, 'index.mjs')}:2:1)`,
    `    at c (${url}.other.mjs:2:1)`,
    '    at node:internal/process/task_queues:95:5',
    `Error: failed at ${url}:2:1`,
  ]) assert.is(map(line), line);
});

stack('only the bundle\'s own map is read, once, however many texts and whatever files they name', () => {
  // A map beside another file a message names (as /root/.aws/credentials.map was tried): never opened.
  const other = join(work, 'credentials');
  writeFileSync(`${other}.map`, JSON.stringify(MAP));
  let located = 0;
  const map = createStackMapper(() => {
    located++;
    return files;
  });
  const texts = [`    at a (${pathToFileURL(other).href}:2:1)`, `    at b (${other}:3:7)`, `    at c (${url}:2:1)`, `    at d (${url}:3:7)`];
  let mapped: string[] = [];
  const reads = readsOf(() => {
    mapped = texts.map((text) => map(text));
  });
  assert.equal(reads, [files.map.href]);
  assert.is(located, 1);
  assert.equal(mapped, [texts[0], texts[1], '    at c (handler/x.ts:1:1)', '    at d (handler/x.ts:2:3)']);
});

stack('a file the bundle loads on demand, beside it (respond-<HASH>.mjs), maps through its own map; no other file\'s map is read, and at most MAX_MAPS maps', () => {
  // respond-ABCD1234.mjs: line 2 maps to respond.ts 1:1. Its name is the build's; its map beside it.
  writeFileSync(join(work, 'respond-ABCD1234.mjs.map'), JSON.stringify({ ...MAP, sources: ['../handler/respond.ts'] }));
  const onDemand = pathToFileURL(join(work, 'respond-ABCD1234.mjs')).href;
  // Named as the build names its files, but in another folder, or beside the bundle without a map.
  const elsewhere = join(work, 'elsewhere');
  const map = createStackMapper(() => files);
  let mapped: string[] = [];
  const reads = readsOf(() => {
    mapped = [
      `    at offer (${onDemand}:2:1)`,
      `    at run (${url}:3:7)`,
      `    at x (${pathToFileURL(join(elsewhere, 'respond-ABCD1234.mjs')).href}:2:1)`,
      `    at y (${pathToFileURL(join(work, 'jwks-NOMAP000.mjs')).href}:2:1)`,
      `    at z (${onDemand}:3:7)`,
    ].map((text) => map(text));
  });
  assert.equal(mapped, [
    '    at offer (handler/respond.ts:1:1)',
    '    at run (handler/x.ts:2:3)',
    `    at x (${pathToFileURL(join(elsewhere, 'respond-ABCD1234.mjs')).href}:2:1)`,
    `    at y (${pathToFileURL(join(work, 'jwks-NOMAP000.mjs')).href}:2:1)`,
    '    at z (handler/respond.ts:2:3)',
  ]);
  assert.equal(reads, [`${onDemand}.map`, files.map.href, `${pathToFileURL(join(work, 'jwks-NOMAP000.mjs')).href}.map`]);
  // A text naming many such files (an error's message can): at most MAX_MAPS reads in all.
  const names = Array.from({ length: MAX_MAPS + 4 }, (_, index) => `    at f (${pathToFileURL(join(work, `chunk-${String(index).padStart(8, '0')}.mjs`)).href}:2:1)`);
  const more = readsOf(() => {
    map(names.slice(0, 6).join('\n'));
    map(names.slice(6).join('\n'));
  });
  assert.is(more.length, MAX_MAPS - 3);
});

stack('a map that cannot be read maps nothing, and is not tried again', () => {
  const broken = join(work, 'broken.mjs');
  writeFileSync(`${broken}.map`, '{not json');
  const brokenUrl = pathToFileURL(broken).href;
  const map = createStackMapper(() => ({ bundle: brokenUrl, map: pathToFileURL(`${broken}.map`) }));
  const reads = readsOf(() => {
    assert.is(map(`    at c (${brokenUrl}:2:1)`), `    at c (${brokenUrl}:2:1)`);
    assert.is(map(`    at c (${brokenUrl}:2:1)`), `    at c (${brokenUrl}:2:1)`);
  });
  assert.is(reads.length, 1);
  const missing = createStackMapper(() => ({ bundle: brokenUrl, map: pathToFileURL(join(work, 'none.map')) }));
  assert.is(missing(`    at c (${brokenUrl}:2:1)`), `    at c (${brokenUrl}:2:1)`);
});

stack(`at most ${MAX_FRAMES} frame lines are looked at`, () => {
  const map = createStackMapper(() => files);
  const lines = Array.from({ length: MAX_FRAMES + 5 }, () => `    at f (${url}:2:1)`);
  const mapped = map(['Error: many', ...lines].join('\n')).split('\n');
  assert.is(mapped.filter((line) => line === '    at f (handler/x.ts:1:1)').length, MAX_FRAMES);
  assert.equal(mapped.slice(MAX_FRAMES + 1), lines.slice(MAX_FRAMES));
});

stack('a message of 128 KB of slashes is returned as it is (no pattern runs over it)', () => {
  const map = createStackMapper(() => files);
  const text = `Error: Intel answered 500: ${'/'.repeat(128 * 1024)}\n    at f (${url}:2:1)`;
  assert.is(map(text), `Error: Intel answered 500: ${'/'.repeat(128 * 1024)}\n    at f (handler/x.ts:1:1)`);
});

stack('unbundled (these tests), there is no bundle to locate, and mapStack leaves every frame as it is', () => {
  assert.throws(() => locateBundle());
  assert.is(mapStack(`    at c (${url}:2:1)`), `    at c (${url}:2:1)`);
});

stack.run();
