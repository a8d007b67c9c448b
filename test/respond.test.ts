// Respond actions as a registry (handler/respond.ts) through the real handler: what
// /respond/observables offers, how /respond/trigger dispatches and refuses, the checks at start;
// and the APIs an integration leaves out (apisLeftOut).
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { defineIntegration, RelayError, type Action, type Integration, type Observable, type TriggerForm } from '../handler/contract.ts';
import { buildRoutes, listApis } from '../handler/routes.ts';
import { call, errors, harness, invalid, post, SECRET, TOKEN } from './fixtures.ts';

interface Ran { id: string; observable: Observable; form: TriggerForm; key: string }

const ran: Ran[] = [];

const block: Action<'key'> = {
  id: 'intel-block',
  title: (observable) => `Block this ${observable.type}`,
  description: 'Adds it to the block list',
  categories: ['Intel', 'Block'],
  types: ['ip', 'domain'],
  run: async (observable, form, context) => {
    ran.push({ id: 'intel-block', observable, form, key: context.credentials.key });
  },
};

const hunt: Action<'key'> = {
  id: 'intel-hunt',
  title: 'Hunt',
  description: (observable) => `Hunt for ${observable.value}`,
  categories: ['Intel'],
  types: ['SHA256', 'ip'],
  run: async (observable) => {
    if (observable.value === 'refused') throw new RelayError('permission denied', 'Intel refused the hunt.');
    if (observable.value === 'bug') throw new TypeError('a bug');
    return observable.value === 'quiet' ? { data: { status: 'failure' } } : undefined;
  },
};

function relay(extra: Partial<Integration<'key', never>> = {}) {
  const integration = defineIntegration<'key', never>({
    claims: [{ name: 'key', description: 'Intel API key' }],
    observableTypes: ['ip', 'domain', 'sha256', 'email'],
    health: async () => ({ data: { status: 'ok' } }),
    actions: [block, hunt],
    ...extra,
  });
  return harness({ SECRET_KEY: SECRET }, integration).handler;
}

const respond = (handler: ReturnType<typeof relay>, observables: unknown) => call(handler, post('/respond/observables', observables, { token: TOKEN }));
const trigger = (handler: ReturnType<typeof relay>, form: unknown) => call(handler, post('/respond/trigger', form, { token: TOKEN }));

const offers = suite('respond registry: /respond/observables');

offers.before.each(() => {
  ran.length = 0;
});

offers('by default, every action whose types hold the observable\'s type, in the registry\'s order', async () => {
  const result = await respond(relay(), [
    { type: 'IP', value: '198.51.100.7' },
    { type: 'email', value: 'a@example.org' },
    { type: 'url', value: 'https://example.org/' },
    { type: 'sha256', value: 'a'.repeat(64) },
  ]);
  const params = (type: string, value: string) => ({ observable_type: type, observable_value: value });
  assert.equal(result.body, {
    data: [
      { id: 'intel-block', title: 'Block this ip', description: 'Adds it to the block list', categories: ['Intel', 'Block'], 'query-params': params('ip', '198.51.100.7') },
      { id: 'intel-hunt', title: 'Hunt', description: 'Hunt for 198.51.100.7', categories: ['Intel'], 'query-params': params('ip', '198.51.100.7') },
      { id: 'intel-hunt', title: 'Hunt', description: `Hunt for ${'a'.repeat(64)}`, categories: ['Intel'], 'query-params': params('sha256', 'a'.repeat(64)) },
    ],
  });
});

offers('an offer function chooses per observable, with its own words and params; it never sees an observable no action takes', async () => {
  const asked: Observable[] = [];
  const handler = relay({
    offer: async (observable) => {
      asked.push(observable);
      if (observable.type === 'domain') return [];
      return [{ id: 'intel-hunt', title: 'Hunt (3 machines)', params: { indicator_id: '42', observable_value: 'forged' } }, 'intel-block'];
    },
  });
  const result = await respond(handler, [
    { type: 'ip', value: '198.51.100.7' },
    { type: 'domain', value: 'example.org' },
    { type: 'email', value: 'a@example.org' },
  ]);
  assert.equal(asked, [{ type: 'ip', value: '198.51.100.7' }, { type: 'domain', value: 'example.org' }]);
  assert.equal(result.body, {
    data: [
      {
        id: 'intel-hunt', title: 'Hunt (3 machines)', description: 'Hunt for 198.51.100.7', categories: ['Intel'],
        // The observable is the one asked about, whatever the params say.
        'query-params': { indicator_id: '42', observable_type: 'ip', observable_value: '198.51.100.7' },
      },
      { id: 'intel-block', title: 'Block this ip', description: 'Adds it to the block list', categories: ['Intel', 'Block'], 'query-params': { observable_type: 'ip', observable_value: '198.51.100.7' } },
    ],
  });
});

