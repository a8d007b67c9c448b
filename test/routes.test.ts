import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { integration } from '../handler/integration.ts';
import { buildRoutes } from '../handler/routes.ts';

const routes = suite('buildRoutes');

routes('the routing table is the contract\'s ten routes, all POST, all but /version behind a JWT', () => {
  const table = buildRoutes(integration, '9.9.9');
  assert.equal(table.map((route) => [route.method, route.path, route.auth]), [
    ['POST', '/health', true],
    ['POST', '/deliberate/observables', true],
    ['POST', '/observe/observables', true],
    ['POST', '/refer/observables', true],
    ['POST', '/respond/observables', true],
    ['POST', '/respond/trigger', true],
    ['POST', '/tiles', true],
    ['POST', '/tiles/tile', true],
    ['POST', '/tiles/tile-data', true],
    ['POST', '/version', false],
  ]);
});

routes('/version answers the version it was given, unwrapped', async () => {
  const version = buildRoutes(integration, '9.9.9').find((route) => route.path === '/version');
  const request = { method: 'POST', path: '/version', authorization: undefined, body: undefined, isBase64Encoded: false, requestId: undefined };
  assert.equal(await version?.answer(request, { credentials: {}, entitiesLimit: 100, requestId: undefined }), { version: '9.9.9' });
});

routes.run();
