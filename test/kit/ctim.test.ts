import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { ErrorBody } from '../../handler/contract.ts';
import {
  bundle, CTIM_SCHEMA_VERSION, CtimError, DISPOSITIONS, indicator, judgement, keep, relationship, SEVERITIES, sighting,
  transientId, UUID_NAMESPACES, uuid5, verdict, type Disposition, type Level, type Severity, type Tlp,
} from '../../handler/kit/ctim.ts';
import { CTIM_OBSERVABLE_TYPES } from '../../handler/observables.ts';
import { checkAnswer, CTIM_RELEASE, OBSERVABLE_TYPES } from '../lib/ctim-check.ts';

const NOW = new Date('2026-11-28T00:00:00Z');
const OBSERVABLE = { type: 'ip', value: '198.51.100.7' };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const withoutId = <T extends { id: string }>(entity: T) => {
  const { id, ...rest } = entity;
  assert.match(id.slice(-36), UUID);
  return { id: id.replace(/[0-9a-f-]{36}$/, '<uuid>'), ...rest };
};

/** The entities, in an observe answer, pass the CTIM check. */
const valid = (data: Record<string, unknown[]>) => {
  const answer = { data: Object.fromEntries(Object.entries(data).map(([key, docs]) => [key, bundle(docs)])) };
  assert.equal(checkAnswer('/observe/observables', answer), []);
};

const throwsCtim = (build: () => unknown, message: string) => {
  try {
    build();
  } catch (error) {
    assert.instance(error, CtimError);
    assert.is((error as Error).message, message);
    return;
  }
  assert.unreachable(`expected: ${message}`);
};

const ctim = suite('ctim');

ctim('implements CTIM 1.3.28, the release the check was written from', () => {
  assert.is(CTIM_SCHEMA_VERSION, '1.3.28');
  assert.is(CTIM_SCHEMA_VERSION, CTIM_RELEASE.version);
  assert.equal(CTIM_OBSERVABLE_TYPES, OBSERVABLE_TYPES);
  assert.is(CTIM_OBSERVABLE_TYPES.length, 63);
});

ctim('transient ids are unique and typed', () => {
  const a = transientId('sighting');
  assert.match(a.replace('transient:sighting-', ''), UUID);
  assert.is.not(transientId('sighting'), a);
});

ctim('deterministic ids: uuid5 as Python\'s uuid.uuid5 makes them (X.500\'s name space by default, as Cisco\'s relays)', () => {
  // Oracle: Python 3, uuid.uuid5(uuid.NAMESPACE_X500, name) and the other name spaces.
  assert.is(uuid5('found in threat feeds'), 'de577757-b53c-5b49-8e8d-508420e9f63b');
  assert.is(uuid5('Kraken Botnet', UUID_NAMESPACES.x500), '8bd23440-9fd1-59b0-93c3-02895c9dfe63');
  assert.is(uuid5(''), 'b4bdf874-8c03-5bd8-8fd7-5e409dfd82c0');
  assert.is(uuid5('https://pulsedive.com/', UUID_NAMESPACES.url), '5efcb5cc-f433-53f7-9128-f3b4610fb3e8');
  assert.is(uuid5('héllo ☃', UUID_NAMESPACES.dns), 'd761a6e4-3a03-5660-8959-4e3b3f1ff0ae');
  assert.is(uuid5('x', '6BA7B814-9DAD-11D1-80B4-00C04FD430C8'), uuid5('x'));
  assert.throws(() => uuid5('x', 'not-a-uuid'), (error: Error) => error.message === 'uuid5: the namespace is not a UUID: not-a-uuid');
  assert.is(transientId('indicator', 'BBcan177 DNSBL'), 'transient:indicator-ffaee398-3b7a-5626-a5a5-1675e2575dd1');
  assert.is(transientId('indicator', 'x', UUID_NAMESPACES.url), `transient:indicator-${uuid5('x', UUID_NAMESPACES.url)}`);
});

