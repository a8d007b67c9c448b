// A third worked example: Cisco's Microsoft Defender for Endpoint relay
// (CiscoSecurity/tr-05-serverless-microsoft-defender-for-endpoint at 3d9248a0, api/*.py and
// config.py) rebuilt on the kit, in our words: observe (alerts and Advanced Hunting events as
// sightings), refer, health, and respond (machine actions by the machine's state, indicators
// added or removed), through OAuth 2.0 client credentials. test/defender.test.ts compares its
// answers with Cisco's expected ones, and with what Cisco's code answers. Like
// test/example/integration.ts, it is a complete handler/integration.ts.
//
// Where it differs from Cisco's on purpose:
// - `schema_version` is the kit's CTIM (1.3.28, not 1.0.17), ids are `transient:sighting-<uuid>`
//   (not `transient-sighting:<uuid>`, which CTIM refuses), a severity Defender does not name is
//   left out (not `null`), an observable without a value (a machine's MAC unknown) is left out;
// - the token is kept across requests (Cisco fetched one per observable), POSTed (Cisco sent its
//   form with a GET), and its error_description quoted on one line, the secret blanked;
// - an answer Cisco's code could not read is not a 500: a machine or a file not found, a network
//   list that is not JSON, a field left out; an answer that is not JSON, or an Advanced Hunting
//   error (Cisco built its `invalid request` and forgot to raise it), that observable's error;
//   the hunting query escapes the observable's value (Cisco pasted it between quotes);
// - a failed lookup's error names its observable (the kit's settle), and the actions offered
//   before a failure are kept beside it;
// - md5 is offered no indicator to add (Cisco offered three its trigger then refused), removing an
//   indicator works (Cisco's trigger failed with a 500), a machine action on another type is an
//   unsupported type (Cisco: unsupported action), and a failed trigger always says `failure`;
// - Microsoft's error object is quoted by its message (Cisco quoted Python's repr of it);
// - bodies are checked by the template: `invalid argument` (Cisco: `invalid payload`).
import { defineIntegration, RelayError, type Context, type Observable, type TriggerForm } from '../../handler/contract.ts';
import { collect } from '../../handler/kit/answer.ts';
import { sighting, type RelationInput, type Severity, type SightingInput } from '../../handler/kit/ctim.ts';
import { referLink } from '../../handler/kit/links.ts';
import { createOAuthService, type TokenFailure } from '../../handler/kit/oauth.ts';
import { settle } from '../../handler/kit/partial.ts';
import type { RawAnswer, StatusMap } from '../../handler/kit/service.ts';

const NAME = 'Microsoft Defender for Endpoint';
const PORTAL = 'https://securitycenter.windows.com';
/** The API's identifier, which tokens are asked for (Azure AD's `resource`). */
const RESOURCE = 'https://api.securitycenter.windows.com';
/** How Defender writes each observable type in titles. */
const NAMES = new Map([['sha1', 'SHA1'], ['sha256', 'SHA256'], ['md5', 'MD5'], ['ip', 'IP'], ['ipv6', 'IPV6'], ['domain', 'Domain']]);
const SEVERITY = new Map<unknown, Severity>([['Informational', 'Info'], ['Low', 'Low'], ['Medium', 'Medium'], ['High', 'High'], ['UnSpecified', 'Unknown']]);
const COMMENT = 'Performed via SecureX Threat Response';
/** Machine actions: Cisco's id and title, Defender's endpoint and the body's own fields. */
const MACHINE_ACTIONS: readonly (readonly [string, string, string, Json?])[] = [
  ['FullIsolation', 'Isolate Device: Full', 'isolate', { IsolationType: 'Full' }],
  ['SelectiveIsolation', 'Isolate Device: Selective', 'isolate', { IsolationType: 'Selective' }],
  ['RunAntiVirusScanQuick', 'Run antivirus scan: Quick', 'runAntiVirusScan', { ScanType: 'Quick' }],
  ['RunAntiVirusScanFull', 'Run antivirus scan: Full', 'runAntiVirusScan', { ScanType: 'Full' }],
  ['CollectInvestigationPackage', 'Collect investigation package', 'collectInvestigationPackage'],
  ['RestrictCodeExecution', 'Restrict app execution', 'restrictCodeExecution'],
  ['InitiateInvestigation', 'Initiate automated investigation', 'startInvestigation'],
  ['Unisolate', 'Release from isolation', 'unisolate'],
  ['UnrestrictCodeExecution', 'Remove app restrictions', 'unrestrictCodeExecution'],
];
const TITLES = new Map(MACHINE_ACTIONS.map(([id, title]) => [id, title]));
/** Indicator actions: Cisco's id and words, Defender's action. */
const INDICATOR_ACTIONS = [['alert', 'Alert', 'Alert'], ['alert-and-block', 'Alert and Block', 'AlertAndBlock'], ['allowed', 'Allow', 'Allowed']] as const;
/** Defender's indicator type of each observable type (it has none for md5 here: Cisco's trigger refused it). */
const INDICATOR_TYPES = new Map([['sha1', 'FileSha1'], ['sha256', 'FileSha256'], ['ip', 'IpAddress'], ['ipv6', 'IpAddress'], ['domain', 'DomainName']]);
const REMOVE = 'microsoft-defender-remove-indicator';