offers('a RelayError from offer: what was offered before it, and its error', async () => {
  const handler = relay({
    offer: async (observable) => {
      if (observable.value === 'down.example') throw new RelayError('service unavailable', 'Intel is unavailable; try again later (HTTP 503).');
      return ['intel-block'];
    },
  });
  const down = errors('service unavailable', 'Intel is unavailable; try again later (HTTP 503).');
  const first = await respond(handler, [{ type: 'domain', value: 'down.example' }, { type: 'domain', value: 'example.org' }]);
  assert.equal(first.body, down);
  const second = await respond(handler, [{ type: 'domain', value: 'example.org' }, { type: 'domain', value: 'down.example' }, { type: 'ip', value: '1.2.3.4' }]);
  assert.equal((second.body as { data: { id: string }[] }).data.map((action) => action.id), ['intel-block']);
  assert.equal((second.body as { errors: unknown }).errors, down.errors);
});

offers('an offer naming an action the registry lacks, or one that does not take the type, is a bug, as is anything but a RelayError thrown: a 500', async () => {
  for (const offered of ['intel-nope', 'intel-block']) {
    const result = await respond(relay({ offer: async () => [offered] }), [{ type: 'sha256', value: 'b'.repeat(64) }]);
    assert.equal([result.status, result.body], [500, errors('unknown', 'Something went wrong.')], offered);
  }
  const thrown = await respond(relay({ offer: async () => { throw new TypeError('a bug'); } }), [{ type: 'ip', value: '1.2.3.4' }]);
  assert.is(thrown.status, 500);
});

offers('no observable left: the generic answer, and offer is never called', async () => {
  let called = false;
  const handler = relay({ offer: async () => ((called = true), []) });
  assert.equal((await respond(handler, [{ type: 'url', value: 'https://example.org/' }])).body, { data: [] });
  assert.equal((await respond(handler, [])).body, { data: [] });
  assert.is(called, false);
});

offers.run();

const dispatch = suite('respond registry: /respond/trigger');

dispatch.before.each(() => {
  ran.length = 0;
});

dispatch('runs the action XDR names, on the form\'s observable (type lower-cased), with the echoed params and the credentials', async () => {
  const form = { 'action-id': 'intel-block', observable_type: 'Domain', observable_value: 'evil.example', indicator_id: '42' };
  const result = await trigger(relay(), form);
  assert.equal(result.body, { data: { status: 'success' } });
  assert.equal(ran, [{ id: 'intel-block', observable: { type: 'domain', value: 'evil.example' }, form, key: 'third-party-api-key' }]);
});

dispatch('an action\'s own answer is the answer; its RelayError a failure with that error; anything else a 500', async () => {
  const handler = relay();
  const form = (value: string) => ({ 'action-id': 'intel-hunt', observable_type: 'sha256', observable_value: value });
  assert.equal((await trigger(handler, form('c'.repeat(64)))).body, { data: { status: 'success' } });
  assert.equal((await trigger(handler, form('quiet'))).body, { data: { status: 'failure' } });
  assert.equal((await trigger(handler, form('refused'))).body, { data: { status: 'failure' }, ...errors('permission denied', 'Intel refused the hunt.') });
  const bug = await trigger(handler, form('bug'));
  assert.equal([bug.status, bug.body], [500, errors('unknown', 'Something went wrong.')]);
});

