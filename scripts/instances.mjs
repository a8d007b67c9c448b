// `make instances STAGE=dev [ORG=name]`: the stage's module instances in an XDR organization, as
// XDR lists them: id, name, enabled, the URL (the stage's or not) and where the token stands
// against the stage's secrets (never the token itself). Node built-ins only.
// `node scripts/instances.mjs --undeploy <stage>`, for `make undeploy`: which instances still point
// at the stage, from what `make register` kept here; XDR is asked only where its API client is
// configured (XDR_CLIENT_ID and XDR_CLIENT_SECRET, an ORG file), else nothing goes on the network.
import { relative } from 'node:path';
import { checkAuth } from './module-type.mjs';
import { runCli, UsageError } from './lib/cli.mjs';
import { relayUrl } from './lib/deployed.mjs';
import { listInstances, tokenState } from './lib/instance.mjs';
import { apiBase, connect, printable, refused } from './lib/iroh.mjs';
import { orgArg, orgLabel, readOrganization, readRecord, recordPath, registeredOrganizations } from './lib/organization.mjs';
import { checkStage, readSecrets } from './lib/secrets.mjs';

const warn = (line) => console.error(`instances: ${line}`);

/** Signs in to the organization's XDR and lists the instances of the stage's type. */
async function askXdr(env, organization, record) {
  if (!organization.client.id || !organization.client.secret) {
    throw new UsageError(`${organization.source} are needed: an API client of ${orgLabel(organization.org)} (Administration > API Clients)`);
  }
  const base = apiBase(env, organization.region);
  const call = await connect({ base, ...organization.client });
  const type = await call('GET', `/iroh/iroh-int/module-type/${encodeURIComponent(record.id)}`, undefined, 'read');
  if (type.status === 404) return { removed: true, instances: [] };
  if (type.status !== 200) throw refused('read the module type', type);
  return { removed: false, instances: await listInstances(call, record.id) };
}

async function list(env) {
  const stage = checkStage(env.STAGE, 'instances');
  const organization = readOrganization(env, warn);
  const { org } = organization;
  const record = readRecord(stage, org, warn);
  if (record === undefined) throw new UsageError(`stage '${stage}' is not registered in ${orgLabel(org)} from here (no ${relative(process.cwd(), recordPath(stage, org))}): make register STAGE=${stage}${orgArg(org)}`);
  const url = relayUrl(env, stage);
  const secrets = readSecrets(stage, warn);
  const auth = checkAuth(record.auth);
  const { removed, instances } = await askXdr(env, organization, record);
  if (removed) throw new UsageError(`the module type ${record.id} was removed in XDR: make register STAGE=${stage}${orgArg(org)} creates it again`);
  console.log(`Module instances of stage '${stage}' in ${orgLabel(org)} (module type ${record.id}, ${auth}): ${instances.length}`);
  for (const instance of instances) {
    const shownUrl = typeof instance.settings?.url === 'string' ? instance.settings.url : undefined;
    const where = auth !== 'bearer' ? 'the module type\'s URL' : shownUrl === url ? 'the stage\'s URL' : `another URL: ${printable(shownUrl ?? 'none')}`;
    const ours = instance.id === record.instance ? ', made by make register' : '';
    console.log(`  ${printable(instance.id, [], 80)}  '${printable(instance.name ?? '', [], 80)}'  ${instance.enabled === false ? 'disabled' : 'enabled'}  ${where}  ${tokenState(instance.settings, secrets, auth)}${ours}`);
  }
  if (record.instance !== undefined && !instances.some((instance) => instance.id === record.instance)) {
    console.log(`The instance make register made (${record.instance}) was removed in XDR: make register STAGE=${stage}${orgArg(org)} creates it again.`);
  }
  const others = registeredOrganizations(stage).filter((name) => name !== org);
  if (others.length > 0) console.log(`Also registered from here: ${others.map((name) => (name === undefined ? 'your organization (no ORG)' : `ORG=${name}`)).join(', ')}.`);
}

/** For make undeploy: one line per organization whose instances still point at the stage. Never fails. */
async function beforeUndeploy(env, stage) {
  for (const org of registeredOrganizations(stage)) {
    const label = orgLabel(org);
    const fix = `make unregister STAGE=${stage}${orgArg(org)}`;
    try {
      const record = readRecord(stage, org, warn);
      // Another organization's client and region are in its file; the environment's are yours.
      const own = org === undefined ? {} : { XDR_CLIENT_ID: '', XDR_CLIENT_SECRET: '', XDR_REGION: '' };
      const organization = readOrganization({ ...env, ...own, ORG: org ?? '', FILE: '' }, warn);
      if (!organization.client.id || !organization.client.secret) {
        // No client here: what make register kept is all we know, and no network is needed for it.
        if (record.instance !== undefined) console.log(`Module instance ${record.instance} in ${label} (kept by make register) still points at stage '${stage}': ${fix} removes it.`);
        continue;
      }
      const { instances } = await askXdr(env, organization, record);
      if (instances.length > 0) {
        console.log(`${instances.length} module instance${instances.length === 1 ? '' : 's'} in ${label} still point${instances.length === 1 ? 's' : ''} at stage '${stage}' (${instances.map((instance) => printable(instance.id, [], 80)).join(', ')}): ${fix} removes ${instances.length === 1 ? 'it' : 'them'}.`);
      }
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      console.log(`Could not ask XDR whether ${label} still has module instances of stage '${stage}' (${error.message}): ${fix} removes them.`);
    }
  }
}

async function main() {
  const [flag, stage] = process.argv.slice(2);
  if (flag === '--undeploy') return beforeUndeploy(process.env, checkStage(stage, 'undeploy'));
  return list(process.env);
}

await runCli(import.meta, () => (process.argv[2] === '--undeploy' ? 'undeploy' : 'instances'), main);
