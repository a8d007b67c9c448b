// `make module-type [STAGE=dev] [AUTH=bearer|hs256|rs256]`: the JSON of a custom Cisco XDR module
// type for this relay, written to dist/module-type.json (0600: with AUTH=hs256 it holds the
// stage's secret). Node built-ins only; the APIs and claims come from the built handler.
//   bearer  Cisco's Generic Serverless Relay shape: XDR sends the JWT that `make jwt` printed.
//   hs256   configuration tokens: each XDR organization types its own claims (API key, ...) into
//           XDR's form, and XDR signs the token with the relay's secret.
//   rs256   configuration tokens signed by XDR's own key; the relay fetches the public key from
//           the region's JWKS host (Terraform's xdr_jwks_hosts must allow it).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deployed, relayUrl } from './lib/deployed.mjs';
import { dist, importBuilt, root, writeAtomic } from './lib/dist.mjs';
import { runCli, UsageError } from './lib/cli.mjs';
import { REGIONS } from './lib/iroh.mjs';
import { checkStage, readSecrets } from './lib/secrets.mjs';

export { REGIONS };
export const AUTHS = ['bearer', 'hs256', 'rs256'];

// What XDR shows for each capability, keyed by the first part of an API path.
const CAPABILITIES = {
  health: 'Healthcheck',
  deliberate: 'Deliberation',
  observe: 'Enrichments',
  refer: 'Reference links',
  respond: 'Response actions',
  tiles: 'Dashboard tiles',
};
// The field types XDR's module type schema knows, of which a claim may choose.
const FIELD_TYPES = new Set(['api_key', 'string', 'password', 'integer', 'boolean']);

/**
 * The module type of a relay: `apis` and `claims` from the built handler, its name from
 * package.json, `auth` one of AUTHS; `url` the deployed relay's, `secret` for hs256, `region`
 * for rs256.
 */
export function moduleType({ apis, claims, pkg, auth = 'bearer', url, secret, region = 'us' }) {
  const capabilities = [...new Set(apis.map((api) => api.split('/')[0]))].map((id) => ({
    id,
    description: CAPABILITIES[id] ?? id,
  }));
  const common = {
    title: pkg.name,
    default_name: pkg.name,
    short_description: pkg.description,
    description: pkg.description,
    capabilities,
    product_categories: [{ id: 'threat-intel', description: 'Threat Intelligence' }],
  };
  const properties = { 'supported-apis': apis, ...(url === undefined ? {} : { url }) };
  if (auth === 'bearer') {
    return {
      ...common,
      tips: 'Enter the relay URL and the JWT that the relay\'s operator gave you for this organization.',
      // The field types of Cisco's own Generic Serverless Relay module type: XDR's schema has no
      // `url` type (string, api_key, password, integer, boolean, options, ... only).
      configuration_spec: [
        { key: 'url', type: 'string', label: 'URL', tooltip: 'The relay\'s URL, https://….execute-api.<region>.amazonaws.com/', required: true },
        { key: 'token', type: 'api_key', label: 'Authorization Bearer Token', tooltip: 'The JWT the relay\'s operator made for this organization (it holds your API credentials)', required: true },
      ],
      properties: { ...properties, 'auth-type': 'bearer' },
      flags: ['third-party-serverless'],
    };
  }
  // XDR strips `custom_` from each field's key and puts the value in the token as that claim.
  const fields = claims.map((claim) => {
    const type = claim.field ?? 'api_key';
    if (!FIELD_TYPES.has(type)) throw new UsageError(`claim '${claim.name}': field type '${type}' is not one of ${[...FIELD_TYPES].join(', ')}`);
    return { key: `custom_${claim.name}`, type, label: claim.label ?? claim.description, tooltip: claim.description, required: true };
  });
  const audience = url?.replace(/\/$/, '');
  return {
    ...common,
    tips: 'Enter your own credentials: XDR signs them into the token it sends to the relay.',
    configuration_spec: [
      ...fields,
      {
        key: 'custom_CTR_ENTITIES_LIMIT',
        type: 'integer',
        label: 'Entities limit',
        tooltip: 'At most this many sightings and judgements per observable (the relay\'s own limit still applies)',
        required: false,
      },
    ],
    properties: {
      ...properties,
      'auth-type': 'configuration-token',
      'configuration-token-alg': auth === 'hs256' ? 'HS256' : 'RS256',
      'configuration-token-audience': audience,
      ...(auth === 'hs256' ? { 'configuration-token-key': secret } : { custom_jwks_host: REGIONS[region] }),
    },
  };
}

