// What a deployed stage's Terraform outputs say (url, function_name, region), read from its
// local state; with a remote backend, `make status` knows. Node built-ins only.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from './cli.mjs';
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

/**
 * The relay URL a verb works with: RELAY_URL when set (a remote Terraform state, `make serve`'s
 * local URL), else the stage's deployed one; undefined when neither. https, or http on loopback.
 */
export function relayUrl(env, stage) {
  if (!env.RELAY_URL) return stage === undefined ? undefined : deployed(stage).url;
  let url;
  try {
    url = new URL(env.RELAY_URL);
  } catch {
    throw new UsageError(`RELAY_URL is not a URL: ${JSON.stringify(env.RELAY_URL.slice(0, 100))}`);
  }
  const loopback = url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new UsageError('RELAY_URL must be https (http only on 127.0.0.1): the JWT goes with every call');
  }
  if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') throw new UsageError('RELAY_URL must be the relay\'s base URL: no user, query or fragment');
  return url.href.endsWith('/') ? url.href : `${url.href}/`;
}
