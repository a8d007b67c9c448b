// The console (scripts/console/), without a browser (the extractor: console-extract.test.ts): the dev server's refusals (DNS
// rebinding, cross-origin calls), what its endpoints answer, and that the Lambda bundle holds
// none of it. test/console-browser.test.ts drives the page itself in Chromium.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { sign } from './fixtures.ts';
import { checkAnswer, CTIM_RELEASE } from './lib/ctim-check.ts';
import { serve, type Served } from './lib/console-serve.ts';
import { patientExample } from './lib/example-intel.ts';
import { importBundle, stubBundle } from './lib/stub.ts';

type Render = typeof import('../scripts/console/render.mjs');
const renderer = () => import('../scripts/console/render.mjs') as Promise<Render>;

const render = suite('console: what the renderer reads of the answers (no DOM needed)');

render('findings by entity: the check\'s path names the entity, else the answer as a whole', async () => {
  const { findingsByEntity } = await renderer();
  const byEntity = findingsByEntity([
    'data.judgements.docs[1].severity: not one of Low, Medium, High',
    'data.judgements.docs[1]: unknown key x',
    'data.verdicts.docs[0].observable.type: unknown type',
    'data[2].url: not a URI',
    'data.sightings.count: 2, but docs holds 3',
    'answer: must be an object',
  ]);
  assert.equal([...byEntity.entries()], [
    ['data.judgements.docs[1]', ['data.judgements.docs[1].severity: not one of Low, Medium, High', 'data.judgements.docs[1]: unknown key x']],
    ['data.verdicts.docs[0]', ['data.verdicts.docs[0].observable.type: unknown type']],
    ['data[2]', ['data[2].url: not a URI']],
    ['', ['data.sightings.count: 2, but docs holds 3', 'answer: must be an object']],
  ]);
});

render('entities per observable: its own, the indicators related to them, and the observables nobody asked about', async () => {
  const { entitiesOf, entitiesFor, sortSightings, unaskedObservables } = await renderer();
  const ip = { type: 'ip', value: '192.0.2.1' };
  const other = { type: 'domain', value: 'Elsewhere.example' };
  const calls = [{
    route: 'observe/observables', status: 200, ms: 1, findings: ['data.sightings.docs[1].count: must be an integer'],
    answer: { data: {
      sightings: { count: 3, docs: [
        { id: 's1', observables: [ip], observed_time: { start_time: '2026-11-20T10:00:00Z' } },
        { id: 's2', observables: [{ type: 'IP', value: '192.0.2.1' }], observed_time: { start_time: '2026-11-22T10:00:00Z' } },
        { id: 's3', observables: [other], observed_time: { start_time: '2026-11-21T10:00:00Z' } },
      ] },
      indicators: { count: 2, docs: [{ id: 'i1' }, { id: 'i2' }] },
      relationships: { count: 2, docs: [{ source_ref: 's1', target_ref: 'i1' }, { source_ref: 's3', target_ref: 'i2' }] },
      verdicts: { count: 1, docs: [null] },
    } },
  }, { route: 'refer/observables', status: 200, ms: 1, answer: { data: [] }, findings: [] }];
  const entities = entitiesOf(calls);
  const mine = entitiesFor(ip, entities);
  const ids = (list: { doc: Record<string, unknown> }[], key = 'id') => list.map((entity) => entity.doc[key]);
  // Types are exact (the relay lower-cases them before the integration runs); a host's value is
  // the same in any case.
  assert.equal(ids(mine.sightings), ['s1']);
  assert.equal(ids(mine.indicators), ['i1']);
  assert.equal(ids(mine.relationships, 'target_ref'), ['i1']);
  assert.equal(ids(entitiesFor({ type: 'IP', value: '192.0.2.1' }, entities).sightings), ['s2']);
  assert.equal(ids(entitiesFor({ type: 'domain', value: 'elsewhere.example' }, entities).indicators), ['i2']);
  assert.equal(entities.find(({ doc }) => doc.id === 's2')?.findings, ['data.sightings.docs[1].count: must be an integer']);
  assert.equal(ids(sortSightings(entities.filter((entity: { kind: string }) => entity.kind === 'sightings'))), ['s2', 's3', 's1']);
  assert.equal(unaskedObservables([ip, { type: 'domain', value: 'elsewhere.EXAMPLE' }], entities), [{ type: 'IP', value: '192.0.2.1' }]);
  assert.equal(unaskedObservables([ip], entities), [{ type: 'IP', value: '192.0.2.1' }, other]);
});