const invalid = (detail?: string) => new RelayError('invalid request', `Invalid request to ${NAME}.${detail === undefined ? '' : ` ${detail}`}`);

/** The token endpoint's failures, as Cisco's relay answered them. */
function tokenError({ status, description }: TokenFailure): RelayError {
  if (status < 300) return invalid('Access Token does not exist.');
  if (status === 400 || status === 401) return new RelayError('authorization error', `Authorization failed: ${description ?? `on ${NAME} side`}`);
  if (status === 404) return new RelayError('permission denied', 'Invalid Authorization Bearer JWT.');
  return new RelayError('unknown', description === undefined ? 'Something went wrong.' : `${NAME} returned unexpected error. Details: ${description}`);
}

type Json = Record<string, unknown>;
interface Hashes { sha1?: unknown; sha256?: unknown; md5?: unknown }
type DefenderContext = Context<'client_id' | 'client_secret' | 'tenant_id', 'DEFENDER_LOGIN_URL' | 'DEFENDER_API_URL'>;

/** Defender's words in an error answer: `{"error": "..."}`, or Microsoft's `{"error": {"message": "..."}}`. */
function detail(answer: RawAnswer): unknown {
  const error = (answer.json() as Json | null)?.['error'];
  return typeof error === 'string' ? error : (error as Json | undefined)?.['message'];
}

/** Cisco's lookups ignored Defender's errors but 401, 429 and 500: "nothing found". */
const IGNORED: StatusMap = { '4xx': 'empty', '5xx': 'empty' };
const HUNTING: StatusMap = { 429: ({ detail: words }) => new RelayError('too many requests', `Advanced Hunting API rate limit has been exceeded. ${words ?? ''}`.trim()) };

/**
 * Defender's API as Cisco's relay answered its statuses: 401, 429 and 500 its own errors, any
 * other failure an invalid request quoting Defender, unless `rules` say otherwise.
 */
function defender(context: DefenderContext, rules: StatusMap = {}) {
  const { client_id: clientId, client_secret: clientSecret, tenant_id: tenant } = context.credentials;
  return createOAuthService({
    name: NAME,
    baseUrl: `${context.settings.DEFENDER_API_URL}/api`,
    credentials: { tokenUrl: `${context.settings.DEFENDER_LOGIN_URL}/${encodeURIComponent(tenant)}/oauth2/token`, clientId, clientSecret, params: { resource: RESOURCE } },
    tokens: { errors: tokenError },
    detail,
    statuses: {
      401: ({ detail: words }) => new RelayError('authorization error', `Authorization failed: ${words ?? `${NAME} refused the token.`}`),
      429: new RelayError('too many requests', `Too many requests to ${NAME} have been made. Please, try again later.`),
      500: new RelayError('internal error', `${NAME} internal error.`),
      '4xx': ({ detail: words }) => invalid(words),
      '5xx': ({ detail: words }) => invalid(words),
      ...rules,
    },
  });
}

