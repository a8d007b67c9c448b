// `make deploy`'s checks before Terraform runs at all: usable AWS credentials, the region (said
// before anything is created), and the integration's declared settings for Terraform to check the
// `settings` map against. Node built-ins and, when installed, the AWS CLI.
// Usage: node scripts/lib/preflight.mjs <stage>
// Prints three lines: the region, where it came from, the declared settings as JSON
// ({"NAME": true when required}); or one `deploy: error:` line and exit 1.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { runCli, UsageError } from './cli.mjs';
import { deployed } from './deployed.mjs';
import { importBuilt, root } from './dist.mjs';

const CONFIGURE = 'run aws configure, or set AWS_PROFILE (or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY)';
const REGION = /^[a-z]{2}(-[a-z]+)+-[0-9]$/;

/** Runs the AWS CLI; undefined when it is not installed. */
function awsCli(args, env) {
  const result = spawnSync('aws', args, { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
  if (result.error?.code === 'ENOENT') return undefined;
  return result;
}

/** Where credentials may come from without the AWS CLI to ask: the SDKs' chain, minus the instance's role. */
function credentialsHint(env) {
  const home = env.HOME || homedir();
  return ['AWS_ACCESS_KEY_ID', 'AWS_PROFILE', 'AWS_WEB_IDENTITY_TOKEN_FILE', 'AWS_CONTAINER_CREDENTIALS_FULL_URI', 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI']
    .some((name) => env[name])
    || existsSync(env.AWS_SHARED_CREDENTIALS_FILE || join(home, '.aws', 'credentials'))
    || existsSync(env.AWS_CONFIG_FILE || join(home, '.aws', 'config'));
}

/** Throws unless AWS credentials are usable: asks STS when the AWS CLI is there, else looks for them. */
export function checkCredentials(env) {
  const identity = awsCli(['sts', 'get-caller-identity', '--output', 'json'], env);
  if (identity === undefined) {
    if (!credentialsHint(env)) throw new UsageError(`no AWS credentials found: ${CONFIGURE}`);
    return;
  }
  if (identity.status !== 0) {
    const said = identity.stderr.trim().split('\n').filter((line) => line !== '').pop() ?? `exit code ${identity.status}`;
    throw new UsageError(`no usable AWS credentials (aws sts get-caller-identity: ${said}): ${CONFIGURE}`);
  }
}

/** `region = "..."` in the Terraform variable files Terraform reads by itself, if one sets it. */
function regionInFiles() {
  const folder = join(root, 'terraform');
  let names;
  try {
    names = readdirSync(folder);
  } catch {
    return undefined;
  }
  // Terraform's order: terraform.tfvars, terraform.tfvars.json, then *.auto.tfvars(.json) by name; the last wins.
  const files = ['terraform.tfvars', 'terraform.tfvars.json', ...names.filter((name) => /\.auto\.tfvars(\.json)?$/.test(name)).sort()];
  let found;
  for (const name of files) {
    let text;
    try {
      text = readFileSync(join(folder, name), 'utf8');
    } catch {
      continue;
    }
    let value;
    if (name.endsWith('.json')) {
      try {
        value = JSON.parse(text)?.region;
      } catch {
        throw new UsageError(`terraform/${name} is not JSON`);
      }
    } else {
      value = /^\s*region\s*=\s*"([^"]*)"/m.exec(text)?.[1];
    }
    if (typeof value === 'string') found = { region: value, from: `terraform/${name}` };
  }
  return found;
}

/** The profile's region from the AWS config file, for machines without the AWS CLI. */
function regionInProfile(env) {
  const profile = env.AWS_PROFILE || 'default';
  let text;
  try {
    text = readFileSync(env.AWS_CONFIG_FILE || join(env.HOME || homedir(), '.aws', 'config'), 'utf8');
  } catch {
    return undefined;
  }
  const header = profile === 'default' ? /^\s*\[\s*(profile\s+)?default\s*\]/ : new RegExp(`^\\s*\\[\\s*profile\\s+${profile.replace(/[^\w-]/g, '\\$&')}\\s*\\]`);
  let inside = false;
  for (const line of text.split(/\r?\n/)) {
    if (/^\s*\[/.test(line)) inside = header.test(line);
    else if (inside) {
      const region = /^\s*region\s*=\s*(\S+)/.exec(line)?.[1];
      if (region) return region;
    }
  }
  return undefined;
}

/**
 * The stage's region and where it comes from: Terraform's `region` when set (TF_VAR_region or a
 * variable file), else AWS_REGION, AWS_DEFAULT_REGION, the profile's region; a stage deployed
 * here stays where it is.
 */
export function resolveRegion(stage, env) {
  const fromFiles = regionInFiles();
  let chosen;
  if (fromFiles) chosen = fromFiles;
  else if (env.TF_VAR_region) chosen = { region: env.TF_VAR_region, from: 'TF_VAR_region' };
  else if (env.AWS_REGION) chosen = { region: env.AWS_REGION, from: 'AWS_REGION' };
  else if (env.AWS_DEFAULT_REGION) chosen = { region: env.AWS_DEFAULT_REGION, from: 'AWS_DEFAULT_REGION' };
  else {
    const asked = awsCli(['configure', 'get', 'region'], env);
    const region = asked === undefined ? regionInProfile(env) : asked.stdout.trim();
    if (region) chosen = { region, from: `the AWS profile ${env.AWS_PROFILE || 'default'}` };
  }
  if (chosen === undefined) {
    throw new UsageError('no AWS region: set AWS_REGION (or region in your AWS profile: aws configure), or region = "..." in terraform/terraform.tfvars');
  }
  if (!REGION.test(chosen.region)) throw new UsageError(`${chosen.from} says region ${JSON.stringify(chosen.region)}, which is not an AWS region name such as eu-west-1`);
  const current = deployed(stage).region;
  if (current !== undefined && current !== chosen.region) {
    throw new UsageError(`stage '${stage}' is deployed in ${current}, and ${chosen.from} says ${chosen.region}: deploying would leave the old one running. Set AWS_REGION=${current}, or make undeploy STAGE=${stage} first`);
  }
  return chosen;
}

/** The integration's declared settings, {name: required}, from the built handler. */
export async function declaredSettings() {
  let built;
  try {
    built = await importBuilt();
  } catch (error) {
    throw new UsageError(error.message);
  }
  const settings = built.integration.settings ?? [];
  return Object.fromEntries(settings.map((setting) => [setting.name, setting.default === undefined]));
}

async function main([stage]) {
  if (!stage) throw new UsageError('usage: preflight.mjs <stage>');
  const env = process.env;
  const { region, from } = resolveRegion(stage, env);
  // AWS CLI v1 reads AWS_DEFAULT_REGION only.
  checkCredentials({ ...env, AWS_REGION: region, AWS_DEFAULT_REGION: region });
  console.log(region);
  console.log(from);
  console.log(JSON.stringify(await declaredSettings()));
}

await runCli(import.meta, () => 'deploy', () => main(process.argv.slice(2)));
