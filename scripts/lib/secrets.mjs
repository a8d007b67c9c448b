// The stage rule and the per-stage secret files, for the node scripts and (through the command
// below) the shell ones: one rule, one place.
//   .secrets/<stage>.tfvars.json  {"secret_key", "secret_key_previous"?}, a Terraform var file
//   .secrets/<stage>.jwt          the last JWT `make jwt` printed (it holds the claims: a secret too)
//   .secrets/<stage>.module-type.json  the id of the module type `make register` created
// Both 0600 in a 0700 folder, git-ignored. Node built-ins only.
// Usage: node scripts/lib/secrets.mjs check <verb> <stage>   (exit 1 with one `<verb>: error:` line)
import { chmodSync, lstatSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { runCli, UsageError } from './cli.mjs';
import { root, writeAtomic } from './dist.mjs';

const STAGE = /^[a-z][a-z0-9-]{0,19}$/;
const STAGE_RULE = '1-20 lower-case letters, digits or hyphens, starting with a letter';

/** Throws a UsageError unless `stage` is a valid stage name. */
export function checkStage(stage, verb) {
  if (stage === undefined || stage === '') throw new UsageError(`STAGE is missing: make ${verb} STAGE=dev`);
  // JSON.stringify: a stage holding a newline or an escape code stays on one line, visible.
  if (!STAGE.test(stage)) throw new UsageError(`invalid stage name ${JSON.stringify(stage)}: use ${STAGE_RULE}`);
  return stage;
}

export const secretsDir = join(root, '.secrets');
export const secretPath = (stage) => join(secretsDir, `${stage}.tfvars.json`);
export const tokenPath = (stage) => join(secretsDir, `${stage}.jwt`);
export const moduleTypePath = (stage) => join(secretsDir, `${stage}.module-type.json`);
const shown = (path) => relative(process.cwd(), path) || path;

/**
 * A secret file's text, or undefined when there is none. Refuses a symlink or anything but a
 * regular file; a file others may read is made 0600, and the warning says so.
 */
export function readPrivate(path, warn = (line) => console.error(line)) {
  // The folder first: a `.secrets` that links elsewhere would have us read (and trust) whatever is there.
  if (!checkDir(dirname(path))) return undefined;
  const stat = inspect(path);
  if (stat === undefined) return undefined;
  if (!stat.isFile()) throw new UsageError(`${shown(path)} is not a regular file (a symlink?); remove it to start over`);
  if ((stat.mode & 0o077) !== 0) {
    chmodSync(path, 0o600);
    warn(`warning: ${shown(path)} was readable by others (mode 0${(stat.mode & 0o777).toString(8)}); it is now 0600. If others had access, rotate: make jwt STAGE=… ROTATE=1`);
  }
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${shown(path)}: ${error.code}`);
  }
}

/** The stage's secrets, or undefined when it has none yet. */
export function readSecrets(stage, warn) {
  const path = secretPath(stage);
  const text = readPrivate(path, warn);
  if (text === undefined) return undefined;
  let value;
  try {
    value = JSON.parse(text);
  } catch {
    throw new UsageError(`${shown(path)} is not JSON; remove it to start over`);
  }
  const valid = (secret) => typeof secret === 'string' && secret.length >= 32;
  const previous = value?.secret_key_previous;
  if (!valid(value?.secret_key) || !(previous === undefined || previous === null || valid(previous))) {
    throw new UsageError(`${shown(path)} holds no valid secret_key; remove it to start over`);
  }
  return { current: value.secret_key, previous: previous ?? undefined };
}

/** Whether the folder exists; throws a UsageError when it is anything but a real directory (a symlink to one included). */
function checkDir(dir) {
  const stat = inspect(dir);
  if (stat === undefined) return false;
  if (!stat.isDirectory()) throw new UsageError(`${shown(dir)} is not a directory (a symlink?); make it one, 0700, with your secret files in it`);
  return true;
}

/** What is at `path` (a link not followed), or undefined when nothing is; any other failure is a UsageError. */
function inspect(path) {
  try {
    return lstatSync(path);
  } catch (error) {
    if (error.code === 'ENOENT') return undefined;
    throw new UsageError(`cannot read ${shown(path)}: ${error.code}`);
  }
}

/** The folder for secrets: a real directory, 0700. */
function privateDir() {
  mkdirSync(secretsDir, { recursive: true, mode: 0o700 });
  checkDir(secretsDir);
  chmodSync(secretsDir, 0o700);
}

/** Writes a secret file, 0600, atomically: never half-written, never readable by others. */
export function writePrivate(path, text) {
  try {
    privateDir();
    writeAtomic(path, text, { mode: 0o600 });
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`cannot write ${shown(path)}: ${error.code ?? error.message}`);
  }
  return path;
}

export function writeSecrets(stage, { current, previous }) {
  const body = { secret_key: current, ...(previous === undefined ? {} : { secret_key_previous: previous }) };
  return writePrivate(secretPath(stage), `${JSON.stringify(body, null, 2)}\n`);
}

/** For the shell scripts: checks the stage and its secret file; prints the file's path if there is one. */
function main([command, verb, stage]) {
  if (command !== 'check' || !verb) throw new UsageError('usage: secrets.mjs check <verb> <stage>');
  checkStage(stage, verb);
  const path = secretPath(stage);
  if (readSecrets(stage, (line) => console.error(`${verb}: ${line}`)) !== undefined) console.log(path);
}

await runCli(import.meta, () => process.argv[3] || 'secrets', () => main(process.argv.slice(2)));
