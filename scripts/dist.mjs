// The repository's root and its dist/ folder: how the scripts write to it and load the built
// handler from it. Node built-ins only.
import { existsSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const dist = join(root, 'dist');
export const bundlePath = join(dist, 'index.mjs');

/** Writes a file through a temporary name: a failure never leaves a half-written file. */
export function writeAtomic(path, data) {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, data);
  renameSync(temporary, path);
}

/**
 * Imports dist/index.mjs. It reads its environment once, when imported: set SECRET_KEY before.
 * Throws an Error of one line when the bundle is missing or broken.
 */
export async function importBuilt() {
  if (!existsSync(bundlePath)) throw new Error('dist/index.mjs is missing: run make build');
  try {
    return await import(pathToFileURL(bundlePath).href);
  } catch (error) {
    throw new Error(`cannot load dist/index.mjs (${error.code ?? error.message}); run make build`);
  }
}

/** The handler's declarations (claims, APIs), for `make jwt` and `make module-type`. */
export function readDeclarations() {
  // Nothing of the environment matters here, and a bad CTR_ENTITIES_LIMIT would print the
  // handler's warning into the script's output.
  delete process.env.CTR_ENTITIES_LIMIT;
  return importBuilt();
}
