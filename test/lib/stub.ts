// The template's tests run the handler with test/stub/integration.ts in place of
// handler/integration.ts, whatever a fork put there: bundled here once per test run, into a
// temporary folder removed when the process exits.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Integration } from '../../handler/contract.ts';
import type { Handler } from '../../handler/index.ts';

export const root = join(__dirname, '..', '..');
export const STUB_INTEGRATION = join(root, 'test', 'stub', 'integration.ts');

export interface StubBundle {
  /** The bundle, as dist/index.mjs would be with the stub integration. */
  readonly path: string;
  readonly code: Buffer;
  readonly zip: Buffer;
  /** Every file of the bundle (index.mjs first), and the names of those a cold start loads. */
  readonly files: { name: string; data: Buffer }[];
  readonly loaded: string[];
  readonly metafile: { inputs: Record<string, unknown>; outputs: Record<string, { imports: { path: string; external?: boolean }[] }> };
}

type Build = typeof import('../../scripts/build.mjs');

let built: Promise<StubBundle> | undefined;

export function stubBundle(): Promise<StubBundle> {
  built ??= (async () => {
    const { buildBundle, writeBundle } = (await import('../../scripts/build.mjs')) as Build;
    const built = await buildBundle({ integration: STUB_INTEGRATION });
    const { code, zip, files, loaded, metafile } = built;
    const directory = mkdtempSync(join(tmpdir(), 'relay-stub-'));
    process.once('exit', () => rmSync(directory, { recursive: true, force: true }));
    const path = writeBundle(directory, built);
    writeFileSync(join(directory, 'relay.zip'), zip);
    return { path, code, zip, files, loaded, metafile: metafile as StubBundle['metafile'] };
  })();
  return built;
}

/** What a built bundle exports. */
export interface Built {
  handler: Handler;
  createRelay: (env: Record<string, string | undefined>, log?: (line: string) => void) => Handler;
  integration: Integration;
  listApis: () => string[];
  name: string;
  version: string;
}

let instances = 0;

/** A fresh instance of a bundle (the stub's by default): a query string makes each import new. */
export async function importBundle(path?: string): Promise<Built> {
  const file = path ?? (await stubBundle()).path;
  return (await import(`${pathToFileURL(file).href}?instance=${++instances}`)) as Built;
}

/**
 * The source of an integration the relay refuses when it builds its routes (an observable type
 * CTIM does not know), importing defineIntegration from `contract`; and the refusal's message.
 */
export function refusedIntegration(contract: string): { source: string; refusal: string } {
  return {
    source: [
      `import { defineIntegration } from ${JSON.stringify(contract)};`,
      'export const integration = defineIntegration({',
      "  claims: [{ name: 'key', description: 'API key' }],",
      "  observableTypes: ['ip', 'hash'],",
      "  health: async () => ({ data: { status: 'ok' } }),",
      '});',
    ].join('\n'),
    refusal: 'observableTypes: not an observable type CTIM knows: "hash" (handler/observables.ts lists them)',
  };
}
