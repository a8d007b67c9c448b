// `make register STAGE=dev [AUTH=bearer|hs256|rs256] [ORG=name]`: a working module in an XDR
// organization in one command. Creates (or updates) this relay's module type there, then the
// stage's module instance: the deployed URL and its token in its settings (the stage's JWT for
// AUTH=bearer; the organization's own claims for configuration tokens). Idempotent: the ids are
// kept in .secrets/<stage>[.<org>].module-type.json, and a second run updates the same two. What
// it creates in a run that fails is removed again. Node built-ins only.
// Environment: XDR_CLIENT_ID, XDR_CLIENT_SECRET, XDR_REGION (us, eu, apjc; default us), FILE
// (claims, for configuration tokens), or ORG (all of it in .secrets/<org>.org.json); RELAY_URL
// (the relay's URL when Terraform's state is not here); XDR_API_URL overrides the API's base URL
// (https, or http on 127.0.0.1 for tests).
import { relative } from 'node:path';
import { moduleType, readChoices } from './module-type.mjs';
import { runCli, UsageError } from './lib/cli.mjs';
import { instanceSettings, listInstances, ownInstance, stageToken } from './lib/instance.mjs';
import { apiBase, connect, refused } from './lib/iroh.mjs';
import { orgArg, orgLabel, readOrganization, readRecord, recordPath, removeRecord, writeRecord } from './lib/organization.mjs';
import { readSecrets } from './lib/secrets.mjs';

const TYPES = '/iroh/iroh-int/module-type';
const INSTANCES = '/iroh/iroh-int/module-instance';
const warn = (line) => console.error(`register: ${line}`);

async function main() {
  const env = process.env;
  // The organization first: its file says its region, which the module type may depend on (RS256).
  const organization = readOrganization(env, warn);
  const choices = await readChoices({ ...env, XDR_REGION: organization.region }, 'register');
  const { stage, auth, pkg } = choices;
  const { org } = organization;
  const again = `make register STAGE=${stage}${orgArg(org)}`;
  if (choices.url === undefined) {
    throw new UsageError(`stage '${stage}' is not deployed here: make deploy STAGE=${stage} first (the module instance needs its URL), or RELAY_URL=<its URL> for a state kept elsewhere`);
  }
  // Everything local before the first call to XDR: a mistake here leaves nothing behind there.
  const secrets = readSecrets(stage, warn);
  const claims = organization.claims(choices.claims);
  const token = auth === 'bearer' ? stageToken({ stage, org, claims, secrets, warn }) : undefined;
  const settings = instanceSettings({ auth, url: choices.url, token, claims, org, stage });
  if (!organization.client.id || !organization.client.secret) {
    throw new UsageError(`${organization.source} are needed: an API client of ${orgLabel(org)} (Administration > API Clients)`);
  }
  const base = apiBase(env, organization.region);
  const kept = readRecord(stage, org, warn);
  const call = await connect({ base, ...organization.client, hide: Object.values(settings).filter((value) => typeof value === 'string') });

  // The module type.
  const body = moduleType(choices);
  let typeId = kept?.id;
  let typeCreated = false;
  if (typeId !== undefined) {
    // Not a silent change: the modules already added in XDR were configured for the other one.
    if (typeof kept.auth === 'string' && kept.auth !== auth) {
      console.log(`The module type's authentication changes from ${kept.auth} to ${auth}: every module of this type already added in XDR must be configured again (Administration > Integrations).`);
    }
    const result = await call('PATCH', `${TYPES}/${encodeURIComponent(typeId)}`, body, 'update');
    // Deleted in XDR since: created again.
    if (result.status === 404) typeId = undefined;
    else if (result.status !== 200) throw refused('update the module type', result);
  }
  if (typeId === undefined) {
    const result = await call('POST', TYPES, body, 'create');
    if (result.status !== 201 && result.status !== 200) throw refused('create the module type', result);
    typeId = result.body?.id;
    if (typeof typeId !== 'string' || typeId === '') throw new UsageError('XDR answered without the module type\'s id');
    typeCreated = true;
  }
  const record = { id: typeId, api: base, auth };
  try {
    // Written now: should what follows fail for a reason the catch below cannot mend, the type is known.
    if (typeCreated || kept.auth !== auth) writeRecord(stage, org, { ...record, ...(typeCreated ? {} : { instance: kept.instance }) });
    console.log(`${typeCreated ? 'Created' : 'Updated'} the module type '${pkg.name}' (${auth}) in XDR: ${typeId}`);
    const instance = await placeInstance({ call, stage, org, typeId, typeCreated, kept: typeCreated ? undefined : kept?.instance, settings, name: `${pkg.name} (${stage})`, replace: !typeCreated && typeof kept.auth === 'string' && kept.auth !== auth });
    await writeRecordOrUndo(call, stage, org, { ...record, instance: instance.id }, instance.created);
    const given = auth !== 'bearer' ? '' : org === undefined ? ' and the stage\'s JWT' : ' and its JWT, signed from its claims';
    console.log(`${instance.created ? 'Created' : 'Updated'} the module instance '${instance.name}' in ${orgLabel(org)}: ${instance.id} (${choices.url}${given})`);
  } catch (error) {
    if (!typeCreated) throw error;
    // Nothing half-made: the type this run created goes too.
    const undone = await call('DELETE', `${TYPES}/${encodeURIComponent(typeId)}`, undefined, 'undo').catch(() => ({ status: 0 }));
    if (undone.status !== 200 && undone.status !== 204 && undone.status !== 404) {
      throw new UsageError(`${error.message}; the module type ${typeId} it had created could not be removed: run make unregister STAGE=${stage}${orgArg(org)}`);
    }
    removeRecord(stage, org);
    if (!(error instanceof UsageError)) throw error;
    throw new UsageError(`${error.message} (the module type it had created is removed again)`);
  }
  console.log(`Their ids are kept in ${relative(process.cwd(), recordPath(stage, org))}; ${again} again updates them.`);
  if (secrets?.previous !== undefined && auth === 'bearer') {
    console.log(`A rotation is in progress: once every organization has the new JWT (make register STAGE=${stage} [ORG=…] each), make jwt STAGE=${stage} FINISH=1, then make deploy STAGE=${stage}.`);
  }
  console.log(`Next: make check STAGE=${stage}${orgArg(org)} calls the relay as XDR does.`);
}

