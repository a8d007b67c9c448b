// Kit v3: what the security review (round 3) found in the CTIM builders, each kept out for good,
// and times at any precision (handler/kit/ctim.ts). Every answer built here passes the CTIM check.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { ErrorBody } from '../../handler/contract.ts';
import { indicator, judgement, keep, sighting, verdict, type Disposition } from '../../handler/kit/ctim.ts';
import { checkAnswer } from '../lib/ctim-check.ts';

const OBSERVABLE = { type: 'ip', value: '198.51.100.7' };
const NOW = new Date('2026-11-28T00:00:00Z');
const base = { observable: OBSERVABLE, source: 'Src', confidence: 'High' as const, severity: 'High' as const, now: NOW };
const docs = (entities: unknown[]) => ({ count: entities.length, docs: entities });

const hostile = suite('CTIM builders: the security review\'s findings');

hostile('a disposition is an integer 1-5 of its own: constructor, __proto__, toString, "2" are left out, with an error', () => {
  for (const given of ['constructor', '__proto__', 'toString', 'valueOf', '2', 0, 6, 2.5, null]) {
    const errors: ErrorBody[] = [];
    const disposition = given as unknown as Disposition;
    assert.is(keep(errors, OBSERVABLE, () => verdict({ observable: OBSERVABLE, disposition, now: NOW })), undefined, String(given));
    assert.is(keep(errors, OBSERVABLE, () => judgement({ ...base, disposition })), undefined, String(given));
    // A null is JSON's nothing: no disposition at all.
    const shown = given === null ? 'undefined' : String(given);
    assert.equal(errors.map((error) => error.message), [
      `A verdict of ip 198.51.100.7 was left out: its disposition is not 1-5: ${shown}.`,
      `A judgement of ip 198.51.100.7 was left out: its disposition is not 1-5: ${shown}.`,
    ], shown);
  }
  const kept = verdict({ observable: OBSERVABLE, disposition: 2, now: NOW });
  assert.equal([kept.disposition, kept.disposition_name], [2, 'Malicious']);
});

hostile('a null inside a list is no item; one string where a list belongs is a list of it; never a TypeError', () => {
  const seen = sighting({
    ...base, observed: { start: NOW },
    external_references: [null, { source_name: 'Src', url: 'https://src.test/1' }] as never,
    relations: [null] as never,
    data: { columns: [null, { name: 'port', type: 'integer' }] as never, rows: [null, [443]] as never },
  });
  assert.equal([seen.external_references, seen.relations, seen.data], [
    [{ source_name: 'Src', url: 'https://src.test/1' }], [], { columns: [{ name: 'port', type: 'integer' }], rows: [[443]] },
  ]);
  const made = indicator({
    producer: 'Src', indicator_type: 'C2' as never, tags: 'botnet' as never,
    kill_chain_phases: [null, { kill_chain_name: 'lockheed-martin-cyber-kill-chain', phase_name: 'delivery' }] as never,
  });
  assert.equal([made.indicator_type, made.tags, made.kill_chain_phases], [['C2'], ['botnet'], [{ kill_chain_name: 'lockheed-martin-cyber-kill-chain', phase_name: 'delivery' }]]);
  assert.equal(checkAnswer('/observe/observables', { data: { sightings: docs([seen]), indicators: docs([made]) } }), []);
});

hostile('what cannot be repaired leaves the one entity out: a row that is no list, a phase without names', () => {
  const errors: ErrorBody[] = [];
  keep(errors, OBSERVABLE, () => sighting({ ...base, observed: { start: NOW }, data: { columns: [], rows: ['x'] as never } }));
  keep(errors, OBSERVABLE, () => indicator({ producer: 'Src', kill_chain_phases: [{ kill_chain_name: undefined, phase_name: 'delivery' }] as never }));
  keep(errors, OBSERVABLE, () => indicator({ producer: 'Src', kill_chain_phases: [{}] as never }));
  assert.equal(errors.map((error) => error.message), [
    'A sighting of ip 198.51.100.7 was left out: its data.rows holds a row that is not a list.',
    'An indicator of ip 198.51.100.7 was left out: its kill_chain_phases are not lower-case letters, digits, - and _.',
  ]);
});

