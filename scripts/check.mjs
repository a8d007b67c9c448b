// `make check STAGE=dev` (or RELAY_URL=… for `make serve`'s, or a state kept elsewhere): calls
// the relay as XDR does, with the stage's JWT: /health, then each API the module type advertises
// (the APIs of the build here) with a few observables of its types, and runs every answer through
// the CTIM check (test/lib/ctim-check.ts, bundled with esbuild as the console does). One line per
// API: status, time, entities, violations; exit 1 when any fails. A response action is never
// taken: /respond/trigger is called with an action id no integration has.
// Environment: STAGE, RELAY_URL, RELAY_JWT (a token of your choosing, else the stage's), FILE (claims
// to sign as an HS256 configuration token), ORG (its JWT, signed from its claims), OBSERVABLES (a JSON list to send instead of the samples),
// CHECK_TIMEOUT (seconds per call, default 15).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCheck } from './console/server.mjs';
import { runCli, UsageError } from './lib/cli.mjs';
import { relayUrl } from './lib/deployed.mjs';
import { importBuilt, root } from './lib/dist.mjs';
import { stageToken } from './lib/instance.mjs';
import { printable, request } from './lib/iroh.mjs';
import { readOrganization } from './lib/organization.mjs';
import { checkStage, readSecrets } from './lib/secrets.mjs';
import { signToken } from './lib/token.mjs';

/** Values XDR users look up every day, one per common type: real answers, not a third party's 404. */
const SAMPLES = new Map([
  ['ip', '1.1.1.1'],
  ['domain', 'cisco.com'],
  ['sha256', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
  ['url', 'https://www.cisco.com/'],
  ['ipv6', '2606:4700:4700::1111'],
  ['md5', 'd41d8cd98f00b204e9800998ecf8427e'],
  ['sha1', 'da39a3ee5e6b4b0d3255bfef95601890afd80709'],
  ['email', 'abuse@cisco.com'],
  ['hostname', 'www.cisco.com'],
]);
const OBSERVABLE_APIS = new Set(['deliberate/observables', 'observe/observables', 'refer/observables', 'respond/observables']);
// No integration declares it: the trigger route answers its "no such action" error, and acts on nothing.
const NO_ACTION = 'relay-check-no-such-action';
const SAMPLE_COUNT = 3;

/** The observables to send: OBSERVABLES, or up to three samples of the integration's types. */
export function chooseObservables(env, observableTypes) {
  if (env.OBSERVABLES) {
    let value;
    try {
      value = JSON.parse(env.OBSERVABLES);
    } catch {
      throw new UsageError('OBSERVABLES is not JSON: a list such as [{"type": "ip", "value": "1.1.1.1"}]');
    }
    const valid = Array.isArray(value) && value.length > 0 && value.every((item) => typeof item?.type === 'string' && item.type !== '' && typeof item.value === 'string' && item.value !== '' && Object.keys(item).length === 2);
    if (!valid) throw new UsageError('OBSERVABLES must be a non-empty list of {"type", "value"} (non-empty strings)');
    return value;
  }
  const types = observableTypes === 'all' ? ['ip', 'domain', 'sha256'] : observableTypes.filter((type) => SAMPLES.has(type));
  const chosen = types.slice(0, SAMPLE_COUNT).map((type) => ({ type, value: SAMPLES.get(type) }));
  if (chosen.length === 0) throw new UsageError(`no sample value for the integration's types (${observableTypes.join(', ')}): OBSERVABLES='[{"type": "…", "value": "…"}]' make check`);
  return chosen;
}

/** How many entities an answer's `data` holds: CTIM bundles' docs, or a list's items. */
export function countEntities(data) {
  if (Array.isArray(data)) return data.length;
  if (typeof data !== 'object' || data === null) return 0;
  return Object.values(data).reduce((sum, value) => sum + (Array.isArray(value?.docs) ? value.docs.length : 0), 0);
}

/**
 * The bearer token, never printed: RELAY_JWT; else FILE='s claims signed with the stage's secret
 * and addressed to the relay (`aud`), as XDR signs an HS256 configuration token; else the stage's
 * JWT (or, with ORG, the organization's, signed from its claims).
 */
function chooseToken(env, stage, declared, url) {
  if (env.RELAY_JWT) return { token: env.RELAY_JWT.trim(), source: 'RELAY_JWT' };
  if (stage === undefined) throw new UsageError('no JWT to call the relay with: STAGE=<stage> (its JWT, from make jwt), or RELAY_JWT in the environment');
  const warn = (line) => console.error(`check: ${line}`);
  // Only the organization's claims are needed here, not its API client.
  const organization = readOrganization({ ...env, XDR_CLIENT_ID: '', XDR_CLIENT_SECRET: '', XDR_REGION: '' }, warn);
  const secrets = readSecrets(stage, warn);
  const claims = organization.claims(declared);
  if (organization.org === undefined && claims !== undefined) {
    if (secrets === undefined) throw new UsageError(`stage '${stage}' has no secret: make jwt STAGE=${stage}, then make deploy STAGE=${stage}`);
    return { token: signToken({ ...claims, aud: url.replace(/\/$/, '') }, secrets.current), source: `${env.FILE}'s claims, signed as XDR signs a configuration token for stage '${stage}'` };
  }
  const token = stageToken({ stage, org: organization.org, claims, secrets, warn });
  return { token, source: organization.org === undefined ? `stage '${stage}'` : `stage '${stage}', ORG=${organization.org}` };
}

/** One call, as XDR makes it; never throws for what the relay does. */
async function callRelay(url, api, body, token, timeoutMs) {
  const start = performance.now();
  try {
    const answer = await request(new URL(api, url).href, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
    }, api, [token], timeoutMs);
    return { ...answer, ms: Math.round(performance.now() - start) };
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    return { failure: error.message.replace(`${api}: `, ''), ms: Math.round(performance.now() - start) };
  }
}