ctim('v2: an explicit id, checked; optional fields only when given; times as written', () => {
  const id = transientId('indicator', 'found in threat feeds');
  const made = indicator({ id, producer: 'Pulsedive', valid: { start: '2019-01-01T04:01:30Z' } });
  assert.equal(made, { id, type: 'indicator', schema_version: CTIM_SCHEMA_VERSION, producer: 'Pulsedive', valid_time: { start_time: '2019-01-01T04:01:30Z' } });
  assert.equal(indicator({ producer: 'P', valid: { end: NOW } }).valid_time, { end_time: '2026-11-28T00:00:00.000Z' });
  assert.equal(indicator({ producer: 'P' }).valid_time, {});
  // Both given: ordered, whatever their precision.
  assert.equal(indicator({ producer: 'P', valid: { start: '2026-11-28T00:00:01Z', end: NOW } }).valid_time, { start_time: '2026-11-28T00:00:00.000Z', end_time: '2026-11-28T00:00:01Z' });
  const seen = sighting({ id: 'transient:sighting-1', observable: OBSERVABLE, confidence: 'Medium', observed: { start: '2020-03-31T14:47:36Z' } });
  assert.equal(seen, {
    id: 'transient:sighting-1', type: 'sighting', schema_version: CTIM_SCHEMA_VERSION, confidence: 'Medium', count: 1,
    observables: [OBSERVABLE], observed_time: { start_time: '2020-03-31T14:47:36Z', end_time: '2020-03-31T14:47:36Z' },
  });
  assert.is(sighting({ observable: OBSERVABLE, confidence: 'Medium', observed: { start: NOW }, internal: false }).internal, false);
  const link = relationship({ source_ref: seen.id, target_ref: made.id, relationship_type: 'sighting-of', tlp: 'white', short_description: 'why' });
  assert.equal(Object.keys(link).sort(), ['id', 'relationship_type', 'schema_version', 'short_description', 'source_ref', 'target_ref', 'tlp', 'type']);
  const judged = judgement({ ...base, disposition: 3, valid: { start: '2020-03-31T14:47:36Z', end: '2020-06-30T20:47:36Z' } });
  assert.equal(judged.valid_time, { start_time: '2020-03-31T14:47:36Z', end_time: '2020-06-30T20:47:36Z' });
  // Kit v3: a derived end at its start's precision (v2 wrote it to the millisecond).
  assert.equal(judgement({ ...base, disposition: 3, valid: { start: '2020-03-31T14:47:36Z' } }).valid_time, { start_time: '2020-03-31T14:47:36Z', end_time: '2020-04-07T14:47:36Z' });
  // A string out of CTIM's range is clamped like a Date; one that is no time, or not UTC ISO 8601, is refused.
  assert.equal(sighting({ ...base, observed: { start: '1969-12-31T23:59:59Z' } }).observed_time.start_time, '1970-01-01T00:00:00.000Z');
  for (const bad of ['2020-02-30T00:00:00Z', '2020-03-31 14:47:36', '2020-03-31T24:00:00Z', 'yesterday']) {
    throwsCtim(() => sighting({ ...base, observed: { start: bad } }), 'CTIM cannot hold this sighting: its observed_time.start_time is not a time.');
  }
  throwsCtim(() => indicator({ producer: 'P', id: 'indicator-1' }), 'CTIM cannot hold this indicator: its id is not an id: indicator-1.');
  valid({ indicators: [made], sightings: [seen], relationships: [link], judgements: [judged] });
});

ctim('v2: every field CTIM lists for an indicator, and the base entity\'s', () => {
  const made = indicator({
    producer: 'P', source: 'S', revision: 2, timestamp: '2026-11-28T00:00:00Z', language: 'en', negate: false,
    indicator_type: ['C2', 'IP Watchlist'], likely_impact: 'Data theft', test_mechanisms: ['sandbox'],
    kill_chain_phases: [{ kill_chain_name: 'lockheed-martin-cyber-kill-chain', phase_name: 'command_and_control' }],
  });
  assert.equal(withoutId(made), {
    id: 'transient:indicator-<uuid>', type: 'indicator', schema_version: CTIM_SCHEMA_VERSION, source: 'S', revision: 2,
    timestamp: '2026-11-28T00:00:00Z', language: 'en', producer: 'P', valid_time: {}, negate: false,
    indicator_type: ['C2', 'IP Watchlist'], likely_impact: 'Data theft',
    kill_chain_phases: [{ kill_chain_name: 'lockheed-martin-cyber-kill-chain', phase_name: 'command_and_control' }],
    test_mechanisms: ['sandbox'],
  });
  valid({ indicators: [made] });
  throwsCtim(() => indicator({ producer: 'P', revision: -1 }), 'CTIM cannot hold this indicator: its revision is not 0 or more: -1.');
  throwsCtim(() => indicator({ producer: 'P', indicator_type: ['Botnet' as 'C2'] }), 'CTIM cannot hold this indicator: its indicator_type is not one of Malicious E-mail, IP Watchlist, File Hash Watchlist, Domain Watchlist, URL Watchlist, Malware Artifacts, C2, Anonymization, Exfiltration, Host Characteristics, Compromised PKI Certificate, Login Name, IMEI Watchlist, IMSI Watchlist, Private Threat Feed: Botnet.');
  for (const phase of [{ kill_chain_name: 'Kill Chain', phase_name: 'x' }, { kill_chain_name: 'x', phase_name: '' }]) {
    throwsCtim(() => indicator({ producer: 'P', kill_chain_phases: [phase] }), 'CTIM cannot hold this indicator: its kill_chain_phases are not lower-case letters, digits, - and _.');
  }
});

