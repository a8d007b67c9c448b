import { createSecretKey, type KeyObject } from 'node:crypto';
import type { Setting, Settings } from './contract.ts';

/** What the handler reads from its environment, once, at start. */
export interface Config {
  /** `SECRET_KEY`, then the optional `SECRET_KEY_PREVIOUS` kept during a rotation. */
  readonly keys: readonly KeyObject[];
  /** `XDR_AUDIENCE`, without a trailing slash: the `aud` configuration tokens must carry. */
  readonly audience: string | undefined;
  /** `XDR_JWKS_HOSTS`, lower-cased: RS256 configuration tokens are accepted from these only. */
  readonly jwksHosts: ReadonlySet<string>;
  /** Sightings and judgements per observable (`CTR_ENTITIES_LIMIT`). */
  readonly entitiesLimit: number;
  /** The time a request has when the runtime does not say (`REQUEST_TIMEOUT_MS`; Lambda does). */
  readonly timeoutMs: number;
  /** Kept between the integration's deadline and the runtime's, to write the answer (`DEADLINE_MARGIN_MS`). */
  readonly marginMs: number;
  /** The integration's declared settings that have a value. */
  readonly settings: Settings;
  /** Declared settings with no value and no default: every authorized request answers so. */
  readonly missing: readonly string[];
  /** Why a setting fell back to its default, or is missing, for the log. */
  readonly warnings: readonly string[];
}

export const DEFAULT_ENTITIES_LIMIT = 100;
/** The Lambda function's default timeout (Terraform's `timeout`), for `make serve`. */
export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_MARGIN_MS = 500;

/** Names the template itself reads, or Lambda reserves: a setting may not take them. */
const RESERVED = /^(SECRET_KEY|SECRET_KEY_PREVIOUS|CTR_ENTITIES_LIMIT|XDR_AUDIENCE|XDR_JWKS_HOSTS|REQUEST_TIMEOUT_MS|DEADLINE_MARGIN_MS|AWS_.*|LAMBDA_.*|_HANDLER|_X_AMZN_TRACE_ID|TZ|LANG|PATH|LD_LIBRARY_PATH|NODE_.*)$/;
const ENV_NAME = /^[A-Z][A-Z0-9_]*$/;
// `host` or `host:port`, no scheme, no path: the keys are always fetched from https://<host>/.well-known/jwks.
const HOST = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:[0-9]{1,5})?$/;

type Environment = Readonly<Record<string, string | undefined>>;

/** Reads the environment; the keys are built once here, not per request. */
export function readConfig(env: Environment, declared: readonly Setting[] = []): Config {
  const warnings: string[] = [];
  const keys: KeyObject[] = [];
  const current = env['SECRET_KEY'];
  if (current) {
    keys.push(createSecretKey(Buffer.from(current, 'utf8')));
    // The previous secret only counts beside a current one: it never authorizes alone.
    const previous = env['SECRET_KEY_PREVIOUS'];
    if (previous) keys.push(createSecretKey(Buffer.from(previous, 'utf8')));
  }
  const settings = new Map<string, string>();
  const missing: string[] = [];
  for (const setting of declared) {
    checkSettingName(setting.name);
    const value = env[setting.name] || setting.default;
    if (value) settings.set(setting.name, value);
    else missing.push(setting.name);
  }
  if (missing.length > 0) warnings.push(`settings missing (set them in Terraform's settings map): ${missing.join(', ')}`);
  const audience = env['XDR_AUDIENCE'] ? trimSlash(env['XDR_AUDIENCE']) : undefined;
  const jwksHosts = readHosts(env['XDR_JWKS_HOSTS'], warnings);
  if (jwksHosts.size > 0 && audience === undefined) warnings.push('XDR_JWKS_HOSTS is set but XDR_AUDIENCE is not: every RS256 token will be refused');
  return {
    keys,
    audience,
    jwksHosts,
    entitiesLimit: readPositive('CTR_ENTITIES_LIMIT', env['CTR_ENTITIES_LIMIT'], DEFAULT_ENTITIES_LIMIT, warnings),
    timeoutMs: readPositive('REQUEST_TIMEOUT_MS', env['REQUEST_TIMEOUT_MS'], DEFAULT_TIMEOUT_MS, warnings),
    marginMs: readPositive('DEADLINE_MARGIN_MS', env['DEADLINE_MARGIN_MS'], DEFAULT_MARGIN_MS, warnings),
    settings: Object.freeze(Object.fromEntries(settings)),
    missing,
    warnings,
  };
}

/** A URL without its trailing slash: how `XDR_AUDIENCE` and a token's `aud` are compared. */
export function trimSlash(url: string): string {
  return url.endsWith('/') ? url.slice(0, -1) : url;
}

function readHosts(raw: string | undefined, warnings: string[]): ReadonlySet<string> {
  const hosts = new Set<string>();
  for (const entry of (raw ?? '').split(',')) {
    const host = entry.trim().toLowerCase();
    if (host === '') continue;
    if (HOST.test(host)) hosts.add(host);
    else warnings.push(`XDR_JWKS_HOSTS: ${JSON.stringify(host.slice(0, 100))} is not a host[:port]; ignored`);
  }
  return hosts;
}

/** A mistake in the integration's declaration fails at start, in the forker's tests. */
function checkSettingName(name: string): void {
  if (!ENV_NAME.test(name) || RESERVED.test(name)) {
    throw new TypeError(`Setting name must be an upper-case environment variable name the template does not use: ${name}`);
  }
}

function readPositive(name: string, raw: string | undefined, fallback: number, warnings: string[]): number {
  if (raw === undefined || raw === '') return fallback;
  // Digits only: `Number('1e3')`, `Number(' 5 ')` or `Number('0x10')` would be accepted silently.
  const value = /^[0-9]{1,9}$/.test(raw) ? Number(raw) : 0;
  if (value > 0) return value;
  warnings.push(`${name} must be a positive integer; using ${fallback}`);
  return fallback;
}
