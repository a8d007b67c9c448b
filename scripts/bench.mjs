// `make bench`: how fast the relay is, beside what people use instead, all in one run on this
// machine. Ratios are what to read: absolute times drift from run to run.
// Usage: node scripts/bench.mjs [--quick]   (--quick: one tiny round of everything, for the tests)
import { spawn, spawnSync } from 'node:child_process';
import { createHmac, createSecretKey } from 'node:crypto';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import { build } from 'esbuild';
import jsonwebtoken from 'jsonwebtoken';
import { jwtVerify } from 'jose';
import { bundleOptions, buildBundle } from './build.mjs';
import { dist, root } from './lib/dist.mjs';
import { freePort, waitUntilUp } from './lib/net.mjs';
import { signToken } from './lib/token.mjs';

// The template is measured with the tests' stub integration, whatever handler/integration.ts
// holds (a fork's would call its service); the cold start row also loads dist/index.mjs as built.
const STUB_INTEGRATION = join(root, 'test', 'stub', 'integration.ts');

const quick = process.argv.includes('--quick');
const SECRET = 'bench-secret-0123456789-abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOP';
const NOW = Math.floor(Date.now() / 1000);
// ~230 bytes, like the tokens XDR sends: the claims the relay needs, plus the usual ones.
const TOKEN = signToken({ key: 'kfy0d9D-MpTDTdoeaPVKFA', aud: 'xdr-relay', iat: NOW, exp: NOW + 3600 }, SECRET);
const SETTINGS = quick
  ? { rounds: 1, verifyIterations: 200, handlerIterations: 100, spawnPairs: 1, loadSeconds: 1, connections: 2, observables: 8, budgetMs: 1500 }
  : { rounds: 9, verifyIterations: 20_000, handlerIterations: 10_000, spawnPairs: 50, loadSeconds: 10, connections: 50, observables: 40, budgetMs: 3000 };
// The third party of the enrichment rows: a fake on 127.0.0.1 that answers after this long.
const LATENCY_MS = 100;
const CONCURRENCY = 4;
const MARGIN_MS = 500;

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/** Median µs per call of each candidate: a warm-up round, then rounds in alternating order. */
async function compare(candidates, iterations) {
  const samples = new Map(candidates.map(([name]) => [name, []]));
  // Only what returns a promise is awaited: an `await` per call would add a microtask to the
  // synchronous candidates' cost.
  const kinds = new Map(candidates.map(([name, run]) => [name, run() instanceof Promise]));
  for (let round = -1; round < SETTINGS.rounds; round++) {
    const order = round % 2 === 0 ? candidates : [...candidates].reverse();
    for (const [name, run] of order) {
      const started = process.hrtime.bigint();
      if (kinds.get(name)) for (let i = 0; i < iterations; i++) await run();
      else for (let i = 0; i < iterations; i++) run();
      const micros = Number(process.hrtime.bigint() - started) / 1000 / iterations;
      if (round >= 0) samples.get(name).push(micros);
    }
  }
  return new Map([...samples].map(([name, values]) => [name, median(values)]));
}

/** handler/tokens.ts and handler/policy.ts, bundled as they are in dist/index.mjs. */
async function loadOurs(directory) {
  const outfile = join(directory, 'auth.mjs');
  const { entryPoints: _entry, write: _write, metafile: _metafile, ...options } = bundleOptions();
  await build({
    ...options,
    stdin: {
      contents: "export { verifyToken } from './handler/tokens.ts'; export { readClaims } from './handler/policy.ts';",
      resolveDir: root,
      loader: 'ts',
    },
    outfile,
  });
  return import(pathToFileURL(outfile).href);
}

async function benchVerify(directory) {
  const { verifyToken, readClaims } = await loadOurs(directory);
  const key = createSecretKey(Buffer.from(SECRET));
  const keys = [key];
  const claims = [{ name: 'key', description: '' }];
  const secretBytes = new TextEncoder().encode(SECRET);
  const signingInput = TOKEN.slice(0, TOKEN.lastIndexOf('.'));
  // Every candidate must accept the token, or the comparison means nothing.
  if (readClaims(verifyToken(TOKEN, keys), claims, NOW).key !== 'kfy0d9D-MpTDTdoeaPVKFA') throw new Error('ours refused the token');
  if ((await jwtVerify(TOKEN, secretBytes)).payload.key === undefined) throw new Error('jose refused the token');
  if (jsonwebtoken.verify(TOKEN, key, { algorithms: ['HS256'] }).key === undefined) throw new Error('jsonwebtoken refused the token');
  let sink = 0;
  const results = await compare([
    ['floor', () => { sink += createHmac('sha256', key).update(signingInput).digest().length; }],
    ['ours', () => { sink += Object.keys(readClaims(verifyToken(TOKEN, keys), claims, NOW)).length; }],
    ['jose', async () => { sink += (await jwtVerify(TOKEN, secretBytes)).payload.iat; }],
    ['jsonwebtoken', () => { sink += jsonwebtoken.verify(TOKEN, key, { algorithms: ['HS256'] }).iat; }],
  ], SETTINGS.verifyIterations);
  if (sink === 0) throw new Error('nothing was computed');
  return results;
}

