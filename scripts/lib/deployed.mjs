// What a deployed stage's Terraform outputs say (url, function_name, region), read from its
// local state; with a remote backend, `make status` knows. Node built-ins only.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './dist.mjs';

/** `{ url, functionName, region, jwksHosts }`, each undefined when the stage is not deployed (here). */
export function deployed(stage) {
  const state = join(root, 'terraform', 'terraform.tfstate.d', stage, 'terraform.tfstate');
  let outputs;
  try {
    outputs = JSON.parse(readFileSync(state, 'utf8')).outputs ?? {};
  } catch {
    return {};
  }
  const text = (name) => (typeof outputs[name]?.value === 'string' ? outputs[name].value : undefined);
  const hosts = outputs.xdr_jwks_hosts?.value;
  const jwksHosts = Array.isArray(hosts) && hosts.every((host) => typeof host === 'string') ? hosts : undefined;
  return { url: text('url'), functionName: text('function_name'), region: text('region'), jwksHosts };
}
