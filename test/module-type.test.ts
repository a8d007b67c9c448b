import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import pkg from '../package.json';
import { integration } from '../handler/integration.ts';
import { buildRoutes } from '../handler/routes.ts';

const root = join(__dirname, '..');

const moduleType = suite('make module-type');

moduleType('lists exactly the routes of the routing table, bearer auth with url and token', () => {
  const result = spawnSync('make', ['--no-print-directory', 'module-type'], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  assert.is(result.status, 0, result.stderr);
  assert.match(result.stdout, 'https://visibility.amp.cisco.com/iroh/iroh-int/module-type');
  const written = JSON.parse(readFileSync(join(root, 'dist', 'module-type.json'), 'utf8')) as {
    title: string;
    properties: Record<string, unknown>;
    configuration_spec: { key: string; required: boolean }[];
    capabilities: { id: string }[];
  };
  const table = buildRoutes(integration, pkg.version).filter((route) => route.auth).map((route) => route.path.slice(1));
  assert.equal(written.properties['supported-apis'], table);
  assert.equal(written.properties['supported-apis'], [
    'health', 'deliberate/observables', 'observe/observables', 'refer/observables', 'respond/observables',
    'respond/trigger', 'tiles', 'tiles/tile', 'tiles/tile-data',
  ]);
  assert.is(written.properties['auth-type'], 'bearer');
  assert.equal(written.configuration_spec.map((field) => [field.key, field.required]), [['url', true], ['token', true]]);
  assert.equal(written.capabilities.map((capability) => capability.id), ['health', 'deliberate', 'observe', 'refer', 'respond', 'tiles']);
  assert.is(written.title, pkg.name);
});

moduleType.run();