render('hidden characters shown, errors matched to the values they name, hostile keys looked up safely', async () => {
  const { visible, hasHidden, mentions, categoryOf, verdictOf, triggerForm, safeUrl, DISPOSITIONS, typeLabel } = await renderer();
  assert.is(visible('\u202Emoc.elgoog g\u200Boogle.com \uFEFFx\u00AD'), '⟦U+202E⟧moc.elgoog g⟦U+200B⟧oogle.com ⟦U+FEFF⟧x⟦U+00AD⟧');
  assert.ok(hasHidden('g\u200Boogle.com'));
  assert.ok(hasHidden('g\u200Boogle.com'), 'twice: no lastIndex left behind');
  assert.not.ok(hasHidden('google.com пример'));
  // A value named as a whole word: not inside a longer address or name.
  assert.ok(mentions('domain 500.example.com: Example Intel is unavailable.', '500.example.com'));
  assert.ok(mentions('ip 198.51.100.7, ip 10.0.0.1: Slow down.', '198.51.100.7'));
  assert.ok(mentions('No data for EXAMPLE.ORG.', 'example.org'));
  for (const [message, value] of [['ip 198.51.100.70: x', '198.51.100.7'], ['sub.example.org failed', 'example.org'], ['example.org.uk failed', 'example.org'], ['x', ''], ['my-example.org', 'example.org']]) {
    assert.not.ok(mentions(message, value), `${value} in ${message}`);
  }
  // A disposition of `constructor` or `__proto__` is no disposition (the page threw on it).
  for (const disposition of ['constructor', '__proto__', 'toString', 0, 6, '2', null]) assert.is(DISPOSITIONS.get(disposition as never), undefined, String(disposition));
  assert.is(typeLabel('constructor'), 'constructor');
  assert.is(typeLabel('ip'), 'IPv4');
  const verdict = (route: string, disposition: unknown) => ({ route, doc: { disposition } });
  assert.is(verdictOf([verdict('observe/observables', 1), verdict('deliberate/observables', 2)])?.doc.disposition, 2);
  assert.is(verdictOf([verdict('observe/observables', 3)])?.doc.disposition, 3);
  assert.is(categoryOf({ verdict: verdict('x', 2), errors: [], supported: true }), 'Malicious');
  assert.is(categoryOf({ verdict: verdict('x', 'constructor'), errors: [], supported: true }), 'Unknown');
  assert.is(categoryOf({ verdict: undefined, errors: [{}], supported: true }), 'Failed');
  assert.is(categoryOf({ verdict: undefined, errors: [], supported: true }), 'No verdict');
  assert.is(categoryOf({ verdict: undefined, errors: [{}], supported: false }), 'Not supported');
  // The trigger form XDR sends: the action's query-params, its id last (an action cannot rename itself).
  const ip = { type: 'ip', value: '192.0.2.1' };
  assert.equal(triggerForm({ id: 'block', 'query-params': { list: 'main', 'action-id': 'other' } }, ip), { observable_type: 'ip', observable_value: '192.0.2.1', list: 'main', 'action-id': 'block' });
  assert.equal(triggerForm({ id: 'x', 'query-params': ['a'] }, ip), { observable_type: 'ip', observable_value: '192.0.2.1', 'action-id': 'x' });
  assert.equal(triggerForm(null, ip), { observable_type: 'ip', observable_value: '192.0.2.1', 'action-id': '' });
  assert.is(safeUrl('https://g\u043e\u043egle.com/')?.host, 'xn--ggle-55da.com');
  for (const url of ['javascript:alert(1)', 'data:text/html,x', 'not a url', undefined, 'ftp://x.example/']) assert.is(safeUrl(url), undefined, String(url));
});

type Chips = typeof import('../scripts/console/chips.mjs');
const chips = suite('console: chips (what the report offers, and what the user changed)');

