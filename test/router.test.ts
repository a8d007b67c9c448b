import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { defineIntegration, type Integration } from '../handler/contract.ts';
import { RelayError } from '../handler/errors.ts';
import { createRouter } from '../handler/router.ts';
import { buildRoutes, type Route } from '../handler/routes.ts';
import { integration as stub } from './stub/integration.ts';

const run = async () => ({});
const row = (path: string): Route => ({ method: 'POST', path, auth: true, run });

const router = suite('createRouter');

router('matches exact paths', () => {
  const health = row('/health');
  const match = createRouter([health, row('/tiles/tile')]);
  assert.is(match('POST', '/health'), health);
});

router('never matches Object.prototype', () => {
  const match = createRouter([row('/health')]);
  for (const path of ['constructor', '__proto__', 'toString', '/constructor', '/hasOwnProperty']) {
    try {
      match('POST', path);
      assert.unreachable(path);
    } catch (error) {
      assert.instance(error, RelayError);
      assert.is((error as RelayError).status, 404);
    }
  }
});

router('a known path with another method is 405 with Allow', () => {
  const match = createRouter([row('/health')]);
  try {
    match('DELETE', '/health');
    assert.unreachable();
  } catch (error) {
    assert.instance(error, RelayError);
    assert.equal((error as RelayError).headers, { allow: 'POST' });
    assert.is((error as RelayError).status, 405);
  }
});

router('buildRoutes makes what the router assumes: each path once (absolute, without a trailing slash), each a POST', () => {
  const leftOut = defineIntegration({ claims: [], observableTypes: ['ip'], apisLeftOut: 'empty', health: async () => ({ data: {} }) });
  const withActions = { ...stub, respond: undefined, trigger: undefined, actions: [{ id: 'a', types: ['ip'], title: 'A', description: 'A', categories: [], run: async () => undefined }] };
  for (const integration of [stub, leftOut, withActions] as Integration[]) {
    const routes = buildRoutes(integration, '1.0.0');
    const paths = routes.map((route) => route.path);
    assert.equal(paths, ['/health', '/deliberate/observables', '/observe/observables', '/refer/observables', '/respond/observables', '/respond/trigger', '/tiles', '/tiles/tile', '/tiles/tile-data', '/version']);
    assert.ok(routes.every((route) => route.method === 'POST'));
  }
});

router.run();
