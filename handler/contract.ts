// The contract between the template and an integration: everything handler/integration.ts and
// the kit (handler/kit/) import. What each relay API receives and answers on the wire is in
// docs/relay-api.md; this file is the TypeScript side of it.
import { name, version } from '../package.json';
import type { ErrorBody } from './errors.ts';

export { KNOWN_ERROR_CODES, RelayError, type ErrorBody, type ErrorCode, type KnownErrorCode } from './errors.ts';

/** The relay's own name and version (package.json): `/version`, the User-Agent of its calls. */
// Pure: a bundle that never names RELAY (the stub's) leaves it out.
export const RELAY: { readonly name: string; readonly version: string } = /* @__PURE__ */ Object.freeze({ name, version });

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
  /** The claims the integration declared, from the verified JWT; frozen (the requests that carry one token share it). */
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
 * A respond action of the registry (`actions`): `/respond/observables` offers it for each
 * observable of one of its `types`, and `/respond/trigger` runs it when XDR sends its `id`.
 */
export interface Action<ClaimName extends string = string, SettingName extends string = string> {
  /** Unique in the integration: XDR sends it back as the trigger's `action-id`. */
  readonly id: string;
  /** What XDR shows; a function of the observable for words that name it. */
  readonly title: string | ((observable: Observable) => string);
  readonly description: string | ((observable: Observable) => string);
  readonly categories: readonly string[];
  /** The observable types it takes (CTIM's names); the trigger refuses any other. */
  readonly types: readonly string[];
  /**
   * Runs the action on the trigger's observable (its type lower-cased). Returning nothing answers
   * `{"data": {"status": "success"}}`; a RelayError thrown answers `{"data": {"status": "failure"},
   * "errors": [it]}`, as Cisco's relays do.
   */
  run(observable: Observable, form: TriggerForm, context: Context<ClaimName, SettingName>): Promise<Answer | void>;
}

/**
 * One action `offer` chose for an observable: its id, or its id with this observable's own
 * `title`, `description` and extra `params` (added to the action's `query-params`, which XDR
 * echoes to the trigger: an indicator's id, say).
 */
export type Offer = string | {
  readonly id: string;
  readonly title?: string;
  readonly description?: string;
  readonly params?: Readonly<Record<string, string>>;
};

/** Why `/respond/trigger` refused a form before running anything. */
export interface Refusal {
  readonly reason: 'unknown action' | 'unsupported type';
  readonly form: TriggerForm;
}

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
  /**
   * Respond as a registry, instead of `respond` and `trigger`: the template answers
   * `/respond/observables` with the actions each observable's type takes, and dispatches
   * `/respond/trigger` by `action-id`, checking the id and the observable's type first.
   */
  readonly actions?: readonly Action<ClaimName, SettingName>[];
  /**
   * With `actions`: which of them to offer for one observable, in order (by default every action
   * whose `types` hold its type). For actions that depend on the service's state (isolate a
   * machine, or release it). A RelayError thrown ends the answer with what was offered before it.
   */
  offer?(observable: Observable, context: Context<ClaimName, SettingName>): Promise<readonly Offer[]>;
  /**
   * With `actions`: what `/respond/trigger` answers for an `action-id` no action has, or an
   * observable type the action does not take. By default `{"data": {"status": "failure"},
   * "errors": [...]}` with code `invalid argument` and `Unsupported action: <id>.` or
   * `Unsupported observable type: <type>.`
   */
  refuse?(refusal: Refusal): Answer;
  /**
   * What the APIs left out answer: `'not found'` (a 404, the default), or `'empty'`, the generic
   * template's answer of docs/relay-api.md (`{"data": {}}`, `{"data": []}`, ...) after the
   * body's validation, as Cisco's relays answer the APIs they do not offer. Either way
   * `make module-type` does not list them.
   */
  readonly apisLeftOut?: 'not found' | 'empty';
  /** `/tiles`: the dashboard tiles this relay offers. */
  tiles?(context: Context<ClaimName, SettingName>): Promise<Answer>;
  /** `/tiles/tile`: one tile's description. */
  tile?(tile: Tile, context: Context<ClaimName, SettingName>): Promise<Answer>;
  /** `/tiles/tile-data`: one tile's data over a period. */
  tileData?(tile: TileData, context: Context<ClaimName, SettingName>): Promise<Answer>;
}

// A type-only key: the context's type rides along with a defined integration, for ContextOf.
declare const contextType: unique symbol;

/** What `defineIntegration` returns: an `Integration` that remembers its context's type. */
export type DefinedIntegration<ClaimName extends string, SettingName extends string> =
  Integration & { readonly [contextType]?: Context<ClaimName, SettingName> };

/**
 * The context of a defined integration, for helpers written beside it:
 * `(context: ContextOf<typeof integration>) => ...` rather than restating `Context<'key', ...>`.
 */
export type ContextOf<T> = T extends { readonly [contextType]?: infer Typed } ? Exclude<Typed, undefined> : never;

/**
 * Declares an integration with its claim and setting names inferred, so that
 * `context.credentials.key` is a `string` (not `string | undefined`) in its functions.
 */
export function defineIntegration<ClaimName extends string, SettingName extends string = never>(
  integration: Integration<ClaimName, SettingName>,
): DefinedIntegration<ClaimName, SettingName> {
  return integration as unknown as Integration;
}
