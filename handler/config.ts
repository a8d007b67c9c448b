import { createSecretKey, type KeyObject } from 'node:crypto';

/** What the handler reads from its environment, once, at start. */
export interface Config {
  /** `SECRET_KEY`, then the optional `SECRET_KEY_PREVIOUS` kept during a rotation. */
  readonly keys: readonly KeyObject[];
  /** Sightings and judgements per observable (`CTR_ENTITIES_LIMIT`). */
  readonly entitiesLimit: number;
  /** Why a setting fell back to its default, for the log. */
  readonly warnings: readonly string[];
}

export const DEFAULT_ENTITIES_LIMIT = 100;

type Environment = Readonly<Record<string, string | undefined>>;

/** Reads the environment; the keys are built once here, not per request (performance-notes.md). */
export function readConfig(env: Environment): Config {
  const warnings: string[] = [];
  const keys: KeyObject[] = [];
  const current = env['SECRET_KEY'];
  if (current) {
    keys.push(createSecretKey(Buffer.from(current, 'utf8')));
    // The previous secret only counts beside a current one: it never authorizes alone.
    const previous = env['SECRET_KEY_PREVIOUS'];
    if (previous) keys.push(createSecretKey(Buffer.from(previous, 'utf8')));
  }
  return { keys, entitiesLimit: readLimit(env['CTR_ENTITIES_LIMIT'], warnings), warnings };
}

function readLimit(raw: string | undefined, warnings: string[]): number {
  if (raw === undefined || raw === '') return DEFAULT_ENTITIES_LIMIT;
  // Digits only: `Number('1e3')`, `Number(' 5 ')` or `Number('0x10')` would be accepted silently.
  const limit = /^[0-9]{1,9}$/.test(raw) ? Number(raw) : 0;
  if (limit > 0) return limit;
  warnings.push(
    `CTR_ENTITIES_LIMIT must be a positive integer; using ${DEFAULT_ENTITIES_LIMIT}`,
  );
  return DEFAULT_ENTITIES_LIMIT;
}
