// The contract between the template and an integration: everything handler/integration.ts and
// the kit (handler/kit/) import. What each relay API receives and answers on the wire is in
// docs/relay-api.md; this file is the TypeScript side of it.
import { name, version } from '../package.json';
import type { ErrorBody } from './errors.ts';

export { KNOWN_ERROR_CODES, RelayError, type ErrorBody, type ErrorCode, type KnownErrorCode } from './errors.ts';

/** The relay's own name and version (package.json): `/version`, the User-Agent of its calls. */
export const RELAY: { readonly name: string; readonly version: string } = Object.freeze({ name, version });

/** One claim the relay needs in its JWT; `make jwt` prompts for it with `description`. */
export interface Claim<Name extends string = string> {
  readonly name: Name;
  readonly description: string;
  /** With configuration tokens, the label of its field in XDR's form (default: `description`). */
  readonly label?: string;
  /** With configuration tokens, its field's type in XDR's form (default: `api_key`, a secret). */
  readonly field?: 'api_key' | 'string' | 'password' | 'integer' | 'boolean';
}

/** The declared claims, read from a verified token: each one a non-empty string. */
export type Credentials<Name extends string = string> = Readonly<Record<Name, string>>;

/**
 * A non-secret setting, read from the function's environment at cold start (Terraform's
 * `settings` map sets them; `make serve` reads them from its own environment).
 */
export interface Setting<Name extends string = string> {
  /** An environment variable name: `EXAMPLE_INTEL_URL`. */
  readonly name: Name;
  readonly description: string;
  /** Used when the variable is unset or empty. Without one, the setting is required. */
  readonly default?: string;
}

/** The declared settings, each one a non-empty string. */
export type Settings<Name extends string = string> = Readonly<Record<Name, string>>;

/** The observable types an integration handles, or `'all'` (the generic template). */
export type ObservableTypes = readonly string[] | 'all';

export interface Observable {
  readonly type: string;
  readonly value: string;
}

/** The body of `/respond/trigger`: extra keys are the action's `query-params`, echoed by XDR. */
export interface TriggerForm {
  readonly 'action-id': string;
  readonly observable_type: string;
  readonly observable_value: string;
  readonly [extra: string]: unknown;
}

export interface Tile {
  readonly tile_id: string;
}

export interface TileData extends Tile {
  readonly period: string;
}

/** A relay API's answer: `data`, and `errors` beside it for partial results; or `errors` alone. */
export type Answer<T = unknown> =
  | { readonly data: T; readonly errors?: readonly ErrorBody[] }
  | { readonly data?: never; readonly errors: readonly ErrorBody[] };

/** What a relay API receives besides its validated input. */
export interface Context<ClaimName extends string = string, SettingName extends string = string> {
  /** The claims the integration declared, from the verified JWT. */
  readonly credentials: Credentials<ClaimName>;
  /** The settings the integration declared, from the environment. */
  readonly settings: Settings<SettingName>;
  /** At most this many sightings and judgements per observable (`CTR_ENTITIES_LIMIT`). */
  readonly entitiesLimit: number;
  /** API Gateway's id of the request, for the third party's logs and ours. */
  readonly requestId: string | undefined;
  /**
   * When the answer must be written (milliseconds since the epoch, on the relay's clock): Lambda's
   * deadline minus a safety margin. The kit stops starting calls then, and aborts those in
   * flight; the pipeline answers then whatever the API is still doing (handler/scope.ts).
   */
  readonly deadline: number;
  /** Aborted at `deadline` (its reason a `TimeoutError`): pass it to anything slow you call yourself. */
  readonly signal: AbortSignal;
}

type Lookup<C extends string, S extends string> = (observables: Observable[], context: Context<C, S>) => Promise<Answer>;

/**
 * What an integration provides. `health` is required (XDR calls it when the module is added);
 * every other API is optional: one that is not there answers 404, like an unknown path, and
 * `make module-type` does not list it.
 */
export interface Integration<ClaimName extends string = string, SettingName extends string = string> {
  /** Claims the relay needs in its JWT; `make jwt` prompts for each one. */
  readonly claims: readonly Claim<ClaimName>[];
  /** Non-secret settings read from the environment. */
  readonly settings?: readonly Setting<SettingName>[];
  /** Observable types the relay handles; the others never reach the functions below. */
  readonly observableTypes: ObservableTypes;
  /** `/health`: check that the third party answers with these credentials. */
  health(context: Context<ClaimName, SettingName>): Promise<Answer>;
  /** `/deliberate/observables`: verdicts. */
  deliberate?: Lookup<ClaimName, SettingName>;
  /** `/observe/observables`: sightings, judgements, verdicts, indicators, relationships. */
  observe?: Lookup<ClaimName, SettingName>;
  /** `/refer/observables`: links to the third party's own pages. */
  refer?: Lookup<ClaimName, SettingName>;
  /** `/respond/observables`: the actions this relay offers. */
  respond?: Lookup<ClaimName, SettingName>;
  /** `/respond/trigger`: run one of those actions. */
  trigger?(form: TriggerForm, context: Context<ClaimName, SettingName>): Promise<Answer>;
  /** `/tiles`: the dashboard tiles this relay offers. */
  tiles?(context: Context<ClaimName, SettingName>): Promise<Answer>;
  /** `/tiles/tile`: one tile's description. */
  tile?(tile: Tile, context: Context<ClaimName, SettingName>): Promise<Answer>;
  /** `/tiles/tile-data`: one tile's data over a period. */
  tileData?(tile: TileData, context: Context<ClaimName, SettingName>): Promise<Answer>;
}

/**
 * Declares an integration with its claim and setting names inferred, so that
 * `context.credentials.key` is a `string` (not `string | undefined`) in its functions.
 */
export function defineIntegration<ClaimName extends string, SettingName extends string = never>(
  integration: Integration<ClaimName, SettingName>,
): Integration {
  return integration as unknown as Integration;
}
