// The console in a real browser: Debian's Chromium driven by playwright-core, against the worked
// example (test/example/integration.ts) and a fake Example Intel on 127.0.0.1. One browser launch
// for the whole file, bounded in time and killed on failure; a screenshot of each state is saved
// in a temporary folder, printed. Without a browser the suite says so in one line and is skipped,
// unless CI is set (or RELAY_BROWSER_TESTS=required, as .ci/run exports): there it must run.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { serve, type Served } from './lib/console-serve.ts';
import { exampleIntel } from './lib/example-intel.ts';
import { checkAnswer } from './lib/ctim-check.ts';
import * as cisco from './pulsedive/cisco.ts';

type Build = typeof import('../scripts/build.mjs');

// CHROMIUM_PATH, when set, is the only browser tried.
const CANDIDATES = process.env['CHROMIUM_PATH'] ? [process.env['CHROMIUM_PATH']] : [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];
const executable = CANDIDATES.find((path) => existsSync(path));
// CI=true (how CI runs .ci/run) or RELAY_BROWSER_TESTS=required (what .ci/run exports): no skipping.
const required = (process.env['CI'] ?? '') !== '' && process.env['CI'] !== 'false' || process.env['RELAY_BROWSER_TESTS'] === 'required';
// Without the background-networking flags Chromium keeps trying to reach Google's hosts.
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];
// The whole suite, launch to close: past this the browser is killed and the suite fails.
const SUITE_MS = 120_000;

const SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
// Five observables: two the example knows, one it does not (404), two of types it does not take.
const REPORT = `On 2026-11-22 the host 198.51.100.7 contacted example.org and dropped invoice.exe
(SHA-256 ${SHA256}). The lure came from billing@example.net.`;

const LOOKUPS: Record<string, unknown> = {
  '198.51.100.7': {
    verdict: 'malicious', score: 95, permalink: 'https://example-intel.test/ip/198.51.100.7',
    reports: [
      { id: 'r-1', seen_at: '2026-11-20T10:00:00Z', title: 'Botnet C2' },
      { id: 'r-3', seen_at: '2026-11-22T10:00:00Z', title: 'Phishing host' },
      { id: 'r-2', seen_at: '2026-11-21T10:00:00Z', title: 'Scanning' },
    ],
  },
  'example.org': { verdict: 'clean', score: 0, permalink: 'https://example-intel.test/domain/example.org', reports: [] },
};

// The few DOM types the page functions below use (the project's lib has no DOM).
interface Field {
  value: string;
}
declare const document: { getElementById(id: string): { textContent: string | null } | null; activeElement: unknown };

/** A fake Pulsedive answering as Cisco's tests mocked it: parkingcrew.net, with its Active DNS links. */
function fakePulsedive(): Server {
  return createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://pulsedive.test');
    const indicator = url.searchParams.get('indicator');
    const send = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    if (url.searchParams.get('get') === 'links') return send(200, indicator === 'parkingcrew.net' ? cisco.PULSEDIVE_ACTIVE_DNS_RESPONSE : {});
    if (indicator === 'cisco.com') return send(200, cisco.PULSEDIVE_RESPONSE_MOCK);
    return send(404, { error: 'Indicator not found.' });
  });
}

const browser = suite('console: in Chromium');

let intel: Server;
let intelUrl = '';
let served: Served | undefined;
let pulsedive: Server | undefined;
let servedPulsedive: Served | undefined;
let chromium: Browser | undefined;
let page: Page;
let bundleFolder = '';
let watchdog: NodeJS.Timeout | undefined;
// One folder per checkout, emptied at each run: the last run's screenshots, never a pile of them.
const shots = join(tmpdir(), `relay-console-screens-${createHash('sha256').update(__dirname).digest('hex').slice(0, 8)}`);
rmSync(shots, { recursive: true, force: true });
mkdirSync(shots, { recursive: true });
const seen: string[] = [];

// uvu 0.5 passes a suite whose `before` throws (its runner returns from a finally): the error is
// kept here and thrown by every test instead.
let setupError: unknown;

