// `make module-type`: the JSON of a custom Cisco XDR module type for this relay, written to
// dist/module-type.json, with the request that registers it. Node built-ins only; the APIs come
// from the built handler's routing table.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { dist, importBuilt, root, writeAtomic } from './lib/dist.mjs';

// What XDR shows for each capability, keyed by the first part of an API path.
const CAPABILITIES = {
  health: 'Healthcheck',
  deliberate: 'Deliberation',
  observe: 'Enrichments',
  refer: 'Reference links',
  respond: 'Response actions',
  tiles: 'Dashboard tiles',
};

/** The module type of a relay that offers `apis`, described by package.json. */
export function moduleType(apis, pkg) {
  const capabilities = [...new Set(apis.map((api) => api.split('/')[0]))].map((id) => ({
    id,
    description: CAPABILITIES[id] ?? id,
  }));
  return {
    title: pkg.name,
    default_name: pkg.name,
    short_description: pkg.description,
    description: `${pkg.description} Version ${pkg.version}.`,
    tips: 'Enter the relay URL that `make deploy` printed, and the JWT that `make jwt` printed.',
    external_references: [],
    // The field types of Cisco's own Generic Serverless Relay module type: XDR's schema has no
    // `url` type (string, api_key, password, integer, boolean, options, ... only).
    configuration_spec: [
      { key: 'url', type: 'string', label: 'URL', tooltip: 'The relay URL (make status STAGE=...)', required: true },
      { key: 'token', type: 'api_key', label: 'Authorization Bearer Token', tooltip: 'The JWT from make jwt', required: true },
    ],
    capabilities,
    properties: {
      'supported-apis': apis,
      'auth-type': 'bearer',
    },
    flags: ['third-party-serverless'],
  };
}

async function main() {
  let apis;
  try {
    ({ apis } = await importBuilt());
  } catch (error) {
    console.error(`module-type: error: ${error.message}`);
    process.exit(1);
  }
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  writeAtomic(join(dist, 'module-type.json'), `${JSON.stringify(moduleType(apis, pkg), null, 2)}\n`);
  console.log(`Wrote dist/module-type.json (${apis.length} APIs). To register it, with an XDR API client token:`);
  console.log('  curl -X POST https://visibility.amp.cisco.com/iroh/iroh-int/module-type \\');
  console.log('    -H "Authorization: Bearer $XDR_TOKEN" -H "Content-Type: application/json" \\');
  console.log('    --data @dist/module-type.json');
  console.log('(visibility.eu.amp.cisco.com or visibility.apjc.amp.cisco.com in the EU and APJC regions)');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
