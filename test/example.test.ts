// The worked example (test/example/integration.ts) through the real handler, against a fake
// Example Intel on 127.0.0.1: every API, and every way a third party fails.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { CTIM_SCHEMA_VERSION } from '../handler/kit/ctim.ts';
import { USER_AGENT } from '../handler/kit/service.ts';
import pkg from '../package.json';
import { createExample } from './example/integration.ts';
import { createExample as createExampleV2 } from './v2/example.ts';
import { call, errors, harness, NOW, post, SECRET, sign } from './fixtures.ts';
import { selfSignedCertificate } from './lib/certificate.ts';
import { assertCtim } from './lib/ctim-check.ts';

const KEY = 'example-intel-api-key-4f9c';
// The per-call timeout: generous, since a loaded machine may take hundreds of ms to answer from the
// fake on 127.0.0.1; only the slow lookups (never answered) wait it out.
const TIMEOUT_MS = 3000;
// The slow lookups' own timeout: the fake answers them after 10 s, so any timeout well under that
// proves the call ends at it, and a short one spares the suite the wait (twice 3 s).
const SLOW_TIMEOUT_MS = 250;
const NOW_DATE = new Date(NOW);
const WEEK_LATER = new Date(NOW + 7 * 24 * 3600 * 1000).toISOString();

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

const seen: Seen[] = [];
let http: Server;
let https: Server | undefined;
let baseUrl = '';
let tlsUrl = '';
let closedUrl = '';

const LOOKUPS: Record<string, unknown> = {
  '198.51.100.7': {
    verdict: 'malicious',
    score: 95,
    permalink: 'https://example-intel.test/ip/198.51.100.7',
    reports: [
      { id: 'r-1', seen_at: '2026-11-20T10:00:00Z', title: 'Botnet C2' },
      { id: 'r-2', seen_at: '2026-11-21T10:00:00Z', title: 'Scanning' },
      { id: 'r-3', seen_at: '2026-11-22T10:00:00Z', title: 'Phishing host' },
    ],
  },
  'example.org': { verdict: 'clean', score: 0, permalink: 'https://example-intel.test/domain/example.org', reports: [] },
  // Every value of issue 15 that CTIM forbids, as a real service sends them sooner or later.
  'hostile.example.com': {
    verdict: 'malicious',
    score: 90,
    permalink: 'https://example-intel.test/domain/hostile example',
    reports: [
      {
        id: 'h-1', seen_at: '2026-11-21T10:00:00Z', last_seen: '2026-11-20T10:00:00Z', title: 'T'.repeat(1500),
        description: 'D'.repeat(6000), url: 'https://example-intel.test/reports/h 1',
      },
      { id: 'h-2', seen_at: '1900-01-01T00:00:00Z', last_seen: '2999-01-01T00:00:00Z', title: 'Old', url: 'not a url' },
      { id: 'h-3', seen_at: 'yesterday', title: 'Broken' },
      { id: 'h-4', seen_at: null, title: 'No time' },
      { id: 'h-5', seen_at: '2026-11-22T00:00:00Z', title: null, description: 42, url: null },
    ],
    feeds: [
      { name: 'Feed A', curator: 'C'.repeat(1100), url: 'https://feeds.example-intel.test/a b' },
      { name: 'Feed B', curator: 'B', ctia_id: 'indicator-123' },
      { name: 'Feed C', curator: 'C', ctia_id: 'https://private.intel.amp.cisco.com/ctia/indicator/indicator-de305d54-75b4-431b-adb2-eb6b9e546014' },
    ],
  },
  // A null where a feed belongs (the security review's finding: v2's example answered a 500), and a score that is none.
  'null-feed.example.com': { verdict: 'malicious', score: 90, permalink: 'https://example-intel.test/domain/null-feed', reports: [], feeds: [null, { name: 'Feed A', curator: 'A' }] },
  'shapeless.example.com': { verdict: 'clean', score: 'high', permalink: 'https://example-intel.test/domain/shapeless', reports: [] },
  'odd-verdict.example.com': { verdict: 'evil', score: 50, permalink: 'https://example-intel.test/domain/odd', reports: [] },
};