/** The verdict on one answer: `{ ok, line, details }`. */
function judge(api, answer, checkAnswer, { errorsAllowed = false, hide = [] } = {}) {
  const name = api.padEnd(24);
  if (answer.failure !== undefined) return { ok: false, line: `FAIL  ${name} ${answer.failure}` };
  const head = `HTTP ${answer.status}  ${String(answer.ms).padStart(5)} ms`;
  if (answer.body === undefined || typeof answer.body !== 'object') return { ok: false, line: `FAIL  ${name} ${head}  not JSON: ${answer.said}` };
  const violations = checkAnswer(`/${api}`, answer.body);
  const errors = Array.isArray(answer.body.errors) ? answer.body.errors : [];
  const entities = countEntities(answer.body.data);
  const said = errors.map((error) => printable(`${error?.code}: ${error?.message}`, hide, 160)).join('; ');
  const ok = answer.status === 200 && violations.length === 0 && (errors.length === 0 || errorsAllowed && !errors.some((error) => error?.code === 'unknown'));
  const tail = `${entities} entit${entities === 1 ? 'y' : 'ies'}  ${violations.length} violation${violations.length === 1 ? '' : 's'}${said === '' ? '' : `  errors: ${said}`}`;
  return { ok, line: `${ok ? 'ok  ' : 'FAIL'}  ${name} ${head}  ${tail}`, details: violations.slice(0, 5).map((violation) => `        ${printable(violation, hide, 200)}`) };
}

async function main() {
  const env = process.env;
  const stage = env.STAGE ? checkStage(env.STAGE, 'check') : undefined;
  const url = relayUrl(env, stage);
  if (url === undefined) {
    throw new UsageError(stage === undefined
      ? 'no relay to check: STAGE=<stage> (deployed from here), or RELAY_URL=<its URL> (make serve prints it)'
      : `stage '${stage}' is not deployed here: make deploy STAGE=${stage} first, or RELAY_URL=<its URL> for a state kept elsewhere`);
  }
  const timeout = env.CHECK_TIMEOUT || '15';
  if (!/^[0-9]{1,3}(\.[0-9]+)?$/.test(timeout) || Number(timeout) <= 0) throw new UsageError(`CHECK_TIMEOUT must be a number of seconds, not ${JSON.stringify(timeout)}`);
  const timeoutMs = Number(timeout) * 1000;
  let built;
  try {
    built = await importBuilt();
  } catch (error) {
    throw new UsageError(error.message);
  }
  const { token, source } = chooseToken(env, stage, built.integration.claims, url);
  const observables = chooseObservables(env, built.integration.observableTypes);
  const check = await loadCheck(join(root, 'test', 'lib', 'ctim-check.ts'));
  if (check.checkAnswer === undefined) throw new UsageError(`cannot check the answers: ${check.reason}`);
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

  console.log(`Checking ${url} as XDR calls it (the JWT of ${source}; the APIs of ${pkg.name} as built here; ${observables.map((o) => `${o.type} ${o.value}`).join(', ')}):`);
  const failed = [];
  let total = 0;
  const report = (api, verdict) => {
    total += 1;
    console.log(`  ${verdict.line}`);
    for (const line of verdict.details ?? []) console.log(line);
    if (!verdict.ok) failed.push(api);
  };
  const health = await callRelay(url, 'health', {}, token, timeoutMs);
  report('health', judge('health', health, check.checkAnswer, { hide: [token] }));
  const refusal = health.body?.errors?.find?.((error) => error?.code === 'authorization error');
  if (refusal !== undefined) {
    throw new UsageError(`the relay refused the JWT (${printable(refusal.message, [token], 160)}): make jwt STAGE=… then make deploy, or the RELAY_JWT of this relay`);
  }
  let tiles = [];
  for (const api of built.listApis().filter((name) => name !== 'health')) {
    if (api === 'tiles/tile' || api === 'tiles/tile-data') {
      const tile = tiles.find((item) => typeof item?.id === 'string' && item.id !== '');
      if (tile === undefined) {
        console.log(`  skip  ${api.padEnd(24)} no tile to ask for: /tiles answered none`);
        continue;
      }
      const period = Array.isArray(tile.periods) && typeof tile.periods[0] === 'string' ? tile.periods[0] : 'last_7_days';
      const body = api === 'tiles/tile' ? { tile_id: tile.id } : { tile_id: tile.id, period };
      report(api, judge(api, await callRelay(url, api, body, token, timeoutMs), check.checkAnswer, { hide: [token] }));
      continue;
    }
    let body = {};
    if (OBSERVABLE_APIS.has(api)) body = observables;
    if (api === 'respond/trigger') body = { 'action-id': NO_ACTION, observable_type: observables[0].type, observable_value: observables[0].value };
    const answer = await callRelay(url, api, body, token, timeoutMs);
    if (api === 'tiles' && Array.isArray(answer.body?.data)) tiles = answer.body.data;
    report(api, judge(api, answer, check.checkAnswer, { errorsAllowed: api === 'respond/trigger', hide: [token] }));
  }
  if (failed.length > 0) throw new UsageError(`${failed.length} of ${total} APIs failed: ${failed.join(', ')}`);
  console.log(`All ${total} APIs answered as XDR expects (CTIM ${check.release ?? ''}).`);
}

await runCli(import.meta, () => 'check', main);
