// `make module-type` (scripts/module-type.mjs), checked against the rules of XDR's IROH API for a
// new module type (iroh-int `NewModuleTypeParams`), stated here in our own words.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import pkg from '../package.json';
import { buildRoutes, listApis } from '../handler/routes.ts';
import { stubBundle } from './lib/stub.ts';
import { integration as stub } from './stub/integration.ts';

const root = join(__dirname, '..');

const TOP_LEVEL = new Set([
  'title', 'default_name', 'description', 'short_description', 'tips', 'logo', 'logo_dark', 'external_references',
  'configuration_spec', 'capabilities', 'properties', 'flags', 'enabled', 'app_link', 'app_link_meta',
  'product_categories', 'integration', 'integration_id', 'max_nb_instances', 'ocsf-product-uid', 'former_title',
]);
const FIELD_KEYS = new Set(['key', 'type', 'label', 'tooltip', 'required', 'group', 'subtype', 'options', 'default_value', 'strict-options', 'beta']);
const FIELD_TYPES = new Set(['remote', 'password', 'file', 'string', 'api_key', 'integer', 'device', 'options', 'boolean']);
const CAPABILITIES = new Set([
  'detection_source', 'device_insights', 'respond', 'observe', 'assets', 'incident/resolve', 'notifications',
  'data_ingestion', 'target_records', 'health', 'automate', 'tiles', 'refer', 'threat_hunts', 'deliberate',
]);
const REFERENCE_KEYS = new Set(['label', 'link', 'external_id', 'class']);

/** Every way a module type breaks XDR's schema, as a list of problems (empty: valid). */
function schemaProblems(value: Record<string, unknown>): string[] {
  const problems: string[] = [];
  for (const key of Object.keys(value)) if (!TOP_LEVEL.has(key)) problems.push(`unknown key ${key}`);
  for (const key of ['title', 'default_name']) if (typeof value[key] !== 'string' || value[key] === '') problems.push(`${key} is required`);
  for (const field of (value['configuration_spec'] ?? []) as Record<string, unknown>[]) {
    for (const key of Object.keys(field)) if (!FIELD_KEYS.has(key)) problems.push(`configuration_spec: unknown key ${key}`);
    for (const key of ['key', 'type', 'label']) if (typeof field[key] !== 'string') problems.push(`configuration_spec: ${key} is required`);
    if (!FIELD_TYPES.has(String(field['type']))) problems.push(`configuration_spec: type ${String(field['type'])}`);
  }
  for (const capability of (value['capabilities'] ?? []) as Record<string, unknown>[]) {
    if (Object.keys(capability).sort().join() !== 'description,id') problems.push('capabilities: {id, description} only');
    if (!CAPABILITIES.has(String(capability['id']))) problems.push(`capabilities: id ${String(capability['id'])}`);
  }
  for (const reference of (value['external_references'] ?? []) as Record<string, unknown>[]) {
    for (const key of Object.keys(reference)) if (!REFERENCE_KEYS.has(key)) problems.push(`external_references: unknown key ${key}`);
  }
  if (typeof value['properties'] !== 'object' || value['properties'] === null) problems.push('properties must be a map');
  if (!((value['flags'] ?? []) as unknown[]).every((flag) => typeof flag === 'string')) problems.push('flags must be strings');
  return problems;
}

const moduleType = suite('make module-type');

moduleType('the schema check itself refuses what XDR refuses', () => {
  assert.equal(schemaProblems({ title: 't', default_name: 'd', url: 'x', configuration_spec: [{ key: 'u', type: 'url', label: 'U' }], capabilities: [{ id: 'enrich', description: '' }], properties: {} }), [
    'unknown key url', 'configuration_spec: type url', 'capabilities: id enrich',
  ]);
});

moduleType('lists exactly the integration\'s APIs, in the Generic Serverless Relay shape XDR accepts', async () => {
  const result = spawnSync('make', ['--no-print-directory', 'module-type'], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, RELAY_BUNDLE: (await stubBundle()).path },
  });
  assert.is(result.status, 0, result.stderr);
  assert.match(result.stdout, 'https://visibility.amp.cisco.com/iroh/iroh-int/module-type');
  const written = JSON.parse(readFileSync(join(root, 'dist', 'module-type.json'), 'utf8')) as Record<string, unknown> & {
    properties: Record<string, unknown>;
    configuration_spec: { key: string; type: string; required: boolean }[];
    capabilities: { id: string }[];
  };
  assert.equal(schemaProblems(written), []);
  assert.equal(written.properties['supported-apis'], listApis(buildRoutes(stub, pkg.version)));
  assert.is(written.properties['auth-type'], 'bearer');
  assert.equal(written['flags'], ['third-party-serverless']);
  assert.equal(written.configuration_spec.map((field) => [field.key, field.type, field.required]), [['url', 'string', true], ['token', 'api_key', true]]);
  assert.equal(written.capabilities.map((capability) => capability.id), ['health', 'deliberate', 'observe', 'refer', 'respond', 'tiles']);
  assert.is(written['title'], pkg.name);
});

moduleType.run();
