import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  bundle, CTIM_SCHEMA_VERSION, DISPOSITIONS, indicator, judgement, relationship, sighting, transientId, verdict,
  type Disposition, type Level, type Tlp,
} from '../../handler/kit/ctim.ts';

const NOW = new Date('2026-11-28T00:00:00Z');
const OBSERVABLE = { type: 'ip', value: '198.51.100.7' };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const withoutId = <T extends { id: string }>(entity: T) => {
  const { id, ...rest } = entity;
  assert.match(id.slice(-36), UUID);
  return { id: id.replace(/[0-9a-f-]{36}$/, '<uuid>'), ...rest };
};

const ctim = suite('ctim');

ctim('transient ids are unique and typed', () => {
  const a = transientId('sighting');
  assert.match(a.replace('transient:sighting-', ''), UUID);
  assert.is.not(transientId('sighting'), a);
});

ctim('bundle: count and docs, capped', () => {
  assert.equal(bundle([1, 2, 3]), { count: 3, docs: [1, 2, 3] });
  assert.equal(bundle([1, 2, 3], 2), { count: 2, docs: [1, 2] });
  assert.equal(bundle([]), { count: 0, docs: [] });
});

ctim('sighting: every optional field', () => {
  const entity = sighting({
    observable: OBSERVABLE,
    source: 'Src',
    source_uri: 'https://src.test/1',
    tlp: 'amber',
    external_ids: ['x-1'],
    external_references: [{ source_name: 'Src', url: 'https://src.test/1' }],
    confidence: 'Medium',
    severity: 'Low',
    observed: { start: NOW, end: new Date(NOW.getTime() + 1000) },
    count: 3,
    title: 'Seen',
    description: 'Seen twice',
    internal: true,
  });
  assert.equal(withoutId(entity), {
    id: 'transient:sighting-<uuid>',
    type: 'sighting',
    schema_version: CTIM_SCHEMA_VERSION,
    source: 'Src',
    source_uri: 'https://src.test/1',
    tlp: 'amber',
    external_ids: ['x-1'],
    external_references: [{ source_name: 'Src', url: 'https://src.test/1' }],
    confidence: 'Medium',
    severity: 'Low',
    count: 3,
    observables: [OBSERVABLE],
    observed_time: { start_time: '2026-11-28T00:00:00.000Z', end_time: '2026-11-28T00:00:01.000Z' },
    internal: true,
    title: 'Seen',
    description: 'Seen twice',
  });
});

ctim('sighting: the minimum, with its defaults', () => {
  const entity = sighting({ observable: OBSERVABLE, source: 'Src', confidence: 'High', observed: { start: NOW } });
  assert.equal(withoutId(entity), {
    id: 'transient:sighting-<uuid>',
    type: 'sighting',
    schema_version: CTIM_SCHEMA_VERSION,
    source: 'Src',
    confidence: 'High',
    count: 1,
    observables: [OBSERVABLE],
    observed_time: { start_time: '2026-11-28T00:00:00.000Z', end_time: '2026-11-28T00:00:00.000Z' },
    internal: false,
  });
});

ctim('judgement: defaults to a 7-day validity, priority 90', () => {
  const entity = judgement({ observable: OBSERVABLE, disposition: 3, source: 'Src', confidence: 'Low', severity: 'Medium', now: NOW });
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
});

ctim('judgement: an explicit validity, reason and reason_uri', () => {
  const entity = judgement({
    observable: OBSERVABLE, disposition: 1, source: 'Src', confidence: 'High', severity: 'None', priority: 95,
    reason: 'allow-listed', reason_uri: 'https://src.test/why',
    valid: { start: NOW, end: new Date('2027-01-01T00:00:00Z') },
  });
  assert.equal(
    [entity.disposition_name, entity.priority, entity.valid_time, entity.reason, entity.reason_uri],
    ['Clean', 95, { start_time: '2026-11-28T00:00:00.000Z', end_time: '2027-01-01T00:00:00.000Z' }, 'allow-listed', 'https://src.test/why'],
  );
});

ctim('judgement: the default clock is the real one, and the validity still ends', () => {
  const before = Date.now();
  const entity = judgement({ observable: OBSERVABLE, disposition: 5, source: 'Src', confidence: 'Unknown', severity: 'Unknown' });
  const start = Date.parse(entity.valid_time.start_time);
  assert.ok(start >= before - 1 && start <= Date.now());
  assert.is(Date.parse(entity.valid_time.end_time) - start, 7 * 24 * 3600 * 1000);
});