/** What observe asks Defender, each file's hashes and each machine's OS and addresses once per request. */
function observing(context: DefenderContext) {
  const [lookup, hunting, quietHunting] = [defender(context, IGNORED), defender(context, HUNTING), defender(context, { ...IGNORED, ...HUNTING })];
  const get = async (path: string) => (await lookup(path)) as Json | null;
  /** An Advanced Hunting query's rows (a KQL string literal escapes `\` and `'`). */
  const hunt = async (query: string, value: string, service = hunting) => {
    const result = (await service('v1.0/advancedqueries/run', { body: { Query: query.replace('?', `'${value.replace(/[\\']/g, '\\$&')}'`) } })) as Json | null;
    return Array.isArray(result?.['Results']) ? (result['Results'] as Json[]) : [];
  };
  const memo = <T>(work: (key: string) => Promise<T>) => {
    const known = new Map<string, Promise<T>>();
    return (key: string) => known.get(key) ?? known.set(key, work(key)).get(key) as Promise<T>;
  };
  const file = memo(async (hash) => ((await get(`v1.0/files/${encodeURIComponent(hash)}`)) ?? {}) as Hashes);
  const machine = memo(async (id) => {
    const found = await get(`v1.0/machines/${encodeURIComponent(id)}`);
    return found === null ? undefined : `${String(found['osPlatform'] ?? '')}${String(found['osProcessor'] ?? '')}${found['version'] ? ` version: ${String(found['version'])}` : ''}`;
  });
  const network = memo(async (id) => (await hunt('DeviceNetworkInfo | where DeviceId == ? | summarize (LastTimestamp)=arg_max(Timestamp, ReportId) by DeviceId, NetworkAdapterType, MacAddress, DeviceName, IPAddresses', id, quietHunting))
    .flatMap((row) => addresses(row['MacAddress'], row['IPAddresses'])));
  return { get, hunt, file, machine, network };
}

type Defender = ReturnType<typeof observing>;

/** A MAC address and the addresses of a JSON list, as Defender writes a network adapter. */
function addresses(mac: unknown, list: unknown): Observable[] {
  let parsed: unknown = [];
  try {
    parsed = JSON.parse(String(list));
  } catch {
    parsed = [];
  }
  const ips = (Array.isArray(parsed) ? (parsed as Json[]) : []).map((item) => String(item?.['IPAddress'] ?? ''));
  return [
    ...(typeof mac === 'string' && mac !== '' ? [{ type: 'mac_address', value: mac }] : []),
    ...ips.flatMap((ip) => (ip.includes(':') ? [{ type: 'ipv6', value: ip }] : ip.includes('.') ? [{ type: 'ip', value: ip }] : [])),
  ];
}

const hashList = (hashes: Hashes) => (['sha1', 'sha256', 'md5'] as const).flatMap((type) => (hashes[type] ? [[type, String(hashes[type])] as const] : []));
const urlOrDomain = (value: string) => ({ type: URL.canParse(value) && new URL(value).host !== '' ? 'url' : 'domain', value });

/** Cisco's _call_hashes: a hash's siblings, when one of them is missing; undefined with neither sha1 nor sha256. */
async function complete(api: Defender, { sha1, sha256, md5 }: Hashes): Promise<Hashes | undefined> {
  if (sha1 && sha256 && md5) return { sha1, sha256, md5 };
  if (sha1) return { sha1, sha256: (await api.file(String(sha1))).sha256, md5: (await api.file(String(sha1))).md5 };
  if (sha256) return { sha1: (await api.file(String(sha256))).sha1, sha256, md5: (await api.file(String(sha256))).md5 };
  return undefined;
}