ctim('v2: an indicator\'s composite expression and its five specifications, with CTIM\'s keys only', () => {
  const [a, b] = [indicator({ producer: 'P' }), indicator({ producer: 'P' })];
  const judged = judgement({ ...base, disposition: 2 });
  const both = indicator({ producer: 'P', composite_indicator_expression: { operator: 'and', indicator_ids: [a.id, b.id] } });
  assert.equal(both.composite_indicator_expression, { operator: 'and', indicator_ids: [a.id, b.id] });
  const specs = [
    { type: 'Judgement', judgements: [judged.id], required_judgements: [{ judgement_id: judged.id, confidence: 'High', source: 'S', relationship: 'r', extra: 1 }] },
    { type: 'ThreatBrain', variables: ['x'], query: 'q' },
    { type: 'ThreatBrain', variables: ['x'] },
    { type: 'Snort', snort_sig: 'alert tcp any any -> any any' },
    { type: 'SIOC', SIOC: 's' },
    { type: 'OpenIOC', open_IOC: '<ioc/>' },
  ] as const;
  const made = specs.map((specification) => indicator({ producer: 'P', specification }));
  assert.equal(made[0]?.specification, { type: 'Judgement', judgements: [judged.id], required_judgements: [{ judgement_id: judged.id, confidence: 'High', source: 'S', relationship: 'r' }] });
  assert.equal(made.slice(1).map((entity) => entity.specification), specs.slice(1));
  assert.equal(indicator({ producer: 'P', specification: { type: 'Judgement', judgements: [], required_judgements: [{ judgement_id: judged.id }] } }).specification, {
    type: 'Judgement', judgements: [], required_judgements: [{ judgement_id: judged.id }],
  });
  valid({ indicators: [a, b, both, ...made], judgements: [judged] });
  throwsCtim(() => indicator({ producer: 'P', specification: { type: 'Yara' } as never }), 'CTIM cannot hold this indicator: its specification has a type CTIM does not know: Yara.');
  throwsCtim(() => indicator({ producer: 'P', composite_indicator_expression: { operator: 'xor' as 'and', indicator_ids: [a.id] } }), 'CTIM cannot hold this indicator: its composite_indicator_expression.operator is not one of and, or, not: xor.');
  throwsCtim(() => indicator({ producer: 'P', composite_indicator_expression: { operator: 'or', indicator_ids: ['x'] } }), 'CTIM cannot hold this indicator: its composite_indicator_expression.indicator_ids is not an id: x.');
});

ctim('v2: every field CTIM lists for a sighting: sensor, targets, context, intervals', () => {
  const host = { type: 'hostname', value: 'laptop-7' };
  const seen = sighting({
    ...base, observed: { start: NOW },
    sensor_coordinates: { type: 'network.firewall', observables: [OBSERVABLE], os: 'PAN-OS' },
    targets: [{ type: 'endpoint.laptop', observables: [host], observed: { start: '2026-11-28T00:00:05Z', end: '2026-11-28T00:00:01Z' }, os: 'macOS' }],
    context: { campaign: 'x' },
    activity_interval: { start: '2026-11-27T00:00:00Z' },
    detection_interval: { start: NOW, end: '2026-11-29T00:00:00Z' },
  });
  assert.equal(seen.sensor_coordinates, { type: 'network.firewall', observables: [OBSERVABLE], os: 'PAN-OS' });
  assert.equal(seen.targets, [{ type: 'endpoint.laptop', observables: [host], os: 'macOS', observed_time: { start_time: '2026-11-28T00:00:01Z', end_time: '2026-11-28T00:00:05Z' } }]);
  assert.equal([seen.context, seen.activity_interval, seen.detection_interval, 'modification_interval' in seen], [
    { campaign: 'x' },
    { start_time: '2026-11-27T00:00:00Z', end_time: '2026-11-27T00:00:00Z' },
    { start_time: '2026-11-28T00:00:00.000Z', end_time: '2026-11-29T00:00:00Z' },
    false,
  ]);
  assert.equal(sighting({ ...base, observed: { start: NOW }, targets: [{ type: 't', observables: [host], observed: { start: NOW } }] }).targets?.[0], {
    type: 't', observables: [host], observed_time: { start_time: '2026-11-28T00:00:00.000Z', end_time: '2026-11-28T00:00:00.000Z' },
  });
  valid({ sightings: [seen] });
  throwsCtim(() => sighting({ ...base, observed: { start: NOW }, modification_interval: { start: 'soon' } }), 'CTIM cannot hold this sighting: its modification_interval.start_time is not a time.');
  // A third party's nulls: an end that is null is the start; a target that is null, or a sensor without observables, is none CTIM holds.
  assert.equal(sighting({ ...base, observed: { start: NOW }, activity_interval: { start: NOW, end: null as never } }).activity_interval, { start_time: '2026-11-28T00:00:00.000Z', end_time: '2026-11-28T00:00:00.000Z' });
  // Kit v3: a null in a list is no item (v2 left the sighting out).
  assert.equal(sighting({ ...base, observed: { start: NOW }, targets: [null as never] }).targets, []);
  throwsCtim(() => sighting({ ...base, observed: { start: NOW }, sensor_coordinates: { type: 's' } as never }), 'CTIM cannot hold this sighting: its observables has an observable type CTIM does not know: undefined.');
  throwsCtim(() => sighting({ ...base, observed: { start: NOW }, targets: [{ type: 't', observables: [host] } as never] }), 'CTIM cannot hold this sighting: its targets.observed_time.start_time is not a time.');
  throwsCtim(() => sighting({ ...base, observed: { start: NOW }, sensor_coordinates: { type: 's', observables: [{ type: 'nope', value: 'x' }] } }), 'CTIM cannot hold this sighting: its observables has an observable type CTIM does not know: nope.');
});