dispatch('an unknown action-id, or a type the action does not take: refused before anything runs', async () => {
  const handler = relay();
  for (const id of ['intel-nope', 'constructor', '__proto__', 'toString']) {
    const result = await trigger(handler, { 'action-id': id, observable_type: 'ip', observable_value: '1.2.3.4' });
    assert.equal(result.body, { data: { status: 'failure' }, ...errors('invalid argument', `Unsupported action: ${id}.`) }, id);
  }
  const wrongType = await trigger(handler, { 'action-id': 'intel-block', observable_type: 'sha256', observable_value: 'd'.repeat(64) });
  assert.equal(wrongType.body, { data: { status: 'failure' }, ...errors('invalid argument', 'Unsupported observable type: sha256.') });
  const longId = await trigger(handler, { 'action-id': 'y'.repeat(300), observable_type: 'ip', observable_value: 'v' });
  assert.equal(longId.body, { data: { status: 'failure' }, ...errors('invalid argument', `Unsupported action: ${'y'.repeat(64)}.`) });
  const long = await trigger(handler, { 'action-id': 'intel-block', observable_type: 'x'.repeat(300), observable_value: 'v' });
  assert.equal(long.body, { data: { status: 'failure' }, ...errors('invalid argument', `Unsupported observable type: ${'x'.repeat(64)}.`) });
  assert.equal(ran, []);
  // The form itself is validated first, as for any integration.
  assert.equal((await trigger(handler, { action_id: 'intel-block', observable_type: 'ip', observable_value: '1' })).body, invalid({ 'action-id': ['Missing data for required field.'] }));
});

dispatch('refuse: the integration words its refusals itself', async () => {
  const handler = relay({
    refuse: ({ reason, form }) => (reason === 'unknown action'
      ? { data: { status: 'failure' }, errors: [{ type: 'fatal', code: 'invalid request', message: 'Invalid request to Intel. Unsupported action.' }] }
      : { errors: [{ type: 'fatal', code: 'unsupported type', message: `Unsupported observable type ${form.observable_type}` }] }),
  });
  assert.equal((await trigger(handler, { 'action-id': 'x', observable_type: 'ip', observable_value: '1' })).body, {
    data: { status: 'failure' }, ...errors('invalid request', 'Invalid request to Intel. Unsupported action.'),
  });
  assert.equal((await trigger(handler, { 'action-id': 'intel-block', observable_type: 'email', observable_value: 'a@b.c' })).body, errors('unsupported type', 'Unsupported observable type email'));
});

dispatch.run();

const start = suite('respond registry: checked at start');

const base: Integration = { claims: [], observableTypes: ['ip', 'sha256'], health: async () => ({ data: {} }) };

start('the registry\'s routes are advertised like any other', () => {
  const apis = listApis({ ...base, actions: [hunt as Action] });
  assert.equal(apis, ['health', 'respond/observables', 'respond/trigger']);
});

start('refuses two actions with one id, both actions and respond, a type outside observableTypes or CTIM, an action without run', () => {
  const cases: [Partial<Integration>, RegExp][] = [
    [{ actions: [hunt as Action, { ...hunt } as Action] }, /^actions: two actions have the id "intel-hunt"/],
    [{ actions: [hunt as Action], respond: async () => ({ data: [] }) }, /^actions: an integration offers respond actions either as `actions` or as `respond` and `trigger`/],
    [{ actions: [hunt as Action], trigger: async () => ({ data: {} }) }, /either as `actions`/],
    [{ actions: [block as Action] }, /^actions: "intel-block" takes domain, which observableTypes does not list/],
    [{ actions: [{ ...hunt, types: ['hash'] } as Action] }, /^observableTypes: not an observable type CTIM knows: "hash"/],
    [{ actions: [{ ...hunt, run: undefined } as unknown as Action] }, /^actions: each action needs an id and a run function \(handler\/integration\.ts\): intel-hunt$/],
    [{ actions: [null as unknown as Action] }, /^actions: each action needs an id and a run function \(handler\/integration\.ts\): undefined$/],
    [{ actions: [{ ...hunt, id: '' } as Action] }, /each action needs an id/],
    [{ actions: [hunt as Action], refuse: 'no' as unknown as NonNullable<Integration['refuse']> }, /^actions: refuse must be a function \(handler\/integration\.ts\): string$/],
    [{ actions: [hunt as Action], offer: {} as unknown as NonNullable<Integration['offer']> }, /^actions: offer must be a function \(handler\/integration\.ts\): object$/],
  ];
  for (const [extra, message] of cases) {
    assert.throws(() => buildRoutes({ ...base, ...extra }, '1'), message);
    // The APIs the bundle exports at import: the same mistake fails the import.
    assert.throws(() => listApis({ ...base, ...extra }), message);
  }
});