/** The relations of one sighting, in the order Cisco's mapping writes them. */
function relations(origin: string) {
  const list: RelationInput[] = [];
  const add = (relation: string, source: Observable, related: Observable) => list.push({ origin, relation, source, related });
  /** A file's name, folder and download URL (an alert's evidence, or an event's file). */
  const ofFile = (type: string, value: string, item: Json) => {
    const [name, path, from] = [item['fileName'] || item['FileName'], item['filePath'] || item['FolderPath'], item['FileOriginUrl']];
    if (name) add('File_Name_Of', { type: 'file_name', value: String(name) }, { type, value });
    if (path) add('File_Path_Of', { type: 'file_path', value: String(path) }, { type, value });
    if (from) add('Downloaded_From', { type: 'url', value: String(from) }, { type, value });
    if (from && item['FileOriginReferrerUrl']) add('Refers_To', { type: 'url', value: String(from) }, { type: 'url', value: String(item['FileOriginReferrerUrl']) });
  };
  /** The process that touched it. */
  const ofProcess = (type: string, value: string, event: Json) => {
    if (event['InitiatingProcessFileName']) add('File_Name_Of', { type: 'file_name', value: String(event['InitiatingProcessFileName']) }, { type, value });
    if (event['InitiatingProcessFileName'] && event['InitiatingProcessParentFileName']) {
      add('Parent_Of', { type: 'file_name', value: String(event['InitiatingProcessParentFileName']) }, { type, value });
    }
    if (event['InitiatingProcessFolderPath']) add('File_Path_Of', { type: 'file_path', value: String(event['InitiatingProcessFolderPath']) }, { type, value });
  };
  return { list, add, ofFile, ofProcess };
}

/** An alert's relations: its evidence's files, the processes they injected into, the URL and IP they reached. */
async function alertRelations(api: Defender, alert: Json): Promise<RelationInput[]> {
  const { list, add, ofFile } = relations(String(alert['detectionSource']));
  const evidence = Array.isArray(alert['evidence']) ? (alert['evidence'] as Json[]) : [];
  let hashes: Hashes = {};
  let [url, ip]: (Observable | undefined)[] = [];
  for (const item of evidence) {
    if (item['entityType'] === 'Process' || item['entityType'] === 'File') {
      // Cisco's: evidence with neither sha1 nor sha256 keeps the previous one's hashes, and says so.
      hashes = (await complete(api, item)) ?? hashes;
      Object.assign(item, hashes);
      for (const [type, hash] of hashList(hashes)) ofFile(type, hash, item);
      const parent = evidence.find((other) => item['parentProcessId'] && other['processId'] === item['parentProcessId']);
      for (const [type, hash] of hashList({ sha1: hashes.sha1, sha256: hashes.sha256 })) {
        for (const [parentType, parentHash] of hashList({ sha1: parent?.['sha1'], sha256: parent?.['sha256'] })) {
          add('Injected_Into', { type, value: hash }, { type: parentType, value: parentHash });
        }
      }
    }
    if (item['entityType'] === 'Ip') ip = item['ipAddress'] ? { type: 'ip', value: String(item['ipAddress']) } : undefined;
    if (item['entityType'] === 'Url') url = item['url'] ? urlOrDomain(String(item['url'])) : undefined;
    if (url && ip) add('Resolved_To', url, ip);
    for (const [type, hash] of hashList(hashes)) for (const reached of [url, ip]) if (reached) add('Connect_To', { type, value: hash }, reached);
  }
  return list;
}