browser.before(async () => {
  if (executable === undefined) return;
  try {
    await setUp(executable);
  } catch (error) {
    setupError = error;
  }
});

async function setUp(browserPath: string) {
  intel = exampleIntel(LOOKUPS);
  await new Promise<void>((resolve) => intel.listen(0, '127.0.0.1', resolve));
  intelUrl = `http://127.0.0.1:${(intel.address() as AddressInfo).port}`;
  // The worked example as the relay: the bundle `make build` makes of a fork that copied it.
  const { buildBundle } = (await import('../scripts/build.mjs')) as Build;
  const { code } = await buildBundle({ integration: join(__dirname, 'example', 'integration.ts') });
  bundleFolder = mkdtempSync(join(tmpdir(), 'relay-console-bundle-'));
  writeFileSync(join(bundleFolder, 'index.mjs'), code);
  served = await serve(join(bundleFolder, 'index.mjs'), { EXAMPLE_INTEL_URL: intelUrl });
  // The second worked example, Cisco's Pulsedive relay ported to the kit, against Cisco's payloads.
  pulsedive = fakePulsedive();
  await new Promise<void>((resolve) => pulsedive?.listen(0, '127.0.0.1', resolve));
  const port = await buildBundle({ integration: join(__dirname, 'pulsedive', 'integration.ts') });
  writeFileSync(join(bundleFolder, 'pulsedive.mjs'), port.code);
  servedPulsedive = await serve(join(bundleFolder, 'pulsedive.mjs'), { PULSEDIVE_URL: `http://127.0.0.1:${(pulsedive.address() as AddressInfo).port}` });
  const { chromium: launcher } = await import('playwright-core');
  chromium = await launcher.launch({ executablePath: browserPath, args: FLAGS, timeout: 60_000 });
  // Whatever hangs, the browser does not outlive the suite.
  watchdog = setTimeout(() => {
    console.error(`console: in Chromium: over ${SUITE_MS / 1000} s, killing the browser`);
    void chromium?.close();
  }, SUITE_MS);
  watchdog.unref();
  page = await chromium.newPage({ viewport: { width: 1280, height: 900 } });
  page.setDefaultTimeout(20_000);
  // Everything the page receives, to check that the JWT is never in it.
  page.on('response', (response) => {
    void response.text().then((text) => seen.push(text), () => undefined);
  });
  await page.goto(`${served.url}/`);
  await page.waitForSelector('body[data-ready="true"]');
}

browser.after(async () => {
  clearTimeout(watchdog);
  await chromium?.close().catch(() => undefined);
  await served?.stop();
  await servedPulsedive?.stop();
  if (pulsedive !== undefined) await new Promise((resolve) => pulsedive?.close(resolve));
  if (intel !== undefined) await new Promise((resolve) => intel.close(resolve));
  if (bundleFolder !== '') rmSync(bundleFolder, { recursive: true, force: true });
  if (executable !== undefined) console.log(`console screenshots: ${shots}`);
  else rmSync(shots, { recursive: true, force: true });
});

/** Each test, or one line saying why it cannot run here (a failure under CI). */
function test(name: string, run: () => Promise<void>) {
  if (executable === undefined && !required) return browser.skip(name, run);
  return browser(name, async () => {
    if (executable === undefined) {
      if (required) assert.unreachable('CI is set but no Chromium is installed: .ci/run installs it (apt-get install chromium)');
      return;
    }
    if (setupError !== undefined) throw setupError;
    await run();
  });
}

if (executable === undefined && !required) {
  console.log('console: in Chromium: skipped, no Chromium here (apt-get install chromium, or CHROMIUM_PATH=...)');
}

const texts = (selector: string) => page.locator(selector).allInnerTexts();
const card = (type: string, value: string) => page.locator(`article.observable[aria-label="${type} ${value}"]`);

async function investigate(text: string) {
  await page.getByLabel(/Paste a threat report/).fill(text);
  await page.getByRole('button', { name: 'Investigate', exact: true }).click();
  await page.waitForFunction(() => /^Done: /.test(document.getElementById('status')?.textContent ?? ''));
}

