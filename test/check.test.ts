// `make check` (scripts/check.mjs) against make serve's relay on 127.0.0.1: the worked example
// passes; a relay that breaks CTIM, answers 500 or never answers fails, naming each API; the
// stage's JWT is used and never shown. The relay is judged by its HTTP answers only. A few runs go
// through make, as users type them (the verb's wiring, variables on make's command line, make's
// exit status); the others run what make runs, `node scripts/check.mjs` with the same environment,
// without make, its shell and the Node version check.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { freePort } from '../scripts/lib/net.mjs';
import { serve, type Served } from './lib/console-serve.ts';
import { exampleIntel, patientExample } from './lib/example-intel.ts';
import { checkAnswer } from './lib/ctim-check.ts';
import { spawnAsync, temporaryCheckout, type Ran } from './lib/make.ts';
import { stubBundle } from './lib/stub.ts';

type Build = typeof import('../scripts/build.mjs');

const root = temporaryCheckout('relay-check-', { withBuild: true });
// The module type is named after package.json's name, which is a fork's own (read from the copy).
const packageName = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string }).name;
const work = mkdtempSync(join(tmpdir(), 'relay-check-work-'));
process.once('exit', () => rmSync(work, { recursive: true, force: true }));

/**
 * make check's script in the copy, with `bundle` as the relay's build (the APIs it advertises) and
 * `env` as the user's variables; with `vars`, make check itself, `vars` on its command line (a
 * mistake's exit status is then make's, 2, not the script's, 1).
 */
