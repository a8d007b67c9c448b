// The CTIM check: whether an answer of this relay is one XDR accepts. CTIM, the Cisco Threat
// Intelligence Model, is defined by the Clojure schemas of github.com/threatgrid/ctim
// (src/ctim/schemas/*.cljc); this file restates, in our words, the rules of the release named
// below for the entities a relay answers with. Every CTIM map is closed: a key it does not list
// is a violation. Self-contained (node built-ins only): the dev console bundles it as it is.

/** The release (and commit) of threatgrid/ctim these rules were written from. */
export const CTIM_RELEASE = { version: '1.3.28', commit: '6ed620c3d802369703fa33d7456642f87b9efa1b' } as const;

/** CTIM's string lengths (common.cljc: ShortString, MedString, LongString and Markdown). */
const SHORT = 1024;
const MEDIUM = 2048;
const LONG = 5000;

/** vocabularies.cljc, observable-type-identifier. */
export const OBSERVABLE_TYPES: readonly string[] = `
  acudid amp_computer_guid certificate_common_name certificate_issuer certificate_serial cisco_cm_id
  cisco_mid cisco_uc_id cortex_agent_id crowdstrike_id cvm_id cybereason_id darktrace_id device
  domain email email_messageid email_subject file_name file_path google_chromebook_id google_cloud_id
  hostname imei imsi intune_id ip ipv6 jamf_management_id mac_address md5 meraki_network_id
  meraki_node_sn meraki_org_id ms_machine_id mutex ngfw_id ngfw_name odns_identity
  odns_identity_label orbital_node_id pki_serial process_args process_hash process_name process_path
  process_uid process_username processor_id registry_key registry_name registry_path s1_agent_id
  secure_access_id serial_number service_now_id sha1 sha256 swc_device_id trend_micro_id url user
  user_agent
`.trim().split(/\s+/);
const HIGH_MED_LOW = ['Info', 'Low', 'Medium', 'High', 'None', 'Unknown'];
/** Severity is HighMedLow and `Critical` (since 2021-09); confidence stays HighMedLow. */
const SEVERITY = [...HIGH_MED_LOW, 'Critical'];
const TLP = ['red', 'amber', 'green', 'white'];
const DISPOSITIONS: Readonly<Record<number, string>> = { 1: 'Clean', 2: 'Malicious', 3: 'Suspicious', 4: 'Common', 5: 'Unknown' };
const INDICATOR_TYPES = [
  'Malicious E-mail', 'IP Watchlist', 'File Hash Watchlist', 'Domain Watchlist', 'URL Watchlist', 'Malware Artifacts',
  'C2', 'Anonymization', 'Exfiltration', 'Host Characteristics', 'Compromised PKI Certificate', 'Login Name',
  'IMEI Watchlist', 'IMSI Watchlist', 'Private Threat Feed',
];
const COLUMN_TYPES = ['observable', 'string', 'markdown', 'integer', 'number', 'url'];

/** Times CTIM holds: from 1970-01-01 (included) to 2525-01-01T00:00:00.000-00:01 (excluded). */
const EARLIEST = Date.UTC(1970, 0, 1);
const TOO_LATE = Date.UTC(2525, 0, 1, 0, 1);

/** What the walk over one answer collects besides the problems: ids, and the references to them. */
interface Walk {
  readonly problems: string[];
  readonly ids: Map<string, string>;
  readonly refs: { path: string; id: string }[];
}

type Rule = (value: unknown, path: string, walk: Walk) => void;

const at = (path: string, key: string) => (path === '' ? key : `${path}.${key}`);
const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const report = (walk: Walk, path: string, problem: string) => {
  walk.problems.push(`${path === '' ? 'answer' : path}: ${problem}`);
};

const string = (max?: number): Rule => (value, path, walk) => {
  if (typeof value !== 'string') report(walk, path, 'must be a string');
  else if (max !== undefined && value.length > max) report(walk, path, `longer than ${max} characters (${value.length})`);
};
const anyString = string();
const short = string(SHORT);
const medium = string(MEDIUM);
const long = string(LONG);

const oneOf = (values: readonly (string | number)[], what = `one of ${values.join(', ')}`): Rule => (value, path, walk) => {
  if (!values.includes(value as string)) report(walk, path, `must be ${what}: ${JSON.stringify(value)}`);
};

const integer = (min = Number.NEGATIVE_INFINITY): Rule => (value, path, walk) => {
  if (typeof value !== 'number' || !Number.isInteger(value)) report(walk, path, 'must be an integer');
  else if (value < min) report(walk, path, `must be ${min} or more`);
};