/** An Advanced Hunting event's relations: a network event's endpoints, or a file event's files and process. */
async function eventRelations(api: Defender, event: Json, type: string): Promise<RelationInput[]> {
  const { list, add, ofFile, ofProcess } = relations(NAME);
  const process = { sha1: event['InitiatingProcessSHA1'], sha256: event['InitiatingProcessSHA256'], md5: event['InitiatingProcessMD5'] };
  if (type === 'ip' || type === 'domain') {
    const [url, ip] = [event['RemoteUrl'] ? urlOrDomain(String(event['RemoteUrl'])) : undefined, event['RemoteIP'] ? { type: 'ip', value: String(event['RemoteIP']) } : undefined];
    if (url && ip) add('Resolved_To', url, ip);
    if (ip && event['LocalIP']) add('Connect_To', ip, { type: 'ip', value: String(event['LocalIP']) });
    for (const [hashType, hash] of hashList((await complete(api, process)) ?? process)) {
      for (const reached of [url, ip]) if (reached) add('Connect_To', { type: hashType, value: hash }, reached);
      ofProcess(hashType, hash, event);
    }
  } else if (type !== 'ipv6') {
    const own = hashList((await complete(api, { sha1: event['SHA1'], sha256: event['SHA256'], md5: event['MD5'] })) ?? { sha1: event['SHA1'], sha256: event['SHA256'], md5: event['MD5'] });
    for (const [hashType, hash] of own) ofFile(hashType, hash, event);
    const parents = hashList((await complete(api, process)) ?? process);
    for (const [hashType, hash] of parents) ofProcess(hashType, hash, event);
    for (const [hashType, hash] of own) for (const [parentType, parentHash] of parents) add('Parent_Of', { type: hashType, value: hash }, { type: parentType, value: parentHash });
    if (event['ActionType'] === 'FileRenamed' && event['PreviousFileName']) {
      add('Renamed_To', { type: 'file_name', value: String(event['PreviousFileName']) }, { type: 'file_name', value: String(event['FileName']) });
    }
  }
  return list;
}

/** The machine an alert or event was seen on. */
async function target(api: Defender, host: unknown, id: unknown, at: string, more: Observable[]) {
  const os = await api.machine(String(id));
  const observables = [{ type: 'hostname', value: String(host) }, { type: 'ms_machine_id', value: String(id) }, ...more];
  return { type: 'endpoint', observables, observed: { start: at, end: at }, ...(os === undefined ? {} : { os }) };
}

const newestFirst = (items: Json[], key: string) => items.sort((a, b) => (String(a[key]) < String(b[key]) ? 1 : String(a[key]) > String(b[key]) ? -1 : 0));
const HUNT_BY = new Map([['sha1', 'SHA1'], ['sha256', 'SHA256'], ['md5', 'MD5'], ['domain', 'RemoteUrl'], ['ip', 'RemoteIP'], ['ipv6', 'RemoteIP']]);
const ALERTS_BY = new Map([['sha1', 'files'], ['domain', 'domains'], ['ip', 'ips'], ['ipv6', 'ips']]);

/** One observable's sightings: its alerts, newest first, then its hunting events up to the limit. */
async function sightingsOf(api: Defender, observable: Observable, limit: number): Promise<SightingInput[]> {
  const { type, value } = observable;
  const files = !ALERTS_BY.has(type);
  // Alerts are found by sha1: a sha256 or an md5 is looked up first.
  const sha1 = files ? (await api.get(`v1.0/files/${encodeURIComponent(value)}`))?.['sha1'] : value;
  const found = typeof sha1 === 'string' ? await api.get(`v1.0/${ALERTS_BY.get(type) ?? 'files'}/${encodeURIComponent(sha1)}/alerts`) : null;
  const alerts = newestFirst(Array.isArray(found?.['value']) ? (found['value'] as Json[]) : [], 'alertCreationTime');
  const table = files || type === 'sha1' ? 'DeviceFileEvents' : 'DeviceNetworkEvents';
  const events = alerts.length >= limit ? [] : newestFirst(await api.hunt(`${table} | where ${String(HUNT_BY.get(type))} == ? | join kind=leftouter (DeviceNetworkInfo `
    + `| summarize (LastTimestamp)=arg_max(Timestamp, ReportId) by DeviceId, NetworkAdapterType, MacAddress, DeviceName, IPAddresses) on DeviceId | limit ${limit - alerts.length}`, value), 'Timestamp');
  const common = { observable, confidence: 'High', internal: true, source: NAME, sensor: 'endpoint', count: alerts.length + events.length } as const;
  const fromAlerts = alerts.slice(0, limit).map(async (alert) => {
    const at = String(alert['firstEventTime']);
    const machine = String(alert['machineId']);
    const targets = alert['computerDnsName'] ? [await target(api, alert['computerDnsName'], machine, at, await api.network(machine))] : [];
    const [relations, severity] = [await alertRelations(api, alert), SEVERITY.get(alert['severity'])];
    return {
      ...common, targets, relations, observed: { start: at, end: at }, title: String(alert['title']), description: String(alert['description']),
      timestamp: String(alert['lastUpdateTime']), source_uri: `${PORTAL}/alerts/${encodeURIComponent(String(alert['id']))}/details`, ...(severity === undefined ? {} : { severity }),
    };
  });
  const fromEvents = events.map(async (event) => {
    const at = String(event['Timestamp']);
    const relations = await eventRelations(api, event, type);
    const targets = [await target(api, event['DeviceName'], event['DeviceId'], at, addresses(event['MacAddress'], event['IPAddresses']))];
    const data = { columns: event['ActionType'] ? [{ name: 'ActionType', type: 'string' as const }] : [], rows: event['ActionType'] ? [[event['ActionType']]] : [] };
    return { ...common, relations, targets, data, observed: { start: at, end: at } };
  });
  return Promise.all([...fromAlerts, ...fromEvents]);
}

