// The console's own test integration: no service, answers from tables by value, with everything
// the console must draw right and everything hostile it must survive: verdicts of each
// disposition, a `constructor` disposition, a disposition whose name lies, an error that names no
// observable, invisible and bidi characters, look-alike and javascript: links, respond actions
// and a trigger, and a tile of each type Cisco's relays answer plus one of no known type.
// test/console-browser.test.ts bundles it (scripts/build.mjs) as a fork would.
import { defineIntegration, RelayError, type Observable } from '../../handler/contract.ts';

const NOW = '2026-11-22T10:00:00.000Z';
const VALID = { start_time: '2026-11-22T00:00:00.000Z', end_time: '2026-11-29T00:00:00.000Z' };
const NAMES = ['', 'Clean', 'Malicious', 'Suspicious', 'Common', 'Unknown'];

const KNOWN = new Map<string, number | string>([
  ['malicious.example.com', 2], ['clean.example.com', 1], ['suspicious.example.com', 3], ['198.51.100.7', 2],
  ['constructor.example.com', 'constructor'], ['mismatch.example.com', 1],
]);

/** The disposition a value gets: by its name, or `n<i>.example.com` cycles through 1 to 5. */
function dispositionOf(value: string): number | string | undefined {
  const numbered = /^n(\d+)\.example\.com$/.exec(value);
  return numbered === null ? KNOWN.get(value) : (Number(numbered[1]) % 5) + 1;
}

const verdict = (observable: Observable, disposition: number | string) => ({
  type: 'verdict', observable, disposition,
  // A name that lies for mismatch.example.com: the badge must say what the number says.
  disposition_name: observable.value === 'mismatch.example.com' ? 'Malicious' : NAMES[Number(disposition)] ?? String(disposition),
  valid_time: VALID,
});

/** One error for the batch that names no observable, when broken.example.com is in it. */
function failures(observables: readonly Observable[]) {
  return observables.some(({ value }) => value === 'broken.example.com')
    ? [{ type: 'fatal' as const, code: 'service unavailable', message: 'The upstream service failed on one of the lookups.' }]
    : [];
}

const TILES = [
  { id: 'totals', type: 'metric_group', title: 'Total events', short_description: 'Events by resource' },
  { id: 'per-day', type: 'vertical_bar_chart', title: 'Events per day', short_description: 'By severity' },
  { id: 'affected', type: 'donut_graph', title: 'Affected instances', short_description: 'Finding types per instance' },
  { id: 'top', type: 'markdown', title: 'Top findings', short_description: 'By count' },
  { id: 'map', type: 'threat_map', title: 'Probe sources', short_description: 'Where probes come from' },
  { id: 'odd', type: 'sparkline', title: 'An odd tile', short_description: 'Of no type the console knows' },
].map((tile) => ({ ...tile, tags: [tile.id], description: tile.short_description, periods: ['last_24_hours', 'last_7_days'], default_period: 'last_7_days' }))
  // A relay's mistake: a tile that lists no periods, which XDR has none to ask its data with.
  .concat({ id: 'timeless', type: 'metric_group', title: 'No periods', short_description: 'Lists none', tags: ['timeless'], description: 'Lists none', periods: [], default_period: '' });

/** A tile's data over a period, shaped as Cisco's GuardDuty relay answers each type. */
function tileData(id: string, period: string): unknown {
  const scale = period === 'last_24_hours' ? 1 : 7;
  const times = { observed_time: { start_time: '2026-11-15T10:00:00.000Z', end_time: NOW }, valid_time: { start_time: '2026-11-15T10:00:00.000Z', end_time: NOW }, cache_scope: 'none' };
  const data = new Map<string, unknown>([
    ['totals', { data: [{ icon: 'warning', label: 'EC2 finding types', value: 3 * scale, value_unit: 'integer' }, { icon: 'warning', label: 'S3 finding types', value: scale, value_unit: 'integer' }] }],
    ['per-day', { keys: [{ key: 'high', label: 'High' }, { key: 'low', label: 'Low' }], key_type: 'string', data: [
      { key: '11/21', label: '11/21', value: 2 * scale, values: [{ key: 'high', value: scale }, { key: 'low', value: scale }] },
      { key: '11/22', label: '11/22', value: scale, values: [{ key: 'high', value: scale }] },
    ] }],
    ['affected', { label_headers: ['Affected instances', 'Finding types'], labels: [['i-0abc', 'i-0def'], ['Recon:EC2/PortProbe', 'Backdoor:EC2/C&CActivity']], data: [
      { key: 0, value: 3 * scale, segments: [{ key: 0, value: 2 * scale }, { key: 1, value: scale }] },
      { key: 1, value: scale, segments: [{ key: 0, value: scale }, { key: 1, value: 0 }] },
    ] }],
    ['top', { data: ['|  №  | Description | Count |', '| --- | ----------- | ----- |', `| 1 | <img src=x onerror=alert(1)> probe | ${5 * scale} |`, `| 2 | SSH brute force | ${scale} |`] }],
    ['map', { data: [{ coordinates: [52.37, 4.89], ip_address: '198.51.100.7', volume: 4 * scale, email_type: 'N/A', hostname: 'N/A' }] }],
    ['odd', { data: [1, 2, 3] }],
  ]).get(id);
  if (data === undefined) throw new RelayError('invalid argument', 'Invalid tile id');
  return { ...(data as object), ...times };
}