const boolean: Rule = (value, path, walk) => {
  if (typeof value !== 'boolean') report(walk, path, 'must be true or false');
};

const anything: Rule = () => undefined;

const object: Rule = (value, path, walk) => {
  if (!isObject(value)) report(walk, path, 'must be an object');
};

const list = (item: Rule): Rule => (value, path, walk) => {
  if (!Array.isArray(value)) return report(walk, path, 'must be a list');
  value.forEach((entry, index) => item(entry, `${path}[${index}]`, walk));
};

/** A closed map: `required` and `optional` keys only, then `refine` on the whole when its keys are sound. */
function map(
  name: string,
  required: Readonly<Record<string, Rule>>,
  optional: Readonly<Record<string, Rule>> = {},
  refine?: (value: Record<string, unknown>, path: string, walk: Walk) => void,
): Rule {
  return (value, path, walk) => {
    if (!isObject(value)) return report(walk, path, `must be an object (${name})`);
    const before = walk.problems.length;
    for (const [key, rule] of Object.entries(required)) {
      if (!Object.hasOwn(value, key)) report(walk, at(path, key), `required in ${name}`);
      else rule(value[key], at(path, key), walk);
    }
    for (const key of Object.keys(value)) {
      if (Object.hasOwn(required, key)) continue;
      const rule = Object.hasOwn(optional, key) ? optional[key] : undefined;
      if (rule === undefined) report(walk, at(path, key), `not a key of ${name}`);
      else rule(value[key], at(path, key), walk);
    }
    if (refine !== undefined && walk.problems.length === before) refine(value, path, walk);
  };
}

/** ISO 8601, as CTIA reads it: a date, optionally a time, optionally a zone (UTC without one). */
const ISO_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/;

/** Milliseconds since the epoch, or a problem. */
function readTime(value: unknown): number | string {
  if (typeof value !== 'string') return 'must be an ISO 8601 time string';
  const match = ISO_TIME.exec(value);
  if (match === null) return `not an ISO 8601 time: ${JSON.stringify(value)}`;
  const [year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0] = match.slice(1, 7).map((part) => Number(part ?? 0));
  const fraction = Number(`0.${match[7] ?? '0'}`);
  // setUTCFullYear, not Date.UTC: years 0-99 stay themselves.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second);
  const local = date.getTime();
  if (date.getUTCDate() !== day || date.getUTCMonth() !== month - 1 || hour > 23 || minute > 59 || second > 59) {
    return `not a calendar time: ${JSON.stringify(value)}`;
  }
  const zone = match[8];
  let offset = 0;
  if (zone !== undefined && zone !== 'Z') {
    const digits = zone.replace(':', '');
    offset = (zone.startsWith('-') ? -1 : 1) * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5) || '0')) * 60_000;
  }
  const time = local - offset + Math.floor(fraction * 1000);
  if (time < EARLIEST || time >= TOO_LATE) {
    return `outside CTIM's times (1970-01-01T00:00:00Z up to 2525-01-01T00:01:00Z): ${JSON.stringify(value)}`;
  }
  return time;
}

const time: Rule = (value, path, walk) => {
  const read = readTime(value);
  if (typeof read === 'string') report(walk, path, read);
};

/** `start_time <= end_time` when both are there (ValidTime, ObservedTime). */
const ordered = (value: Record<string, unknown>, path: string, walk: Walk) => {
  if (value['end_time'] === undefined || value['start_time'] === undefined) return;
  if ((readTime(value['end_time']) as number) < (readTime(value['start_time']) as number)) {
    report(walk, at(path, 'end_time'), `before start_time (${String(value['start_time'])})`);
  }
};

const validTime = map("CTIM's ValidTime", {}, { start_time: time, end_time: time }, ordered);
const observedTime = map("CTIM's ObservedTime", { start_time: time }, { end_time: time }, ordered);

