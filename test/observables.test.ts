import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { checkObservableTypes, CTIM_OBSERVABLE_TYPES, selectObservables, selectorOf } from '../handler/observables.ts';

const declared = suite('checkObservableTypes');

declared('every type CTIM knows, in any case, and all', () => {
  checkObservableTypes('all');
  checkObservableTypes(CTIM_OBSERVABLE_TYPES);
  checkObservableTypes(['IP', 'Domain', 'sha256']);
});

declared('a type CTIM does not know is refused, named', () => {
  assert.throws(
    () => checkObservableTypes(['ip', 'ipv4', 'asn']),
    (error: Error) => error instanceof TypeError
      && error.message === 'observableTypes: not an observable type CTIM knows: "ipv4", "asn" (handler/observables.ts lists them)',
  );
});

declared('a missing or malformed declaration is refused in one sentence, not a crash of the cold start', () => {
  for (const [types, shown] of [[undefined, 'undefined'], ['ip', 'ip'], [['ip', 4], 'ip,4']] as const) {
    assert.throws(
      () => checkObservableTypes(types as unknown as string[]),
      (error: Error) => error instanceof TypeError
        && error.message === `observableTypes: must be 'all' or a list of observable type names, in handler/integration.ts: ${shown}`,
    );
  }
});

declared.run();

const select = suite('selectObservables');

select('all types: lower-cased and de-duplicated, in order', () => {
  const observables = [
    { type: 'IP', value: '1.1.1.1' },
    { type: 'domain', value: 'Example.com' },
    { type: 'ip', value: '1.1.1.1' },
    { type: 'domain', value: 'example.com' },
  ];
  assert.equal(selectObservables(observables, 'all'), [
    { type: 'ip', value: '1.1.1.1' },
    { type: 'domain', value: 'Example.com' },
    { type: 'domain', value: 'example.com' },
  ]);
});

select('declared types: the others are skipped silently', () => {
  const observables = [
    { type: 'ip', value: '1.1.1.1' },
    { type: 'sha256', value: 'ab' },
    { type: 'Domain', value: 'cisco.com' },
  ];
  assert.equal(selectObservables(observables, ['IP', 'domain']), [
    { type: 'ip', value: '1.1.1.1' },
    { type: 'domain', value: 'cisco.com' },
  ]);
  assert.equal(selectObservables(observables, []), []);
});

select('a long list (more than a request\'s few): the same rules, each pair once, in order', () => {
  const types = ['IP', 'Domain', 'sha256', 'url'];
  const observables = Array.from({ length: 60 }, (_, i) => ({ type: types[i % 4] ?? '', value: `v${i % 7}` }));
  // The oracle: the rules written plainly (lower-cased type and value, first occurrence kept).
  const seen = new Set<string>();
  const expected = observables.map(({ type, value }) => ({ type: type.toLowerCase(), value }))
    .filter(({ type, value }) => !seen.has(`${type}\u0000${value}`) && seen.add(`${type}\u0000${value}`) !== undefined);
  assert.is(expected.length, 28);
  assert.equal(selectObservables(observables, 'all'), expected);
  assert.equal(selectObservables(observables, ['ip', 'URL']), expected.filter(({ type }) => type === 'ip' || type === 'url'));
  // One selector, made once, answers each list on its own.
  const select = selectorOf(['domain']);
  assert.equal(select(observables.slice(0, 8)), [{ type: 'domain', value: 'v1' }, { type: 'domain', value: 'v5' }]);
  assert.equal(select(observables), expected.filter(({ type }) => type === 'domain'));
});

select('the same value under two types is kept twice', () => {
  const observables = [
    { type: 'md5', value: 'ab' },
    { type: 'sha1', value: 'ab' },
    { type: 'MD5', value: 'ab' },
  ];
  assert.equal(selectObservables(observables, 'all'), [{ type: 'md5', value: 'ab' }, { type: 'sha1', value: 'ab' }]);
});

select.run();
