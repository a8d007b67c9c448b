// The repository's root and its dist/ folder: how the scripts write files and load the built
// handler. Node built-ins only.
import { chmodSync, existsSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const dist = join(root, 'dist');

/**
 * The bundle the scripts load: dist/index.mjs, or RELAY_BUNDLE (the tests point it at a bundle of
 * their stub integration, so that they never run a fork's real integration).
 */
export const bundlePath = process.env.RELAY_BUNDLE ? resolve(process.env.RELAY_BUNDLE) : join(dist, 'index.mjs');

/**
 * Writes a file through a temporary name in the same folder: a failure never leaves a
 * half-written file, and with `mode` the file is never readable by others, not even briefly.
 */
export function writeAtomic(path, data, { mode } = {}) {
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, data, { flag: 'wx', ...(mode === undefined ? {} : { mode }) });
    // The umask may have taken bits away from `mode`, never added any: set it exactly.
    if (mode !== undefined) chmodSync(temporary, mode);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

/**
 * Imports the built handler, its integration checked as the relay checks it (its routes built by
 * `listApis()`): a mistake there fails every script that reads the bundle (make serve, module-type,
 * check, deploy) before anything runs, as it fails the relay's first request on Lambda. Throws an
 * Error of one line when the bundle is missing, broken or refused.
 */
export async function importBuilt() {
  const shown = process.env.RELAY_BUNDLE ? bundlePath : 'dist/index.mjs';
  if (!existsSync(bundlePath)) throw new Error(`${shown} is missing: run make build`);
  let built;
  try {
    built = await import(pathToFileURL(bundlePath).href);
  } catch (error) {
    throw new Error(`cannot load ${shown} (${error.code ?? error.message}); run make build`);
  }
  if (typeof built.listApis !== 'function') throw new Error(`${shown} is older than the scripts: run make build`);
  try {
    built.listApis();
  } catch (error) {
    throw new Error(`the integration of ${shown} is refused: ${String(error?.message ?? error).split('\n')[0]}`);
  }
  return built;
}