chips('the text\'s chips follow the text; the user\'s changes, additions and removals survive it', async () => {
  const { add, asked, createChips, edit, offer, remove, reset } = (await import('../scripts/console/chips.mjs')) as Chips;
  const state = createChips();
  const of = (type: string, value: string) => ({ type, value });
  const shown = () => state.list.map(({ type, value, origin, edited }) => `${type} ${value}${origin === 'user' ? ' (added)' : edited ? ' (changed)' : ''}`);
  assert.equal(offer(state, [of('domain', 'a.example.com'), of('ip', '192.0.2.1'), of('ip', '192.0.2.2')]), { changed: true });
  const [first, second, third] = state.list;
  edit(state, first?.id ?? 0, { type: 'url' });
  edit(state, second?.id ?? 0, { value: '192.0.2.9' });
  remove(state, third?.id ?? 0);
  add(state, of('domain', 'added.example.com'));
  const kept = ['url a.example.com (changed)', 'ip 192.0.2.9 (changed)', 'domain added.example.com (added)'];
  assert.equal(shown(), kept);
  // The same text again (one space more): nothing changes.
  assert.equal(offer(state, [of('domain', 'a.example.com'), of('ip', '192.0.2.1'), of('ip', '192.0.2.2')]), { changed: false });
  assert.equal(shown(), kept);
  // A new observable in the text: offered beside the user's; one the user added is not offered twice.
  offer(state, [of('domain', 'a.example.com'), of('ip', '192.0.2.1'), of('ip', '192.0.2.2'), of('domain', 'ADDED.example.com'), of('md5', 'd41d8cd98f00b204e9800998ecf8427e')]);
  assert.equal(shown(), [...kept, 'md5 d41d8cd98f00b204e9800998ecf8427e']);
  // The text's chips follow its order; the user's keep their places.
  const textual = createChips();
  offer(textual, [of('ip', '1.1.1.1'), of('ip', '2.2.2.2')]);
  add(textual, of('ip', '9.9.9.9'));
  offer(textual, [of('ip', '3.3.3.3'), of('ip', '2.2.2.2'), of('ip', '1.1.1.1')]);
  assert.equal(textual.list.map(({ value }) => value), ['3.3.3.3', '2.2.2.2', '9.9.9.9', '1.1.1.1']);
  // Blank and repeated values are not asked about.
  add(textual, of('ip', ' '));
  add(textual, of('ip', ' 3.3.3.3 '));
  assert.equal(asked(textual), [of('ip', '3.3.3.3'), of('ip', '2.2.2.2'), of('ip', '9.9.9.9'), of('ip', '1.1.1.1')]);
  // Unknown ids change nothing; reset forgets the user's changes.
  edit(state, -1, { type: 'ip' });
  remove(state, -1);
  reset(state, [of('ip', '192.0.2.2')]);
  assert.equal(shown(), ['ip 192.0.2.2']);
  assert.is(state.dismissed.size, 0);
});

/**
 * A raw request, so that Host, Origin, Sec-Fetch-Site and Cookie are exactly the test's: the
 * run's key in its cookie unless `headers` says `cookie` (`''`: none).
 */
function raw(served: Served, method: string, path: string, headers: Record<string, string>, body = ''):
  Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  const { cookie = served.cookie, ...rest } = headers;
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: served.port, method, path, headers: { host: `127.0.0.1:${served.port}`, ...(cookie === '' ? {} : { cookie }), ...rest } }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const server = suite('console: the dev server');
let served: Served;
// uvu 0.5 passes a suite whose `before` throws: each test awaits the start instead.
let started: Promise<Served> | undefined;

server.before.each(async () => {
  started ??= stubBundle().then((bundle) => serve(bundle.path));
  served = await started;
});

server.after(async () => {
  await (await started?.catch(() => undefined))?.stop();
});

server('make serve prints the console\'s link, with the run\'s key, beside the curl line', () => {
  assert.match(served.output(), new RegExp(`^Console: ${served.url}/\\?key=[A-Za-z0-9_-]{43} \\(what XDR will show; the link is its key: only your browser gets in\\)$`, 'm'));
  assert.is(served.key.length, 43);
});

server('without the run\'s key every endpoint of the console answers 403, whatever the client sends', async () => {
  const call = JSON.stringify({ route: 'health' });
  const same = { 'sec-fetch-site': 'same-origin', origin: `http://127.0.0.1:${served.port}`, 'content-type': 'application/json' };
  const cookies = ['', `relay_console_${served.port}=`, `relay_console_${served.port}=${served.key.slice(0, -1)}x`, `relay_console_${served.port + 1}=${served.key}`,
    `relay_console_${served.port}=${served.key}x`, `other=${served.key}`];
  for (const cookie of cookies) {
    // A curl as another local user: no Origin, no Sec-Fetch-Site (issue #24 saw a 200 and the real API key used).
    for (const headers of [{ cookie, 'content-type': 'application/json' }, { cookie, ...same }]) {
      const refused = await raw(served, 'POST', '/console/api/call', headers, call);
      assert.is(refused.status, 403, cookie);
      assert.equal(JSON.parse(refused.body), { message: 'The console answers only the browser that opened the link make serve printed (http://127.0.0.1:<port>/?key=…).' });
      assert.is((await raw(served, 'GET', '/console/api/info', { cookie })).status, 403, cookie);
    }
  }
  // The page and its files are no secret: served without it.
  assert.is((await raw(served, 'GET', '/', { cookie: '' })).status, 200);
  assert.is((await raw(served, 'GET', '/console/console.mjs', { cookie: '' })).status, 200);
});