export const integration = defineIntegration({
  claims: [{ name: 'key', description: 'A key the fixture ignores' }],
  observableTypes: ['ip', 'domain', 'url', 'sha256', 'md5', 'sha1', 'ipv6'],
  health: async () => ({ data: { status: 'ok' } }),

  deliberate: async (observables) => {
    const verdicts = observables.flatMap((observable) => {
      const disposition = dispositionOf(observable.value);
      return disposition === undefined ? [] : [verdict(observable, disposition)];
    });
    const errors = failures(observables);
    const data = verdicts.length === 0 ? {} : { verdicts: { count: verdicts.length, docs: verdicts } };
    return errors.length === 0 ? { data } : { data, errors };
  },

  observe: async (observables) => {
    const known = observables.filter(({ value }) => typeof dispositionOf(value) === 'number');
    const sightings = known.filter(({ value }) => !value.startsWith('n')).flatMap((observable) => [
      { type: 'sighting', id: `transient:s1-${observable.value}`, count: 1, confidence: 'High', source: 'Fixture', title: 'First seen', internal: false,
        observables: [observable], observed_time: { start_time: '2026-11-20T10:00:00.000Z' }, schema_version: '1.3.28' },
      // A title that reads `google.com` unless its override character shows.
      { type: 'sighting', id: `transient:s2-${observable.value}`, count: 1, confidence: 'High', source: 'Fixture', title: '\u202Emoc.elgoog', internal: false,
        observables: [observable], observed_time: { start_time: '2026-11-22T10:00:00.000Z' }, schema_version: '1.3.28' },
    ]);
    const judgements = known.map((observable) => ({
      type: 'judgement', id: `transient:j-${observable.value}`, observable, disposition: dispositionOf(observable.value),
      disposition_name: NAMES[Number(dispositionOf(observable.value))], source: 'g\u200Boogle.com', priority: 90, confidence: 'High',
      severity: 'High', valid_time: VALID, schema_version: '1.3.28',
    }));
    const verdicts = known.map((observable) => verdict(observable, dispositionOf(observable.value) as number));
    const data = known.length === 0 ? {} : {
      sightings: { count: sightings.length, docs: sightings },
      judgements: { count: judgements.length, docs: judgements },
      verdicts: { count: verdicts.length, docs: verdicts },
    };
    const errors = failures(observables);
    return errors.length === 0 ? { data } : { data, errors };
  },

  refer: async (observables) => ({
    data: observables.flatMap(({ type, value }) => [
      { id: `search-${value}`, title: `Search for this ${type}`, description: 'In the fixture', url: `https://intel.example.com/search?q=${encodeURIComponent(value)}`, categories: ['Search'] },
      // A look-alike host (Cyrillic о): the button shows the host in its ASCII form.
      { id: `mirror-${value}`, title: 'Open in g\u200Boogle.com', description: 'A mirror', url: 'https://g\u043e\u043egle.com/', categories: ['Search'] },
      { id: `script-${value}`, title: 'Run me', description: 'Not a link', url: 'javascript:alert(1)', categories: ['Search'] },
    ]),
  }),

  respond: async (observables) => ({
    data: observables.flatMap(({ type, value }) => [
      { id: 'fixture-block', title: `Block this ${type}`, description: 'Adds it to the block list', categories: ['Block'], 'query-params': { observable_type: type, observable_value: value, list: 'main' } },
      { id: 'fixture-fail', title: 'An action that fails', description: 'Its trigger answers an error', categories: ['Test'], 'query-params': { observable_type: type, observable_value: value } },
    ]),
  }),

  trigger: async (form) => {
    if (form['action-id'] === 'fixture-fail') throw new RelayError('unknown', `The block list refused ${form.observable_value}.`);
    if (form['action-id'] !== 'fixture-block' || form['list'] !== 'main') throw new RelayError('invalid argument', `Unknown action: ${form['action-id']}`);
    return { data: { status: 'success' } };
  },

  tiles: async () => ({ data: TILES }),
  tile: async ({ tile_id: id }) => {
    const tile = TILES.find((item) => item.id === id);
    if (tile === undefined) throw new RelayError('invalid argument', 'Invalid tile id');
    return { data: tile };
  },
  tileData: async ({ tile_id: id, period }) => ({ data: tileData(id, period) }),
});