ctim('verdict: from a judgement, or on its own', () => {
  const judged = judgement({ observable: OBSERVABLE, disposition: 2, source: 'Src', confidence: 'High', severity: 'High', now: NOW });
  assert.equal(verdict({ observable: OBSERVABLE, disposition: 2, judgement: judged }), {
    type: 'verdict',
    schema_version: CTIM_SCHEMA_VERSION,
    observable: OBSERVABLE,
    disposition: 2,
    disposition_name: 'Malicious',
    valid_time: judged.valid_time,
    judgement_id: judged.id,
  });
  assert.equal(verdict({ observable: OBSERVABLE, disposition: 4, valid: { end: new Date('2026-11-29T00:00:00Z') }, now: NOW }), {
    type: 'verdict',
    schema_version: CTIM_SCHEMA_VERSION,
    observable: OBSERVABLE,
    disposition: 4,
    disposition_name: 'Common',
    valid_time: { start_time: '2026-11-28T00:00:00.000Z', end_time: '2026-11-29T00:00:00.000Z' },
  });
});

ctim('indicator and relationship', () => {
  const made = indicator({ producer: 'Src', source: 'Src', title: 'C2 list', description: 'Known C2', confidence: 'High', severity: 'High', now: NOW });
  assert.equal(withoutId(made), {
    id: 'transient:indicator-<uuid>',
    type: 'indicator',
    schema_version: CTIM_SCHEMA_VERSION,
    source: 'Src',
    producer: 'Src',
    valid_time: { start_time: '2026-11-28T00:00:00.000Z', end_time: '2026-12-05T00:00:00.000Z' },
    title: 'C2 list',
    description: 'Known C2',
    confidence: 'High',
    severity: 'High',
  });
  assert.equal(Object.keys(indicator({ producer: 'Src', source: 'Src', now: NOW })).sort(), ['id', 'producer', 'schema_version', 'source', 'type', 'valid_time']);
  const link = relationship({ source: 'Src', source_ref: 'transient:sighting-1', target_ref: made.id, relationship_type: 'sighting-of' });
  assert.equal(withoutId(link), {
    id: 'transient:relationship-<uuid>',
    type: 'relationship',
    schema_version: CTIM_SCHEMA_VERSION,
    source: 'Src',
    source_ref: 'transient:sighting-1',
    target_ref: made.id,
    relationship_type: 'sighting-of',
  });
});

ctim('the dispositions and their names', () => {
  assert.equal(DISPOSITIONS, { 1: 'Clean', 2: 'Malicious', 3: 'Suspicious', 4: 'Common', 5: 'Unknown' });
});

ctim('bad values are refused when built', () => {
  const base = { observable: OBSERVABLE, source: 'Src', confidence: 'High' as Level, severity: 'High' as Level, now: NOW };
  const cases: [() => unknown, RegExp][] = [
    [() => judgement({ ...base, disposition: 6 as Disposition }), /disposition must be 1-5: 6/],
    [() => judgement({ ...base, disposition: 2, confidence: 'Huge' as Level }), /confidence must be one of High, Medium, Low, None, Info, Unknown: Huge/],
    [() => judgement({ ...base, disposition: 2, severity: 'high' as Level }), /severity must be one of/],
    [() => judgement({ ...base, disposition: 2, priority: 101 }), /priority must be an integer from 0 to 100: 101/],
    [() => judgement({ ...base, disposition: 2, priority: 1.5 }), /priority/],
    [() => judgement({ ...base, disposition: 2, valid: { start: NOW, end: NOW } }), /valid_time must end after it starts/],
    [() => judgement({ ...base, disposition: 2, valid: { start: new Date('nope') } }), /invalid date/],
    [() => judgement({ ...base, disposition: 2, source: '' }), /judgement source may not be empty/],
    [() => judgement({ ...base, disposition: 2, tlp: 'clear' as Tlp }), /judgement tlp must be one of white, green, amber, red: clear/],
    [() => judgement({ ...base, disposition: 2, observable: { type: 'ip', value: '' } }), /observable type and value may not be empty/],
    [() => sighting({ ...base, observed: { start: NOW }, count: 0 }), /sighting count must be a positive integer: 0/],
    [() => sighting({ ...base, observed: { start: NOW }, severity: 'Big' as Level }), /severity must be one of/],
    [() => sighting({ ...base, observed: { start: NOW }, confidence: 'x' as Level }), /confidence must be one of/],
    [() => indicator({ producer: '', source: 'Src' }), /indicator producer may not be empty/],
    [() => indicator({ producer: 'p', source: 'Src', confidence: 'x' as Level }), /confidence must be one of/],
    [() => indicator({ producer: 'p', source: 'Src', severity: 'x' as Level }), /severity must be one of/],
    [() => relationship({ source: 'Src', source_ref: '', target_ref: 't', relationship_type: 'r' }), /may not be empty/],
    [() => relationship({ source: 'Src', source_ref: 's', target_ref: '', relationship_type: 'r' }), /may not be empty/],
    [() => relationship({ source: 'Src', source_ref: 's', target_ref: 't', relationship_type: '' }), /may not be empty/],
  ];
  for (const [build, message] of cases) assert.throws(build, message, String(message));
});

ctim.run();