function check(bundle: string, env: Record<string, string>, vars?: string[]): Promise<Ran> {
  const options = { cwd: root, env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', RELAY_BUNDLE: bundle, ...env } };
  if (vars === undefined) return spawnAsync(process.execPath, ['scripts/check.mjs'], options);
  // `-o dist/relay.zip`: the relay's build is RELAY_BUNDLE; the copy's dist/ (copied from the
  // checkout, older than its sources when the suite runs alone after an edit) is never remade.
  return spawnAsync('make', ['--no-print-directory', '-s', '-o', 'node_modules/.package-lock.json', '-o', 'dist/relay.zip', 'check', ...vars], options);
}

/** The API lines, without the time (which no test may assert on): `ok health HTTP 200 0 entities 0 violations`. */
const apiLines = (result: Ran) => result.stdout.split('\n')
  .filter((line) => /^ {2}(ok|FAIL|skip) /.test(line))
  .map((line) => line.trim().replace(/ +[0-9]+ ms /, ' ').replace(/\s+/g, ' '));
const errorLines = (result: Ran) => result.stderr.split('\n').filter((line) => line !== '' && !/^make(\[\d+\])?: \*\*\*/.test(line));

/** The bundle `make build` makes of an integration (a file, or `source` written to one), in the work folder. */
async function bundleOf(name: string, source: { file: string } | { text: string }): Promise<string> {
  const file = 'file' in source ? source.file : join(work, `${name}.ts`);
  if ('text' in source) writeFileSync(file, source.text);
  const { buildBundle, writeBundle } = (await import('../scripts/build.mjs')) as Build;
  return writeBundle(work, await buildBundle({ integration: file }), { entry: `${name}.mjs` });
}

// What the fake Example Intel knows: one malicious IP with a report, one clean domain.
const LOOKUPS = {
  '198.51.100.7': { verdict: 'malicious', score: 95, permalink: 'https://example-intel.test/ip/198.51.100.7', reports: [{ id: 'r-1', seen_at: '2026-11-20T10:00:00Z', title: 'Botnet C2' }] },
  'example.org': { verdict: 'clean', score: 0, permalink: 'https://example-intel.test/domain/example.org', reports: [] },
};

const BROKEN = (contract: string) => `
import { defineIntegration } from ${JSON.stringify(contract)};
export const integration = defineIntegration({
  claims: [{ name: 'key', description: 'API key' }],
  observableTypes: ['ip', 'domain'],
  health: async () => ({ data: { status: 'ok' } }),
  // CTIM has no disposition 9, and a verdict needs more than this.
  deliberate: async () => ({ data: { verdicts: { count: 1, docs: [{ type: 'verdict', disposition: 9 }] } } }),
  observe: async () => { throw new Error('the third party changed its API'); },
  refer: () => new Promise(() => undefined),
  respond: async () => ({ data: [] }),
});
`;

const checks = suite('make check');
let intel: Server;
let example: Served | undefined;
let exampleBundle = '';
let broken: Served | undefined;
let brokenBundle = '';

checks.before(async () => {
  intel = exampleIntel(LOOKUPS);
  await new Promise<void>((resolve) => intel.listen(0, '127.0.0.1', resolve));
  // The worked example as the relay, as a fork that copied it would build it (its fake answers from
  // this process, so it is given 30 s per call, not 2: test/lib/example-intel.ts).
  exampleBundle = await bundleOf('example', { file: patientExample(work) });
  example = await serve(exampleBundle, { EXAMPLE_INTEL_URL: `http://127.0.0.1:${(intel.address() as AddressInfo).port}` });
  brokenBundle = await bundleOf('broken', { text: BROKEN(join(__dirname, '..', 'handler', 'contract.ts')) });
  // The relay's own deadline far away: the check's timeout is what ends the call that never answers.
  broken = await serve(brokenBundle, { REQUEST_TIMEOUT_MS: '120000' });
});

checks.after(async () => {
  await example?.stop();
  await broken?.stop();
  await new Promise((resolve) => intel.close(resolve));
});

checks('the worked example under make serve passes: every API it advertises, each answer valid CTIM', async () => {
  const served = example as Served;
  // Through make, as typed: the URL and a JSON list (quotes, braces, commas) on its command line;
  // and the script alone with the default samples, meanwhile (the two only read).
  const [result, samples] = await Promise.all([
    check(exampleBundle, { RELAY_JWT: served.token }, [`RELAY_URL=${served.url}`, 'OBSERVABLES=[{"type":"ip","value":"198.51.100.7"},{"type":"domain","value":"example.org"}]']),
    check(exampleBundle, { RELAY_URL: served.url, RELAY_JWT: served.token }),
  ]);
  assert.is(result.status, 0, result.stdout + result.stderr);
  assert.is(result.stdout.split('\n')[0], `Checking ${served.url}/ as XDR calls it (the JWT of RELAY_JWT; the APIs of ${packageName} as built here; ip 198.51.100.7, domain example.org):`);
  const seen = apiLines(result);
  assert.equal(seen.map((line) => line.split(' ').slice(0, 4).join(' ')), [
    'ok health HTTP 200', 'ok deliberate/observables HTTP 200', 'ok observe/observables HTTP 200', 'ok refer/observables HTTP 200',
    'ok respond/observables HTTP 200', 'ok respond/trigger HTTP 200',
  ]);
  for (const line of seen) assert.match(line, ' 0 violations');
  // The malicious IP's verdict, and its judgement and sighting: entities counted from the answers.
  assert.ok(Number(/deliberate\/observables HTTP 200 (\d+) entit/.exec(seen.join('\n'))?.[1]) >= 1, seen.join('\n'));
  assert.ok(Number(/observe\/observables HTTP 200 (\d+) entit/.exec(seen.join('\n'))?.[1]) >= 2, seen.join('\n'));
  // No action is taken: the trigger is called with an action no integration has.
  assert.match(seen.join('\n'), /respond\/trigger HTTP 200 0 entities 0 violations errors: [a-z ]+: .*relay-check-no-such-action/);
  assert.match(result.stdout, /All 6 APIs answered as XDR expects \(CTIM 1\.3\.\d+\)\.\n$/);
  assert.not.ok(result.stdout.includes(served.token));
  // The default samples (types the example declares) pass too: a 404 is no data, not a failure.
  assert.is(samples.status, 0, samples.stdout + samples.stderr);
  assert.match(samples.stdout, 'ip 1.1.1.1, domain cisco.com, sha256 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855):');
});

checks('a broken relay fails, naming each API: a CTIM violation, a 500, a timeout', async () => {
  const served = broken as Served;
  const result = await check(brokenBundle, { RELAY_URL: served.url, RELAY_JWT: served.token, CHECK_TIMEOUT: '8' });
  assert.is(result.status, 1, result.stdout);
  const seen = apiLines(result);
  assert.is(seen[0], 'ok health HTTP 200 0 entities 0 violations');
  // The CTIM check itself is the oracle for the violations of the broken verdict.
  const violations = checkAnswer('/deliberate/observables', { data: { verdicts: { count: 1, docs: [{ type: 'verdict', disposition: 9 }] } } });
  assert.ok(violations.length > 0);
  assert.is(seen[1], `FAIL deliberate/observables HTTP 200 1 entity ${violations.length} violations`);
  assert.is(seen[2], 'FAIL observe/observables HTTP 500 0 entities 0 violations errors: unknown: Something went wrong.');
  assert.is(seen[3], `FAIL refer/observables no answer from ${new URL(served.url).host} within 8 s`);
  assert.is(seen[4], 'ok respond/observables HTTP 200 0 entities 0 violations');
  // The violations themselves, under their API's line.
  assert.match(result.stdout, `violations\n${violations.map((line) => `        ${line}\n`).join('')}  FAIL  observe/observables`);
  assert.equal(errorLines(result), ['check: error: 3 of 5 APIs failed: deliberate/observables, observe/observables, refer/observables']);
});

checks('a JWT the relay refuses: one line after /health, the token never shown', async () => {
  const served = broken as Served;
  const wrong = `${served.token.slice(0, -4)}AAAA`;
  const result = await check(brokenBundle, { RELAY_URL: served.url, RELAY_JWT: wrong });
  assert.is(result.status, 1);
  assert.equal(apiLines(result), ['FAIL health HTTP 200 0 entities 0 violations errors: authorization error: Authorization failed: Failed to decode JWT with provided key']);
  assert.equal(errorLines(result), ['check: error: the relay refused the JWT (Authorization failed: Failed to decode JWT with provided key): make jwt STAGE=… then make deploy, or the RELAY_JWT of this relay']);
  assert.not.ok((result.stdout + result.stderr).includes(wrong));
});

checks('STAGE=… : the stage\'s JWT from make jwt, never on a command line nor printed', async () => {
  const stage = `c${randomBytes(3).toString('hex')}`;
  const stub = (await stubBundle()).path;
  writeFileSync(join(work, 'creds.json'), '{"key":"check-api-key"}');
  // What make jwt STAGE=… FILE=… runs.
  const made = await spawnAsync(process.execPath, ['scripts/jwt.mjs', stage, '--file', join(work, 'creds.json')], { cwd: root, env: { PATH: process.env['PATH'] ?? '', RELAY_BUNDLE: stub } });
  assert.is(made.status, 0);
  const jwt = /^(ey\S+)$/m.exec(made.stdout)?.[1] ?? '';
  // The relay's own URL as its audience, as deployed: a configuration token must name it.
  const port = await freePort();
  const served = await serve(stub, { STAGE: stage, PORT: String(port), XDR_AUDIENCE: `http://127.0.0.1:${port}` }, root);
  try {
    // Another organization's file, for the third: its claims, to be signed with the stage's secret.
    writeFileSync(join(root, '.secrets', `${stage}org.org.json`), JSON.stringify({ xdr_client_id: 'i', xdr_client_secret: 's', claims: { key: 'org-api-key' } }), { mode: 0o600 });
    // The three at once (each only reads): the stage's JWT and FILE='s through make, as typed; ORG='s through the script.
    const [result, configured, org] = await Promise.all([
      check(stub, {}, [`STAGE=${stage}`, `RELAY_URL=${served.url}`]),
      check(stub, {}, [`STAGE=${stage}`, `RELAY_URL=${served.url}`, `FILE=${join(work, 'creds.json')}`]),
      check(stub, { STAGE: stage, ORG: `${stage}org`, RELAY_URL: served.url, XDR_CLIENT_ID: 'yours' }),
    ]);
    assert.is(result.status, 0, result.stdout + result.stderr);
    assert.match(result.stdout, `(the JWT of stage '${stage}'; `);
    assert.equal(apiLines(result).map((line) => line.split(' ').slice(0, 2).join(' ')), [
      'ok health', 'ok deliberate/observables', 'ok observe/observables', 'ok refer/observables', 'ok respond/observables', 'ok respond/trigger', 'ok tiles', 'skip tiles/tile', 'skip tiles/tile-data',
    ]);
    assert.not.ok((result.stdout + result.stderr).includes(jwt));
    // A configuration token, as XDR signs one with AUTH=hs256: FILE='s claims, addressed to the relay.
    assert.is(configured.status, 0, configured.stdout + configured.stderr);
    assert.match(configured.stdout, `(the JWT of ${join(work, 'creds.json')}'s claims, signed as XDR signs a configuration token for stage '${stage}'; `);
    assert.not.ok((configured.stdout + configured.stderr).includes('check-api-key'));
    // Another organization's JWT: its claims from its file, signed with the stage's secret.
    assert.is(org.status, 0, org.stdout + org.stderr);
    assert.match(org.stdout, `(the JWT of stage '${stage}', ORG=${stage}org; `);
    assert.not.ok((org.stdout + org.stderr).includes('org-api-key'));
  } finally {
    rmSync(join(root, '.secrets', `${stage}org.org.json`), { force: true });
    await served.stop();
    rmSync(join(root, '.secrets', `${stage}.jwt`), { force: true });
    rmSync(join(root, '.secrets', `${stage}.tfvars.json`), { force: true });
  }
});

checks('a mistake is one line, before any call', async () => {
  const stub = (await stubBundle()).path;
  // [environment, the line, and for a run through make: the variables on its command line]
  const cases: [Record<string, string>, string, string[]?][] = [
    [{}, 'check: error: no relay to check: STAGE=<stage> (deployed from here), or RELAY_URL=<its URL> (make serve prints it)'],
    [{ STAGE: 'nowhere' }, "check: error: stage 'nowhere' is not deployed here: make deploy STAGE=nowhere first, or RELAY_URL=<its URL> for a state kept elsewhere"],
    [{ RELAY_URL: 'http://relay.example.test' }, 'check: error: RELAY_URL must be https (http only on 127.0.0.1): the JWT goes with every call'],
    [{ RELAY_URL: 'http://127.0.0.1:9/' }, 'check: error: no JWT to call the relay with: STAGE=<stage> (its JWT, from make jwt), or RELAY_JWT in the environment'],
    // Typed on make's command line: make passes them as they are, and the script refuses them.
    [{ RELAY_JWT: 'x' }, 'check: error: CHECK_TIMEOUT must be a number of seconds, not "1;rm"', ['RELAY_URL=http://127.0.0.1:9/', 'CHECK_TIMEOUT=1;rm']],
    [{ RELAY_URL: 'http://127.0.0.1:9/', RELAY_JWT: 'x', OBSERVABLES: '[{"type":"ip"}]' }, 'check: error: OBSERVABLES must be a non-empty list of {"type", "value"} (non-empty strings)'],
    [{}, 'check: error: invalid stage name "Bad;Stage": use 1-20 lower-case letters, digits or hyphens, starting with a letter', ['STAGE=Bad;Stage']],
  ];
  // Four at a time: each fails before any call, and writes nothing.
  for (let index = 0; index < cases.length; index += 4) {
    const batch = cases.slice(index, index + 4);
    const results = await Promise.all(batch.map(([env, , vars]) => check(stub, env, vars)));
    batch.forEach(([, line, vars], at) => {
      const result = results[at] as Ran;
      assert.is(result.status, vars === undefined ? 1 : 2, line);
      assert.equal(errorLines(result), [line]);
      assert.is(result.stdout, '');
    });
  }
});

checks.run();