ctim('bundle: count and docs, capped', () => {
  assert.equal(bundle([1, 2, 3]), { count: 3, docs: [1, 2, 3] });
  assert.equal(bundle([1, 2, 3], 2), { count: 2, docs: [1, 2] });
  assert.equal(bundle([]), { count: 0, docs: [] });
});

ctim('sighting: every optional field, and only the keys CTIM lists, nested maps included', () => {
  const entity = sighting({
    observable: OBSERVABLE,
    source: 'Src',
    source_uri: 'https://src.test/1',
    tlp: 'amber',
    external_ids: ['x-1'],
    external_references: [{ source_name: 'Src', url: 'https://src.test/1', description: 'the page', external_id: 'e-1', hashes: ['abc'], extra: 1 } as never],
    confidence: 'Medium',
    severity: 'Critical',
    observed: { start: NOW, end: new Date(NOW.getTime() + 1000) },
    count: 3,
    title: 'Seen',
    description: 'Seen twice',
    short_description: 'Twice',
    internal: true,
    resolution: 'blocked',
    sensor: 'network.firewall',
    relations: [{
      origin: 'Src', origin_uri: 'https://src.test/r', relation: 'Resolved_To', relation_info: { ttl: 60 },
      source: { type: 'domain', value: 'example.org' }, related: OBSERVABLE, extra: 1,
    } as never],
    data: {
      columns: [{ name: 'port', type: 'integer', description: 'd', required: true, short_description: 's', extra: 1 } as never],
      rows: [[443]],
      row_count: 1,
      extra: 1,
    } as never,
    extra: 1,
  } as never);
  assert.equal(withoutId(entity), {
    id: 'transient:sighting-<uuid>',
    type: 'sighting',
    schema_version: CTIM_SCHEMA_VERSION,
    source: 'Src',
    source_uri: 'https://src.test/1',
    tlp: 'amber',
    external_ids: ['x-1'],
    external_references: [{ source_name: 'Src', url: 'https://src.test/1', description: 'the page', external_id: 'e-1', hashes: ['abc'] }],
    confidence: 'Medium',
    severity: 'Critical',
    count: 3,
    observables: [OBSERVABLE],
    observed_time: { start_time: '2026-11-28T00:00:00.000Z', end_time: '2026-11-28T00:00:01.000Z' },
    internal: true,
    title: 'Seen',
    description: 'Seen twice',
    short_description: 'Twice',
    resolution: 'blocked',
    sensor: 'network.firewall',
    relations: [{
      origin: 'Src', origin_uri: 'https://src.test/r', relation: 'Resolved_To', relation_info: { ttl: 60 },
      source: { type: 'domain', value: 'example.org' }, related: OBSERVABLE,
    }],
    data: { columns: [{ name: 'port', type: 'integer', description: 'd', required: true, short_description: 's' }], rows: [[443]], row_count: 1 },
  });
  valid({ sightings: [entity] });
});

ctim('sighting: the minimum, with its defaults; a count of 0; start == end', () => {
  const entity = sighting({ observable: { type: 'ip', value: '198.51.100.7', extra: 1 } as never, source: 'Src', confidence: 'High', observed: { start: NOW }, count: 0 });
  assert.equal(withoutId(entity), {
    id: 'transient:sighting-<uuid>',
    type: 'sighting',
    schema_version: CTIM_SCHEMA_VERSION,
    source: 'Src',
    confidence: 'High',
    count: 0,
    observables: [OBSERVABLE],
    observed_time: { start_time: '2026-11-28T00:00:00.000Z', end_time: '2026-11-28T00:00:00.000Z' },
  });
  assert.is(sighting({ observable: OBSERVABLE, source: 'Src', confidence: 'High', observed: { start: NOW } }).count, 1);
  const table = sighting({ observable: OBSERVABLE, source: 'Src', confidence: 'High', observed: { start: NOW }, data: { columns: [{ name: 'c', type: 'string' }], rows: [['x']] } });
  assert.equal(table.data, { columns: [{ name: 'c', type: 'string' }], rows: [['x']] });
  valid({ sightings: [entity, table] });
});

ctim('judgement: defaults to a 7-day validity, priority 90; only CTIM keys', () => {
  const entity = judgement({ observable: OBSERVABLE, disposition: 3, source: 'Src', confidence: 'Low', severity: 'Medium', now: NOW, extra: 1 } as never);
  assert.equal(withoutId(entity), {
    id: 'transient:judgement-<uuid>',
    type: 'judgement',
    schema_version: CTIM_SCHEMA_VERSION,
    source: 'Src',
    observable: OBSERVABLE,
    disposition: 3,
    disposition_name: 'Suspicious',
    confidence: 'Low',
    severity: 'Medium',
    priority: 90,
    valid_time: { start_time: '2026-11-28T00:00:00.000Z', end_time: '2026-12-05T00:00:00.000Z' },
  });
  valid({ judgements: [entity] });
});

ctim('judgement: an explicit validity, reason and reason_uri; Critical severity', () => {
  const entity = judgement({
    observable: OBSERVABLE, disposition: 1, source: 'Src', confidence: 'High', severity: 'Critical', priority: 95,
    reason: 'allow-listed', reason_uri: 'https://src.test/why',
    valid: { start: NOW, end: new Date('2027-01-01T00:00:00Z') },
  });
  assert.equal(
    [entity.disposition_name, entity.severity, entity.priority, entity.valid_time, entity.reason, entity.reason_uri],
    ['Clean', 'Critical', 95, { start_time: '2026-11-28T00:00:00.000Z', end_time: '2027-01-01T00:00:00.000Z' }, 'allow-listed', 'https://src.test/why'],
  );
  valid({ judgements: [entity] });
});

