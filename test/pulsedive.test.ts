// The Pulsedive port (test/pulsedive/integration.ts) through the real handler, against a fake
// Pulsedive on 127.0.0.1 replaying the answers of Cisco's own tests: our answers must equal the
// answers Cisco's tests expect, field by field, ignoring only what those tests ignore (random
// ids, and the relationships' ends, which they check by membership) and what the port changes
// on purpose (test/pulsedive/integration.ts says what and why), and pass the CTIM check.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { CTIM_SCHEMA_VERSION } from '../handler/kit/ctim.ts';
import { USER_AGENT } from '../handler/kit/service.ts';
import { call, harness, post, SECRET, sign } from './fixtures.ts';
import { selfSignedCertificate } from './lib/certificate.ts';
import { assertCtim } from './lib/ctim-check.ts';
import * as cisco from './pulsedive/cisco.ts';
import { createPulsedive } from './pulsedive/integration.ts';
import { createPulsedive as createPulsediveV2 } from './v2/pulsedive.ts';

const KEY = 'my_key_for_pulsedive';
/** A day when Cisco's Active DNS link (2019-06-22) was recent, as its test needed it to be. */
const THEN = new Date('2019-07-01T00:00:00Z');
const HEALTH_ANSWER = {
  iid: 19, type: 'ip', indicator: '144.76.107.175', risk: 'none', risk_recommended: 'none', manualrisk: 0,
  retired: 'No recent activity', stamp_added: '2017-09-27 18:11:44', stamp_updated: '2018-03-26 15:44:24',
  stamp_seen: '2017-09-27 18:11:44', stamp_retired: '2018-03-26 15:44:24', recent: 0,
};

const asked: URLSearchParams[] = [];
const agents: (string | undefined)[] = [];
let http: Server;
let https: Server | undefined;
let baseUrl = '';
let tlsUrl = '';

/** The fake Pulsedive: info.php answers by indicator, as Cisco's tests mocked it. */
function pulsedive(request: IncomingMessage, response: ServerResponse): void {
  const url = new URL(request.url ?? '/', 'http://pulsedive.test');
  asked.push(url.searchParams);
  agents.push(request.headers['user-agent']);
  const send = (status: number, payload: unknown) => {
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(typeof payload === 'string' ? payload : JSON.stringify(payload));
  };
  if (url.pathname !== '/api/info.php' || url.searchParams.get('key') !== KEY) return send(403, { error: 'Invalid API key.' });
  if (url.searchParams.get('iid') === '2') return send(200, HEALTH_ANSWER);
  const indicator = url.searchParams.get('indicator');
  if (url.searchParams.get('get') === 'links') return send(200, indicator === 'parkingcrew.net' ? cisco.PULSEDIVE_ACTIVE_DNS_RESPONSE : {});
  if (indicator === 'cisco.com') return send(200, cisco.PULSEDIVE_RESPONSE_MOCK);
  if (indicator === '0.0.0.0') return send(408, cisco.PULSEDIVE_REQUEST_TIMEOUT);
  if (indicator === 'changed.test') return send(200, cisco.INVALID_PULSEDIVE_RESPONSE);
  if (indicator === 'html.test') return send(502, '<html>Bad gateway</html>');
  return send(404, { error: 'Indicator not found.' });
}

function listen(server: Server): Promise<string> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve(`127.0.0.1:${(server.address() as AddressInfo).port}`));
  });
}

// The port on kit v3, and the same port as written on kit v2 (test/v2/pulsedive.ts): every test
// runs on both, which proves a v2 integration still answers as it did.
const VERSIONS = [['v3', createPulsedive], ['v2', createPulsediveV2]] as const;
let create: (typeof VERSIONS)[number][1] = createPulsedive;

function relay(options: { url?: string; now?: Date; env?: Record<string, string> } = {}) {
  const integration = create({ timeoutMs: 2000, now: () => options.now ?? THEN });
  return harness({ SECRET_KEY: SECRET, PULSEDIVE_URL: options.url ?? baseUrl, ...options.env }, integration).handler;
}

/** What the relay answers on `path` for `observables`, checked against CTIM first. */
async function answer(path: string, observables: unknown, options: Parameters<typeof relay>[0] = {}, token = sign({ key: KEY })) {
  const result = await call(relay(options), post(path, observables, { token }));
  assert.is(result.status, 200);
  assertCtim(path, result.body);
  return result.body as Record<string, unknown>;
}

type Doc = Record<string, unknown>;
type Bundles = Record<string, { count: number; docs: Doc[] }>;

const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/**
 * What Cisco's test does to our answer before comparing (test_enrich.py): pop each judgement's,
 * indicator's and sighting's id, and each relationship's id, source_ref, target_ref and (but in
 * its test with a limit) type, checking each relationship's ends are in the answer. Returns what
 * each relationship linked: the places of its sighting and its indicator, and its type.
 */