/**
 * The stage's module instance, updated or created: the one kept (an instance removed in XDR is
 * created again, and said), else one of the type with the stage's name (a lost record), else new.
 */
async function placeInstance({ call, stage, org, typeId, typeCreated, kept, settings, name, replace }) {
  let id = kept;
  if (id === undefined && !typeCreated) id = ownInstance(await listInstances(call, typeId), { name })?.id;
  if (id !== undefined && replace) {
    // Another AUTH: the old settings' fields (a JWT, or an organization's API key) must not linger.
    const removed = await call('DELETE', `${INSTANCES}/${encodeURIComponent(id)}`, undefined, 'remove');
    if (removed.status !== 200 && removed.status !== 204 && removed.status !== 404) throw refused('replace the module instance', removed);
    console.log(`The module instance ${id} was made for the other authentication: replaced by a new one.`);
    id = undefined;
  }
  if (id !== undefined) {
    const result = await call('PATCH', `${INSTANCES}/${encodeURIComponent(id)}`, { settings }, 'update');
    if (result.status === 200) return { id, name: typeof result.body?.name === 'string' ? result.body.name : name, created: false };
    if (result.status !== 404) throw refused('update the module instance', result);
    console.log(`The module instance ${id} was removed in XDR (Administration > Integrations): creating it again in ${orgLabel(org)}.`);
  }
  const result = await call('POST', INSTANCES, { name, module_type_id: typeId, visibility: 'org', enabled: true, settings }, 'create');
  if (result.status === 404 || result.status === 400 && /module.?type/i.test(result.said)) {
    throw new UsageError(`XDR does not know the module type ${typeId} (HTTP ${result.status}: ${result.said}): make unregister STAGE=${stage}${orgArg(org)}, then make register again`);
  }
  if (result.status !== 201 && result.status !== 200) throw refused('create the module instance', result);
  const created = result.body?.id;
  if (typeof created !== 'string' || created === '') throw new UsageError('XDR answered without the module instance\'s id');
  return { id: created, name, created: true };
}

/** Writes the record; if that fails, the instance just created is removed, so that none is left unknown. */
async function writeRecordOrUndo(call, stage, org, record, created) {
  try {
    writeRecord(stage, org, record);
  } catch (error) {
    if (created) await call('DELETE', `${INSTANCES}/${encodeURIComponent(record.instance)}`, undefined, 'undo').catch(() => undefined);
    throw error;
  }
}

await runCli(import.meta, () => 'register', main);
