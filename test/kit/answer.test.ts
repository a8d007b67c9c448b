// Kit v3: the answer builder (handler/kit/answer.ts). Every answer built here passes the CTIM check.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { ErrorBody } from '../../handler/contract.ts';
import { collect } from '../../handler/kit/answer.ts';
import { indicator, judgement, sighting, transientId, verdict } from '../../handler/kit/ctim.ts';
import { checkAnswer } from '../lib/ctim-check.ts';

const IP = { type: 'ip', value: '198.51.100.7' };
const DOMAIN = { type: 'domain', value: 'example.org' };
const NOW = new Date('2026-11-28T00:00:00Z');
const CTIA = 'https://private.intel.amp.cisco.com/ctia/indicator/indicator-de305d54-75b4-431b-adb2-eb6b9e546014';

const seen = (observable: typeof IP, title: string, start: string | Date = NOW) => () => sighting({ observable, confidence: 'High', observed: { start }, title });
const judged = (observable: typeof IP) => () => judgement({ observable, disposition: 2, source: 'Src', confidence: 'High', severity: 'High', now: NOW });

type Data = Record<string, { count: number; docs: Record<string, unknown>[] }>;

const answer = suite('collect');

answer('entities per observable into their bundles; empty bundles omitted; nothing added is {data: {}}', () => {
  const built = collect();
  assert.equal(built.answer(), { data: {} });
  const out = collect();
  const saw = out.add(IP, seen(IP, 'Botnet C2'));
  out.add(IP, () => verdict({ observable: IP, disposition: 2, now: NOW }));
  const result = out.answer() as { data: Data };
  assert.equal(Object.keys(result.data), ['sightings', 'verdicts']);
  assert.equal([result.data['sightings']?.count, result.data['sightings']?.docs[0]], [1, saw]);
  assert.equal(checkAnswer('/observe/observables', result), []);
});

answer('one id once per answer: the first kept and returned; key makes one entity per key, built once', () => {
  const out = collect();
  const id = transientId('indicator', 'Botnet');
  const first = out.add(IP, () => indicator({ id, producer: 'Src', title: 'first' }));
  const again = out.add(DOMAIN, () => indicator({ id, producer: 'Src', title: 'second' }));
  assert.is(again, first);
  let builds = 0;
  const category = () => ((builds += 1), indicator({ producer: 'Src', title: 'Malware' }));
  const one = out.add(IP, category, { key: 'malware' });
  const two = out.add(DOMAIN, category, { key: 'malware' });
  assert.equal([two === one, builds], [true, 1]);
  const data = (out.answer() as { data: Data }).data;
  assert.equal(data['indicators']?.docs.map((doc) => doc['title']), ['first', 'Malware']);
});

answer('limit: at most that many sightings and judgements per observable; others unlimited', () => {
  const out = collect({ limit: 2 });
  const added = ['a', 'b', 'c'].map((title) => out.add(IP, seen(IP, title)));
  assert.equal(added.map((entity) => entity?.title), ['a', 'b', undefined]);
  assert.ok(out.add(DOMAIN, seen(DOMAIN, 'd')) !== undefined);
  assert.ok(out.add(IP, judged(IP)) !== undefined);
  assert.ok(out.add(IP, judged(IP)) !== undefined);
  assert.is(out.add(IP, judged(IP)), undefined);
  for (const title of ['x', 'y', 'z']) assert.ok(out.add(IP, () => indicator({ producer: 'Src', title })) !== undefined);
  const data = (out.answer() as { data: Data }).data;
  assert.equal([data['sightings']?.count, data['judgements']?.count, data['indicators']?.count], [3, 2, 3]);
});

answer('what CTIM cannot hold is left out with one error naming the observable; settle\'s errors come first', () => {
  const earlier: ErrorBody[] = [{ type: 'fatal', code: 'too many requests', message: 'Too many requests to Src.' }];
  const out = collect({ errors: earlier });
  assert.is(out.add(IP, seen(IP, 'broken', 'yesterday')), undefined);
  out.add(DOMAIN, seen(DOMAIN, 'fine'));
  const result = out.answer() as { data: Data; errors: ErrorBody[] };
  assert.equal(result.errors, [
    ...earlier,
    { type: 'fatal', code: 'unknown', message: 'A sighting of ip 198.51.100.7 was left out: its observed_time.start_time is not a time.' },
  ]);
  assert.is(result.data['sightings']?.count, 1);
  // The given list is the builder's to copy, not to change.
  assert.is(earlier.length, 1);
  assert.equal(collect({ errors: earlier }).answer({ omitEmptyData: true }), { errors: earlier });
});

answer('links: written when both ends are in the answer (or a CTIA id); dropped when an end was left out or over the limit', () => {
  const out = collect({ limit: 1 });
  const verdictOf = out.add(IP, judged(IP));
  const listed = out.add(IP, () => indicator({ producer: 'Src', title: 'Listed' }));
  out.link(IP, verdictOf, listed, 'based-on', { source: 'Src' });
  out.link(IP, verdictOf, CTIA, 'based-on');
  // An end left out (keep, or the limit): no relationship pointing nowhere.
  out.link(IP, out.add(IP, seen(IP, 'broken', 'yesterday')), listed, 'sighting-of');
  const overLimit = out.add(IP, judged(IP));
  out.link(IP, overLimit, listed, 'based-on');
  out.link(IP, 'transient:judgement-not-in-this-answer', listed, 'based-on');
  // An id that is none: left out with its error.
  out.link(IP, verdictOf, 'indicator-123', 'based-on');
  const result = out.answer() as { data: Data; errors: ErrorBody[] };
  assert.equal(result.data['relationships']?.docs.map((doc) => [doc['source_ref'], doc['target_ref'], doc['relationship_type'], doc['source']]), [
    [verdictOf?.id, listed?.id, 'based-on', 'Src'],
    [verdictOf?.id, CTIA, 'based-on', undefined],
  ]);
  // In the order they happened.
  assert.equal(result.errors.map((error) => error.message), [
    'A sighting of ip 198.51.100.7 was left out: its observed_time.start_time is not a time.',
    'A relationship of ip 198.51.100.7 was left out: its target_ref is not an id: indicator-123.',
  ]);
  assert.equal(checkAnswer('/observe/observables', result), []);
  // Linked once: a second answer() adds no relationship twice.
  assert.is(((out.answer() as { data: Data }).data['relationships']?.count), 2);
});

answer('something that is no CTIM entity of an answer is a bug', () => {
  assert.throws(() => collect().add(IP, () => ({ type: 'incident', id: 'transient:incident-1' })), /^collect: not an entity of an answer: incident$/);
});

answer.run();