function popAsCiscoDoes(data: Bundles, { keepType = false } = {}): { sighting: number; indicator: number; type: unknown }[] {
  for (const judgement of data['judgements']?.docs ?? []) assert.match(String(judgement['id']), /^transient:judgement-/);
  const ids = (name: string) => (data[name]?.docs ?? []).map((doc) => doc['id']);
  const [indicators, sightings] = [ids('indicators'), ids('sightings')];
  for (const name of ['judgements', 'indicators', 'sightings']) for (const doc of data[name]?.docs ?? []) delete doc['id'];
  return (data['relationships']?.docs ?? []).map((link) => {
    assert.match(String(link['id']), /^transient:relationship-/);
    const popped = { sighting: sightings.indexOf(link['source_ref']), indicator: indicators.indexOf(link['target_ref']), type: link['relationship_type'] };
    assert.ok(popped.sighting >= 0 && popped.indicator >= 0, JSON.stringify(link));
    for (const key of ['id', 'source_ref', 'target_ref', ...(keepType ? [] : ['relationship_type'])]) delete link[key];
    return popped;
  });
}

/** Cisco's expected answer, with the differences the port makes on purpose. */
function expected(payload: { data: Bundles }, options: { activeDns?: boolean } = {}): { data: Bundles } {
  const data = copy(payload.data);
  for (const bundle of Object.values(data)) for (const doc of bundle.docs) if (doc['schema_version'] === '1.0.22') doc['schema_version'] = CTIM_SCHEMA_VERSION;
  const sightings = data['sightings'] as { count: number; docs: Doc[] };
  const dns = sightings.docs.findIndex((doc) => doc['description'] === 'Active DNS');
  if (dns >= 0 && options.activeDns === false) {
    sightings.docs.splice(dns, 1);
    sightings.count--;
  } else if (dns >= 0) {
    // Cisco's test replaced get_related_entities by one answering Pulsedive's raw links; its code
    // makes these CTIM observed relations of them.
    (sightings.docs[dns] as Doc)['relations'] = [{
      origin: 'Pulsedive Enrichment Module',
      relation: 'Resolved_To',
      source: { type: 'domain', value: 'parkingcrew.net' },
      related: { type: 'ip', value: '187.191.98.202' },
    }];
  }
  return { data };
}

/** The deterministic ids of Cisco's indicators: Python's uuid5(NAMESPACE_X500, name), computed by Python. */
const INDICATOR_IDS = [
  'transient:indicator-de577757-b53c-5b49-8e8d-508420e9f63b', // found in threat feeds
  'transient:indicator-0218c770-4b29-5e6b-8fa0-dc4d4d39196a', // registration recently updated
  'transient:indicator-8bd23440-9fd1-59b0-93c3-02895c9dfe63', // Kraken Botnet
  'transient:indicator-b9732131-1212-5e2a-8ba2-17b15e296282', // JS Crypto Miner
  'transient:indicator-ffaee398-3b7a-5626-a5a5-1675e2575dd1', // BBcan177 DNSBL
];