/** The handler bundled with the stub integration, written to `directory`. */
async function buildStub(directory) {
  const { code } = await buildBundle({ integration: STUB_INTEGRATION });
  const path = join(directory, 'stub.mjs');
  writeFileSync(path, code);
  return path;
}

async function benchHandler(stubPath) {
  const { createRelay } = await import(pathToFileURL(stubPath).href);
  const event = {
    version: '2.0',
    routeKey: '$default',
    rawPath: '/observe/observables',
    rawQueryString: '',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', host: 'relay.example' },
    requestContext: { http: { method: 'POST', path: '/observe/observables' }, requestId: 'bench', stage: '$default' },
    body: JSON.stringify(Array.from({ length: 10 }, (_, i) => ({ type: i % 2 ? 'domain' : 'ip', value: i % 2 ? `host${i}.example.com` : `10.0.0.${i}` }))),
    isBase64Encoded: false,
  };
  // Logging stays on; its lines go to a sink instead of the terminal.
  let logged = 0;
  const handler = createRelay({ SECRET_KEY: SECRET }, (line) => { logged += line.length; });
  const first = await handler(event, {});
  if (first.body !== '{"data":{}}') throw new Error(`unexpected answer: ${first.body}`);
  const micros = (await compare([['handler', () => handler(event, {})]], SETTINGS.handlerIterations)).get('handler');
  if (logged === 0) throw new Error('the handler logged nothing');
  return micros;
}

function benchColdStart(directory, stubPath) {
  const bundlePath = join(dist, 'index.mjs');
  const hello = join(directory, 'hello.mjs');
  writeFileSync(hello, "import { createHmac } from 'node:crypto';\nexport const handler = async () => ({ statusCode: 200, body: typeof createHmac });\n");
  const time = (file, env = {}) => {
    const started = process.hrtime.bigint();
    const result = spawnSync(process.execPath, [file], { env: { SECRET_KEY: SECRET, ...env }, stdio: 'ignore' });
    if (result.status !== 0) throw new Error(`node ${file} failed`);
    return Number(process.hrtime.bigint() - started) / 1e6;
  };
  const ours = [];
  const base = [];
  // What Node's own source maps would cost (not used: handler/stack.ts reads the map at a crash only).
  const mapped = [];
  const mapsOn = () => mapped.push(time(bundlePath, { NODE_OPTIONS: '--enable-source-maps' }));
  for (let pair = 0; pair < SETTINGS.spawnPairs; pair++) {
    // Alternate which goes first, so that none always runs on a warmer machine.
    if (pair % 2) {
      base.push(time(hello));
      ours.push(time(bundlePath));
      mapsOn();
    } else {
      mapsOn();
      ours.push(time(bundlePath));
      base.push(time(hello));
    }
  }
  return {
    bundleBytes: statSync(stubPath).size,
    zipBytes: statSync(join(dist, 'relay.zip')).size,
    helloMs: median(base),
    bundleMs: median(ours),
    addedMs: median(ours.map((ms, pair) => ms - base[pair])),
    mapsMs: median(mapped.map((ms, pair) => ms - ours[pair])),
  };
}

/**
 * Enrichment against a slow third party, through the worked example (test/example/), bundled with
 * the kit as a fork would be: a batch of observables against a service that answers after
 * LATENCY_MS, and against one that never answers, with SETTINGS.budgetMs left.
 */
