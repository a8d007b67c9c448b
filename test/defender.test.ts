// The Defender port (test/defender/integration.ts) through the real handler, against a fake
// Microsoft (Azure AD's token endpoint and Defender's API) on 127.0.0.1 that answers what Cisco's
// own tests mocked (test/defender/cisco.ts). Each answer is compared with the one Cisco's tests
// expect, ignoring only what those tests ignore, and with what Cisco's code answered on the same
// data (its scenarios), ignoring only the random ids and what the port changes on purpose (listed
// at the top of the port); every answer passes the CTIM check.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { CTIM_SCHEMA_VERSION } from '../handler/kit/ctim.ts';
import { call, event, harness, post, SECRET, sign } from './fixtures.ts';
import * as cisco from './defender/cisco.ts';
import { integration } from './defender/integration.ts';

const CLAIMS = { client_id: 'client-id-1', client_secret: 'client-secret-1', tenant_id: 'tenant-id-1' };
const GRANTED = cisco.ROUTES['enrich']?.['GET /tenant-id-1/oauth2/token'] as readonly [number, { access_token: string }];
const SHA1 = '36c5d12033b2eaf251bae61c00690ffb17fddc87';
const MACHINE = 'ebfef0ac4aa2ab0b4342c9cd078a6dfb6c66adc0';

/** What the token endpoint answers other tenants: the failures Cisco's tests mocked, and Azure AD's own. */
const TOKEN_FAILURES: Readonly<Record<string, readonly [number, unknown]>> = {
  'no-token': [200, { without_token: 'skip', token_type: 'Bearer' }],
  forbidden: [403, '<html>Forbidden</html>'],
  unexpected: [503, { error: 'temporarily_unavailable', error_description: 'AADSTS50000: There was an error issuing a token.' }],
  unauthorized: [401, ''],
  'bad-request': [400, { error: 'invalid_client', error_description: 'AADSTS7000215: Invalid client secret provided.\r\nTrace ID: 0e6b\r\nTimestamp: 2026-11-28 00:00:00Z' }],
  'not-found': [404, { error: 'invalid_tenant' }],
};

interface Received {
  key: string;
  body: unknown;
  form: Record<string, string> | undefined;
  authorization: string | undefined;
}

const received: Received[] = [];
let routes: Readonly<Record<string, readonly [number, unknown]>> = {};
let server: Server;
let baseUrl = '';

/** `METHOD /path?decoded-query`, a hunting query after it: how test/defender/cisco.ts names a call. */
function keyOf(method: string, url: URL, body: unknown): string {
  const query = [...url.searchParams].map(([name, value]) => `${name}=${value}`).join('&');
  const hunting = url.pathname.endsWith('/advancedqueries/run') ? ` ${String((body as { Query?: unknown } | null)?.Query)}` : '';
  return `${method} ${decodeURIComponent(url.pathname)}${query === '' ? '' : `?${query}`}${hunting}`;
}