for (const [label, build] of VERSIONS) {
  const port = suite(`Pulsedive, rebuilt on the kit (kit ${label})`);

  port.before(() => {
    create = build;
  });

  port.before(async () => {
    http = createServer(pulsedive);
    baseUrl = `http://${await listen(http)}`;
    // A self-signed certificate, made for this run: Node must refuse it.
    https = createTlsServer(selfSignedCertificate(), pulsedive);
    tlsUrl = `https://${await listen(https)}`;
  });

  port.after(async () => {
    http.closeAllConnections();
    https?.closeAllConnections();
    await Promise.all([new Promise((resolve) => http.close(resolve)), new Promise((resolve) => https?.close(resolve))]);
  });

  port.before.each(() => {
    asked.length = 0;
    agents.length = 0;
  });

  port('observe: Cisco\'s EXPECTED_PAYLOAD_OBSERVE, field by field', async () => {
    const body = await answer('/observe/observables', [{ type: 'domain', value: 'cisco.com' }]);
    const data = body['data'] as Bundles;
    assert.equal((data['indicators']?.docs ?? []).map((doc) => doc['id']), INDICATOR_IDS);
    const links = popAsCiscoDoes(data);
    // Each of the first five sightings is of the indicator in the same place; the feed's is member-of.
    assert.equal(links, [0, 1, 2, 3, 4].map((index) => ({ sighting: index, indicator: index, type: index === 4 ? 'member-of' : 'sighting-of' })));
    assert.equal(body, expected(cisco.EXPECTED_PAYLOAD_OBSERVE as { data: Bundles }));
    // One lookup, one for its links; the key as Pulsedive wants it, our User-Agent.
    assert.equal(asked.map((query) => [...query]), [
      [['indicator', 'cisco.com'], ['key', KEY]],
      [['indicator', 'parkingcrew.net'], ['get', 'links'], ['key', KEY]],
    ]);
    assert.equal(agents, [USER_AGENT, USER_AGENT]);
  });

  port('observe: an Active DNS link older than 90 days is no relation (Cisco\'s code, today)', async () => {
    const body = await answer('/observe/observables', [{ type: 'domain', value: 'cisco.com' }], { now: new Date('2026-11-28T00:00:00Z') });
    popAsCiscoDoes(body['data'] as Bundles);
    assert.equal(body, expected(cisco.EXPECTED_PAYLOAD_OBSERVE as { data: Bundles }, { activeDns: false }));
  });

  port('observe: CTR_ENTITIES_LIMIT=1, Cisco\'s EXPECTED_PAYLOAD_OBSERVE_WITH_LIMIT', async () => {
    const body = await answer('/observe/observables', [{ type: 'domain', value: 'cisco.com' }], { env: { CTR_ENTITIES_LIMIT: '1' } });
    const links = popAsCiscoDoes(body['data'] as Bundles, { keepType: true });
    assert.equal(links, [{ sighting: 0, indicator: 0, type: 'sighting-of' }]);
    assert.equal(body, expected(cisco.EXPECTED_PAYLOAD_OBSERVE_WITH_LIMIT as { data: Bundles }));
    // The limit reached, the links are not asked for.
    assert.is(asked.length, 1);
  });

  port('observe: what came before a failure, and the failure (Cisco\'s test_enrich_error_with_data)', async () => {
    const body = await answer('/observe/observables', [{ type: 'domain', value: 'cisco.com' }, { type: 'ip', value: '0.0.0.0' }]);
    popAsCiscoDoes(body['data'] as Bundles);
    assert.equal(body, { ...expected(cisco.EXPECTED_PAYLOAD_OBSERVE as { data: Bundles }), ...cisco.EXPECTED_PAYLOAD_REQUEST_TIMEOUT });
  });

  port('observe and refer: Pulsedive\'s own error alone, its status as the code (EXPECTED_PAYLOAD_REQUEST_TIMEOUT)', async () => {
    for (const path of ['/observe/observables', '/refer/observables']) {
      assert.equal(await answer(path, [{ type: 'ip', value: '0.0.0.0' }]), cisco.EXPECTED_PAYLOAD_REQUEST_TIMEOUT, path);
    }
    // An error that is not JSON: the status's name, and Cisco's sentence.
    assert.equal(await answer('/observe/observables', [{ type: 'domain', value: 'html.test' }]), {
      errors: [{ type: 'fatal', code: 'bad gateway', message: 'The Pulsedive API error.' }],
    });
  });

  port('observe: an answer whose structure changed is Cisco\'s key error (EXPECTED_RESPONSE_KEY_ERROR)', async () => {
    assert.equal(await answer('/observe/observables', [{ type: 'domain', value: 'changed.test' }]), cisco.EXPECTED_RESPONSE_KEY_ERROR);
  });

  port('an untrusted certificate: Cisco\'s EXPECTED_RESPONSE_SSL_ERROR, on every route', async () => {
    for (const path of ['/observe/observables', '/refer/observables']) {
      assert.equal(await answer(path, [{ type: 'domain', value: 'cisco.com' }], { url: tlsUrl }), cisco.EXPECTED_RESPONSE_SSL_ERROR, path);
    }
    assert.equal(await answer('/health', null, { url: tlsUrl }), cisco.EXPECTED_RESPONSE_SSL_ERROR);
  });

  port('refer: Cisco\'s EXPECTED_PAYLOAD_REFER', async () => {
    assert.equal(await answer('/refer/observables', [{ type: 'domain', value: 'cisco.com' }]), cisco.EXPECTED_PAYLOAD_REFER);
  });

  port('unknown to Pulsedive, or a type it does not handle: nothing to say', async () => {
    assert.equal(await answer('/observe/observables', [{ type: 'domain', value: 'unknown.test' }]), { data: {} });
    assert.equal(await answer('/observe/observables', [{ type: 'unknown', value: 'https://google.com' }]), { data: {} });
    assert.equal(await answer('/refer/observables', [{ type: 'unknown', value: 'https://google.com' }]), { data: [] });
    assert.is(asked.length, 1);
  });

  port('authorization: Cisco\'s EXPECTED_PAYLOAD_WITHOUT_JWT and EXPECTED_PAYLOAD_INVALID_JWT', async () => {
    for (const path of ['/health', '/observe/observables', '/refer/observables']) {
      const body = [{ type: 'domain', value: 'cisco.com' }];
      assert.equal((await call(relay(), post(path, body, { token: null }))).body, cisco.EXPECTED_PAYLOAD_WITHOUT_JWT, path);
      // A token without the `key` claim.
      assert.equal((await call(relay(), post(path, body, { token: sign({ jwks_host: 'visibility.amp.cisco.com' }) }))).body, cisco.EXPECTED_PAYLOAD_INVALID_JWT, path);
    }
    assert.is(asked.length, 0);
  });

  port('health: ok; Pulsedive\'s error as Cisco answered it', async () => {
    assert.equal(await answer('/health', null), { data: { status: 'ok' } });
    assert.equal([...(asked[0] ?? [])], [['iid', '2'], ['key', KEY]]);
    assert.equal(await answer('/health', null, {}, sign({ key: 'wrong' })), { errors: [{ type: 'fatal', code: 'forbidden', message: 'Invalid API key.' }] });
  });

  port.run();
}
