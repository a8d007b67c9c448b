// `make unregister STAGE=dev [ORG=name]`: removes the stage's module instance from an XDR
// organization, then its module type when no instance of it is left (one an admin added by hand
// keeps the type, and is named). The instance goes first: a failure in between leaves a type
// without instances, never an instance without its type. Node built-ins only.
import { relative } from 'node:path';
import { runCli, UsageError } from './lib/cli.mjs';
import { listInstances, ownInstance } from './lib/instance.mjs';
import { apiBase, connect, printable, refused } from './lib/iroh.mjs';
import { orgArg, orgLabel, readOrganization, readRecord, recordPath, removeRecord, writeRecord } from './lib/organization.mjs';
import { checkStage } from './lib/secrets.mjs';

const warn = (line) => console.error(`unregister: ${line}`);
const gone = (status) => status === 200 || status === 204;

async function main() {
  const env = process.env;
  const stage = checkStage(env.STAGE, 'unregister');
  const organization = readOrganization(env, warn);
  const { org } = organization;
  const record = readRecord(stage, org, warn);
  const path = relative(process.cwd(), recordPath(stage, org));
  if (record === undefined) throw new UsageError(`stage '${stage}' is not registered in ${orgLabel(org)} from here (no ${path}): nothing to remove`);
  if (!organization.client.id || !organization.client.secret) {
    throw new UsageError(`${organization.source} are needed: an API client of ${orgLabel(org)} (Administration > API Clients)`);
  }
  const call = await connect({ base: apiBase(env, organization.region), ...organization.client });
  const type = `/iroh/iroh-int/module-type/${encodeURIComponent(record.id)}`;
  const read = await call('GET', type, undefined, 'read');
  if (read.status === 404) {
    removeRecord(stage, org);
    console.log(`The module type ${record.id} was already removed in XDR; ${path} is removed.`);
    return;
  }
  if (read.status !== 200) throw refused('read the module type', read);

  const instances = await listInstances(call, record.id);
  const name = typeof read.body?.title === 'string' ? `${read.body.title} (${stage})` : undefined;
  const own = ownInstance(instances, { id: record.instance, name });
  if (own !== undefined) {
    const removed = await call('DELETE', `/iroh/iroh-int/module-instance/${encodeURIComponent(own.id)}`, undefined, 'remove');
    if (!gone(removed.status) && removed.status !== 404) throw refused('remove the module instance', removed);
    writeRecord(stage, org, { id: record.id, api: record.api, auth: record.auth });
    console.log(`Removed the module instance ${printable(own.id, [], 80)} from ${orgLabel(org)}.`);
  } else if (record.instance !== undefined) {
    console.log(`The module instance ${record.instance} was already removed in XDR.`);
  }
  const others = instances.filter((instance) => instance !== own);
  if (others.length > 0) {
    writeRecord(stage, org, { id: record.id, api: record.api, auth: record.auth });
    const ids = others.map((instance) => `${printable(instance.id, [], 80)} '${printable(instance.name ?? '', [], 80)}'`).join(', ');
    throw new UsageError(`kept the module type ${record.id}: ${others.length} other instance${others.length === 1 ? '' : 's'} of it in ${orgLabel(org)} (${ids}), not made by make register: remove ${others.length === 1 ? 'it' : 'them'} in XDR (Administration > Integrations), then make unregister STAGE=${stage}${orgArg(org)} again`);
  }
  const removed = await call('DELETE', type, undefined, 'remove');
  if (!gone(removed.status) && removed.status !== 404) throw refused('remove the module type', removed);
  removeRecord(stage, org);
  console.log(`Removed the module type ${record.id} from ${orgLabel(org)}; ${path} is removed.`);
}

await runCli(import.meta, () => 'unregister', main);
