import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mapStack } from '../handler/stack.ts';

const work = mkdtempSync(join(tmpdir(), 'relay-stack-'));
process.once('exit', () => rmSync(work, { recursive: true, force: true }));

// Line 1 of the bundle maps nowhere; line 2 to x.ts 1:1; line 3 to x.ts 2:3 (mappings are 0-based).
const MAP = { version: 3, sources: ['../handler/x.ts'], names: [], mappings: ';AAAA;AACE' };
const bundle = join(work, 'index.mjs');
writeFileSync(bundle, '');
writeFileSync(`${bundle}.map`, JSON.stringify(MAP));
const url = pathToFileURL(bundle).href;

const stack = suite('mapStack');

stack('frames of a bundle with a map beside it name the TypeScript file, line and column (from 1)', () => {
  const text = `Error: boom\n    at health (${url}:3:7)\n    at run (${url}:2:1)\n    at async main (${bundle}:3:9)`;
  assert.is(mapStack(text), 'Error: boom\n    at health (handler/x.ts:2:3)\n    at run (handler/x.ts:1:1)\n    at async main (handler/x.ts:2:3)');
});

stack('what the map cannot place stays as it is: no mapping there, no map beside, an unreadable map', () => {
  assert.is(mapStack(`at a (${url}:1:1)`), `at a (${url}:1:1)`);
  const alone = join(work, 'alone.mjs');
  assert.is(mapStack(`at b (${alone}:2:1)`), `at b (${alone}:2:1)`);
  const broken = join(work, 'broken.mjs');
  writeFileSync(`${broken}.map`, '{not json');
  assert.is(mapStack(`at c (${broken}:2:1)`), `at c (${broken}:2:1)`);
  assert.is(mapStack('at node:internal/process/task_queues:95:5'), 'at node:internal/process/task_queues:95:5');
});

stack.run();
