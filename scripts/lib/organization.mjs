// The XDR organization a make verb works in, and what this checkout remembers of the stage there.
//   no ORG        your organization: the API client from XDR_CLIENT_ID, XDR_CLIENT_SECRET,
//                 XDR_REGION; the claims, for configuration tokens, from FILE=
//   ORG=<name>    another one (an MSSP's customer): everything in .secrets/<name>.org.json, 0600:
//                 {"xdr_client_id", "xdr_client_secret", "xdr_region"?, "claims": {...}}
// Per stage and organization, .secrets/<stage>.module-type.json (or <stage>.<name>.module-type.json)
// keeps the ids of the module type and of the module instance `make register` made there.
// Node built-ins only.
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { UsageError } from './cli.mjs';
import { REGIONS } from './iroh.mjs';
import { moduleTypePath, readPrivate, secretsDir, writePrivate } from './secrets.mjs';

const NAME = /^[a-z][a-z0-9-]{0,19}$/;
const shown = (path) => relative(process.cwd(), path) || path;

export const orgPath = (org) => join(secretsDir, `${org}.org.json`);
export const recordPath = (stage, org) => (org === undefined ? moduleTypePath(stage) : join(secretsDir, `${stage}.${org}.module-type.json`));

/** How a verb names the organization to the user: in its messages and in the command to run again. */
export const orgLabel = (org) => (org === undefined ? 'your organization' : `organization '${org}'`);
export const orgArg = (org) => (org === undefined ? '' : ` ORG=${org}`);

/** Reads and checks a claims object against the claims the relay declares; `where` names its file. */
export function checkClaims(value, declared, where) {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new UsageError(`${where} must hold a JSON object of claims`);
  const names = declared.map(({ name }) => name);
  for (const key of Object.keys(value)) {
    if (!names.includes(key)) throw new UsageError(`${where}: unknown claim '${key}' (the relay needs: ${names.join(', ')})`);
  }
  for (const name of names) {
    if (!Object.hasOwn(value, name)) throw new UsageError(`${where}: the claim '${name}' is missing`);
    if (typeof value[name] !== 'string' || value[name] === '') throw new UsageError(`${where}: the claim '${name}' must be a non-empty string`);
  }
  return Object.fromEntries(names.map((name) => [name, value[name]]));
}

function readJson(path, warn) {
  const text = readPrivate(path, warn);
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new UsageError(`${shown(path)} is not JSON`);
  }
}

/** The claims of a JSON file (`make jwt FILE=…`, `make register FILE=…`), checked against those the relay declares. */
export function readClaimsFile(path, declared) {
  let text;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${path}: ${error.code ?? error.message}`);
  }
  let value;
  try {
    value = JSON.parse(text);
  } catch {
    throw new UsageError(`${path} is not valid JSON`);
  }
  return checkClaims(value, declared, path);
}

/**
 * The organization of `env.ORG`: `{ org, client: { id, secret }, region, source, claims(declared) }`.
 * `claims` returns the organization's claims, checked, or undefined when none were given (yours
 * without FILE=). `source` says where the client comes from, for the line that names the fix.
 */
export function readOrganization(env, warn) {
  const org = env.ORG || undefined;
  if (org === undefined) {
    return {
      org,
      client: { id: env.XDR_CLIENT_ID, secret: env.XDR_CLIENT_SECRET },
      region: env.XDR_REGION || 'us',
      source: 'XDR_CLIENT_ID and XDR_CLIENT_SECRET',
      claims: (declared) => (env.FILE ? readClaimsFile(env.FILE, declared) : undefined),
    };
  }
  // JSON.stringify: a name holding a newline or an escape code stays on one line, visible.
  if (!NAME.test(org)) throw new UsageError(`invalid organization name ${JSON.stringify(org)}: use 1-20 lower-case letters, digits or hyphens, starting with a letter`);
  const path = orgPath(org);
  if (env.FILE) throw new UsageError(`ORG=${org} takes its claims from ${shown(path)}, not FILE=`);
  const value = readJson(path, warn);
  if (value === undefined) {
    throw new UsageError(`no file for ORG=${org}: write ${shown(path)} (0600) with {"xdr_client_id", "xdr_client_secret", "xdr_region", "claims"} (README: Several organizations)`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new UsageError(`${shown(path)} must hold a JSON object`);
  for (const key of ['xdr_client_id', 'xdr_client_secret']) {
    if (typeof value[key] !== 'string' || value[key] === '') throw new UsageError(`${shown(path)}: ${key} is missing (the organization's XDR API client)`);
  }
  if (env.XDR_CLIENT_ID || env.XDR_CLIENT_SECRET) {
    // Which client to use is not a guess to make: the instance would land in the wrong organization.
    throw new UsageError(`ORG=${org} uses the API client in ${shown(path)}: unset XDR_CLIENT_ID and XDR_CLIENT_SECRET (they are your organization's)`);
  }
  const region = value.xdr_region ?? 'us';
  if (typeof region !== 'string' || !Object.hasOwn(REGIONS, region)) throw new UsageError(`${shown(path)}: xdr_region must be one of ${Object.keys(REGIONS).join(', ')}`);
  if (env.XDR_REGION && env.XDR_REGION !== region) throw new UsageError(`ORG=${org} is in region ${region} (${shown(path)}), and XDR_REGION says ${JSON.stringify(env.XDR_REGION)}: unset XDR_REGION`);
  return {
    org,
    client: { id: value.xdr_client_id, secret: value.xdr_client_secret },
    region,
    source: `xdr_client_id and xdr_client_secret in ${shown(path)}`,
    claims: (declared) => (value.claims === undefined ? undefined : checkClaims(value.claims, declared, `${shown(path)}: claims`)),
  };
}

/** What `make register` remembers of a stage in an organization: `{ id, api, auth, instance }`, or undefined. */
export function readRecord(stage, org, warn) {
  const path = recordPath(stage, org);
  const value = readJson(path, warn);
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null || typeof value.id !== 'string' || value.id === '') {
    throw new UsageError(`${shown(path)} holds no module type id; remove it to register anew`);
  }
  return { id: value.id, api: value.api, auth: value.auth, instance: typeof value.instance === 'string' && value.instance !== '' ? value.instance : undefined };
}

export function writeRecord(stage, org, record) {
  writePrivate(recordPath(stage, org), `${JSON.stringify(record, null, 2)}\n`);
}

export function removeRecord(stage, org) {
  rmSync(recordPath(stage, org), { force: true });
}

/** The organizations this checkout registered the stage in: undefined (yours) first, then names. */
export function registeredOrganizations(stage) {
  let names;
  try {
    names = readdirSync(secretsDir);
  } catch {
    return [];
  }
  const orgs = [];
  if (names.includes(`${stage}.module-type.json`)) orgs.push(undefined);
  const pattern = new RegExp(`^${stage}\\.([a-z][a-z0-9-]{0,19})\\.module-type\\.json$`);
  for (const name of names.sort()) {
    const org = pattern.exec(name)?.[1];
    if (org !== undefined) orgs.push(org);
  }
  return orgs;
}
