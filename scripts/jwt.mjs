// `make jwt STAGE=dev`: the stage's secret, and a JWT for XDR signed with it.
// Node built-ins only; the claims come from the built handler's own declaration.
import { relative } from 'node:path';
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { checkAuth } from './module-type.mjs';
import { deployed } from './lib/deployed.mjs';
import { importBuilt } from './lib/dist.mjs';
import { runCli, UsageError } from './lib/cli.mjs';
import { readClaimsFile } from './lib/organization.mjs';
import { checkStage, readPrivate, readSecrets, secretPath, tokenPath, writePrivate, writeSecrets } from './lib/secrets.mjs';
import { generateSecret, signToken } from './lib/token.mjs';

const HELP = `Usage: make jwt STAGE=<stage> [FILE=.secrets/creds.json] [ROTATE=1] [FINISH=1]
       node scripts/jwt.mjs <stage> [options]

Makes the stage's secret (64 letters and digits) or reuses it, asks for each claim the relay
needs, and prints a JWT signed with HS256 for the XDR module. The secret is kept in
.secrets/<stage>.tfvars.json (mode 0600, git-ignored); the next \`make deploy STAGE=<stage>\`
puts it into the Lambda function. The JWT is kept in .secrets/<stage>.jwt (0600) for
\`make serve STAGE=<stage>\`. Finishing a rotation signs the stage's last JWT again: no claims asked.

Options:
  --file <path>        read the claims from a JSON object instead of asking
  --rotate             make a new secret, and keep the current one as SECRET_KEY_PREVIOUS so that
                       the old JWT keeps working until XDR has the new one
  --finish-rotation    drop the previous secret (deploy after this, once XDR has the new JWT)
  --show-secret        also print the secret itself (make deploy does not need you to)
  --auth <kind>        bearer (default): the JWT to paste into XDR; hs256 or rs256: configuration
                       tokens, which XDR mints itself (this only makes the stage's secret)
  -h, --help           this help
`;

const REGIONS = [
  ['us', 'https://xdr.us.security.cisco.com'],
  ['eu', 'https://xdr.eu.security.cisco.com'],
  ['apjc', 'https://xdr.apjc.security.cisco.com'],
];