server('the link: its key becomes an HttpOnly, SameSite=Strict cookie of this port, and the address loses it', async () => {
  const opened = await raw(served, 'GET', `/?key=${served.key}`, { cookie: '' });
  assert.is(opened.status, 303);
  assert.is(opened.headers['location'], '/');
  assert.equal(opened.headers['set-cookie'], [`relay_console_${served.port}=${served.key}; HttpOnly; SameSite=Strict; Path=/`]);
  for (const key of ['', 'x', served.key.slice(1), `${served.key}%00`]) {
    const refused = await raw(served, 'GET', `/?key=${key}`, { cookie: '' });
    assert.is(refused.status, 403, key);
    assert.is(refused.headers['set-cookie'], undefined);
  }
  // With the cookie, the console answers.
  assert.is((await raw(served, 'GET', '/console/api/info', { cookie: `a=b; relay_console_${served.port}=${served.key}` })).status, 200);
});

server('the Host check names this server on any port, on port 80 without the port too', async () => {
  const { isOwnHost } = (await import('../scripts/console/server.mjs')) as typeof import('../scripts/console/server.mjs');
  for (const host of ['127.0.0.1:80', 'localhost:80', '127.0.0.1', 'localhost']) assert.ok(isOwnHost(host, 80), host);
  for (const host of ['127.0.0.1:8080', 'localhost:8080']) assert.ok(isOwnHost(host, 8080), host);
  for (const [host, port] of [['127.0.0.1', 8080], ['localhost', 443], ['127.0.0.1:80', 8080], ['evil.example', 80], ['evil.example:80', 80], [undefined, 80], ['127.0.0.1:080', 80]] as const) {
    assert.not.ok(isOwnHost(host, port), `${host} on ${port}`);
  }
});