test('five observables in a report: five chips, then what XDR would show for each', async () => {
  await page.getByLabel(/Paste a threat report/).fill(REPORT);
  const chips = page.locator('#chips li');
  assert.is(await chips.count(), 5);
  const values = await chips.locator('input').evaluateAll((inputs) => inputs.map((input) => (input as unknown as Field).value));
  const types = await chips.locator('select').evaluateAll((selects) => selects.map((select) => (select as unknown as Field).value));
  assert.equal(values, ['198.51.100.7', 'example.org', 'invoice.exe', SHA256, 'billing@example.net']);
  assert.equal(types, ['ip', 'domain', 'file_name', 'sha256', 'email']);
  assert.is(await page.locator('#count').innerText(), '(5)');

  await investigate(REPORT);
  assert.match(await page.locator('#status').innerText(), /^Done: deliberate [\d.]+ ms, observe [\d.]+ ms, refer [\d.]+ ms \(slowest of 5\)\.$/);
  for (const heading of await texts('#calls .call h4')) assert.match(heading, /^\/(deliberate|observe)\/observables HTTP 200 [\d.]+ ms$/);
  assert.is(await page.locator('article.observable').count(), 5);

  const ip = card('ip', '198.51.100.7');
  assert.is(await ip.locator('h3 .badge').innerText(), 'Malicious');
  assert.ok(await ip.locator('h3 .badge.malicious').isVisible());
  const verdicts = await ip.locator('.verdicts > ul > li').allInnerTexts();
  assert.is(verdicts.length, 2);
  // The first line of each: a CTIM finding about the verdict would follow it.
  assert.match(verdicts[0]?.split('\n')[0] ?? '', /^Malicious from deliberate, valid \d{4}-\d\d-\d\d \d\d:\d\d UTC → \d{4}-\d\d-\d\d \d\d:\d\d UTC$/);
  assert.match(verdicts[1]?.split('\n')[0] ?? '', /^Malicious from observe, valid /);
  const judgement = await ip.locator('table:has(caption:text("Judgements")) tbody tr').first().locator('td').allInnerTexts();
  assert.equal(judgement.slice(0, 5), ['Malicious', 'Example Intel', 'High', 'High', 'Score 95 in Example Intel']);
  assert.match(judgement[5] ?? '', /^\d{4}-\d\d-\d\d \d\d:\d\d UTC → \d{4}-\d\d-\d\d \d\d:\d\d UTC$/);
  // Sightings newest first, whatever order the service sent them in; one marker each on the timeline.
  const sightings = ip.locator('table:has(caption:text("Sightings")) tbody tr');
  assert.equal(await sightings.evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll('td')].slice(0, 4).map((cell) => cell.textContent))), [
    ['2026-11-22 10:00 UTC', 'Phishing host', 'Example Intel', 'High'],
    ['2026-11-21 10:00 UTC', 'Scanning', 'Example Intel', 'High'],
    ['2026-11-20 10:00 UTC', 'Botnet C2', 'Example Intel', 'High'],
  ]);
  assert.equal(await ip.locator('.timeline .marker').evaluateAll((markers) => markers.map((marker) => [marker.getAttribute('aria-label'), (marker as unknown as { style: { left: string } }).style.left])), [
    ['2026-11-22 10:00 UTC: Phishing host', '100%'],
    ['2026-11-21 10:00 UTC: Scanning', '50%'],
    ['2026-11-20 10:00 UTC: Botnet C2', '0%'],
  ]);
  const link = ip.locator('.refer a.button');
  assert.is(await link.innerText(), 'Search for this ip');
  assert.is(await link.getAttribute('href'), `${intelUrl}/search?q=198.51.100.7`);
  assert.is(await link.getAttribute('rel'), 'noopener noreferrer');

  const domain = card('domain', 'example.org');
  assert.is(await domain.locator('h3 .badge.clean').innerText(), 'Clean');
  assert.equal(await domain.locator('table:has(caption:text("Judgements")) tbody td').allInnerTexts().then((cells) => cells.slice(0, 5)),
    ['Clean', 'Example Intel', 'Low', 'High', 'Score 0 in Example Intel']);
  assert.is(await domain.locator('table:has(caption:text("Sightings"))').count(), 0);
  assert.is(await domain.locator('.refer a.button').getAttribute('href'), `${intelUrl}/search?q=example.org`);

  // Unknown to Example Intel (its 404): no verdict, but its refer link.
  const hash = card('sha256', SHA256);
  assert.is(await hash.locator('h3 .badge').innerText(), 'No verdict');
  assert.is(await hash.locator('.note').innerText(), 'No verdict, judgement or sighting from this relay.');
  assert.is(await hash.locator('.refer a.button').innerText(), 'Search for this sha256');
  for (const [type, value] of [['file_name', 'invoice.exe'], ['email', 'billing@example.net']] as const) {
    assert.is(await card(type, value).locator('.note').innerText(), 'Not one of this relay\'s observable types: the relay answers nothing for it.');
  }
  assert.is(await page.locator('.errors').count(), 0);

  // Raw JSON on demand: closed until asked for, then the answer as the relay sent it.
  const raw = page.locator('#calls .call').nth(1).locator('details.raw');
  assert.not.ok(await raw.locator('pre').isVisible());
  await raw.locator('summary').click();
  const observed = JSON.parse(await raw.locator('pre').innerText()) as { data: { sightings: { count: number }; judgements: { count: number } } };
  assert.equal([observed.data.sightings.count, observed.data.judgements.count], [3, 2]);
  await raw.locator('summary').click();
  // Every finding of the CTIM check on these answers is on screen, once, beside its entity.
  const answers = await page.locator('#calls details.raw pre').allTextContents();
  const expected = [
    ...checkAnswer('/deliberate/observables', JSON.parse(answers[0] ?? '')),
    ...checkAnswer('/observe/observables', observed),
  ].map((finding) => `CTIM: ${finding}`).sort();
  assert.equal((await texts('.findings li')).sort(), expected);
  await page.screenshot({ path: join(shots, 'investigate.png'), fullPage: true });
  // The first screen, as README's docs/console.png shows it.
  await page.screenshot({ path: join(shots, 'console.png'), clip: { x: 0, y: 0, width: 1280, height: 800 } });
});