async function benchEnrichment(directory) {
  const { code } = await buildBundle({ integration: join(root, 'test', 'example', 'integration.ts') });
  const path = join(directory, 'example.mjs');
  writeFileSync(path, code);
  const { createRelay } = await import(pathToFileURL(path).href);
  let connections = 0;
  const slow = createServer((_request, response) => {
    setTimeout(() => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ verdict: 'malicious', score: 90, permalink: 'https://example-intel.test/x', reports: [] }));
    }, LATENCY_MS);
  });
  slow.on('connection', () => connections++);
  const hung = [];
  const silent = createServer((_request, response) => hung.push(response));
  const listen = (server) => new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${server.address().port}`)));
  const slowUrl = await listen(slow);
  const silentUrl = await listen(silent);
  const token = signToken({ key: 'bench-key' }, SECRET);
  const observables = Array.from({ length: SETTINGS.observables }, (_, i) => ({ type: 'ip', value: `198.51.100.${i + 1}` }));
  const event = {
    version: '2.0', routeKey: '$default', rawPath: '/observe/observables', rawQueryString: '',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    requestContext: { http: { method: 'POST', path: '/observe/observables' }, requestId: 'bench', stage: '$default' },
    body: JSON.stringify(observables), isBase64Encoded: false,
  };
  const run = async (url, budgetMs) => {
    const handler = createRelay({ SECRET_KEY: SECRET, EXAMPLE_INTEL_URL: url, DEADLINE_MARGIN_MS: String(MARGIN_MS) }, () => undefined);
    const started = Date.now();
    const result = await handler(event, { getRemainingTimeInMillis: () => budgetMs - (Date.now() - started) });
    return { ms: Date.now() - started, body: JSON.parse(result.body) };
  };
  try {
    const batch = await run(slowUrl, 60_000);
    const judged = batch.body.data?.judgements?.count ?? 0;
    if (judged !== SETTINGS.observables) throw new Error(`the batch judged ${judged} observables`);
    const batchConnections = connections;
    const stuck = await run(silentUrl, SETTINGS.budgetMs);
    return {
      batchMs: batch.ms,
      idealMs: Math.ceil(SETTINGS.observables / CONCURRENCY) * LATENCY_MS,
      connections: batchConnections,
      stuckMs: stuck.ms,
      stuckDeadlineMs: SETTINGS.budgetMs - MARGIN_MS,
      stuckErrors: (stuck.body.errors ?? []).map((error) => error.message).join(' / '),
      stuckData: Object.keys(stuck.body.data ?? {}).length,
    };
  } finally {
    for (const response of hung) response.destroy();
    slow.closeAllConnections();
    await Promise.all([new Promise((resolve) => slow.close(resolve)), new Promise((resolve) => silent.close(resolve))]);
  }
}

async function benchLoad(stubPath) {
  const port = await freePort();
  const child = spawn(process.execPath, [join(root, 'scripts', 'serve.mjs')], {
    env: { PATH: process.env.PATH, PORT: String(port), SECRET_KEY: SECRET, RELAY_BUNDLE: stubPath },
    stdio: 'ignore',
  });
  const stop = () => { if (child.exitCode === null) child.kill('SIGKILL'); };
  process.once('exit', stop);
  try {
    const url = `http://127.0.0.1:${port}`;
    await waitUntilUp(`${url}/version`, { method: 'POST', alive: () => child.exitCode === null });
    const result = await autocannon({
      url: `${url}/observe/observables`,
      method: 'POST',
      connections: SETTINGS.connections,
      duration: SETTINGS.loadSeconds,
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify([{ type: 'ip', value: '10.0.0.1' }, { type: 'domain', value: 'example.com' }]),
    });
    return {
      requestsPerSecond: result.requests.average,
      p50: result.latency.p50,
      p99: result.latency.p99,
      errors: result.errors + result.timeouts,
      non200: result.non2xx + (result['1xx'] ?? 0),
      total: result.requests.total,
    };
  } finally {
    stop();
  }
}

const fmt = (value, digits = 1) => value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const check = (ok) => (ok ? 'yes' : '**no**');