/** `java.net.URI/create` accepts it: RFC 2396/3986 characters (non-ASCII letters too), a sound scheme. */
export function isUri(value: string): boolean {
  if (value.length === 0 || value.length > MEDIUM) return false;
  if (!/^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?#[\]]|%[0-9A-Fa-f]{2}|[^\x00-\xA0\s])*$/u.test(value)) return false;
  const hash = value.indexOf('#');
  if (hash !== -1 && value.indexOf('#', hash + 1) !== -1) return false;
  const scheme = /^([^:/?#]*):/.exec(value);
  if (scheme !== null) {
    if (!/^[A-Za-z][A-Za-z0-9+.-]*$/.test(scheme[1] as string)) return false;
    const rest = value.slice((scheme[1] as string).length + 1);
    if (rest === '' || (/^\/\/(?:[/?#]|$)/.test(rest) && !rest.startsWith('///'))) return false;
  }
  // Brackets only around an IPv6 host.
  const authority = /^(?:[A-Za-z][A-Za-z0-9+.-]*:)?\/\/([^/?#]*)/.exec(value)?.[1] ?? '';
  const outside = value.replace(authority, '');
  return !/[[\]]/.test(outside) && (!/[[\]]/.test(authority) || /(?:^|@)\[[0-9A-Fa-f:.]+\](?::\d*)?$/.test(authority));
}

const uri: Rule = (value, path, walk) => {
  if (typeof value !== 'string') report(walk, path, 'must be a URI string');
  else if (value.length > MEDIUM) report(walk, path, `longer than ${MEDIUM} characters (${value.length})`);
  else if (!isUri(value)) report(walk, path, `not a URI: ${JSON.stringify(value)}`);
};

/** common.cljc SchemaVersion: `\w+.\w+\.\w+`, like `1.3.28`. */
const schemaVersion: Rule = (value, path, walk) => {
  if (typeof value !== 'string' || !/^\w+.\w+\.\w+$/.test(value)) {
    report(walk, path, `not a CTIM schema version (like ${CTIM_RELEASE.version}): ${JSON.stringify(value)}`);
  }
};

/** domain/id.cljc: a transient id, or a long id (a CTIA URL ending in `<type>-<uuid>`). */
const LONG_ID = /^https?:\/\/[-\da-zA-Z][-\da-zA-Z.]*(?::\d+)?(?:\/[-\w.]+)*\/ctia\/[a-z][-a-z]+\/[a-z][-a-z]+-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const isId = (value: unknown): value is string =>
  typeof value === 'string' && value.length <= MEDIUM && (/^transient:.*$/.test(value) || LONG_ID.test(value));

const id: Rule = (value, path, walk) => {
  if (!isId(value)) return report(walk, path, `not a CTIM id (transient:... or a CTIA URL): ${JSON.stringify(value)}`);
  const first = walk.ids.get(value);
  if (first !== undefined) report(walk, path, `the id of ${first} too`);
  else walk.ids.set(value, path.replace(/\.id$/, ''));
};

/** A reference to an entity: kept, so that a transient one can be looked up in the answer. */
const reference: Rule = (value, path, walk) => {
  if (!isId(value)) return report(walk, path, `not a reference to a CTIM entity: ${JSON.stringify(value)}`);
  walk.refs.push({ path, id: value });
};

const observable = map("CTIM's Observable", {
  value: anyString,
  type: oneOf(OBSERVABLE_TYPES, 'a CTIM observable type'),
});

const externalReference = map("CTIM's ExternalReference", { source_name: medium }, {
  description: long,
  url: uri,
  hashes: list(anyString),
  external_id: anyString,
});

/** common.cljc base-entity-entries (the `type` is each entity's own). */
const base = (type: string) => ({
  required: {
    id,
    type: oneOf([type], JSON.stringify(type)),
    schema_version: schemaVersion,
  },
  optional: {
    revision: integer(0),
    external_ids: list(anyString),
    external_references: list(externalReference),
    timestamp: time,
    language: short,
    tlp: oneOf(TLP),
  },
});

const described = { title: short, description: long, short_description: medium };
const sourced = { source: medium, source_uri: uri };

/** `disposition_name` names `disposition` (common.cljc disposition-map). */
const matchingDisposition = (value: Record<string, unknown>, path: string, walk: Walk) => {
  const key = value['disposition'];
  const name = typeof key === 'number' && Object.hasOwn(DISPOSITIONS, key) ? DISPOSITIONS[key] : undefined;
  if (value['disposition_name'] !== undefined && value['disposition_name'] !== name) {
    report(walk, at(path, 'disposition_name'), `must be ${JSON.stringify(name)}, the name of disposition ${String(value['disposition'])}`);
  }
};
const disposition = oneOf([1, 2, 3, 4, 5]);
const dispositionName = oneOf(Object.values(DISPOSITIONS));

const verdict = map("CTIM's Verdict", {
  type: oneOf(['verdict'], '"verdict"'),
  disposition,
  observable,
  valid_time: validTime,
}, {
  judgement_id: reference,
  disposition_name: dispositionName,
}, matchingDisposition);

const judgementBase = base('judgement');
const judgement = map("CTIM's Judgement", {
  ...judgementBase.required,
  source: medium,
  observable,
  disposition,
  disposition_name: dispositionName,
  priority: integer(),
  confidence: oneOf(HIGH_MED_LOW),
  severity: oneOf(SEVERITY),
  valid_time: validTime,
}, {
  ...judgementBase.optional,
  source_uri: uri,
  reason: short,
  reason_uri: uri,
}, matchingDisposition);

const observedRelation = map("CTIM's ObservedRelation", {
  origin: anyString,
  relation: anyString,
  source: observable,
  related: observable,
}, { origin_uri: uri, relation_info: object });

const columnDefinition = map("CTIM's ColumnDefinition", { name: anyString, type: oneOf(COLUMN_TYPES) }, {
  description: long,
  required: boolean,
  short_description: anyString,
});

const sightingDataTable = map("CTIM's SightingDataTable", {
  columns: list(columnDefinition),
  rows: list(list(anything)),
}, { row_count: integer() });

const sensorCoordinates = map("CTIM's SensorCoordinates", { type: anyString, observables: list(observable) }, { os: anyString });
const identitySpecification = map("CTIM's IdentitySpecification", {
  type: anyString,
  observables: list(observable),
  observed_time: observedTime,
}, { os: anyString });

const sightingBase = base('sighting');
const sighting = map("CTIM's Sighting", {
  ...sightingBase.required,
  observed_time: observedTime,
  confidence: oneOf(HIGH_MED_LOW),
  count: integer(0),
}, {
  ...sightingBase.optional,
  ...sourced,
  ...described,
  internal: boolean,
  severity: oneOf(SEVERITY),
  // Open vocabularies in CTIM (Resolution, Sensor): any string.
  resolution: anyString,
  sensor: anyString,
  data: sightingDataTable,
  sensor_coordinates: sensorCoordinates,
  targets: list(identitySpecification),
  observables: list(observable),
  relations: list(observedRelation),
  // sighting/context.cljc: an object; its inner keys are not checked here.
  context: object,
  activity_interval: observedTime,
  detection_interval: observedTime,
  modification_interval: observedTime,
});

const specifications: Readonly<Record<string, Rule>> = {
  Judgement: map("CTIM's JudgementSpecification", {
    type: anyString,
    judgements: list(reference),
    required_judgements: list(map("CTIM's RelatedJudgement", { judgement_id: reference }, {
      confidence: oneOf(HIGH_MED_LOW),
      source: anyString,
      relationship: anyString,
    })),
  }),
  ThreatBrain: map("CTIM's ThreatBrainSpecification", { type: anyString, variables: list(anyString) }, { query: anyString }),
  Snort: map("CTIM's SnortSpecification", { type: anyString, snort_sig: anyString }),
  SIOC: map("CTIM's SIOCSpecification", { type: anyString, SIOC: anyString }),
  OpenIOC: map("CTIM's OpenIOCSpecification", { type: anyString, open_IOC: anyString }),
};

const specification: Rule = (value, path, walk) => {
  const rule = isObject(value) && typeof value['type'] === 'string' && Object.hasOwn(specifications, value['type'])
    ? specifications[value['type']]
    : undefined;
  if (rule === undefined) report(walk, path, `must be a specification of type ${Object.keys(specifications).join(', ')}`);
  else rule(value, path, walk);
};

const openVocabulary: Rule = (value, path, walk) => {
  if (typeof value !== 'string' || value.length > SHORT || !/^[0-9a-z_-]+$/.test(value)) {
    report(walk, path, `must be lower-case letters, digits, - and _: ${JSON.stringify(value)}`);
  }
};

const indicatorBase = base('indicator');
const indicator = map("CTIM's Indicator", {
  ...indicatorBase.required,
  valid_time: validTime,
  producer: short,
}, {
  ...indicatorBase.optional,
  ...described,
  ...sourced,
  severity: oneOf(SEVERITY),
  negate: boolean,
  indicator_type: list(oneOf(INDICATOR_TYPES)),
  tags: list(short),
  composite_indicator_expression: map("CTIM's CompositeIndicatorExpression", {
    operator: oneOf(['and', 'or', 'not']),
    indicator_ids: list(reference),
  }),
  likely_impact: long,
  confidence: oneOf(HIGH_MED_LOW),
  kill_chain_phases: list(map("CTIM's KillChainPhase", { kill_chain_name: openVocabulary, phase_name: openVocabulary })),
  test_mechanisms: list(medium),
  specification,
});

const relationshipBase = base('relationship');
const relationship = map("CTIM's Relationship", {
  ...relationshipBase.required,
  // RelationshipType is an open vocabulary: any string.
  relationship_type: anyString,
  source_ref: reference,
  target_ref: reference,
}, {
  ...relationshipBase.optional,
  ...described,
  ...sourced,
});

/** `{count, docs}` with `count` the number of docs. */
const bundle = (entity: Rule): Rule => map('a {count, docs} bundle', { count: integer(0), docs: list(entity) }, {}, (value, path, walk) => {
  const docs = (value['docs'] as unknown[]).length;
  if (value['count'] !== docs) report(walk, at(path, 'count'), `${String(value['count'])}, but docs holds ${docs}`);
});

const verdicts = bundle(verdict);
const observed: Readonly<Record<string, Rule>> = {
  sightings: bundle(sighting),
  judgements: bundle(judgement),
  verdicts,
  indicators: bundle(indicator),
  relationships: bundle(relationship),
};

const refer = map('a refer link', {
  id: anyString,
  title: anyString,
  description: anyString,
  url: uri,
  categories: list(anyString),
});

// XDR echoes `query-params` to /respond/trigger, whose form needs the observable.
// Other keys are the action's own (an indicator's id): strings, as XDR sends them back.
const queryParams: Rule = (value, path, walk) => {
  if (!isObject(value)) return report(walk, path, 'must be an object');
  for (const key of ['observable_type', 'observable_value']) {
    if (!Object.hasOwn(value, key)) report(walk, at(path, key), 'required in query-params: the trigger needs the observable');
  }
  for (const [key, param] of Object.entries(value)) if (typeof param !== 'string') report(walk, at(path, key), 'must be a string');
};
const respond = map('a respond action', {
  id: anyString,
  title: anyString,
  description: anyString,
  categories: list(anyString),
  'query-params': queryParams,
});

/** One action per id for one observable: XDR would show the same button twice. */
const respondActions: Rule = (value, path, walk) => {
  list(respond)(value, path, walk);
  if (!Array.isArray(value)) return;
  const seen = new Set<string>();
  value.forEach((action: unknown, index) => {
    if (!isObject(action) || !isObject(action['query-params'])) return;
    const params = action['query-params'];
    const key = JSON.stringify([action['id'], params['observable_type'], params['observable_value']]);
    if (seen.has(key)) report(walk, `${path}[${index}].id`, `${JSON.stringify(action['id'])} is offered twice for one observable`);
    seen.add(key);
  });
};

/** A trigger answers whether the action ran: `{"status": "success"}` or `{"status": "failure"}`, nothing else. */
const triggered = map('a /respond/trigger answer', { status: oneOf(['success', 'failure']) });

const errorEntry = map('an error', { type: anyString, code: anyString, message: anyString });

/** What `data` holds on each route; routes not listed are not CTIM and only the envelope is checked. */
const DATA: Readonly<Record<string, Rule>> = {
  '/deliberate/observables': map('a deliberate answer (verdicts only)', {}, { verdicts }),
  '/observe/observables': map('an observe answer', {}, observed),
  '/refer/observables': list(refer),
  '/respond/observables': respondActions,
  '/respond/trigger': triggered,
};

const ROUTES = new Set([
  '/health', '/deliberate/observables', '/observe/observables', '/refer/observables', '/respond/observables',
  '/respond/trigger', '/tiles', '/tiles/tile', '/tiles/tile-data',
]);

/**
 * Every way `answer`, the JSON body a relay route answered, breaks CTIM or the relay contract:
 * one `json.path: problem` per violation, `[]` when XDR accepts it.
 */
export function checkAnswer(path: string, answer: unknown): string[] {
  const walk: Walk = { problems: [], ids: new Map(), refs: [] };
  if (path === '/version') {
    map('the /version answer', { version: anyString })(answer, '', walk);
    return walk.problems;
  }
  if (!ROUTES.has(path)) return [`answer: ${JSON.stringify(path)} is not a relay route`];
  map('a relay answer', {}, { data: DATA[path] ?? anything, errors: list(errorEntry) }, (value, _, inner) => {
    if (value['data'] === undefined && value['errors'] === undefined) report(inner, '', 'holds neither data nor errors');
  })(answer, '', walk);
  for (const { path: where, id: target } of walk.refs) {
    if (target.startsWith('transient:') && !walk.ids.has(target)) {
      report(walk, where, `refers to ${target}, which is not in the answer`);
    }
  }
  return walk.problems;
}

/** Throws, listing every violation, unless `answer` is valid CTIM for `path`. */
export function assertCtim(path: string, answer: unknown): void {
  const problems = checkAnswer(path, answer);
  if (problems.length > 0) throw new Error(`The answer of ${path} is not what XDR accepts:\n${problems.join('\n')}`);
}