/** The fake Microsoft: Azure AD's token endpoint, and Defender's API answering from `routes`. */
function microsoft(request: IncomingMessage, response: ServerResponse): void {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    const text = Buffer.concat(chunks).toString('utf8');
    const url = new URL(request.url ?? '/', 'http://microsoft.test');
    const send = ([status, payload]: readonly [number, unknown]) => {
      response.writeHead(status, { 'content-type': typeof payload === 'string' ? 'text/html' : 'application/json' });
      response.end(typeof payload === 'string' ? payload : JSON.stringify(payload));
    };
    const token = /^\/([^/]+)\/oauth2\/token$/.exec(url.pathname);
    if (token !== null) {
      const form = Object.fromEntries(new URLSearchParams(text));
      received.push({ key: `${request.method} ${url.pathname}`, body: null, form, authorization: undefined });
      const tenant = decodeURIComponent(token[1] as string);
      const valid = form['client_id'] === CLAIMS.client_id && form['client_secret'] === CLAIMS.client_secret && form['grant_type'] === 'client_credentials'
        && form['resource'] === 'https://api.securitycenter.windows.com';
      if (tenant === CLAIMS.tenant_id) return send(valid ? GRANTED : [401, { error: 'invalid_client', error_description: 'AADSTS7000215: Invalid client secret provided.' }]);
      return send(TOKEN_FAILURES[tenant] ?? [400, { error: 'invalid_request', error_description: `AADSTS90002: Tenant '${tenant}' not found.` }]);
    }
    const body = text === '' ? null : (JSON.parse(text) as unknown);
    const key = keyOf(request.method ?? 'GET', url, body);
    const authorization = request.headers.authorization;
    received.push({ key, body: url.pathname.endsWith('/advancedqueries/run') ? null : body, form: undefined, authorization });
    if (authorization !== `Bearer ${GRANTED[1].access_token}`) return send([401, { error: { code: 'Unauthorized', message: 'Token is invalid.' } }]);
    return send(routes[key] ?? [404, { error: { code: 'ResourceNotFound', message: `Not in this test: ${key}` } }]);
  });
}

function relay(env: Record<string, string> = {}) {
  return harness({ SECRET_KEY: SECRET, DEFENDER_LOGIN_URL: baseUrl, DEFENDER_API_URL: baseUrl, ...env }, integration).handler;
}

/** The relay's answer on `path` (checked against CTIM by call()), its HTTP status 200. */
async function answer(path: string, body: unknown, claims: Record<string, string> = CLAIMS, env: Record<string, string> = {}) {
  const result = await call(relay(env), post(path, body, { token: sign(claims) }));
  assert.is(result.status, 200);
  return result.body as Record<string, unknown>;
}

const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
type Doc = Record<string, unknown>;

/** Sightings without their random ids, in the port's CTIM: what the port must answer for Cisco's. */
function withoutIds(answered: unknown, { fromCisco = false } = {}): unknown {
  const body = copy(answered) as { data?: { sightings?: { docs: Doc[] } } };
  for (const doc of body.data?.sightings?.docs ?? []) {
    delete doc['id'];
    if (fromCisco) doc['schema_version'] = CTIM_SCHEMA_VERSION;
  }
  return body;
}

/** The calls to Defender's API (not the token's), each once, in one order: Cisco's came one at a time, ours at once. */
const asked = (calls: readonly (readonly [string, unknown])[]) =>
  [...new Set(calls.filter(([key]) => !key.includes('/oauth2/')).map((pair) => JSON.stringify(pair)))].sort();

function scenario(name: string): cisco.Scenario {
  const found = cisco.SCENARIOS.find((each) => each.name === name);
  assert.ok(found, name);
  return found as cisco.Scenario;
}

/** Runs one of Cisco's scenarios against the port: the same answer, and the same questions to Defender. */
async function replay(name: string, env: Record<string, string> = {}) {
  const { path, body, routes: named, calls, answer: expected } = scenario(name);
  routes = cisco.ROUTES[named] ?? {};
  received.length = 0;
  const got = await answer(path, body, CLAIMS, env);
  assert.equal(withoutIds(got), withoutIds(expected, { fromCisco: true }), name);
  assert.equal(asked(received.map(({ key, body: sent }) => [key, sent])), asked(calls), name);
  return got;
}

const port = suite('Microsoft Defender for Endpoint, rebuilt on the kit');

port.before(async () => {
  server = createServer(microsoft);
  baseUrl = await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));
});