test('a failing service: its error beside the other observables\' data', async () => {
  await investigate('198.51.100.7 talked to 500.example.com');
  const errors = await texts('#calls .errors li');
  assert.equal(errors, [
    'service unavailable: domain 500.example.com: Example Intel is unavailable; try again later (HTTP 500).',
    'service unavailable: domain 500.example.com: Example Intel is unavailable; try again later (HTTP 500).',
  ]);
  assert.equal(await page.locator('#calls .errors').evaluateAll((lists) => lists.map((list) => list.getAttribute('aria-label'))),
    ['Errors from deliberate/observables', 'Errors from observe/observables']);
  assert.is(await card('ip', '198.51.100.7').locator('h3 .badge').innerText(), 'Malicious');
  assert.is(await card('ip', '198.51.100.7').locator('table:has(caption:text("Sightings")) tbody tr').count(), 3);
  assert.is(await card('domain', '500.example.com').locator('h3 .badge').innerText(), 'No verdict');
  await page.screenshot({ path: join(shots, 'failing-service.png'), fullPage: true });
});

test('each CTIM finding beside the entity it concerns, and hostile answers stay text', async () => {
  // The renderer on a crafted answer: findings on the second judgement and on a refer link, a
  // script in a title, a javascript: link; an indicator tied to the observable by a relationship,
  // and one that is not.
  const drawn = await page.evaluate(async () => {
    const render = await import('/console/render.mjs' as string) as typeof import('../scripts/console/render.mjs');
    const observable = { type: 'ip', value: '192.0.2.1' };
    const judgement = (reason: string) => ({ type: 'judgement', id: `transient:${reason}`, observable, disposition: 2, disposition_name: 'Malicious', source: 'S', reason });
    const calls = [{
      route: 'observe/observables', status: 200, ms: 1,
      answer: { data: {
        judgements: { count: 2, docs: [judgement('<img src=x onerror=alert(1)>'), judgement('second')] },
        indicators: { count: 2, docs: [
          { type: 'indicator', id: 'transient:c2', title: 'C2 list', producer: 'P', severity: 'High', confidence: 'High', short_description: 'Known C2' },
          { type: 'indicator', id: 'transient:other', title: 'Of another observable' },
        ] },
        relationships: { count: 1, docs: [{ type: 'relationship', id: 'transient:r', source_ref: 'transient:second', target_ref: 'transient:c2', relationship_type: 'based-on' }] },
      } },
      findings: ['data.judgements.docs[1].severity: not one of Low, Medium, High, Critical, None, Unknown', 'data.judgements.count: 2, but 3 docs'],
    }];
    const refer = { route: 'refer/observables', status: 200, ms: 1, answer: { data: [{ id: 'r', title: 'Run me', url: 'javascript:alert(1)' }] }, findings: ['data[0].description: required'] };
    const card = render.renderObservable(observable, { entities: render.entitiesOf(calls), refer, supported: true });
    const call = render.renderCall(calls[0] as never);
    const rows = [...card.querySelectorAll('table tbody tr')].map((row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent).join('|'));
    return { rows, images: card.querySelectorAll('img').length, links: card.querySelectorAll('a').length, refer: card.querySelector('.refer li')?.textContent, call: call.querySelector('.findings')?.textContent };
  });
  assert.equal(drawn.rows, [
    'Malicious|S|||<img src=x onerror=alert(1)>|',
    'Malicious|S|||second|',
    'CTIM: data.judgements.docs[1].severity: not one of Low, Medium, High, Critical, None, Unknown',
    'C2 list|P|High|High|Known C2|',
    'judgement “second”|based-on|indicator “C2 list”',
  ]);
  assert.is(drawn.images, 0);
  assert.is(drawn.links, 0);
  assert.is(drawn.refer, 'Run me (not an http(s) URL)CTIM: data[0].description: required');
  assert.is(drawn.call, 'CTIM: data.judgements.count: 2, but 3 docs');
});

