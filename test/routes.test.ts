import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Context, Integration } from '../handler/contract.ts';
import { buildRoutes, listApis } from '../handler/routes.ts';
import { observablesSchema, tileDataSchema, tileSchema, triggerSchema } from '../handler/schema.ts';
import { integration as stub } from './stub/integration.ts';

const CONTEXT: Context = { credentials: {}, settings: {}, entitiesLimit: 100, requestId: undefined, deadline: 0, signal: AbortSignal.abort() };

const routes = suite('buildRoutes');

routes('every API of the contract, all POST, all but /version behind a JWT, each with its schema', () => {
  const table = buildRoutes(stub, '9.9.9');
  assert.equal(table.map((route) => [route.method, route.path, route.auth, route.schema]), [
    ['POST', '/health', true, undefined],
    ['POST', '/deliberate/observables', true, observablesSchema],
    ['POST', '/observe/observables', true, observablesSchema],
    ['POST', '/refer/observables', true, observablesSchema],
    ['POST', '/respond/observables', true, observablesSchema],
    ['POST', '/respond/trigger', true, triggerSchema],
    ['POST', '/tiles', true, undefined],
    ['POST', '/tiles/tile', true, tileSchema],
    ['POST', '/tiles/tile-data', true, tileDataSchema],
    ['POST', '/version', false, undefined],
  ]);
  assert.equal(listApis(stub), [
    'health', 'deliberate/observables', 'observe/observables', 'refer/observables', 'respond/observables',
    'respond/trigger', 'tiles', 'tiles/tile', 'tiles/tile-data',
  ]);
});

routes('listApis names the routes buildRoutes makes but /version and the APIs left out', () => {
  const health = async () => ({ data: { status: 'ok' } });
  const lookup = async () => ({ data: {} });
  const action = { id: 'block', title: 'Block', description: 'Block it', categories: ['Block'], types: ['ip'], run: async () => undefined };
  const cases: [Integration, string[]][] = [
    [{ claims: [], observableTypes: ['ip'], health }, ['health']],
    [{ claims: [], observableTypes: ['ip'], health, observe: lookup, tile: lookup }, ['health', 'observe/observables', 'tiles/tile']],
    [{ claims: [], observableTypes: ['ip'], health, refer: lookup, apisLeftOut: 'empty' }, ['health', 'refer/observables']],
    [{ claims: [], observableTypes: 'all', health, deliberate: lookup, actions: [action] }, ['health', 'deliberate/observables', 'respond/observables', 'respond/trigger']],
    [{ claims: [], observableTypes: 'all', health, respond: lookup, tiles: lookup, tileData: lookup, apisLeftOut: 'empty' }, ['health', 'respond/observables', 'tiles', 'tiles/tile-data']],
  ];
  for (const [integration, apis] of cases) assert.equal(listApis(integration), apis);
});

routes('an API the integration leaves out has no route', () => {
  const minimal: Integration = { claims: [], observableTypes: ['ip'], health: async () => ({ data: { status: 'ok' } }), observe: async () => ({ data: {} }) };
  assert.equal(buildRoutes(minimal, '1.0.0').map((route) => route.path), ['/health', '/observe/observables', '/version']);
});

routes('/version answers the version it was given, unwrapped', async () => {
  const version = buildRoutes(stub, '9.9.9').find((route) => route.path === '/version');
  assert.equal(await version?.run(undefined, CONTEXT), { version: '9.9.9' });
});

routes('observable APIs get the supported types only; `this` stays the integration', async () => {
  const seen: unknown[] = [];
  const integration = {
    claims: [],
    observableTypes: ['ip'],
    tag: 'mine',
    health: async () => ({ data: {} }),
    async observe(this: { tag: string }, observables: unknown) {
      seen.push(this.tag, observables);
      return { data: {} };
    },
    async tile(this: { tag: string }) {
      seen.push(this.tag);
      return { data: {} };
    },
  } as Integration;
  const table = buildRoutes(integration, '1');
  await table.find((route) => route.path === '/observe/observables')?.run([{ type: 'IP', value: '1' }, { type: 'domain', value: 'd' }], CONTEXT);
  await table.find((route) => route.path === '/tiles/tile')?.run({ tile_id: 't' }, CONTEXT);
  assert.equal(seen, ['mine', [{ type: 'ip', value: '1' }], 'mine']);
});

routes.run();

const refused = suite('buildRoutes: at start');

refused('an observable type CTIM does not know stops the relay before it answers', () => {
  assert.throws(
    () => buildRoutes({ ...stub, observableTypes: ['ip', 'hash'] }, '9.9.9'),
    /^observableTypes: not an observable type CTIM knows: "hash" \(handler\/observables\.ts lists them\)$/,
  );
  // listApis, which make module-type, make check and make serve run (importBuilt), refuses it the same way.
  assert.throws(() => listApis({ ...stub, observableTypes: ['ip', 'hash'] }), /^observableTypes: not an observable type CTIM knows: "hash" /);
});

refused.run();