server('serves the page and its files, with a policy that allows no other origin', async () => {
  const page = await raw(served, 'GET', '/', { 'sec-fetch-site': 'none' });
  assert.is(page.status, 200);
  assert.is(page.body, readFileSync(join(__dirname, '..', 'scripts', 'console', 'index.html'), 'utf8'));
  assert.is(page.headers['content-type'], 'text/html; charset=utf-8');
  assert.match(String(page.headers['content-security-policy']), /default-src 'none'; script-src 'self';.*frame-ancestors 'none'/);
  assert.is(page.headers['x-frame-options'], 'DENY');
  // No CDN, no external font: every file the page loads comes from this server.
  const files = ['console.css', 'console.mjs', 'render.mjs', 'extract.mjs', 'tlds.mjs'];
  for (const file of files) {
    const answer = await raw(served, 'GET', `/console/${file}`, {});
    assert.is(answer.status, 200, file);
    assert.not.match(answer.body, /https?:\/\/(?!127\.0\.0\.1)[a-z]/i, `${file} loads nothing from elsewhere`);
  }
  assert.not.match(page.body, /https?:\/\//);
  // Only the listed files: no path from the request reaches the file system.
  for (const path of ['/console/server.mjs', '/console/../package.json', '/console/%2e%2e/package.json', '/console/index.html']) {
    assert.is((await raw(served, 'GET', path, {})).status, 404, path);
  }
});

server('a Host other than 127.0.0.1 or localhost with the port is refused (DNS rebinding)', async () => {
  for (const host of ['evil.example', `evil.example:${served.port}`, '127.0.0.1', `127.0.0.1:${served.port + 1}`, `localhost.evil.example:${served.port}`, `[::1]:${served.port}`]) {
    for (const [method, path] of [['GET', '/'], ['GET', '/console/api/info'], ['POST', '/health']] as const) {
      const answer = await raw(served, method, path, { host });
      assert.is(answer.status, 421, `${host} ${path}`);
      assert.not.match(answer.body, /relay|console/i);
    }
  }
  assert.is((await raw(served, 'GET', '/', { host: `localhost:${served.port}` })).status, 200);
});

server('the console\'s endpoints refuse cross-origin calls', async () => {
  const call = JSON.stringify({ route: 'health' });
  const json = { 'content-type': 'application/json' };
  const refused: Record<string, string>[] = [
    { 'sec-fetch-site': 'cross-site' },
    // Another port of 127.0.0.1 is the same site, not the same origin.
    { 'sec-fetch-site': 'same-site' },
    { origin: 'http://evil.example' },
    { origin: `http://127.0.0.1:${served.port + 1}` },
    { origin: 'null' },
    { origin: `http://localhost:${served.port}` },
  ];
  for (const headers of refused) {
    assert.is((await raw(served, 'POST', '/console/api/call', { ...json, ...headers }, call)).status, 403, JSON.stringify(headers));
    assert.is((await raw(served, 'GET', '/console/api/info', headers)).status, 403, JSON.stringify(headers));
  }
  const own = { 'sec-fetch-site': 'same-origin', origin: `http://127.0.0.1:${served.port}` };
  const answer = await raw(served, 'POST', '/console/api/call', { ...json, ...own }, call);
  assert.is(answer.status, 200);
  const body = JSON.parse(answer.body) as { route: string; status: number; ms: number; answer: unknown; findings: string[] };
  assert.equal({ ...body, ms: 0 }, { route: 'health', status: 200, ms: 0, answer: { data: { status: 'ok' } }, findings: [] });
  assert.ok(body.ms >= 0);
  // A form of another site can send text/plain without a preflight: JSON only.
  assert.is((await raw(served, 'POST', '/console/api/call', { 'content-type': 'text/plain' }, call)).status, 415);
});

server('calls go to the relay with the token added; the page never receives it', async () => {
  const json = { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' };
  const observe = await raw(served, 'POST', '/console/api/call', json, JSON.stringify({ route: 'observe/observables', observables: [{ type: 'ip', value: '198.51.100.7' }] }));
  assert.equal(JSON.parse(observe.body).answer, { data: {} });
  const info = await raw(served, 'GET', '/console/api/info', { 'sec-fetch-site': 'same-origin' });
  for (const answer of [observe, info]) {
    assert.ok(served.token.length > 20);
    assert.not.ok(answer.body.includes(served.token));
    assert.not.ok(answer.body.includes(served.token.split('.')[2] ?? '-'));
  }
  // The relay's APIs, each with its body: the observables, a form, or nothing.
  const calls: [unknown, unknown][] = [
    [{ route: 'respond/observables', observables: [{ type: 'ip', value: '198.51.100.7' }] }, { data: [] }],
    [{ route: 'respond/trigger', body: { 'action-id': 'block', observable_type: 'ip', observable_value: '198.51.100.7' } }, { data: { status: 'success' } }],
    [{ route: 'respond/trigger', body: { observable_type: 'ip' } }, { errors: [{ type: 'fatal', code: 'invalid argument', message: 'Invalid JSON payload received. {"action-id":["Missing data for required field."],"observable_value":["Missing data for required field."]}.' }] }],
    [{ route: 'tiles' }, { data: [] }],
    [{ route: 'tiles/tile', body: { tile_id: 'x' } }, { data: {} }],
    [{ route: 'tiles/tile-data', body: { tile_id: 'x', period: 'last_7_days' } }, { data: {} }],
  ];
  for (const [request, expected] of calls) {
    const answer = await raw(served, 'POST', '/console/api/call', json, JSON.stringify(request));
    assert.equal(JSON.parse(answer.body).answer, expected, JSON.stringify(request));
  }
  // Nothing else of the relay, and no other path; lookups by Map (no `constructor`).
  for (const route of ['version', '../health', 'health?x', '', null, 'constructor', '__proto__', 'toString', ['health']]) {
    const answer = await raw(served, 'POST', '/console/api/call', json, JSON.stringify({ route }));
    assert.is(answer.status, 400, String(route));
  }
  assert.is((await raw(served, 'POST', '/console/api/call', json, '{not json')).status, 400);
});

server('info: the relay, its module type per AUTH with no secret, and the CTIM check', async () => {
  const info = JSON.parse((await raw(served, 'GET', '/console/api/info', {})).body) as {
    name: string; apis: string[]; observableTypes: string; check: string | null; ctim: string | null;
    moduleTypes: { auth: string; fields: { key: string; label: string; tooltip: string }[]; capabilities: { id: string }[] }[];
  };
  const pkg = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as { name: string };
  assert.is(info.name, pkg.name);
  assert.is(info.observableTypes, 'all');
  assert.is(info.check, null);
  assert.is(info.ctim, CTIM_RELEASE.version);
  assert.equal(info.moduleTypes.map((type) => type.auth), ['bearer', 'hs256', 'rs256']);
  assert.equal(info.moduleTypes[0]?.fields.map((field) => field.label), ['URL', 'Authorization Bearer Token']);
  assert.equal(info.moduleTypes[1]?.fields.map((field) => [field.key, field.tooltip]), [
    ['custom_key', 'API key of the third-party service'],
    ['custom_CTR_ENTITIES_LIMIT', 'At most this many sightings and judgements per observable (the relay\'s own limit still applies)'],
  ]);
  assert.equal(info.moduleTypes[0]?.capabilities.map((capability) => capability.id), ['health', 'deliberate', 'observe', 'refer', 'respond', 'tiles']);
  assert.not.match(JSON.stringify(info), /configuration-token-key|SECRET/i);
});

server('the console is never in the Lambda bundle', async () => {
  const { metafile, code } = await stubBundle();
  for (const input of Object.keys(metafile.inputs)) assert.not.match(input, /^console\//);
  for (const input of Object.keys(metafile.inputs)) assert.not.match(input, /ctim-check/);
  // (A fork's build, with its own integration: test/fork.test.ts.)
  const text = code.toString('utf8');
  assert.not.ok(text.includes('/console/api/'));
  assert.not.ok(text.includes('XDR relay console'));
});

const check = suite('console: the CTIM check at serve time');

check('the console will not start without a per-run key', async () => {
  const { createConsole } = (await import('../scripts/console/server.mjs')) as typeof import('../scripts/console/server.mjs');
  for (const key of [undefined, '', 'short']) {
    try {
      await createConsole({ built: await importBundle(), stage: undefined, url: undefined, key, sample: undefined, example: undefined, call: async () => ({ statusCode: 200, body: '{}' }) });
      assert.unreachable(String(key));
    } catch (error) {
      assert.is((error as Error).message, 'the console needs a per-run key of at least 32 characters');
    }
  }
});

check('bundled from TypeScript with esbuild and loaded; a missing or broken check is a reason, not a crash', async () => {
  const { loadCheck } = (await import('../scripts/console/server.mjs')) as typeof import('../scripts/console/server.mjs');
  const directory = mkdtempSync(join(tmpdir(), 'relay-console-check-'));
  try {
    const path = join(directory, 'ctim-check.ts');
    writeFileSync(path, 'import { isAbsolute } from "node:path";\nexport function checkAnswer(path: string, answer: unknown): string[] { return [`${path}: ${isAbsolute(path)} ${JSON.stringify(answer)}`]; }\n');
    const loaded = await loadCheck(path);
    assert.equal(loaded.checkAnswer?.('/health', { data: 1 }), ['/health: true {"data":1}']);
    assert.is(loaded.release, null);
    assert.equal(await loadCheck(join(directory, 'missing.ts')), { reason: 'no CTIM check: test/lib/ctim-check.ts is missing' });
    writeFileSync(path, 'export function checkAnswer(: string) {}\n');
    assert.match(String((await loadCheck(path)).reason), /^the CTIM check could not be bundled: /);
    writeFileSync(path, 'export const other = 1;\n');
    assert.equal(await loadCheck(path), { reason: 'the CTIM check exports no checkAnswer' });
    writeFileSync(path, 'throw new Error("broken at load");\n');
    assert.equal(await loadCheck(path), { reason: 'the CTIM check could not be loaded: broken at load' });
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
});

// The console's requests, as the page sends them (its cookie, its own origin).
function consoleRequest(key: string, url: string, method = 'GET') {
  return { url, method, headers: { host: '127.0.0.1:1', 'content-type': 'application/json', cookie: `relay_console_1=${key}` } };
}

check('bundled on first need, once: a start and the relay\'s routes never build it; concurrent first requests share one build', async () => {
  const { createConsole } = (await import('../scripts/console/server.mjs')) as typeof import('../scripts/console/server.mjs');
  const key = 'k'.repeat(43);
  let loads = 0;
  let finish: (value: { checkAnswer: (path: string, answer: unknown) => string[]; release: string }) => void = () => undefined;
  const answerConsole = await createConsole({
    built: await importBundle(), stage: undefined, url: undefined, key, sample: undefined, example: undefined,
    call: async () => ({ statusCode: 200, body: '{"data":{}}' }),
    load: () => {
      loads += 1;
      return new Promise((resolve) => { finish = resolve; });
    },
  });
  assert.is(loads, 0);
  // The page's files, the relay's routes (undefined: not the console's), a refused call: no build.
  assert.is((await answerConsole(consoleRequest(key, '/console/console.mjs'), Buffer.alloc(0), 1))?.statusCode, 200);
  assert.is(await answerConsole(consoleRequest(key, '/health', 'POST'), Buffer.alloc(0), 1), undefined);
  assert.is((await answerConsole(consoleRequest(key, '/console/api/call', 'POST'), Buffer.from('{"route":"nope"}'), 1))?.statusCode, 400);
  assert.is(loads, 0);
  // The page's first requests, at once: one build, and each waits for it.
  const pending = [
    answerConsole(consoleRequest(key, '/console/api/info'), Buffer.alloc(0), 1),
    answerConsole(consoleRequest(key, '/console/api/call', 'POST'), Buffer.from('{"route":"health"}'), 1),
    answerConsole(consoleRequest(key, '/console/api/info'), Buffer.alloc(0), 1),
  ];
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.is(loads, 1);
  finish({ checkAnswer: (path) => [`checked ${path}`], release: '9.9.9' });
  const [info, call, again] = (await Promise.all(pending)).map((result) => JSON.parse(String(result?.body)) as { check: string | null; ctim: string | null; findings: string[] });
  assert.equal([info?.check, info?.ctim, again?.ctim], [null, '9.9.9', '9.9.9']);
  assert.equal(call?.findings, ['checked /health']);
  // Later requests use the same check.
  assert.equal(JSON.parse(String((await answerConsole(consoleRequest(key, '/console/api/call', 'POST'), Buffer.from('{"route":"tiles"}'), 1))?.body)).findings, ['checked /tiles']);
  assert.is(loads, 1);
});

check('a check that cannot be had is the same reason at every request, built once, never a crash', async () => {
  const { createConsole, loadCheck } = (await import('../scripts/console/server.mjs')) as typeof import('../scripts/console/server.mjs');
  const key = 'k'.repeat(43);
  const directory = mkdtempSync(join(tmpdir(), 'relay-console-check-'));
  try {
    for (const [load, reason] of [
      [() => loadCheck(join(directory, 'missing.ts')), 'no CTIM check: test/lib/ctim-check.ts is missing'],
      [() => { throw new Error('esbuild is gone'); }, 'the CTIM check could not be loaded: esbuild is gone'],
    ] as const) {
      let loads = 0;
      const answerConsole = await createConsole({
        built: await importBundle(), stage: undefined, url: undefined, key, sample: undefined, example: undefined,
        call: async () => ({ statusCode: 200, body: '{"data":{}}' }),
        load: () => {
          loads += 1;
          return load();
        },
      });
      const [first, second] = await Promise.all([1, 2].map(() => answerConsole(consoleRequest(key, '/console/api/info'), Buffer.alloc(0), 1)));
      for (const result of [first, second]) {
        assert.is(result?.statusCode, 200);
        assert.equal(pick(JSON.parse(String(result?.body)), ['check', 'ctim']), { check: reason, ctim: null });
      }
      const call = await answerConsole(consoleRequest(key, '/console/api/call', 'POST'), Buffer.from('{"route":"health"}'), 1);
      assert.equal(pick(JSON.parse(String(call?.body)), ['status', 'findings']), { status: 200, findings: [] });
      assert.is(loads, 1, reason);
    }
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
});

function pick(value: Record<string, unknown>, keys: string[]) {
  return Object.fromEntries(keys.map((name) => [name, value[name]]));
}

const staged = suite('console: make serve STAGE=…');

staged('the console\'s calls carry the stage\'s JWT, read from its file at each call; the page never sees it', async () => {
  // What serve needs, copied to a temporary folder, so that the stage's files are written there.
  const root = join(__dirname, '..');
  const work = mkdtempSync(join(tmpdir(), 'relay-console-stage-'));
  const keys: string[] = [];
  const intel = createServer((req, res) => {
    keys.push(String(req.headers['x-api-key']));
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"ok":true}');
  });
  let stage: Served | undefined;
  try {
    for (const path of ['scripts', 'package.json', 'test/lib/ctim-check.ts']) cpSync(join(root, path), join(work, path), { recursive: true });
    symlinkSync(join(root, 'node_modules'), join(work, 'node_modules'), 'dir');
    const { buildBundle, writeBundle } = (await import('../scripts/build.mjs')) as typeof import('../scripts/build.mjs');
    // The fake answers from this process: the example given 30 s per call (test/lib/example-intel.ts).
    writeBundle(work, await buildBundle({ integration: patientExample(work) }));
    const secret = 'stage-secret-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEFGHIJKLMN';
    mkdirSync(join(work, '.secrets'), { mode: 0o700 });
    writeFileSync(join(work, '.secrets', 'dev.tfvars.json'), JSON.stringify({ secret_key: secret }), { mode: 0o600 });
    const first = sign({ key: 'the-first-stage-key' }, secret);
    writeFileSync(join(work, '.secrets', 'dev.jwt'), `${first}\n`, { mode: 0o600 });
    await new Promise<void>((resolve) => intel.listen(0, '127.0.0.1', resolve));
    const env = { STAGE: 'dev', EXAMPLE_INTEL_URL: `http://127.0.0.1:${(intel.address() as AddressInfo).port}` };
    stage = await serve(join(work, 'index.mjs'), env, work);
    const health = async () => (await raw(stage as Served, 'POST', '/console/api/call', { 'content-type': 'application/json' }, '{"route":"health"}')).body;
    const answers = [await health()];
    // `make jwt STAGE=dev ROTATE=1` meanwhile: the next call carries the new JWT.
    const second = sign({ key: 'the-second-stage-key' }, secret);
    writeFileSync(join(work, '.secrets', 'dev.jwt'), `${second}\n`, { mode: 0o600 });
    answers.push(await health());
    assert.equal(answers.map((body) => JSON.parse(body).answer), [{ data: { status: 'ok' } }, { data: { status: 'ok' } }]);
    assert.equal(keys, ['the-first-stage-key', 'the-second-stage-key']);
    const info = (await raw(stage, 'GET', '/console/api/info', {})).body;
    assert.is(JSON.parse(info).stage, 'dev');
    for (const text of [...answers, info, stage.output()]) {
      for (const secretText of [first, second, secret]) assert.not.ok(text.includes(secretText));
    }
  } finally {
    await stage?.stop();
    intel.close();
    rmSync(work, { recursive: true, force: true });
  }
});

check('each proxied answer comes back with the check\'s findings about it', async () => {
  const { createConsole } = (await import('../scripts/console/server.mjs')) as typeof import('../scripts/console/server.mjs');
  // An answer XDR refuses: a verdict with keys CTIM's Verdict does not list, a judgement without its observable.
  const answer = {
    data: {
      verdicts: { count: 1, docs: [{ type: 'verdict', id: 'v', schema_version: '1.0.0', disposition: 2, disposition_name: 'Malicious', observable: { type: 'ip', value: '192.0.2.1' }, valid_time: {} }] },
      judgements: { count: 2, docs: [{ type: 'judgement' }] },
    },
  };
  const calls: [string, string][] = [];
  const key = 'k'.repeat(43);
  const answerConsole = await createConsole({
    built: await importBundle(),
    stage: undefined,
    url: undefined,
    key,
    sample: undefined,
    example: undefined,
    call: async (path: string, body: string) => {
      calls.push([path, body]);
      return { statusCode: 200, body: JSON.stringify(answer) };
    },
    now: (() => {
      let tick = 0;
      return () => (tick += 12.34);
    })(),
  });
  const request = { url: '/console/api/call', method: 'POST', headers: { host: '127.0.0.1:1', 'content-type': 'application/json', cookie: `relay_console_1=${key}` } };
  const observables = [{ type: 'ip', value: '192.0.2.1' }];
  const result = await answerConsole(request, Buffer.from(JSON.stringify({ route: 'observe/observables', observables })), 1);
  const body = JSON.parse(String(result?.body)) as { findings: string[]; ms: number; status: number };
  assert.equal(calls, [['/observe/observables', JSON.stringify(observables)]]);
  assert.is(body.ms, 12.3);
  assert.equal(body.findings, checkAnswer('/observe/observables', answer));
  assert.ok(body.findings.some((finding) => finding.startsWith('data.verdicts.docs[0].')), body.findings.join('\n'));
  assert.ok(body.findings.some((finding) => finding.startsWith('data.judgements.')), body.findings.join('\n'));
});

render.run();
chips.run();
staged.run();
check.run();
server.run();