ctim('judgement: a validity that starts and ends at the same instant is valid', () => {
  const entity = judgement({ observable: OBSERVABLE, disposition: 2, source: 'Src', confidence: 'High', severity: 'High', valid: { start: NOW, end: NOW } });
  assert.equal(entity.valid_time, { start_time: '2026-11-28T00:00:00.000Z', end_time: '2026-11-28T00:00:00.000Z' });
  valid({ judgements: [entity] });
});

ctim('judgement: the default clock is the real one, and the validity still ends', () => {
  const before = Date.now();
  const entity = judgement({ observable: OBSERVABLE, disposition: 5, source: 'Src', confidence: 'Unknown', severity: 'Unknown' });
  const start = Date.parse(entity.valid_time.start_time);
  assert.ok(start >= before - 1 && start <= Date.now());
  assert.is(Date.parse(entity.valid_time.end_time) - start, 7 * 24 * 3600 * 1000);
});

ctim('verdict: exactly CTIM Verdict keys, no id and no schema_version', () => {
  const judged = judgement({ observable: OBSERVABLE, disposition: 2, source: 'Src', confidence: 'High', severity: 'High', now: NOW });
  const from = verdict({ observable: OBSERVABLE, disposition: 2, judgement: { ...judged, extra: 1 } as never });
  assert.equal(from, {
    type: 'verdict',
    observable: OBSERVABLE,
    disposition: 2,
    disposition_name: 'Malicious',
    valid_time: judged.valid_time,
    judgement_id: judged.id,
  });
  const alone = verdict({ observable: OBSERVABLE, disposition: 4, valid: { end: new Date('2026-11-29T00:00:00Z') }, now: NOW });
  assert.equal(alone, {
    type: 'verdict',
    observable: OBSERVABLE,
    disposition: 4,
    disposition_name: 'Common',
    valid_time: { start_time: '2026-11-28T00:00:00.000Z', end_time: '2026-11-29T00:00:00.000Z' },
  });
  valid({ judgements: [judged], verdicts: [from, alone] });
});

ctim('indicator and relationship', () => {
  const made = indicator({
    producer: 'Src', source: 'Src', title: 'C2 list', description: 'Known C2', short_description: 'C2',
    confidence: 'High', severity: 'Critical', tags: ['c2'], valid: { start: NOW, end: new Date('2026-12-05T00:00:00Z') },
  });
  assert.equal(withoutId(made), {
    id: 'transient:indicator-<uuid>',
    type: 'indicator',
    schema_version: CTIM_SCHEMA_VERSION,
    source: 'Src',
    producer: 'Src',
    valid_time: { start_time: '2026-11-28T00:00:00.000Z', end_time: '2026-12-05T00:00:00.000Z' },
    title: 'C2 list',
    description: 'Known C2',
    short_description: 'C2',
    confidence: 'High',
    severity: 'Critical',
    tags: ['c2'],
  });
  assert.equal(Object.keys(indicator({ producer: 'Src', source: 'Src' })).sort(), ['id', 'producer', 'schema_version', 'source', 'type', 'valid_time']);
  const seen = sighting({ observable: OBSERVABLE, source: 'Src', confidence: 'High', observed: { start: NOW } });
  const link = relationship({ source: 'Src', source_ref: seen.id, target_ref: made.id, relationship_type: 'sighting-of' });
  assert.equal(withoutId(link), {
    id: 'transient:relationship-<uuid>',
    type: 'relationship',
    schema_version: CTIM_SCHEMA_VERSION,
    source: 'Src',
    source_ref: seen.id,
    target_ref: made.id,
    relationship_type: 'sighting-of',
  });
  const external = relationship({
    source: 'Src', relationship_type: 'based-on', source_ref: made.id,
    target_ref: 'https://private.intel.amp.cisco.com/ctia/judgement/judgement-de305d54-75b4-431b-adb2-eb6b9e546014',
  });
  valid({ sightings: [seen], indicators: [made], relationships: [link, external] });
});

ctim('the dispositions, their names, the severities', () => {
  assert.equal(DISPOSITIONS, { 1: 'Clean', 2: 'Malicious', 3: 'Suspicious', 4: 'Common', 5: 'Unknown' });
  assert.equal(SEVERITIES, ['High', 'Medium', 'Low', 'None', 'Info', 'Unknown', 'Critical']);
});

const base = { observable: OBSERVABLE, source: 'Src', confidence: 'High' as Level, severity: 'High' as Severity, now: NOW };