async function main() {
  const directory = mkdtempSync(join(tmpdir(), 'relay-bench-'));
  try {
    const stubPath = await buildStub(directory);
    const verify = await benchVerify(directory);
    const handlerMicros = await benchHandler(stubPath);
    const cold = benchColdStart(directory, stubPath);
    const load = await benchLoad(stubPath);
    const enrich = await benchEnrichment(directory);
    const floor = verify.get('floor');
    const ours = verify.get('ours');
    const rows = [
      ['JWT verify: one HMAC-SHA256 (the floor)', `${fmt(floor, 2)} µs`, `${fmt(1e6 / floor, 0)}/s`, '1.0x', ''],
      ['JWT verify: ours (all contract checks)', `${fmt(ours, 2)} µs`, `${fmt(1e6 / ours, 0)}/s`, `${fmt(ours / floor)}x floor`, `≤ 2x floor: ${check(ours / floor <= 2)}`],
      ['JWT verify: jose `jwtVerify`', `${fmt(verify.get('jose'), 2)} µs`, `${fmt(1e6 / verify.get('jose'), 0)}/s`, `${fmt(verify.get('jose') / floor)}x floor`, `ours ≥ 25x faster: ${check(verify.get('jose') / ours >= 25)} (${fmt(verify.get('jose') / ours)}x)`],
      ['JWT verify: jsonwebtoken, KeyObject', `${fmt(verify.get('jsonwebtoken'), 2)} µs`, `${fmt(1e6 / verify.get('jsonwebtoken'), 0)}/s`, `${fmt(verify.get('jsonwebtoken') / floor)}x floor`, `ours ≥ 1.5x faster: ${check(verify.get('jsonwebtoken') / ours >= 1.5)} (${fmt(verify.get('jsonwebtoken') / ours)}x)`],
      ['Handler in process: POST /observe/observables, 10 observables', `${fmt(handlerMicros, 2)} µs`, `${fmt(1e6 / handlerMicros, 0)}/s`, `${fmt(handlerMicros / floor)}x floor`, `≤ 5x floor: ${check(handlerMicros / floor <= 5)}`],
      ['The template\'s bundle (stub integration) / dist/relay.zip', `${fmt(cold.bundleBytes / 1024)} KB / ${fmt(cold.zipBytes / 1024)} KB`, '', '', `template ≤ 36 KB: ${check(cold.bundleBytes <= 36 * 1024)}`],
      ['node + hello-world module (node:crypto only)', `${fmt(cold.helloMs)} ms`, '', '', ''],
      ['node + dist/index.mjs', `${fmt(cold.bundleMs)} ms`, '', '', ''],
      ['What the bundle adds (median of paired differences)', `${fmt(cold.addedMs, 2)} ms`, '', '', `≤ 5 ms: ${check(cold.addedMs <= 5)}`],
      ['--enable-source-maps would add (not used; paired)', `${fmt(cold.mapsMs, 2)} ms`, '', '', 'why stacks are mapped at a crash only'],
      [`Enrichment: ${SETTINGS.observables} observables, ${CONCURRENCY} at a time, service answering in ${LATENCY_MS} ms`, `${fmt(enrich.batchMs, 0)} ms`, `ideal ${enrich.idealMs} ms`, `${fmt(enrich.batchMs / enrich.idealMs, 2)}x ideal`, `≤ 1.1x: ${check(enrich.batchMs / enrich.idealMs <= 1.1)}; ${enrich.connections} connections (≤ ${CONCURRENCY}: ${check(enrich.connections <= CONCURRENCY)})`],
      [`Enrichment: a service that never answers, ${SETTINGS.budgetMs} ms left`, `${fmt(enrich.stuckMs, 0)} ms`, `deadline ${enrich.stuckDeadlineMs} ms`, '', `answered before the deadline + 100 ms: ${check(enrich.stuckMs <= enrich.stuckDeadlineMs + 100)}; it held: ${enrich.stuckErrors}`],
      [`make serve under load: ${SETTINGS.connections} connections, ${SETTINGS.loadSeconds} s`, `p50 ${load.p50} ms, p99 ${load.p99} ms`, `${fmt(load.requestsPerSecond, 0)}/s`, `${load.total} requests`, `0 errors, 0 non-200, p99 < 20 ms: ${check(load.errors === 0 && load.non200 === 0 && load.p99 < 20)} (${load.errors} errors, ${load.non200} non-200)`],
    ];
    const cpu = cpus()[0]?.model ?? 'unknown CPU';
    console.log(`Node ${process.version}, ${cpus().length} × ${cpu}${quick ? ' (quick: one tiny round, not a measurement)' : ''}`);
    console.log(`Rounds: ${SETTINGS.rounds} (median), ${SETTINGS.verifyIterations} verifies and ${SETTINGS.handlerIterations} requests per round; ${SETTINGS.spawnPairs} process pairs`);
    console.log('');
    console.log('| what | time | rate | ratio | target |');
    console.log('| --- | ---: | ---: | ---: | --- |');
    for (const row of rows) console.log(`| ${row.join(' | ')} |`);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

await main();