test('the Pulsedive port: what Pulsedive says of the name cisco.com resolves to, its indicators and relationships', async () => {
  const second = await (chromium as Browser).newPage({ viewport: { width: 1280, height: 900 } });
  try {
    second.setDefaultTimeout(20_000);
    await second.goto(`${servedPulsedive?.url}/`);
    await second.waitForSelector('body[data-ready="true"]');
    await second.getByLabel(/Paste a threat report/).fill('Beaconing to cisco.com (defanged: cisco[.]com)');
    await second.getByRole('button', { name: 'Investigate', exact: true }).click();
    await second.waitForFunction(() => /^Done: /.test(document.getElementById('status')?.textContent ?? ''));
    const cards = await second.locator('article.observable').evaluateAll((articles) => articles.map((article) => article.getAttribute('aria-label')));
    assert.equal(cards, ['domain cisco.com', 'domain parkingcrew.net']);
    const asked = second.locator('article.observable[aria-label="domain cisco.com"]');
    assert.is(await asked.locator('h3 .badge').innerText(), 'No verdict');
    const named = second.locator('article.observable[aria-label="domain parkingcrew.net"]');
    assert.is(await named.locator('.note').first().innerText(), 'Not asked about: the relay\'s answers speak of it.');
    const observed = cisco.EXPECTED_PAYLOAD_OBSERVE.data;
    assert.is(await named.locator('h3 .badge').innerText(), observed.verdicts.docs[0]?.disposition_name);
    const rows = (caption: string) => named.locator(`table:has(caption:text("${caption}")) tbody tr:not(.finding-row)`);
    // Cisco's Active DNS sighting is of a link seen in 2019: the port keeps recent links only.
    assert.is(await rows('Sightings').count(), observed.sightings.docs.filter((doc) => doc.description !== 'Active DNS').length);
    assert.is(await rows('Judgements').count(), observed.judgements.count);
    assert.equal((await rows('Indicators').evaluateAll((trs) => trs.map((tr) => tr.querySelector('td')?.textContent))).sort(),
      observed.indicators.docs.map((indicator) => indicator.title).sort());
    assert.is(await rows('Relationships').count(), observed.relationships.count);
    // Each end named by its title, else its description (a sighting's is its indicator's title).
    assert.equal(await rows('Relationships').allInnerTexts(), observed.indicators.docs.map((indicator, index) =>
      `sighting “${indicator.title}”\t${index === 4 ? 'member-of' : 'sighting-of'}\tindicator “${indicator.title}”`));
    assert.is(await second.locator('.findings').count(), 0);
    await second.screenshot({ path: join(shots, 'pulsedive.png'), fullPage: true });
  } finally {
    await second.close();
  }
});