/** Runs one action: Defender's error is its failure. */
async function act(context: DefenderContext, path: string, body?: Json) {
  await defender(context)(path, body === undefined ? { method: 'DELETE' } : { body });
}

/** The machine actions Defender allows now, isolation and restriction turned into their release when in force. */
async function machineOffers(context: DefenderContext, id: string): Promise<string[]> {
  const machine = `v1.0/machines/${encodeURIComponent(id)}`;
  // Any error but 401, 429 and 500: Cisco's invalid request, without Defender's words.
  const api = defender(context, { '4xx': invalid(), '5xx': invalid() });
  const read = async (path: string, query: Record<string, string> = {}) => {
    const result = (await api(path, { query })) as Json | null;
    return Array.isArray(result?.['value']) ? (result['value'] as Json[]) : [];
  };
  const last = async (types: string) => (await read(`${machine}/machineactions`, { $filter: `type in (${types}) and status eq 'Succeeded'`, $top: '1' }))[0]?.['type'];
  let offered = (await read(`${machine}/availableMachineActions`)).filter((item) => item['isAvailable'] === true)
    .flatMap(({ action }) => (action === 'RunAntiVirusScan' ? ['RunAntiVirusScanQuick', 'RunAntiVirusScanFull'] : TITLES.has(String(action)) ? [String(action)] : []))
    .sort((a, b) => (String(TITLES.get(a)) < String(TITLES.get(b)) ? -1 : 1));
  const isolation = (action: string) => action === 'FullIsolation' || action === 'SelectiveIsolation';
  if (offered.some(isolation) && (await last("'Unisolate', 'Isolate'")) === 'Isolate') offered = [...offered.filter((action) => !isolation(action)), 'Unisolate'];
  if (offered.includes('RestrictCodeExecution') && (await last("'UnrestrictCodeExecution', 'RestrictCodeExecution'")) === 'RestrictCodeExecution') {
    offered = [...offered.filter((action) => action !== 'RestrictCodeExecution'), 'UnrestrictCodeExecution'];
  }
  return offered.map((action) => `microsoft-defender-${action}`);
}

