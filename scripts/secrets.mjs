// The per-stage secret file that `make jwt` writes and `make deploy` reads, as a Terraform var
// file: .secrets/<stage>.tfvars.json = {"secret_key": "...", "secret_key_previous": "..."}.
import { chmodSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { root } from './dist.mjs';
export const STAGE = /^[a-z][a-z0-9-]{0,19}$/;

export function secretPath(stage) {
  return join(root, '.secrets', `${stage}.tfvars.json`);
}

/** The stage's secrets, or undefined when it has none yet. Throws a one-line Error otherwise. */
export function readSecrets(stage) {
  const path = secretPath(stage);
  let text;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (error.code === 'ENOENT') return undefined;
    throw new Error(`cannot read ${path}: ${error.code}`);
  }
  let value;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error(`${path} is not JSON; remove it to start over`);
  }
  const valid = (secret) => typeof secret === 'string' && secret.length >= 32;
  const previous = value?.secret_key_previous;
  if (!valid(value?.secret_key) || !(previous === undefined || previous === null || valid(previous))) {
    throw new Error(`${path} holds no valid secret_key; remove it to start over`);
  }
  return { current: value.secret_key, previous: previous ?? undefined };
}

/** Writes the secrets with mode 0600 through a temporary file: never half-written, never readable by others. */
export function writeSecrets(stage, { current, previous }) {
  const path = secretPath(stage);
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const temporary = `${path}.${process.pid}.tmp`;
  const body = { secret_key: current, ...(previous === undefined ? {} : { secret_key_previous: previous }) };
  try {
    writeFileSync(temporary, `${JSON.stringify(body, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
    chmodSync(temporary, 0o600);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw new Error(`cannot write ${path}: ${error.code ?? error.message}`);
  }
  return path;
}