/** The fake Example Intel: what it answers depends on the key and the observable's value. */
function exampleIntel(request: IncomingMessage, response: ServerResponse): void {
  let body = '';
  request.on('data', (chunk: Buffer) => (body += chunk.toString()));
  request.on('end', () => {
    seen.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers, body });
    const send = (status: number, payload: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(typeof payload === 'string' ? payload : JSON.stringify(payload));
    };
    const key = request.headers['x-api-key'];
    if (key === 'bad-key') return send(401, { error: 'invalid key' });
    if (key === 'revoked-key') return send(403, { error: 'revoked' });
    if (request.url === '/v1/ping') return send(200, { ok: true });
    if (request.url === '/v1/block' && request.method === 'POST') return send(200, { status: 'blocked' });
    const value = decodeURIComponent(request.url?.split('/').pop() ?? '');
    const status = /^(\d{3})(-[a-z]+)?\.example\.com$/.exec(value)?.[1];
    if (status !== undefined) return send(Number(status), { error: `status ${status}` });
    if (value === 'slow.example.com' || value === 'slow.example.com.') {
      setTimeout(() => send(200, LOOKUPS['example.org']), 10_000).unref();
      return undefined;
    }
    if (value === 'garbage.example.com') return send(200, '<html>maintenance</html>');
    const found = LOOKUPS[value];
    return found === undefined ? send(404, { error: 'unknown' }) : send(200, found);
  });
}

function listen(server: Server): Promise<string> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve(`127.0.0.1:${(server.address() as AddressInfo).port}`));
  });
}

// The worked example on kit v3, and the same relay as written on kit v2 (test/v2/example.ts): every
// test runs on both, which proves a v2 integration still answers as it did; where v3 answers
// otherwise on purpose, the test says so.
const VERSIONS = [['v3', createExample], ['v2', createExampleV2]] as const;
let create: (typeof VERSIONS)[number][1] = createExample;
let version: (typeof VERSIONS)[number][0] = 'v3';

function relay(options: { baseUrl?: string; env?: Record<string, string>; timeoutMs?: number } = {}) {
  const integration = create({ timeoutMs: options.timeoutMs ?? TIMEOUT_MS, now: () => NOW_DATE });
  return harness({ SECRET_KEY: SECRET, EXAMPLE_INTEL_URL: options.baseUrl ?? baseUrl, ...options.env }, integration);
}

const token = (key = KEY) => sign({ key });

