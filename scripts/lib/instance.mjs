// A stage's module instance in XDR: its settings (what XDR sends the relay with), the token in
// them, and finding it among the instances of its type. Node built-ins only.
import { relative } from 'node:path';
import { UsageError } from './cli.mjs';
import { refused } from './iroh.mjs';
import { readPrivate, tokenPath } from './secrets.mjs';
import { isSignedWith, signToken } from './token.mjs';

const INSTANCES = '/iroh/iroh-int/module-instance';

/**
 * The bearer token of the stage in an organization: yours is the stage's JWT (`make jwt`), checked
 * against the stage's current secret; another organization's is signed here from its own claims
 * with that secret, never printed nor written (signing the same claims again gives the same JWT).
 */
export function stageToken({ stage, org, claims, secrets, warn }) {
  if (secrets === undefined) throw new UsageError(`stage '${stage}' has no secret: make jwt STAGE=${stage}, then make deploy STAGE=${stage}`);
  if (org !== undefined) {
    if (claims === undefined) throw new UsageError(`ORG=${org}: its claims are missing: "claims": {...} in .secrets/${org}.org.json`);
    return signToken(claims, secrets.current);
  }
  if (claims !== undefined) throw new UsageError(`FILE= holds claims for configuration tokens (AUTH=hs256 or rs256); with AUTH=bearer the module gets the stage's JWT (make jwt STAGE=${stage})`);
  const path = tokenPath(stage);
  const token = readPrivate(path, warn)?.trim();
  if (token === undefined || token === '') throw new UsageError(`stage '${stage}' has no JWT: make jwt STAGE=${stage}`);
  if (!isSignedWith(token, secrets.current)) {
    throw new UsageError(`${relative(process.cwd(), path)} is not signed with the stage's current secret: make jwt STAGE=${stage} signs a new one`);
  }
  return token;
}

/**
 * An instance's settings: bearer, the two fields of the Generic Serverless Relay shape (`url`,
 * `token`); configuration tokens, each claim as its field (`custom_<claim>`), which XDR signs into
 * the token it sends (the relay's URL is in the module type then).
 */
export function instanceSettings({ auth, url, token, claims, org, stage }) {
  if (auth === 'bearer') return { url, token };
  if (claims === undefined) {
    throw new UsageError(org === undefined
      ? `AUTH=${auth}: the module instance needs your organization's claims: FILE=.secrets/creds.json ({"key": "..."}) make register STAGE=${stage} AUTH=${auth}`
      : `ORG=${org}: its claims are missing: "claims": {...} in .secrets/${org}.org.json`);
  }
  return Object.fromEntries(Object.entries(claims).map(([name, value]) => [`custom_${name}`, value]));
}

/** The instances of a module type in the organization; a refusal is one line. */
export async function listInstances(call, typeId) {
  const result = await call('GET', `${INSTANCES}?module_type_id=${encodeURIComponent(typeId)}`, undefined, 'list');
  if (result.status !== 200) throw refused('list the module instances', result);
  if (!Array.isArray(result.body)) throw new UsageError('XDR answered the list of module instances with something else than a list');
  // Only what has the shape of an instance of this type: the rest is not ours to touch.
  return result.body.filter((instance) => typeof instance?.id === 'string' && instance.id !== '' && instance.module_type_id === typeId);
}

/** The stage's own instance among `instances`: the kept id, else the stage's name. */
export function ownInstance(instances, { id, name }) {
  return instances.find((instance) => instance.id === id) ?? (id === undefined ? instances.find((instance) => instance.name === name) : undefined);
}

/** Where an instance's token stands against the stage's secrets, without showing it. */
export function tokenState(settings, secrets, auth) {
  if (auth !== 'bearer') return 'configuration tokens (XDR signs them)';
  const token = settings?.token;
  if (typeof token !== 'string' || token === '') return 'token not shown by XDR';
  if (isSignedWith(token, secrets?.current)) return 'JWT signed with the current secret';
  if (isSignedWith(token, secrets?.previous)) return 'JWT signed with the previous secret: make register moves it to the new one';
  return 'JWT signed with another secret: the relay refuses it; make register replaces it';
}
