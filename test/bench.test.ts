// `make bench` is not a timed test (these machines are noisy): this only proves the script still
// runs end to end, with one tiny round of everything.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';

const bench = suite('make bench');

bench('--quick prints the whole table, and the local server answered every request with 200', () => {
  const result = spawnSync(process.execPath, [join(__dirname, '..', 'scripts', 'bench.mjs'), '--quick'], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  assert.is(result.status, 0, result.stderr);
  const rows = result.stdout.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| what') && !line.startsWith('| ---'));
  assert.equal(rows.map((row) => row.split(' | ')[0]?.slice(2)), [
    'JWT verify: one HMAC-SHA256 (the floor)',
    'JWT verify: ours (all contract checks)',
    'JWT verify: jose `jwtVerify`',
    'JWT verify: jsonwebtoken, KeyObject',
    'Handler in process: POST /observe/observables, 10 observables',
    'The template\'s bundle (stub integration) / dist/relay.zip',
    'node + hello-world module (node:crypto only)',
    'node + dist/index.mjs',
    'What the bundle adds (median of paired differences)',
    '--enable-source-maps would add (not used; paired)',
    'Enrichment: 8 observables, 4 at a time, service answering in 100 ms',
    'Enrichment: a service that never answers, 1500 ms left',
    'make serve under load: 2 connections, 1 s',
  ]);
  assert.match(rows[12] ?? '', /\(0 errors, 0 non-200\) \|$/);
  assert.match(rows[11] ?? '', /it held: .*Timeout: \d+ of 8 lookups did not finish before the relay's deadline: [a-z0-9_]+ [^ ,]+(, [a-z0-9_]+ [^ ,]+)*( and \d+ more)?\. \|$/);
  assert.match(result.stdout, new RegExp(`^Node ${process.version.replace(/\./g, '\\.')}, \\d+ × `));
  assert.not.match(result.stdout, /"level"/);
});

bench.run();