hostile.run();

const times = suite('CTIM builders: times at any precision');

const observedAt = (start: string, end?: string) => sighting({ ...base, observed: { start, ...(end === undefined ? {} : { end }) } }).observed_time;

times('UTC to the second or finer: as given', () => {
  assert.equal(observedAt('2020-03-31T14:47:36Z'), { start_time: '2020-03-31T14:47:36Z', end_time: '2020-03-31T14:47:36Z' });
  assert.equal(observedAt('2020-03-31T14:47:36.123456Z').start_time, '2020-03-31T14:47:36.123456Z');
});

times('a date alone (GreyNoise\'s last_seen), minutes, no zone, an offset: in UTC to the second, the fraction kept', () => {
  const cases: [string, string][] = [
    ['2026-02-10', '2026-02-10T00:00:00Z'],
    ['2026-02-10T10:05', '2026-02-10T10:05:00Z'],
    ['2026-02-10T10:05Z', '2026-02-10T10:05:00Z'],
    ['2026-02-10T10:05:06', '2026-02-10T10:05:06Z'],
    ['2026-02-10T01:05:06+02:00', '2026-02-09T23:05:06Z'],
    ['2026-02-10T23:05:06-0130', '2026-02-11T00:35:06Z'],
    ['2026-02-10T01:05:06.5+02:00', '2026-02-09T23:05:06.5Z'],
  ];
  for (const [given, written] of cases) assert.is(observedAt(given).start_time, written, given);
  // Ordered by their instants, whatever their precision.
  assert.equal(observedAt('2026-02-10T12:00:00.250Z', '2026-02-10'), { start_time: '2026-02-10T00:00:00Z', end_time: '2026-02-10T12:00:00.250Z' });
});

times('not a real time, or not ISO 8601: the entity left out', () => {
  for (const bad of ['2026-02-30', '2026-13-01', '2026-02-10T25:00', '2026-02-10T10:60:00Z', '2026-02-10T10:00:00+2', '10/02/2026', '2026-2-10']) {
    const errors: ErrorBody[] = [];
    assert.is(keep(errors, OBSERVABLE, () => sighting({ ...base, observed: { start: bad } })), undefined, bad);
    assert.is(errors[0]?.message, 'A sighting of ip 198.51.100.7 was left out: its observed_time.start_time is not a time.', bad);
  }
});

times('a derived end keeps its start\'s precision: to the second, the millisecond, a date\'s midnight', () => {
  const validity = (start: string | Date) => judgement({ ...base, disposition: 2, valid: { start } }).valid_time;
  assert.equal(validity('2026-02-10T10:00:00Z'), { start_time: '2026-02-10T10:00:00Z', end_time: '2026-02-17T10:00:00Z' });
  assert.equal(validity('2026-02-10T10:00:00.5Z'), { start_time: '2026-02-10T10:00:00.5Z', end_time: '2026-02-17T10:00:00.500Z' });
  assert.equal(validity('2026-02-10'), { start_time: '2026-02-10T00:00:00Z', end_time: '2026-02-17T00:00:00Z' });
  assert.equal(validity(NOW), { start_time: '2026-11-28T00:00:00.000Z', end_time: '2026-12-05T00:00:00.000Z' });
  assert.equal(verdict({ observable: OBSERVABLE, disposition: 1, valid: { start: '2026-02-10' } }).valid_time, { start_time: '2026-02-10T00:00:00Z', end_time: '2026-02-17T00:00:00Z' });
  const out = judgement({ ...base, disposition: 2, valid: { start: '1969-12-31' } });
  assert.equal(out.valid_time, { start_time: '1970-01-01T00:00:00.000Z', end_time: '1970-01-08T00:00:00.000Z' });
  assert.equal(checkAnswer('/observe/observables', { data: { judgements: docs([out]) } }), []);
});

times.run();