for (const [label, build] of VERSIONS) {
  const example = suite(`worked example on kit ${label}`);

  example.before(() => {
    [version, create] = [label, build];
  });

  example.before(async () => {
    http = createServer(exampleIntel);
    baseUrl = `http://${await listen(http)}`;
    // A port that was just free: nothing answers there.
    const closed = createServer();
    closedUrl = `http://${await listen(closed)}`;
    await new Promise((resolve) => closed.close(resolve));
    // A self-signed certificate, made for this run: Node must refuse it.
    https = createTlsServer(selfSignedCertificate(), exampleIntel);
    tlsUrl = `https://${await listen(https)}`;
  });

  example.after(async () => {
    http.closeAllConnections();
    https?.closeAllConnections();
    await Promise.all([new Promise((resolve) => http.close(resolve)), new Promise((resolve) => https?.close(resolve))]);
  });

  example.before.each(() => {
    seen.length = 0;
  });

  example('health: calls the service with the key from the JWT and our User-Agent', async () => {
    const { handler } = relay();
    assert.equal((await call(handler, post('/health', null, { token: token() }))).body, { data: { status: 'ok' } });
    assert.is(seen.length, 1);
    assert.is(seen[0]?.url, '/v1/ping');
    assert.is(seen[0]?.headers['x-api-key'], KEY);
    assert.is(seen[0]?.headers['user-agent'], USER_AGENT);
    assert.is(USER_AGENT, `${pkg.name}/${pkg.version} (Cisco XDR relay)`);
    assert.is(seen[0]?.headers['accept'], 'application/json');
  });

  example('health: a refused key is an authorization error (401 and 403)', async () => {
    const { handler } = relay();
    for (const [key, status] of [['bad-key', 401], ['revoked-key', 403]] as const) {
      const result = await call(handler, post('/health', null, { token: token(key) }));
      assert.equal(result, {
        status: 200,
        headers: { 'content-type': 'application/json' },
        body: errors('authorization error', `Authorization failed: Example Intel refused the credentials (HTTP ${status}).`),
      });
    }
  });

  example('observe: sightings, judgements and verdicts; unsupported types and duplicates never reach the service', async () => {
    const { handler } = relay();
    const result = await call(handler, post('/observe/observables', [
      { type: 'ip', value: '198.51.100.7' },
      { type: 'email', value: 'someone@example.org' },
      { type: 'domain', value: 'example.org' },
      { type: 'IP', value: '198.51.100.7' },
    ], { token: token() }));
    assert.equal(seen.map((request) => request.url).sort(), ['/v1/observables/domain/example.org', '/v1/observables/ip/198.51.100.7']);
    const data = (result.body as { data: Record<string, { count: number; docs: Record<string, unknown>[] }> }).data;
    assert.equal(Object.keys(result.body as object), ['data']);
    assert.equal([data['sightings']?.count, data['judgements']?.count, data['verdicts']?.count], [3, 2, 2]);

    const [malicious, clean] = data['judgements']?.docs ?? [];
    assert.match(String(malicious?.['id']), /^transient:judgement-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.equal({ ...malicious, id: 'id' }, {
      id: 'id',
      type: 'judgement',
      schema_version: CTIM_SCHEMA_VERSION,
      source: 'Example Intel',
      source_uri: 'https://example-intel.test/ip/198.51.100.7',
      observable: { type: 'ip', value: '198.51.100.7' },
      disposition: 2,
      disposition_name: 'Malicious',
      confidence: 'High',
      severity: 'High',
      priority: 90,
      valid_time: { start_time: NOW_DATE.toISOString(), end_time: WEEK_LATER },
      reason: 'Score 95 in Example Intel',
    });
    assert.equal([clean?.['disposition_name'], clean?.['severity']], ['Clean', 'Low']);

    const verdicts = data['verdicts']?.docs ?? [];
    assert.equal(verdicts[0], {
      type: 'verdict',
      observable: { type: 'ip', value: '198.51.100.7' },
      disposition: 2,
      disposition_name: 'Malicious',
      valid_time: { start_time: NOW_DATE.toISOString(), end_time: WEEK_LATER },
      judgement_id: malicious?.['id'],
    });

    const sighting = data['sightings']?.docs[0] ?? {};
    assert.match(String(sighting['id']), /^transient:sighting-/);
    assert.equal({ ...sighting, id: 'id' }, {
      id: 'id',
      type: 'sighting',
      schema_version: CTIM_SCHEMA_VERSION,
      source: 'Example Intel',
      source_uri: 'https://example-intel.test/ip/198.51.100.7',
      external_ids: ['r-1'],
      confidence: 'High',
      count: 1,
      observables: [{ type: 'ip', value: '198.51.100.7' }],
      observed_time: { start_time: '2026-11-20T10:00:00Z', end_time: '2026-11-20T10:00:00Z' },
      internal: false,
      title: 'Botnet C2',
    });
  });

  example('observe: CTR_ENTITIES_LIMIT caps the sightings per observable', async () => {
    const { handler } = relay({ env: { CTR_ENTITIES_LIMIT: '2' } });
    const result = await call(handler, post('/observe/observables', [{ type: 'ip', value: '198.51.100.7' }], { token: token() }));
    const data = (result.body as { data: Record<string, { count: number; docs: { title: string }[] }> }).data;
    assert.equal(data['sightings']?.docs.map((doc) => doc.title), ['Botnet C2', 'Scanning']);
    assert.is(data['sightings']?.count, 2);
  });

  example('observe: only unsupported types answers empty data without calling the service', async () => {
    const { handler } = relay();
    const result = await call(handler, post('/observe/observables', [{ type: 'email', value: 'a@example.org' }], { token: token() }));
    assert.equal(result.body, { data: {} });
    assert.is(seen.length, 0);
  });

  example('partial results: what succeeded beside one error per distinct failure', async () => {
    const { handler } = relay();
    const result = await call(handler, post('/observe/observables', [
      { type: 'domain', value: '429.example.com' },
      { type: 'ip', value: '198.51.100.7' },
      { type: 'domain', value: '429-again.example.com' },
      { type: 'domain', value: 'missing.example.com' },
    ], { token: token() }));
    assert.is(seen.length, 4);
    const body = result.body as { data: Record<string, { count: number }>; errors: unknown[] };
    assert.is(result.status, 200);
    assert.equal([body.data['judgements']?.count, body.data['sightings']?.count], [1, 3]);
    // missing.example.com is unknown to Example Intel (404): no data, and no error either.
    assert.equal(body.errors, [
      // One error for both, naming each.
      { type: 'fatal', code: 'too many requests', message: 'domain 429.example.com, domain 429-again.example.com: Too many requests to Example Intel; try again later (HTTP 429).' },
    ]);
  });

  const FAILURES: [string, string, string][] = [
    ['410.example.com', 'unknown', 'Unexpected response from Example Intel (HTTP 410).'],
    ['429.example.com', 'too many requests', 'Too many requests to Example Intel; try again later (HTTP 429).'],
    ['500.example.com', 'service unavailable', 'Example Intel is unavailable; try again later (HTTP 500).'],
    ['503.example.com', 'service unavailable', 'Example Intel is unavailable; try again later (HTTP 503).'],
    ['418.example.com', 'unknown', 'Unexpected response from Example Intel (HTTP 418).'],
    ['garbage.example.com', 'unknown', 'Unexpected response from Example Intel: the answer is not JSON.'],
    ['slow.example.com', 'service unavailable', `Example Intel did not answer within ${SLOW_TIMEOUT_MS} ms.`],
  ];

  for (const [value, code, message] of FAILURES) {
    example(`a failing service: ${value} is "${code}", never a 500`, async () => {
      const { handler } = relay(value === 'slow.example.com' ? { timeoutMs: SLOW_TIMEOUT_MS } : {});
      const started = Date.now();
      const result = await call(handler, post('/deliberate/observables', [{ type: 'domain', value }], { token: token() }));
      assert.equal(result, { status: 200, headers: { 'content-type': 'application/json' }, body: { data: {}, errors: errors(code, `domain ${value}: ${message}`).errors } });
      // The slow fake answers after 10 s: well before that, the timeout held.
      assert.ok(Date.now() - started < TIMEOUT_MS + 5000, 'the timeout did not hold');
    });
  }

  example('a network failure is "service unavailable", with what happened', async () => {
    const { handler } = relay({ baseUrl: closedUrl });
    const result = await call(handler, post('/health', null, { token: token() }));
    assert.equal(result.body, errors('service unavailable', 'Could not reach Example Intel: ECONNREFUSED.'));
  });

  example('an untrusted certificate is "unknown": Unable to verify SSL certificate', async () => {
    const { handler } = relay({ baseUrl: tlsUrl });
    const result = await call(handler, post('/health', null, { token: token() }));
    assert.equal(result.body, errors('unknown', 'Unable to verify SSL certificate: Self signed certificate'));
    assert.is(seen.length, 0);
  });

  example('hostile data: repaired where its meaning survives, else one entity left out with one error; never a 500', async () => {
    const { handler } = relay();
    // call() runs the CTIM check on the answer: everything below is valid CTIM.
    const result = await call(handler, post('/observe/observables', [
      { type: 'domain', value: 'hostile.example.com' },
      { type: 'domain', value: 'odd-verdict.example.com' },
      { type: 'ip', value: '198.51.100.7' },
    ], { token: token() }));
    assert.is(result.status, 200);
    type Doc = Record<string, unknown>;
    const body = result.body as { data: Record<string, { count: number; docs: Doc[] }>; errors: unknown[] };
    assert.equal(body.errors, [
      { type: 'fatal', code: 'unknown', message: 'A relationship of domain hostile.example.com was left out: its target_ref is not an id: indicator-123.' },
      { type: 'fatal', code: 'unknown', message: 'A sighting of domain hostile.example.com was left out: its observed_time.start_time is not a time.' },
      { type: 'fatal', code: 'unknown', message: 'A judgement of domain odd-verdict.example.com was left out: its disposition is not 1-5: undefined.' },
    ]);
    const { sightings, judgements, verdicts, indicators, relationships } = body.data;
    // The other observable loses nothing.
    assert.equal([sightings?.count, judgements?.count, verdicts?.count, indicators?.count, relationships?.count], [6, 2, 2, 1, 2]);
    const hostile = (sightings?.docs ?? []).filter((doc) => JSON.stringify(doc['observables']).includes('hostile'));
    const shown = (value: unknown) => (typeof value === 'string' && value.length > 100 ? value.length : value);
    assert.equal(hostile.map((doc) => [doc['observed_time'], shown(doc['title']), shown(doc['description']), doc['source_uri'], doc['external_references']]), [
      [
        { start_time: '2026-11-20T10:00:00Z', end_time: '2026-11-21T10:00:00Z' }, 1024, 5000,
        'https://example-intel.test/domain/hostile%20example',
        [{ source_name: 'Example Intel', url: 'https://example-intel.test/reports/h%201', external_id: 'h-1' }],
      ],
      [
        { start_time: '1970-01-01T00:00:00.000Z', end_time: '2525-01-01T00:00:00.000Z' }, 'Old', undefined,
        'https://example-intel.test/domain/hostile%20example',
        [{ source_name: 'Example Intel', external_id: 'h-2' }],
      ],
      // A null title left out, a number as text, a null url left out (v3 reads a null url as none: no reference).
      [
        { start_time: '2026-11-22T00:00:00Z', end_time: '2026-11-22T00:00:00Z' }, undefined, '42',
        'https://example-intel.test/domain/hostile%20example',
        version === 'v3' ? undefined : [{ source_name: 'Example Intel', external_id: 'h-5' }],
      ],
    ]);
    const listed = indicators?.docs[0] ?? {};
    assert.equal([(listed['producer'] as string).length, (listed['producer'] as string).endsWith('…'), listed['source_uri'], listed['title']], [
      1024, true, 'https://feeds.example-intel.test/a%20b', 'Listed in Feed A',
    ]);
    const judged = judgements?.docs.find((doc) => JSON.stringify(doc['observable']).includes('hostile')) ?? {};
    assert.equal(relationships?.docs.map((doc) => [doc['source_ref'], doc['target_ref'], doc['relationship_type']]), [
      [judged['id'], listed['id'], 'based-on'],
      [judged['id'], 'https://private.intel.amp.cisco.com/ctia/indicator/indicator-de305d54-75b4-431b-adb2-eb6b9e546014', 'based-on'],
    ]);
    // Deliberate: the verdict CTIM cannot hold is left out the same way.
    const deliberate = await call(handler, post('/deliberate/observables', [
      { type: 'domain', value: 'odd-verdict.example.com' },
      { type: 'domain', value: 'example.org' },
    ], { token: token() }));
    assert.equal((deliberate.body as { errors: unknown[] }).errors, [
      { type: 'fatal', code: 'unknown', message: 'A verdict of domain odd-verdict.example.com was left out: its disposition is not 1-5: undefined.' },
    ]);
    assert.is((deliberate.body as { data: { verdicts: { count: number } } }).data.verdicts.count, 1);
  });

  example('the answer read against its shape: a null feed is none, a missing score named; the other observable loses nothing', async () => {
    const { handler } = relay();
    const result = await handler(post('/observe/observables', [
      { type: 'domain', value: 'null-feed.example.com' },
      { type: 'domain', value: 'shapeless.example.com' },
      { type: 'domain', value: 'example.org' },
    ], { token: token() }), { awsRequestId: 'r', getRemainingTimeInMillis: () => 10_000 });
    if (version === 'v2') {
      // Kit v2's example read feed.ctia_id of the null: a TypeError, the whole answer a 500.
      assert.is(result.statusCode, 500);
      return;
    }
    const body = JSON.parse(result.body) as { data: Record<string, { count: number; docs: Record<string, unknown>[] }>; errors: unknown[] };
    assertCtim('/observe/observables', body);
    assert.equal(body.errors, errors('unknown', 'domain shapeless.example.com: Unexpected response from Example Intel: score is not a number.').errors);
    assert.equal([body.data['judgements']?.count, body.data['indicators']?.count, body.data['relationships']?.count], [2, 1, 1]);
  });

  example('no answer ever holds the API key or the secret', async () => {
    const { handler, lines } = relay();
    const bodies: string[] = [];
    for (const value of ['404.example.com', '500.example.com', 'garbage.example.com', '198.51.100.7']) {
      bodies.push((await handler(post('/observe/observables', [{ type: 'domain', value }], { token: token() }))).body);
      assertCtim('/observe/observables', JSON.parse(bodies.at(-1) ?? ''));
    }
    const all = bodies.join('\n') + lines.join('\n');
    assert.not.ok(all.includes(KEY));
    assert.not.ok(all.includes(SECRET));
  });

  example('deliberate: verdicts only', async () => {
    const { handler } = relay();
    const result = await call(handler, post('/deliberate/observables', [{ type: 'domain', value: 'example.org' }], { token: token() }));
    const data = (result.body as { data: Record<string, { count: number; docs: Record<string, unknown>[] }> }).data;
    assert.equal(Object.keys(data), ['verdicts']);
    assert.equal(data['verdicts']?.docs[0]?.['disposition_name'], 'Clean');
    assert.not.ok('judgement_id' in (data['verdicts']?.docs[0] ?? {}));
  });

  example('refer: one search link per observable', async () => {
    const { handler } = relay();
    const result = await call(handler, post('/refer/observables', [{ type: 'domain', value: 'example.org' }], { token: token() }));
    assert.equal(result.body, {
      data: [{
        id: 'ref-example-intel-search-domain-example.org',
        title: 'Search for this domain',
        description: 'Look up this domain on Example Intel',
        url: `${baseUrl}/search?q=example.org`,
        categories: ['Search', 'Example Intel'],
      }],
    });
    assert.is(seen.length, 0);
  });

  example('respond and trigger: the block action, then running it', async () => {
    const { handler } = relay();
    const actions = await call(handler, post('/respond/observables', [
      { type: 'ip', value: '198.51.100.7' },
      { type: 'sha256', value: 'a'.repeat(64) },
    ], { token: token() }));
    assert.equal(actions.body, {
      data: [{
        id: 'example-intel-block',
        title: 'Block this ip in Example Intel',
        description: 'Adds the ip to the Example Intel block list',
        categories: ['Example Intel', 'Block'],
        'query-params': { observable_type: 'ip', observable_value: '198.51.100.7' },
      }],
    });
    const action = (actions.body as { data: { id: string; 'query-params': Record<string, string> }[] }).data[0];
    const form = { 'action-id': action?.id, ...action?.['query-params'] };
    assert.equal((await call(handler, post('/respond/trigger', form, { token: token() }))).body, { data: { status: 'success' } });
    assert.equal(seen.map((request) => [request.method, request.url, request.headers['content-type'], JSON.parse(request.body)]), [
      ['POST', '/v1/block', 'application/json', { type: 'ip', value: '198.51.100.7' }],
    ]);
    const unknown = await call(handler, post('/respond/trigger', { ...form, 'action-id': 'nope' }, { token: token() }));
    // v3's registry refuses an unknown action as Cisco's relays answer a failed trigger.
    assert.equal(unknown.body, version === 'v3'
      ? { data: { status: 'failure' }, ...errors('invalid argument', 'Unsupported action: nope.') }
      : errors('invalid argument', 'Unknown action: nope'));
  });

  example('tiles: none in this example, so the tile APIs answer 404', async () => {
    const { handler } = relay();
    for (const path of ['/tiles', '/tiles/tile', '/tiles/tile-data']) {
      const result = await call(handler, post(path, { tile_id: 't', period: 'last_24_hours' }, { token: token() }));
      assert.equal([result.status, result.body], [404, errors('not found', 'The requested URL was not found on the server.')], path);
    }
    assert.is(seen.length, 0);
  });

  example('a tight deadline: the answer comes before it, with what finished and the count of the rest', async () => {
    const integration = create({ timeoutMs: 5000, now: () => NOW_DATE });
    // Lambda says 2.5 s are left; a margin of 1.5 s leaves the integration 1 s, and a loaded
    // machine's late timers 1.5 s to write the answer before Lambda's limit.
    const { handler } = harness({ SECRET_KEY: SECRET, EXAMPLE_INTEL_URL: baseUrl, DEADLINE_MARGIN_MS: '1500' }, integration);
    const started = Date.now();
    const result = await handler(post('/observe/observables', [
      { type: 'domain', value: 'slow.example.com' },
      { type: 'ip', value: '198.51.100.7' },
      { type: 'domain', value: 'slow.example.com.' },
    ], { token: token() }), { awsRequestId: 'x', getRemainingTimeInMillis: () => 2500 });
    const elapsed = Date.now() - started;
    assert.ok(elapsed >= 900 && elapsed < 2500, `answered after ${elapsed} ms`);
    const body = JSON.parse(result.body) as { data: Record<string, { count: number }>; errors: { code: string; message: string }[] };
    assertCtim('/observe/observables', body);
    assert.is(body.data['judgements']?.count, 1);
    assert.equal(body.errors, [{ type: 'fatal', code: 'service unavailable', message: "Timeout: 2 of 3 lookups did not finish before the relay's deadline: domain slow.example.com, domain slow.example.com.." }]);
  });

  example.run();
}