test('health on demand, with the time it took', async () => {
  await page.getByRole('button', { name: 'Check health' }).click();
  await page.waitForFunction(() => /^Health: /.test(document.getElementById('status')?.textContent ?? ''));
  assert.match(await page.locator('#status').innerText(), /^Health: HTTP 200, [\d.]+ ms\.$/);
  assert.match(await page.locator('#calls .call h4').innerText(), /^\/health HTTP 200 [\d.]+ ms$/);
});

test('keyboard only: edit a chip\'s type, remove one, add one', async () => {
  await page.getByLabel(/Paste a threat report/).fill('example.org and 198.51.100.7');
  await page.getByLabel('Type of observable 1').focus();
  await page.keyboard.press('End');
  assert.is(await page.getByLabel('Type of observable 1').inputValue(), 'file_name');
  await page.getByLabel('Remove observable 2').focus();
  await page.keyboard.press('Enter');
  assert.is(await page.locator('#chips li').count(), 1);
  assert.ok(await page.getByRole('button', { name: 'Add an observable' }).evaluate((button) => button === document.activeElement));
  await page.keyboard.press('Enter');
  await page.keyboard.type('203.0.113.5');
  assert.equal(await page.locator('#chips input').evaluateAll((inputs) => inputs.map((input) => (input as unknown as Field).value)), ['example.org', '203.0.113.5']);
  // Every control has a name a screen reader reads.
  const unnamed = await page.locator('input, select, textarea, button').evaluateAll((controls) =>
    controls.filter((control) => (control as unknown as { labels: unknown[] | null }).labels?.length === 0 && !control.getAttribute('aria-label') && !control.textContent?.trim()).length);
  assert.is(unnamed, 0);
});

test('the module type as XDR\'s admin sees it: each AUTH\'s form and the capabilities', async () => {
  await page.getByRole('button', { name: 'Module type' }).click();
  const bearer = page.getByRole('region', { name: 'Module type, AUTH=bearer' });
  assert.equal(await bearer.locator('label').allInnerTexts(), ['URL *', 'Authorization Bearer Token *']);
  const hs256 = page.getByRole('region', { name: 'Module type, AUTH=hs256' });
  assert.equal(await hs256.locator('label').allInnerTexts(), ['Example Intel API key *', 'Entities limit']);
  assert.is(await hs256.getByLabel(/Example Intel API key/).getAttribute('type'), 'password');
  assert.is(await page.locator(`#${await hs256.getByLabel(/Example Intel API key/).getAttribute('aria-describedby')}`).innerText(), 'Example Intel API key');
  assert.equal(await bearer.locator('.capabilities li').allInnerTexts(), [
    'health Healthcheck', 'deliberate Deliberation', 'observe Enrichments', 'refer Reference links', 'respond Response actions',
  ]);
  assert.is(await page.getByRole('region', { name: 'Module type, AUTH=rs256' }).count(), 1);
  await page.screenshot({ path: join(shots, 'module-type.png'), fullPage: true });
});

test('the page never received the JWT', async () => {
  assert.ok(served !== undefined && served.token.length > 20);
  assert.ok(seen.length > 5);
  for (const body of seen) assert.not.ok(body.includes(served?.token ?? ''));
  assert.not.ok((await page.content()).includes(served?.token ?? ''));
});

browser.run();
