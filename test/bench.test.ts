// `make bench` is not a timed test (these machines are noisy): this only proves the script still
// runs end to end, with one tiny round of everything, and prints every target with yes or no.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';

const bench = suite('make bench');

bench('--quick prints every row, each target met or not, and leaves the README alone', () => {
  const result = spawnSync(process.execPath, [join(__dirname, '..', 'scripts', 'bench.mjs'), '--quick'], {
    encoding: 'utf8',
    timeout: 180_000,
  });
  assert.is(result.status, 0, result.stderr);
  const rows = result.stdout.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| what') && !line.startsWith('| ---'))
    .map((line) => line.slice(2, -2).split(' | '));
  assert.equal(rows.map((row) => row[0]), [
    'JWT verify: one HMAC-SHA256 (the floor)',
    'JWT verify: ours (all contract checks)',
    'JWT verify: jose `jwtVerify`',
    'JWT verify: jsonwebtoken, KeyObject',
    'Handler, CPU per request: HS256, 3 observables, its log line',
    '… stage: event',
    '… stage: route',
    '… stage: verify',
    '… stage: validate',
    '… stage: run',
    '… stage: answer',
    '… stage: log',
    '… the pipeline itself (handler − stages)',
    'Bundle with the stub integration: code a cold start loads (index.mjs and its imports)',
    '… all the code it ships (with what it loads on demand), and its zip (the maps too)',
    'Bundle with the kit\'s builders (the worked example): code a cold start loads',
    '… all the code it ships, and its zip',
    'Import: hello-world handler (node:crypto) / the stub bundle',
    'Import adds over hello-world (median of paired processes)',
    'Import and the first request (HS256, 3 observables) add over hello-world\'s',
    '--enable-source-maps would add (not used)',
    'Crash with a 128 KB message: first (map read) / next',
    'Enrichment: 8 observables, 4 at a time, service answering in 100 ms',
    'Enrichment: a service that never answers, 1500 ms left',
    '40 observables in 128 MB, 1.5 s timeout: peak RSS',
    '40 observables: time to answer',
    '40 observables: answered within the deadline',
    'Console extractor: a 1 MB paste (first run / median)',
    'make serve under load: 2 connections, 1 s',
  ]);
  // Four columns; a target is met or not, and a row without a target says neither.
  for (const row of rows) {
    assert.is(row.length, 4, row.join(' | '));
    assert.ok(row[2] === '' ? row[3] === '' : ['yes', '**no**'].includes(row[3] ?? ''), row.join(' | '));
  }
  const targets = rows.filter((row) => row[2] !== '');
  const missed = targets.filter((row) => row[3] === '**no**').length;
  assert.match(result.stdout, `\n${targets.length - missed} targets met, ${missed} missed.\n`);
  // Each bundle names the largest modules a cold start loads (esbuild's metafile), the largest first;
  // what it ships names the files loaded on demand.
  assert.match(rows[14]?.[1] ?? '', /^[\d.]+ KB \(on demand: crash, invalid, jwks, respond\); zip [\d.]+ KB$/);
  for (const row of [rows[13], rows[15]]) assert.match(row?.[1] ?? '', /; largest: (handler|test)\/[\w/]+\.ts [\d.]+, [\w/]+\.ts [\d.]+, [\w/]+\.ts [\d.]+, [\w/]+\.ts [\d.]+ KB$/);
  assert.match(rows[28]?.[1] ?? '', /, 0 errors, 0 non-200$/);
  assert.match(rows[27]?.[1] ?? '', /^[\d,]+ \/ [\d,]+ ms, \d{4,} observables$/);
  assert.match(rows[23]?.[1] ?? '', /Timeout: 8 of 8 lookups did not finish before the relay's deadline/);
  // The crash's line was cut to its bound, and its frames named the TypeScript, even in one tiny round.
  assert.match(rows[21]?.[1] ?? '', /^[\d.]+ \/ [\d.]+ ms CPU, .*; logged [\d.]+ KB, frames mapped$/);
  assert.match(result.stdout, new RegExp(`^Measured \\d{4}-\\d\\d-\\d\\d on Node ${process.version.replace(/\./g, '\\.')}, \\w+, \\d+ × `));
  assert.not.match(result.stdout, /README/);
  assert.not.match(result.stdout, /"level"/);
});

bench.run();