start('an integration of observableTypes \'all\' may declare actions of any CTIM type', () => {
  assert.equal(listApis({ ...base, observableTypes: 'all', actions: [block as Action] }).length, 3);
});

start.run();

const leftOut = suite('apisLeftOut');

const minimal = (apisLeftOut?: 'empty' | 'not found') => defineIntegration({
  claims: [{ name: 'key', description: 'Intel API key' }],
  observableTypes: ['ip'],
  health: async () => ({ data: { status: 'ok' } }),
  observe: async () => ({ data: {} }),
  ...(apisLeftOut === undefined ? {} : { apisLeftOut }),
});

leftOut('\'empty\': the APIs left out answer the generic template\'s answers, after the body\'s checks; never advertised', async () => {
  const { handler } = harness({ SECRET_KEY: SECRET }, minimal('empty'));
  const observables = [{ type: 'ip', value: '1.2.3.4' }];
  const expected: [string, unknown, unknown][] = [
    ['/deliberate/observables', observables, { data: {} }],
    ['/refer/observables', observables, { data: [] }],
    ['/respond/observables', observables, { data: [] }],
    ['/respond/trigger', { 'action-id': 'a', observable_type: 'ip', observable_value: '1' }, { data: { status: 'success' } }],
    ['/tiles', null, { data: [] }],
    ['/tiles/tile', { tile_id: 't' }, { data: {} }],
    ['/tiles/tile-data', { tile_id: 't', period: 'last_7_days' }, { data: {} }],
  ];
  for (const [path, body, answer] of expected) {
    assert.equal((await call(handler, post(path, body, { token: TOKEN }))).body, answer, path);
  }
  assert.equal((await call(handler, post('/deliberate/observables', [{ type: 'ip' }], { token: TOKEN }))).body, invalid({ 0: { value: ['Missing data for required field.'] } }));
  assert.equal((await call(handler, post('/deliberate/observables', [], { token: null }))).body, errors('authorization error', 'Authorization failed: Authorization header is missing'));
  // As Cisco's Flask relays: another method is a 405, not a 404.
  const get = await call(handler, { ...post('/deliberate/observables', observables, { token: TOKEN }), requestContext: { http: { method: 'GET' } } });
  assert.equal([get.status, get.headers['allow']], [405, 'POST']);
  assert.equal(listApis(minimal('empty')), ['health', 'observe/observables']);
});

leftOut('\'not found\', the default: a 404 and no route', async () => {
  for (const integration of [minimal(), minimal('not found')]) {
    const { handler } = harness({ SECRET_KEY: SECRET }, integration);
    const result = await call(handler, post('/deliberate/observables', [{ type: 'ip', value: '1.2.3.4' }], { token: TOKEN }));
    assert.equal([result.status, result.body], [404, errors('not found', 'The requested URL was not found on the server.')]);
    assert.equal(buildRoutes(integration, '1').map((route) => route.path), ['/health', '/observe/observables', '/version']);
  }
});

leftOut('an observable API is never called with an empty list: the generic answer instead', async () => {
  let calls = 0;
  const integration = defineIntegration({
    claims: [],
    observableTypes: ['ip'],
    health: async () => ({ data: { status: 'ok' } }),
    observe: async () => ((calls += 1), { data: { verdicts: { count: 0, docs: [] } } }),
    refer: async () => ((calls += 1), { data: [] }),
  });
  const { handler } = harness({ SECRET_KEY: SECRET }, integration);
  assert.equal((await call(handler, post('/observe/observables', [{ type: 'domain', value: 'example.org' }], { token: TOKEN }))).body, { data: {} });
  assert.equal((await call(handler, post('/refer/observables', [], { token: TOKEN }))).body, { data: [] });
  assert.is(calls, 0);
  await call(handler, post('/observe/observables', [{ type: 'ip', value: '1.2.3.4' }], { token: TOKEN }));
  assert.is(calls, 1);
});

leftOut.run();