/** One of AUTHS (bearer when unset), or a UsageError. */
export function checkAuth(auth = 'bearer') {
  if (!AUTHS.includes(auth)) throw new UsageError(`AUTH must be one of ${AUTHS.join(', ')}, not ${JSON.stringify(auth)}`);
  return auth;
}

/** Reads and checks the user's choices (AUTH, STAGE, XDR_REGION) and what they need. */
export async function readChoices(env, verb) {
  const auth = checkAuth(env.AUTH || undefined);
  const region = env.XDR_REGION || 'us';
  if (!Object.hasOwn(REGIONS, region)) throw new UsageError(`XDR_REGION must be one of ${Object.keys(REGIONS).join(', ')}, not ${JSON.stringify(region)}`);
  const stage = env.STAGE ? checkStage(env.STAGE, verb) : undefined;
  if (stage === undefined && (auth !== 'bearer' || verb === 'register')) {
    throw new UsageError(`STAGE is missing: make ${verb} STAGE=dev${auth === 'bearer' ? '' : ` AUTH=${auth}`}`);
  }
  const { jwksHosts } = stage === undefined ? {} : deployed(stage);
  const url = relayUrl(env, stage);
  // A configuration token's audience is the relay's URL: it must exist first.
  if (auth !== 'bearer' && url === undefined) throw new UsageError(`stage '${stage}' is not deployed here: make deploy STAGE=${stage} first (its URL is the tokens' audience), or RELAY_URL=<its URL> for a state kept elsewhere`);
  // XDR's RS256 tokens would all be refused by a relay that does not trust the region's key host.
  if (auth === 'rs256' && verb === 'register' && !(jwksHosts ?? []).includes(REGIONS[region])) {
    throw new UsageError(`stage '${stage}' does not accept XDR's RS256 tokens (${region}: ${REGIONS[region]} is not in its xdr_jwks_hosts): set xdr_jwks_hosts = ["${REGIONS[region]}"] in terraform/terraform.tfvars, make deploy STAGE=${stage}, then register`);
  }
  let secret;
  if (auth === 'hs256') {
    secret = readSecrets(stage, (line) => console.error(`${verb}: ${line}`))?.current;
    if (secret === undefined) throw new UsageError(`stage '${stage}' has no secret: make jwt STAGE=${stage}, then make deploy STAGE=${stage}`);
  }
  let built;
  try {
    built = await importBuilt();
  } catch (error) {
    throw new UsageError(error.message);
  }
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  return { auth, region, stage, url, secret, apis: built.listApis(), claims: built.integration.claims, pkg };
}

async function main() {
  const choices = await readChoices(process.env, 'module-type');
  const body = moduleType(choices);
  writeAtomic(join(dist, 'module-type.json'), `${JSON.stringify(body, null, 2)}\n`, { mode: 0o600 });
  const lines = [`Wrote dist/module-type.json (${choices.auth}, ${choices.apis.length} APIs${choices.url ? `, ${choices.url}` : ''}).`];
  if (choices.auth === 'hs256') lines.push('It holds the stage\'s secret (configuration-token-key): mode 0600, git-ignored; share it with no one but XDR.');
  if (choices.auth === 'rs256') lines.push(`Deploy with xdr_jwks_hosts = ["${REGIONS[choices.region]}"] (Terraform) so that the relay accepts XDR's tokens.`);
  lines.push(`Register it with an XDR API client: make register${choices.stage ? ` STAGE=${choices.stage}` : ' STAGE=…'}${choices.auth === 'bearer' ? '' : ` AUTH=${choices.auth}`} (XDR_CLIENT_ID, XDR_CLIENT_SECRET, XDR_REGION).`);
  console.log(lines.join('\n'));
}

await runCli(import.meta, () => 'module-type', main);