ctim('repairs: strings cut to CTIM lengths, ending in …', () => {
  const entity = judgement({ ...base, disposition: 2, source: 's'.repeat(3000), reason: 'r'.repeat(1500) });
  assert.is(entity.source, `${'s'.repeat(2047)}…`);
  assert.is(entity.reason, `${'r'.repeat(1023)}…`);
  const seen = sighting({
    ...base, observed: { start: NOW }, title: 't'.repeat(1025), description: 'd'.repeat(5001), short_description: 'x'.repeat(2049),
    external_references: [{ source_name: 'n'.repeat(2049), description: 'd'.repeat(6000) }],
  });
  assert.equal(
    [seen.title?.length, seen.description?.length, seen.short_description?.length, seen.external_references?.[0]?.source_name.length, seen.external_references?.[0]?.description?.length],
    [1024, 5000, 2048, 2048, 5000],
  );
  const made = indicator({ producer: 'p'.repeat(1025), source: 'Src', tags: ['t'.repeat(1025)] });
  assert.equal([made.producer.length, made.tags?.[0]?.length], [1024, 1024]);
  // Never half of a surrogate pair.
  assert.is(judgement({ ...base, disposition: 2, reason: `${'r'.repeat(1022)}😀😀` }).reason, `${'r'.repeat(1022)}…`);
  valid({ judgements: [entity], sightings: [seen], indicators: [made] });
});

ctim('repairs: times clamped into 1970-01-01 .. 2525-01-01 and ordered', () => {
  const seen = sighting({ ...base, observed: { start: new Date('2026-11-20T00:00:00Z'), end: new Date('2026-11-10T00:00:00Z') } });
  assert.equal(seen.observed_time, { start_time: '2026-11-10T00:00:00.000Z', end_time: '2026-11-20T00:00:00.000Z' });
  const early = sighting({ ...base, observed: { start: new Date('1969-07-20T20:17:00Z') } });
  assert.equal(early.observed_time, { start_time: '1970-01-01T00:00:00.000Z', end_time: '1970-01-01T00:00:00.000Z' });
  const late = judgement({ ...base, disposition: 2, valid: { start: new Date('2999-01-01T00:00:00Z') } });
  assert.equal(late.valid_time, { start_time: '2525-01-01T00:00:00.000Z', end_time: '2525-01-01T00:00:00.000Z' });
  const reversed = verdict({ observable: OBSERVABLE, disposition: 2, valid: { start: NOW, end: new Date('2026-11-01T00:00:00Z') } });
  assert.equal(reversed.valid_time, { start_time: '2026-11-01T00:00:00.000Z', end_time: '2026-11-28T00:00:00.000Z' });
  valid({ sightings: [seen, early], judgements: [late], verdicts: [reversed] });
});

ctim('repairs: URIs percent-encoded; a URI that cannot be one is left out', () => {
  const uri = (source_uri: string) => judgement({ ...base, disposition: 2, source_uri }).source_uri;
  assert.is(uri('https://src.test/a b?q=1 2#x y'), 'https://src.test/a%20b?q=1%202#x%20y');
  assert.is(uri('https://src.test/100%'), 'https://src.test/100%25');
  assert.is(uri('https://src.test/%41'), 'https://src.test/%41');
  assert.is(uri('https://src.test/a#b#c'), 'https://src.test/a#b%23c');
  assert.is(uri('https://src.test/é|"<>[]'), 'https://src.test/%C3%A9%7C%22%3C%3E%5B%5D');
  assert.is(uri('http://[2001:db8::1]:8080/x'), 'http://[2001:db8::1]:8080/x');
  assert.is(uri('https://src.test/\uD800'), 'https://src.test/%EF%BF%BD');
  for (const bad of ['', 'not a uri', '/relative/path', 'ht tp://x', 'http://', 'https://a b/', `https://src.test/${'a'.repeat(2048)}`]) {
    assert.is(uri(bad), undefined, bad);
  }
  const seen = sighting({
    ...base, observed: { start: NOW }, source_uri: 'no', external_references: [{ source_name: 'Src', url: 'https://src.test/a b' }, { source_name: 'Src', url: 'nope' }],
    relations: [{ origin: 'Src', origin_uri: 'nope', relation: 'Related_To', source: OBSERVABLE, related: OBSERVABLE }],
  });
  assert.equal([seen.source_uri, seen.external_references, seen.relations?.[0]?.origin_uri], [
    undefined, [{ source_name: 'Src', url: 'https://src.test/a%20b' }, { source_name: 'Src' }], undefined,
  ]);
  const reasoned = judgement({ ...base, disposition: 2, reason_uri: 'a b' });
  assert.not.ok('reason_uri' in reasoned);
  valid({ sightings: [seen], judgements: [reasoned] });
});

ctim('repairs: priority rounded and held to 0-100', () => {
  const priority = (value: number) => judgement({ ...base, disposition: 2, priority: value }).priority;
  assert.equal([priority(101), priority(-5), priority(89.6), priority(0)], [100, 0, 90, 0]);
});