function parse(argv) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        file: { type: 'string' },
        rotate: { type: 'boolean' },
        'finish-rotation': { type: 'boolean' },
        'show-secret': { type: 'boolean' },
        auth: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    const option = /'([^']+)'/.exec(error.message)?.[1];
    throw new UsageError(
      error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ? `unknown option '${option}' (see --help)` : `${error.message} (see --help)`,
    );
  }
  const { values, positionals } = parsed;
  if (values.help) return { help: true };
  const [stage, ...rest] = positionals;
  checkStage(stage, 'jwt');
  if (rest.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(rest[0])} (see --help)`);
  if (values.rotate && values['finish-rotation']) throw new UsageError('ROTATE=1 and FINISH=1 (--rotate, --finish-rotation) exclude each other');
  if (values.file !== undefined && values['finish-rotation']) {
    throw new UsageError("FINISH=1 (--finish-rotation) signs the stage's last JWT again: it takes no FILE= (--file)");
  }
  return {
    stage,
    file: values.file,
    rotate: values.rotate === true,
    finish: values['finish-rotation'] === true,
    showSecret: values['show-secret'] === true,
    auth: checkAuth(values.auth),
  };
}

/** Configuration tokens: XDR mints them from what each organization types in; no JWT to print. */
function explainConfigurationTokens(stage, auth, secrets) {
  const made = secrets === undefined ? writeSecrets(stage, { current: generateSecret() }) : undefined;
  process.stdout.write([
    `Stage '${stage}' ${made === undefined ? 'keeps its secret' : 'has a new secret'} (.secrets/${stage}.tfvars.json, mode 0600).`,
    `With AUTH=${auth}, XDR mints the tokens itself: there is no JWT to paste. Each XDR organization`,
    'types its own credentials into the module\'s form, and XDR sends them signed',
    auth === 'hs256' ? 'with this stage\'s secret, which the module type carries (configuration-token-key).' : 'with XDR\'s own key, which the relay fetches from the region\'s JWKS host.',
    'Next:',
    `  make deploy STAGE=${stage}${auth === 'rs256' ? '        (with xdr_jwks_hosts = ["visibility.amp.cisco.com"] or your region\'s host)' : ''}`,
    `  make register STAGE=${stage} AUTH=${auth}   (or make module-type STAGE=${stage} AUTH=${auth})`,
    '',
  ].join('\n'));
}

async function readClaims(options) {
  let claims;
  try {
    claims = (await importBuilt()).integration.claims;
  } catch (error) {
    throw new UsageError(error.message);
  }
  return options.file === undefined ? promptClaims(claims) : readClaimsFile(options.file, claims);
}

/** The claims of the stage's last JWT. */
function lastClaims(stage) {
  const text = readPrivate(tokenPath(stage), (line) => console.error(`jwt: ${line}`));
  const payload = text?.trim().split('.')[1];
  try {
    const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8'));
    if (typeof claims === 'object' && claims !== null && !Array.isArray(claims)) return claims;
  } catch {
    // Reported below.
  }
  throw new UsageError(`no JWT of stage '${stage}' to sign again (.secrets/${stage}.jwt): make one with make jwt STAGE=${stage} first`);
}

/** Asks for each claim, again on an empty answer, not echoed on a terminal. Lines can also be piped in. */
async function promptClaims(claims) {
  const terminal = process.stdin.isTTY === true;
  // Claims are credentials (an API key): on a terminal, readline's echo of what is typed is dropped.
  let muted = false;
  const echo = new Writable({
    write(chunk, _encoding, done) {
      if (!muted) process.stderr.write(chunk);
      done();
    },
  });
  const lines = createInterface({ input: process.stdin, output: terminal ? echo : process.stderr, terminal });
  const iterator = lines[Symbol.asyncIterator]();
  const result = {};
  try {
    for (const { name, description } of claims) {
      for (;;) {
        process.stderr.write(`${name} (${description}): `);
        muted = terminal;
        const { value, done } = await iterator.next();
        muted = false;
        if (terminal) process.stderr.write('\n');
        if (done) {
          throw new UsageError(
            terminal ? 'input closed before every claim was given' : `no answer for '${name}' on standard input; use FILE=creds.json (--file creds.json)`,
          );
        }
        if (!terminal) process.stderr.write('\n');
        const answer = value.trim();
        if (answer !== '') {
          result[name] = answer;
          break;
        }
        process.stderr.write(`${name} may not be empty.\n`);
      }
    }
  } finally {
    lines.close();
  }
  return result;
}

/** The script, on its command line's arguments (the tests give others: test/lib/jwt-cli.ts). */
export async function main(argv = process.argv.slice(2)) {
  const options = parse(argv);
  if (options.help) {
    process.stdout.write(HELP);
    return;
  }
  const { stage } = options;
  let secrets = readSecrets(stage, (line) => console.error(`jwt: ${line}`));
  if (options.auth !== 'bearer' && !options.rotate && !options.finish) {
    explainConfigurationTokens(stage, options.auth, secrets);
    return;
  }
  // Ask first: a failed prompt must leave the secret file as it was. Finishing a rotation asks
  // nothing: the JWT XDR now holds is the stage's last one, and a retyped key could differ.
  if (options.finish && secrets === undefined) throw new UsageError(`stage '${stage}' has no secret yet: run make jwt STAGE=${stage}`);
  if (options.finish && secrets.previous === undefined) throw new UsageError(`no rotation in progress for '${stage}'`);
  const payload = options.finish ? lastClaims(stage) : await readClaims(options);

  let note;
  let changed = true;
  if (secrets === undefined) {
    secrets = { current: generateSecret() };
    note = 'a new secret';
  } else if (options.rotate) {
    if (secrets.previous !== undefined) {
      throw new UsageError(`a rotation is already in progress for '${stage}': finish it first with make jwt STAGE=${stage} FINISH=1`);
    }
    secrets = { current: generateSecret(), previous: secrets.current };
    note = 'a new secret; the previous one stays valid as SECRET_KEY_PREVIOUS until you finish the rotation';
  } else if (options.finish) {
    secrets = { current: secrets.current };
    note = 'the same secret; the previous one is dropped';
  } else {
    changed = false;
    note = secrets.previous === undefined
      ? 'the existing secret'
      : `the existing secret (a rotation is in progress: once XDR has this JWT, run make jwt STAGE=${stage} FINISH=1 and deploy)`;
  }
  const path = secretPath(stage);
  if (changed) writeSecrets(stage, secrets);
  const token = signToken(payload, secrets.current);
  writePrivate(tokenPath(stage), `${token}\n`);
  const { url, functionName, region } = deployed(stage);
  const out = [
    `JWT for stage '${stage}' (signed with ${note}):`,
    '',
    token,
    '',
    `Secret: ${relative(process.cwd(), path) || path} (mode 0600, git-ignored).`,
    ...(options.showSecret ? [`SECRET_KEY=${secrets.current}`] : []),
    `Next: make deploy STAGE=${stage} puts it into the Lambda function; no console step.`,
    ...(functionName && region
      ? [`After it, the function's environment: https://console.aws.amazon.com/lambda/home?region=${region}#/functions/${functionName}/edit/environment-variables?tab=configuration`]
      : []),
    '',
    'Then add the module in Cisco XDR: Administration > Integrations > Generic Serverless Relay',
    `  URL:   ${url ?? `the relay URL (make deploy STAGE=${stage} prints it; make status STAGE=${stage})`}`,
    '  Token: the JWT above',
    'XDR consoles:',
    ...REGIONS.map(([region, console]) => `  ${region.padEnd(5)} ${console}`),
    '',
  ];
  process.stdout.write(out.join('\n'));
}

await runCli(import.meta, () => 'jwt', () => main());