port.after(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

port.before.each(() => {
  received.length = 0;
  routes = {};
});

port('observe: Cisco\'s test_enrich_call_success, as it checks, and all of what Cisco\'s code answers', async () => {
  const body = await replay('enrich');
  // What Cisco's test asserts.
  const sightings = (body['data'] as { sightings: { count: number; docs: Doc[] } }).sightings;
  assert.is(sightings.count, 2);
  assert.is(sightings.docs.length, 2);
  const expected = (cisco.EXPECTED_RESPONSE.data.sightings.docs[0] ?? {}) as Doc;
  assert.equal(Object.keys(sightings.docs[0] ?? {}).sort(), Object.keys(expected).sort());
  const targets = (sightings.docs[0]?.['targets'] ?? []) as { observables: unknown[] }[];
  for (const observable of targets[0]?.observables ?? []) assert.ok(cisco.EXP_TARGET_OBSERVABLES.some((known) => JSON.stringify(known) === JSON.stringify(observable)), JSON.stringify(observable));
});

port('observe: network events and an alert\'s Url and Ip evidence (Cisco\'s code on our scenario)', async () => {
  await replay('network');
});

port('observe: an md5 found through its sha1, a renamed file, an IP Defender does not know', async () => {
  await replay('files');
});

port('observe: CTR_ENTITIES_LIMIT=1 keeps one alert and asks for no events (its count stays all alerts)', async () => {
  await replay('limit', { CTR_ENTITIES_LIMIT: '1' });
});

/** Cisco's expected error, named by the observable it concerns (the kit's settle). */
function concerning(observable: string, expected: { errors: { message: string }[] }) {
  return { errors: expected.errors.map((error) => ({ ...error, message: `${observable}: ${error.message}` })) };
}

port('observe: Defender\'s 500 and 429, Cisco\'s EXPECTED_RESPONSE_500_ERROR and _429_ERROR', async () => {
  const alerts = `GET /api/v1.0/files/${SHA1}/alerts`;
  routes = { [alerts]: [500, { error: { code: 'InternalError', message: 'Boom.' } }] };
  assert.equal(await answer('/observe/observables', [{ type: 'sha1', value: SHA1 }]), concerning(`sha1 ${SHA1}`, cisco.EXPECTED_RESPONSE_500_ERROR));
  routes = { [alerts]: [429, { error: { code: 'TooManyRequests', message: 'Rate limit.' } }] };
  assert.equal(await answer('/observe/observables', [{ type: 'sha1', value: SHA1 }]), concerning(`sha1 ${SHA1}`, cisco.EXPECTED_RESPONSE_429_ERROR));
  // Advanced Hunting's own limit: its words after Cisco's.
  routes = { ...cisco.ROUTES['enrich'], [`POST /api/v1.0/advancedqueries/run DeviceFileEvents | where SHA1 == '${SHA1}' | join kind=leftouter (DeviceNetworkInfo | summarize (LastTimestamp)=arg_max(Timestamp, ReportId) by DeviceId, NetworkAdapterType, MacAddress, DeviceName, IPAddresses) on DeviceId | limit 99`]: [429, { error: 'Hunting quota used up.' }] };
  assert.equal(await answer('/observe/observables', [{ type: 'sha1', value: SHA1 }]), {
    errors: [{ type: 'fatal', code: 'too many requests', message: `sha1 ${SHA1}: Advanced Hunting API rate limit has been exceeded. Hunting quota used up.` }],
  });
});

port('observe: what came before a failure, and the failure (Cisco\'s g.sightings beside its error)', async () => {
  const { body } = scenario('enrich');
  routes = { ...cisco.ROUTES['enrich'], 'GET /api/v1.0/ips/192.0.2.7/alerts': [401, { error: { code: 'Unauthorized', message: 'The token expired.' } }] };
  const got = await answer('/observe/observables', [...(body as object[]), { type: 'ip', value: '192.0.2.7' }]);
  assert.equal(withoutIds({ data: got['data'] }), withoutIds({ data: (scenario('enrich').answer as Doc)['data'] }, { fromCisco: true }));
  assert.equal(got['errors'], [{ type: 'fatal', code: 'authorization error', message: 'ip 192.0.2.7: Authorization failed: The token expired.' }]);
});

port('observe: an observable Defender does not know (Cisco\'s test_enrich_call_wrong_observable); machines are not looked up', async () => {
  routes = { [`POST /api/v1.0/advancedqueries/run DeviceNetworkEvents | where RemoteIP == '@#$%^&' | join kind=leftouter (DeviceNetworkInfo | summarize (LastTimestamp)=arg_max(Timestamp, ReportId) by DeviceId, NetworkAdapterType, MacAddress, DeviceName, IPAddresses) on DeviceId | limit 100`]: [200, { Results: [] }] };
  assert.equal(await answer('/observe/observables', [{ type: 'ip', value: '@#$%^&' }, { type: 'ms_machine_id', value: MACHINE }]), { data: {} });
  assert.equal(received.filter(({ key }) => key.includes('/api/')).map(({ key }) => key.slice(0, 40)), ['GET /api/v1.0/ips/@#$%^&/alerts', 'POST /api/v1.0/advancedqueries/run Devic']);
});

port('observe: a value with quotes cannot rewrite the hunting query; an Advanced Hunting error is Cisco\'s invalid request', async () => {
  received.length = 0;
  const body = await answer('/observe/observables', [{ type: 'domain', value: "x' | union DeviceLogonEvents | where '1' == '1" }]);
  const hunting = received.find(({ key }) => key.includes('advancedqueries'));
  assert.is(hunting?.key, "POST /api/v1.0/advancedqueries/run DeviceNetworkEvents | where RemoteUrl == 'x\\' | union DeviceLogonEvents | where \\'1\\' == \\'1' | join kind=leftouter (DeviceNetworkInfo | summarize (LastTimestamp)=arg_max(Timestamp, ReportId) by DeviceId, NetworkAdapterType, MacAddress, DeviceName, IPAddresses) on DeviceId | limit 100");
  assert.equal(body, { errors: [{ type: 'fatal', code: 'invalid request', message: `domain x' | union DeviceLogonEvents | where '1' == '1: Invalid request to Microsoft Defender for Endpoint. Not in this test: ${String(hunting?.key)}` }] });
});

port('observe: answers Cisco\'s code could not read (a 500 there) are fields left out here', async () => {
  const hash = 'f'.repeat(40);
  routes = {
    [`GET /api/v1.0/files/${hash}/alerts`]: [200, { value: [{
      id: 'a1', title: 'Odd', description: 'An alert', severity: 'Bogus', detectionSource: 'WindowsDefenderAv', alertCreationTime: '2020-01-01T00:00:00Z',
      firstEventTime: '2020-01-01T00:00:00Z', lastUpdateTime: '2020-01-02T00:00:00Z', computerDnsName: 'host-1', machineId: 'm1',
      evidence: [{ entityType: 'File', sha1: null, sha256: null, fileName: 'x.exe', processId: 1, parentProcessId: null }],
    }] }],
    // The machine is unknown (no os); its network list is not JSON, its MAC unknown.
    "POST /api/v1.0/advancedqueries/run DeviceNetworkInfo | where DeviceId == 'm1' | summarize (LastTimestamp)=arg_max(Timestamp, ReportId) by DeviceId, NetworkAdapterType, MacAddress, DeviceName, IPAddresses":
      [200, { Results: [{ MacAddress: null, IPAddresses: '[{"IPAddress": "10.0.0.1"' }] }],
    [`POST /api/v1.0/advancedqueries/run DeviceFileEvents | where SHA1 == '${hash}' | join kind=leftouter (DeviceNetworkInfo | summarize (LastTimestamp)=arg_max(Timestamp, ReportId) by DeviceId, NetworkAdapterType, MacAddress, DeviceName, IPAddresses) on DeviceId | limit 99`]:
      [200, { Results: 'not a list' }],
  };
  const body = await answer('/observe/observables', [{ type: 'sha1', value: hash }]);
  assert.equal(withoutIds(body), { data: { sightings: { count: 1, docs: [{
    type: 'sighting', schema_version: CTIM_SCHEMA_VERSION, source: 'Microsoft Defender for Endpoint', source_uri: 'https://securitycenter.windows.com/alerts/a1/details',
    timestamp: '2020-01-02T00:00:00Z', confidence: 'High', count: 1, observables: [{ type: 'sha1', value: hash }],
    observed_time: { start_time: '2020-01-01T00:00:00Z', end_time: '2020-01-01T00:00:00Z' }, internal: true, title: 'Odd', description: 'An alert',
    sensor: 'endpoint', relations: [], targets: [{
      type: 'endpoint', observables: [{ type: 'hostname', value: 'host-1' }, { type: 'ms_machine_id', value: 'm1' }],
      observed_time: { start_time: '2020-01-01T00:00:00Z', end_time: '2020-01-01T00:00:00Z' },
    }],
  }] } } });
  // An answer that is not JSON at all: the kit's error for that observable (Cisco's code: a 500).
  routes = { [`GET /api/v1.0/files/${hash}/alerts`]: [200, '<html>Sign in</html>'] };
  assert.equal(await answer('/observe/observables', [{ type: 'sha1', value: hash }]), {
    errors: [{ type: 'fatal', code: 'unknown', message: `sha1 ${hash}: Unexpected response from Microsoft Defender for Endpoint: the answer is not JSON.` }],
  });
});

port('the token: fetched once for the whole request and the next ones, with the client credentials form', async () => {
  routes = cisco.ROUTES['enrich'] ?? {};
  const claims = { ...CLAIMS, client_id: 'client-id-1' };
  received.length = 0;
  await answer('/health', null, claims);
  routes = { 'GET /api/exposureScore': [200, { time: '2019-12-03T07:23:53.280499Z', score: 33.49 }] };
  await answer('/health', null, claims);
  await answer('/refer/observables', cisco.REFER_OBSERVABLES, claims);
  const tokens = received.filter(({ key }) => key.includes('/oauth2/'));
  assert.ok(tokens.length <= 1, String(tokens.length));
  for (const { form } of tokens) {
    assert.equal(form, { grant_type: 'client_credentials', client_id: CLAIMS.client_id, client_secret: CLAIMS.client_secret, resource: 'https://api.securitycenter.windows.com' });
  }
  assert.ok(received.filter(({ key }) => key.includes('/api/')).every(({ authorization }) => authorization === `Bearer ${GRANTED[1].access_token}`));
});

port('health: ok (Cisco\'s test_health_call_success), and the token endpoint\'s failures as Cisco answers them', async () => {
  routes = { 'GET /api/exposureScore': [200, { time: '2019-12-03T07:23:53.280499Z', score: 33.491554051195706 }] };
  assert.equal(await answer('/health', null), { data: { status: 'ok' } });
  const as = (tenant: string) => answer('/health', null, { ...CLAIMS, tenant_id: tenant });
  // test_health_call_with_without_token_failure: EXPECTED_RESPONSE_400_ERROR.
  assert.equal(await as('no-token'), cisco.EXPECTED_RESPONSE_400_ERROR);
  // test_health_call_auth_unexpect_error: code unknown, any message.
  assert.equal(await as('forbidden'), { errors: [{ type: 'fatal', code: 'unknown', message: 'Something went wrong.' }] });
  assert.equal(await as('unexpected'), { errors: [{ type: 'fatal', code: 'unknown', message: 'Microsoft Defender for Endpoint returned unexpected error. Details: AADSTS50000: There was an error issuing a token.' }] });
  // test_enrich_call_invalid_auth_401_error and _400_error: code authorization error.
  assert.equal(await as('unauthorized'), { errors: [{ type: 'fatal', code: 'authorization error', message: 'Authorization failed: on Microsoft Defender for Endpoint side' }] });
  assert.equal(await as('bad-request'), { errors: [{ type: 'fatal', code: 'authorization error', message: 'Authorization failed: AADSTS7000215: Invalid client secret provided. Trace ID: 0e6b Timestamp: 2026-11-28 00:00:00Z' }] });
  assert.equal(await as('not-found'), { errors: [{ type: 'fatal', code: 'permission denied', message: 'Invalid Authorization Bearer JWT.' }] });
  assert.equal(await answer('/observe/observables', [{ type: 'sha1', value: SHA1 }], { ...CLAIMS, tenant_id: 'unauthorized' }), {
    errors: [{ type: 'fatal', code: 'authorization error', message: `sha1 ${SHA1}: Authorization failed: on Microsoft Defender for Endpoint side` }],
  });
  // A wrong secret: Azure AD's words, the secret never in them.
  assert.equal(await answer('/health', null, { ...CLAIMS, client_secret: 'wrong' }), { errors: [{ type: 'fatal', code: 'authorization error', message: 'Authorization failed: AADSTS7000215: Invalid client secret provided.' }] });
});

port('authorization: Cisco\'s EXPECTED_RESPONSE_BAD_SIGNATURE, _MISS_AUTH_ERROR and _WRONG_AUTH_TYPE_ERROR, on every route', async () => {
  for (const path of ['/health', '/observe/observables', '/refer/observables', '/respond/observables']) {
    const body = [{ type: 'domain', value: 'asdf.com' }];
    assert.equal((await call(relay(), post(path, body, { token: sign(CLAIMS, 'another secret') }))).body, cisco.EXPECTED_RESPONSE_BAD_SIGNATURE, path);
    assert.equal((await call(relay(), post(path, body, { token: null }))).body, cisco.EXPECTED_RESPONSE_MISS_AUTH_ERROR, path);
    assert.equal((await call(relay(), post(path, body, { headers: { authorization: `Not_Bearer ${sign(CLAIMS)}` } }))).body, cisco.EXPECTED_RESPONSE_WRONG_AUTH_TYPE_ERROR, path);
  }
  assert.is(received.length, 0);
});

port('refer: Cisco\'s test_refer_observables_success; nothing for an empty list or types Defender has no page for', async () => {
  assert.equal(await answer('/refer/observables', cisco.REFER_OBSERVABLES), cisco.REFER_EXPECTED);
  assert.equal(await answer('/refer/observables', []), { data: [] });
  assert.equal(await answer('/refer/observables', [{ type: 'md5', value: '50188823168525455c273c07d8457b87' }, { type: 'ms_machine_id', value: MACHINE }, { type: 'url', value: 'https://a.example/' }]), { data: [] });
  assert.equal(await answer('/refer/observables', [{ type: 'ipv6', value: 'fe80::1' }]), { data: [{
    id: 'ref-md-search-ipv6-fe80::1', title: 'Search for this IPV6', description: 'Lookup this IPV6 on Microsoft Defender for Endpoint',
    url: 'https://securitycenter.windows.com/ips/fe80%3A%3A1', categories: ['Search', 'Microsoft Defender for Endpoint'],
  }] });
  assert.is(received.length, 0);
});

port('a body Cisco\'s schema refused is refused (test_*_invalid_json): invalid argument, the template\'s words', async () => {
  for (const path of ['/observe/observables', '/refer/observables', '/respond/observables']) {
    const body = (await answer(path, [{ type: 'unknown', value: '' }])) as { errors: { code: string }[] };
    assert.equal(body.errors.map(({ code }) => code), ['invalid argument'], path);
  }
});

port('Cisco\'s test_app: other methods are 405, unknown paths 404; deliberate answers {} as Cisco\'s', async () => {
  for (const path of ['/health', '/version', '/deliberate/observables', '/observe/observables', '/refer/observables', '/respond/observables', '/respond/trigger']) {
    assert.is((await call(relay(), event(path, { method: 'GET' }))).status, 405, path);
  }
  for (const method of ['POST', 'GET', 'PUT', 'DELETE']) assert.is((await call(relay(), event(`/${method.toLowerCase()}`, { method }))).status, 404, method);
  assert.equal(await answer('/deliberate/observables', [{ type: 'domain', value: 'asdf.com' }]), { data: {} });
});

const ISOLATION = `GET /api/v1.0/machines/${MACHINE}/machineactions?$filter=type in ('Unisolate', 'Isolate') and status eq 'Succeeded'&$top=1`;
const RESTRICTION = `GET /api/v1.0/machines/${MACHINE}/machineactions?$filter=type in ('UnrestrictCodeExecution', 'RestrictCodeExecution') and status eq 'Succeeded'&$top=1`;
const AVAILABLE = `GET /api/v1.0/machines/${MACHINE}/availableMachineActions`;
const byId = (actions: unknown) => [...(actions as { id: string }[])].sort((a, b) => (a.id < b.id ? -1 : 1));

port('respond: Cisco\'s test_respond_observables_success, an indicator to add', async () => {
  routes = { "GET /api/v1.0/indicators?$filter=indicatorValue eq 'asdf.com'&$top=1": [200, { '@odata.context': 'https://api.securitycenter.windows.com/api/v1.0/$metadata#Indicators', value: [] }] };
  assert.equal(await answer('/respond/observables', [{ type: 'domain', value: 'asdf.com' }]), cisco.EXPECTED_RESPONSE_RESPOND_OBSERVABLE);
  assert.equal(await answer('/respond/observables', []), { data: [] });
});

port('respond: a machine\'s actions by its state (test_respond_target_success, _unisolate, _unrestrict_code_execution)', async () => {
  const machine = [{ type: 'ms_machine_id', value: MACHINE }];
  const history = (isolation: unknown, restriction: unknown) => {
    routes = { [AVAILABLE]: [200, cisco.AVAILABLE_MACHINE_ACTIONS_RESPONSE], [ISOLATION]: [200, isolation], [RESTRICTION]: [200, restriction] };
  };
  history(cisco.HISTORY_MACHINE_ACTIONS_RESPONSE_EMPTY, cisco.HISTORY_MACHINE_ACTIONS_RESPONSE_EMPTY);
  const body = await answer('/respond/observables', machine);
  assert.equal(byId(body['data']), byId(cisco.EXPECTED_RESPONSE_RESPOND_TARGET.data));
  history(cisco.HISTORY_MACHINE_ACTIONS_RESPONSE_ISOLATE, cisco.HISTORY_MACHINE_ACTIONS_RESPONSE_EMPTY);
  const isolated = (await answer('/respond/observables', machine))['data'] as { id: string }[];
  assert.equal(isolated.find(({ id }) => id === cisco.RESPOND_UNISOLATE.id), cisco.RESPOND_UNISOLATE);
  assert.not.ok(isolated.some(({ id }) => id.endsWith('Isolation')));
  history(cisco.HISTORY_MACHINE_ACTIONS_RESPONSE_EMPTY, cisco.HISTORY_MACHINE_ACTIONS_RESPONSE_RESTRICT_CODE_EXECUTION);
  const restricted = (await answer('/respond/observables', machine))['data'] as { id: string }[];
  assert.equal(restricted.find(({ id }) => id === cisco.RESPOND_UNRESTRICT.id), cisco.RESPOND_UNRESTRICT);
  assert.not.ok(restricted.some(({ id }) => id === 'microsoft-defender-RestrictCodeExecution'));
});

port('respond: Defender\'s error on any of the three calls is Cisco\'s invalid request (test_respond_target_failure)', async () => {
  const refused = [400, { error: { code: 'BadRequest', message: 'Any error, but not 401, 429, 500' } }] as const;
  for (const failing of [AVAILABLE, ISOLATION, RESTRICTION]) {
    routes = { [AVAILABLE]: [200, cisco.AVAILABLE_MACHINE_ACTIONS_RESPONSE], [ISOLATION]: [200, cisco.HISTORY_MACHINE_ACTIONS_RESPONSE_EMPTY], [RESTRICTION]: [200, cisco.HISTORY_MACHINE_ACTIONS_RESPONSE_EMPTY], [failing]: refused };
    assert.equal(await answer('/respond/observables', [{ type: 'ms_machine_id', value: MACHINE }]), cisco.RESPOND_FAILURE, failing);
  }
});

port('respond: indicators to remove, machines in every state (Cisco\'s code on our scenario); md5 is offered no indicator to add', async () => {
  const { body, routes: named, answer: expected } = scenario('respond');
  routes = cisco.ROUTES[named] ?? {};
  assert.equal(await answer('/respond/observables', body), expected);
  assert.equal(await answer('/respond/observables', [{ type: 'md5', value: 'd41d8cd98f00b204e9800998ecf8427e' }]), { data: [] });
});

port('trigger: every action sends Defender what Cisco\'s sent, and answers success (test_respond_trigger_success, _target_success)', async () => {
  const triggers = cisco.SCENARIOS.filter(({ name }) => name.startsWith('trigger'));
  assert.is(triggers.length, 24);
  for (const { name, body, routes: named, calls, answer: expected } of triggers) {
    routes = cisco.ROUTES[named] ?? {};
    received.length = 0;
    assert.equal(await answer('/respond/trigger', body), expected, name);
    assert.equal(asked(received.map(({ key, body: sent }) => [key, sent])), asked(calls), name);
  }
  // Removing an indicator (Cisco's code failed with a 500 there).
  routes = { 'DELETE /api/v1.0/indicators/13': [204, ''] };
  received.length = 0;
  assert.equal(await answer('/respond/trigger', { 'action-id': 'microsoft-defender-remove-indicator', observable_type: 'md5', observable_value: 'x', indicator_id: '13' }), { data: { status: 'success' } });
  assert.equal(received.map(({ key }) => key), ['DELETE /api/v1.0/indicators/13']);
});

port('trigger: Cisco\'s refusals and Defender\'s error (test_respond_trigger_unsupported_*, _api_return_400, _wrong_key)', async () => {
  const trigger = (form: Record<string, string>) => answer('/respond/trigger', form);
  assert.equal(await trigger({ 'action-id': 'microsoft-defender-atp-unsupported-action-id', observable_type: 'domain', observable_value: 'asdf.com' }), cisco.TRIGGER_UNSUPPORTED_ACTION);
  assert.equal(await trigger({ 'action-id': 'microsoft-defender-add-indicator-alert', observable_type: 'unknown', observable_value: 'asdf.com' }), {
    errors: [{ type: 'fatal', code: 'unsupported type', message: 'Unsupported observable type unknown' }],
  });
  routes = { 'POST /api/v1.0/indicators': [400, { error: 'It is a bad request' }] };
  assert.equal(await trigger({ 'action-id': 'microsoft-defender-add-indicator-alert', observable_type: 'domain', observable_value: 'asdf.com' }), cisco.TRIGGER_BAD_REQUEST);
  // Microsoft's own error object: its message.
  routes = { [`POST /api/v1.0/machines/${MACHINE}/isolate`]: [400, { error: { code: 'ActiveRequestAlreadyExists', message: 'Action is already in progress.' } }] };
  assert.equal(await trigger({ 'action-id': 'microsoft-defender-FullIsolation', observable_type: 'ms_machine_id', observable_value: MACHINE }), {
    data: { status: 'failure' }, errors: [{ type: 'fatal', code: 'invalid request', message: 'Invalid request to Microsoft Defender for Endpoint. Action is already in progress.' }],
  });
  const wrongKey = (await trigger({ wrong_key: 'defender-add-indicator-alert', observable_type: 'domain', observable_value: 'asdf.com' })) as { errors: { code: string }[] };
  assert.equal(wrongKey.errors.map(({ code }) => code), ['invalid argument']);
});

port.run();