ctim('data CTIM cannot hold is a CtimError naming the field', () => {
  const cases: [() => unknown, string][] = [
    [() => judgement({ ...base, disposition: 6 as Disposition }), 'CTIM cannot hold this judgement: its disposition is not 1-5: 6.'],
    [() => verdict({ observable: OBSERVABLE, disposition: 0 as Disposition }), 'CTIM cannot hold this verdict: its disposition is not 1-5: 0.'],
    [() => judgement({ ...base, disposition: 2, confidence: 'Critical' as Level }), 'CTIM cannot hold this judgement: its confidence is not one of High, Medium, Low, None, Info, Unknown: Critical.'],
    [() => judgement({ ...base, disposition: 2, severity: 'high' as Severity }), 'CTIM cannot hold this judgement: its severity is not one of High, Medium, Low, None, Info, Unknown, Critical: high.'],
    [() => judgement({ ...base, disposition: 2, priority: Number.NaN }), 'CTIM cannot hold this judgement: its priority is not a number: NaN.'],
    [() => judgement({ ...base, disposition: 2, valid: { start: new Date('nope') } }), 'CTIM cannot hold this judgement: its valid_time.start_time is not a time.'],
    [() => indicator({ producer: 'p', source: 'Src', valid: { start: NOW, end: new Date('nope') } }), 'CTIM cannot hold this indicator: its valid_time.end_time is not a time.'],
    [() => judgement({ ...base, disposition: 2, tlp: 'clear' as Tlp }), 'CTIM cannot hold this judgement: its tlp is not one of white, green, amber, red: clear.'],
    [() => judgement({ ...base, disposition: 2, observable: { type: 'ipv4', value: '1.2.3.4' } }), 'CTIM cannot hold this judgement: its observable has an observable type CTIM does not know: ipv4.'],
    [() => verdict({ observable: { type: 'IP', value: '1.2.3.4' }, disposition: 2 }), 'CTIM cannot hold this verdict: its observable has an observable type CTIM does not know: IP.'],
    [() => sighting({ ...base, observed: { start: new Date(Number.NaN) } }), 'CTIM cannot hold this sighting: its observed_time.start_time is not a time.'],
    [() => sighting({ ...base, observed: { start: NOW, end: new Date(Number.NaN) } }), 'CTIM cannot hold this sighting: its observed_time.end_time is not a time.'],
    [() => sighting({ ...base, observed: { start: NOW }, count: -1 }), 'CTIM cannot hold this sighting: its count is not 0 or more: -1.'],
    [() => sighting({ ...base, observed: { start: NOW }, count: 1.5 }), 'CTIM cannot hold this sighting: its count is not 0 or more: 1.5.'],
    [() => sighting({ ...base, observed: { start: NOW }, severity: 'Big' as Severity }), 'CTIM cannot hold this sighting: its severity is not one of High, Medium, Low, None, Info, Unknown, Critical: Big.'],
    [() => sighting({ ...base, observed: { start: NOW }, confidence: 'x' as Level }), 'CTIM cannot hold this sighting: its confidence is not one of High, Medium, Low, None, Info, Unknown: x.'],
    [() => sighting({ ...base, observed: { start: NOW }, observable: { type: 'asn', value: '1' } }), 'CTIM cannot hold this sighting: its observables has an observable type CTIM does not know: asn.'],
    [() => sighting({ ...base, observed: { start: NOW }, relations: [{ origin: 'o', relation: 'r', source: OBSERVABLE, related: { type: 'asn', value: '1' } }] }), 'CTIM cannot hold this sighting: its relations has an observable type CTIM does not know: asn.'],
    [() => sighting({ ...base, observed: { start: NOW }, data: { columns: [{ name: 'c', type: 'date' as 'url' }], rows: [] } }), 'CTIM cannot hold this sighting: its data.columns has a type CTIM does not know: date.'],
    [() => indicator({ producer: 'p', source: 'Src', confidence: 'x' as Level }), 'CTIM cannot hold this indicator: its confidence is not one of High, Medium, Low, None, Info, Unknown: x.'],
    [() => indicator({ producer: 'p', source: 'Src', severity: 'x' as Severity }), 'CTIM cannot hold this indicator: its severity is not one of High, Medium, Low, None, Info, Unknown, Critical: x.'],
    [() => relationship({ source: 'Src', source_ref: 'sighting-1', target_ref: 'transient:t', relationship_type: 'r' }), 'CTIM cannot hold this relationship: its source_ref is not an id: sighting-1.'],
    [() => relationship({ source: 'Src', source_ref: 'transient:s', target_ref: 'https://x.test/t', relationship_type: 'r' }), 'CTIM cannot hold this relationship: its target_ref is not an id: https://x.test/t.'],
    [() => relationship({ source: 'Src', source_ref: `transient:${'s'.repeat(2048)}`, target_ref: 'transient:t', relationship_type: 'r' }), `CTIM cannot hold this relationship: its source_ref is not an id: transient:${'s'.repeat(53)}….`],
  ];
  for (const [build, message] of cases) throwsCtim(build, message);
  const error = new CtimError('sighting', 'count', 'is not 0 or more: -1');
  assert.equal([error.name, error.code, error.entity, error.field, error.problem, error.toBody()], [
    'CtimError', 'unknown', 'sighting', 'count', 'is not 0 or more: -1',
    { type: 'fatal', code: 'unknown', message: 'CTIM cannot hold this sighting: its count is not 0 or more: -1.' },
  ]);
});