export const integration = defineIntegration({
  claims: [
    { name: 'client_id', description: 'Azure AD application (client) ID', field: 'string' },
    { name: 'client_secret', description: 'Azure AD client secret' },
    { name: 'tenant_id', description: 'Azure AD tenant ID', field: 'string' },
  ],
  settings: [
    { name: 'DEFENDER_LOGIN_URL', description: 'Azure AD\'s login', default: 'https://login.windows.net' },
    { name: 'DEFENDER_API_URL', description: 'Defender\'s API', default: RESOURCE },
  ],
  observableTypes: [...NAMES.keys(), 'ms_machine_id'],
  apisLeftOut: 'empty',

  health: async (context) => {
    await defender(context, IGNORED)('exposureScore');
    return { data: { status: 'ok' } };
  },

  observe: async (observables, context) => {
    const api = observing(context);
    const wanted = observables.filter(({ type }) => type !== 'ms_machine_id');
    const { results, errors } = await settle(wanted, (observable) => sightingsOf(api, observable, context.entitiesLimit), { stopAtFirstFailure: true });
    const answer = collect({ errors });
    for (const input of results.flat()) answer.add(input.observable, () => sighting(input));
    return answer.answer({ omitEmptyData: true });
  },

  actions: [
    ...MACHINE_ACTIONS.map(([id, title, endpoint, fields]) => ({
      id: `microsoft-defender-${id}`, title, description: title, categories: [NAME, 'Machine Actions'], types: ['ms_machine_id'],
      run: async ({ value }: Observable, _: unknown, context: DefenderContext) => act(context, `v1.0/machines/${encodeURIComponent(value)}/${endpoint}`, { Comment: COMMENT, ...fields }),
    })),
    ...INDICATOR_ACTIONS.map(([id, words, action]) => ({
      id: `microsoft-defender-add-indicator-${id}`, title: `Add indicator: ${words}`, description: ({ value }: Observable) => `Add indicator with ${words} action for ${value}`,
      categories: [NAME, 'Add Indicator'], types: [...INDICATOR_TYPES.keys()],
      run: async ({ type, value }: Observable, _: unknown, context: DefenderContext) => act(context, 'v1.0/indicators', {
        indicatorValue: value, indicatorType: INDICATOR_TYPES.get(type), action, title: 'From SecureX Threat Response',
        description: 'This indicator was added via SecureX Threat Response by the UI or API response actions', ...(action === 'Allowed' ? {} : { severity: 'High' }),
      }),
    })),
    {
      id: REMOVE, title: 'Remove indicator', description: 'Remove indicator', categories: [NAME, 'Remove Indicator'], types: [...INDICATOR_TYPES.keys(), 'md5'],
      run: async (_: Observable, form: TriggerForm, context: DefenderContext) => act(context, `v1.0/indicators/${encodeURIComponent(String(form['indicator_id'] ?? ''))}`),
    },
  ],

  offer: async (observable, context) => {
    if (observable.type === 'ms_machine_id') return machineOffers(context, observable.value);
    // OData doubles a quote inside a string.
    const result = (await defender(context, IGNORED)('v1.0/indicators', { query: { $filter: `indicatorValue eq '${observable.value.replaceAll("'", "''")}'`, $top: '1' } })) as Json | null;
    const found = Array.isArray(result?.['value']) ? (result['value'][0] as Json | undefined) : undefined;
    if (found === undefined) return observable.type === 'md5' ? [] : INDICATOR_ACTIONS.map(([id]) => `microsoft-defender-add-indicator-${id}`);
    const human = found['action'] === 'AlertAndBlock' ? 'Alert and Block' : String(found['action']);
    return [{
      id: REMOVE, title: `Remove indicator: ${human} - ${String(found['title'])}`, description: `Remove indicator with ${human} action for ${observable.value}`,
      params: { indicator_id: String(found['id']) },
    }];
  },

  refuse: ({ reason, form }) => (reason === 'unknown action'
    ? { data: { status: 'failure' }, errors: [invalid('Unsupported action.').toBody()] }
    : { errors: [new RelayError('unsupported type', `Unsupported observable type ${form.observable_type}`).toBody()] }),

  refer: async (observables) => ({
    data: observables.flatMap(({ type, value }) => {
      const page = new Map([['sha1', 'files'], ['sha256', 'files'], ['ip', 'ips'], ['ipv6', 'ips'], ['domain', 'urls']]).get(type);
      return page === undefined ? [] : [referLink({
        id: `ref-md-search-${type}-${value}`, title: `Search for this ${String(NAMES.get(type))}`, description: `Lookup this ${String(NAMES.get(type))} on ${NAME}`,
        url: `${PORTAL}/${page}/${encodeURIComponent(value)}`, categories: ['Search', NAME],
      })];
    }),
  }),
});