ctim('keep: the entity, or undefined and one error naming the observable', () => {
  const errors: ErrorBody[] = [{ type: 'fatal', code: 'too many requests', message: 'earlier' }];
  const kept = keep(errors, OBSERVABLE, () => sighting({ ...base, observed: { start: NOW } }));
  assert.is(kept?.type, 'sighting');
  const bad = () => sighting({ ...base, observed: { start: new Date('garbage') } });
  assert.is(keep(errors, OBSERVABLE, bad), undefined);
  assert.is(keep(errors, OBSERVABLE, bad), undefined);
  const long = { type: 'domain', value: `${'a'.repeat(200)}.test` };
  assert.is(keep(errors, long, bad), undefined);
  assert.equal(errors, [
    { type: 'fatal', code: 'too many requests', message: 'earlier' },
    { type: 'fatal', code: 'unknown', message: 'A sighting of ip 198.51.100.7 was left out: its observed_time.start_time is not a time.' },
    { type: 'fatal', code: 'unknown', message: `A sighting of domain ${'a'.repeat(127)}… was left out: its observed_time.start_time is not a time.` },
  ]);
  assert.throws(() => keep(errors, OBSERVABLE, () => { throw new TypeError('a bug'); }), /a bug/);
  assert.is(errors.length, 3);
});

ctim('a third party\'s nulls and wrong types: an optional null left out, other values as text, never a TypeError', () => {
  const hostile = <T>(value: T) => value as never;
  const seen = sighting({
    ...base,
    observable: { type: 'ip', value: hostile(7) },
    observed: { start: NOW, end: hostile(null) },
    title: hostile(null),
    description: hostile(42),
    short_description: hostile({ en: 'short' }),
    source_uri: hostile(null),
    external_ids: hostile('r-1'),
    external_references: hostile({ source_name: 'Src', url: null, description: null, external_id: 9, hashes: 'abc' }),
    resolution: hostile(false),
    sensor: hostile(null),
    relations: hostile({ origin: 1, relation: 'Related_To', origin_uri: 5, source: OBSERVABLE, related: OBSERVABLE }),
    data: { columns: [{ name: hostile(1), type: 'string', short_description: hostile(2) }], rows: [] },
  });
  assert.equal(withoutId(seen), {
    id: 'transient:sighting-<uuid>',
    type: 'sighting',
    schema_version: CTIM_SCHEMA_VERSION,
    source: 'Src',
    external_ids: ['r-1'],
    external_references: [{ source_name: 'Src', external_id: '9', hashes: ['abc'] }],
    confidence: 'High',
    severity: 'High',
    count: 1,
    observables: [{ type: 'ip', value: '7' }],
    observed_time: { start_time: '2026-11-28T00:00:00.000Z', end_time: '2026-11-28T00:00:00.000Z' },
    description: '42',
    short_description: '{"en":"short"}',
    resolution: 'false',
    relations: [{ origin: '1', relation: 'Related_To', source: OBSERVABLE, related: OBSERVABLE }],
    data: { columns: [{ name: '1', type: 'string', short_description: '2' }], rows: [] },
  });
  const made = indicator({ producer: hostile(undefined), source: 'Src', tags: hostile(['a', 1]), test_mechanisms: hostile('yara'), valid: hostile({ start: null, end: NOW }) });
  assert.equal([made.producer, made.tags, made.test_mechanisms, made.valid_time], ['', ['a', '1'], ['yara'], { end_time: '2026-11-28T00:00:00.000Z' }]);
  const judged = judgement({ ...base, disposition: 2, reason: hostile(null), reason_uri: hostile(3), priority: hostile(null) });
  assert.equal([judged.priority, 'reason' in judged, 'reason_uri' in judged], [90, false, false]);
  const linked = relationship({ source: 'Src', source_ref: seen.id, target_ref: made.id, relationship_type: hostile(5), title: hostile(null) });
  assert.is(linked.relationship_type, '5');
  assert.is(verdict({ observable: OBSERVABLE, disposition: 2, judgement: hostile(null), now: NOW }).valid_time.start_time, '2026-11-28T00:00:00.000Z');
  valid({ sightings: [seen], indicators: [made], judgements: [judged], relationships: [linked] });
  throwsCtim(() => sighting({ ...base, observed: { start: hostile(null) } }), 'CTIM cannot hold this sighting: its observed_time.start_time is not a time.');
  throwsCtim(() => sighting({ ...base, observed: { start: hostile(1764288000000) } }), 'CTIM cannot hold this sighting: its observed_time.start_time is not a time.');
  throwsCtim(() => relationship({ source: 'Src', source_ref: hostile(null), target_ref: made.id, relationship_type: 'r' }), 'CTIM cannot hold this relationship: its source_ref is not an id: .');
  throwsCtim(() => relationship({ source: 'Src', source_ref: hostile(12), target_ref: made.id, relationship_type: 'r' }), 'CTIM cannot hold this relationship: its source_ref is not an id: 12.');
  throwsCtim(() => verdict({ observable: hostile(null), disposition: 2 }), 'CTIM cannot hold this verdict: its observable has an observable type CTIM does not know: undefined.');
  throwsCtim(() => judgement({ ...base, disposition: 2, observable: hostile({ value: 'x' }) }), 'CTIM cannot hold this judgement: its observable has an observable type CTIM does not know: undefined.');
});

ctim.run();
