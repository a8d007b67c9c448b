// The routing table: every API of docs/relay-api.md that the integration implements, as data.
import { checkActions } from './actions.ts';
import { RelayError, type Context, type ErrorBody, type Integration, type Observable } from './contract.ts';
import { onDemand } from './demand.ts';
import { checkObservableTypes, selectorOf } from './observables.ts';
import type { Registry } from './respond.ts';
import { observablesSchema, tileDataSchema, tileSchema, triggerSchema, type Schema } from './schema.ts';

/** One row of the routing table. */
export interface Route {
  readonly method: 'POST';
  readonly path: string;
  /** Whether the route needs a valid JWT (all but `/version`). */
  readonly auth: boolean;
  /** The body's schema, when the route reads a body; the pipeline validates it before `run`. */
  readonly schema?: Schema<unknown>;
  /** Answers, given the validated body (or `undefined` when there is no schema). */
  readonly run: (input: unknown, context: Context) => Promise<object>;
  /** An API the integration left out, answered empty (`apisLeftOut: 'empty'`): never advertised. */
  readonly leftOut?: true;
}

type Run<T> = (input: T, context: Context) => Promise<object>;

/** The table of an integration: its APIs (those it implements), and `/version`. */
export function buildRoutes(integration: Integration, version: string): Route[] {
  const { deliberate, observe, refer, tiles, tile, tileData, observableTypes } = integration;
  checkObservableTypes(observableTypes);
  const selectObservables = selectorOf(observableTypes);
  if (integration.actions !== undefined) checkActions(integration);
  const registry = integration.actions === undefined ? undefined : registryOnDemand(integration);
  const respond = registry?.offer ?? integration.respond?.bind(integration);
  const trigger = registry?.trigger ?? integration.trigger?.bind(integration);
  const empty = integration.apisLeftOut === 'empty';
  // Bound: an integration written as a class keeps its `this`. Unsupported types and duplicates
  // never reach the integration, nor does an empty list (the generic answer is the answer).
  // Not async: the integration's own promise is the answer (an async wrapper around it costs
  // three more promise hops a request); runInScope turns a throw into a rejection.
  const lookup = (run: (observables: Observable[], context: Context) => Promise<object>, none: object): Run<Observable[]> =>
    (observables, context) => {
      const selected = selectObservables(observables);
      return selected.length === 0 ? Promise.resolve(none) : run(selected, context);
    };
  /** The API's row; one the integration left out answers `none` when `apisLeftOut` is 'empty'. */
  const row = <T>(path: string, schema: Schema<T> | undefined, run: Run<T> | undefined, none: object): Route | undefined => {
    if (run === undefined && !empty) return undefined;
    const answer: Run<T> = run ?? (async () => none);
    return { method: 'POST', path, auth: true, ...(schema === undefined ? {} : { schema }), run: answer as Route['run'], ...(run === undefined ? { leftOut: true } : {}) };
  };
  const rows: (Route | undefined)[] = [
    row('/health', undefined, (_input, context) => integration.health(context), {}),
    row('/deliberate/observables', observablesSchema, deliberate && lookup(deliberate.bind(integration), EMPTY_MAP), EMPTY_MAP),
    row('/observe/observables', observablesSchema, observe && lookup(observe.bind(integration), EMPTY_MAP), EMPTY_MAP),
    row('/refer/observables', observablesSchema, refer && lookup(refer.bind(integration), EMPTY_LIST), EMPTY_LIST),
    row('/respond/observables', observablesSchema, respond && lookup(respond, EMPTY_LIST), EMPTY_LIST),
    row('/respond/trigger', triggerSchema, trigger, { data: { status: 'success' } }),
    row('/tiles', undefined, tiles && ((_input, context) => tiles.call(integration, context)), EMPTY_LIST),
    row('/tiles/tile', tileSchema, tile?.bind(integration), EMPTY_MAP),
    row('/tiles/tile-data', tileDataSchema, tileData?.bind(integration), EMPTY_MAP),
    // Not wrapped in `data`, and open: XDR reads it before it has a token.
    { method: 'POST', path: '/version', auth: false, run: async () => ({ version }) },
  ];
  return rows.filter((route) => route !== undefined);
}

/**
 * The respond registry of `integration.actions` (handler/respond.ts), its module loaded at the
 * first respond request: a relay whose XDR never asks for actions never compiles it.
 */
function registryOnDemand(integration: Integration): Registry {
  const load = onDemand(async () => (await import('./respond.ts')).createRegistry(integration, answerOf));
  return {
    offer: async (observables, context) => (await load()).offer(observables, context),
    trigger: async (form, context) => (await load()).trigger(form, context),
  };
}

/** The body of an error thrown on purpose (a RelayError); `undefined` for a bug. */
function answerOf(error: unknown): ErrorBody | undefined {
  return error instanceof RelayError ? error.toBody() : undefined;
}

// The generic template's answers (docs/relay-api.md), shared: the pipeline only serializes them.
const EMPTY_MAP = Object.freeze({ data: Object.freeze({}) });
const EMPTY_LIST = Object.freeze({ data: Object.freeze([]) });

/**
 * The APIs XDR may call with a token (`make module-type`'s `supported-apis`): the routes
 * buildRoutes makes but `/version` and the APIs left out. Building them checks the integration
 * as the relay does: a mistake fails here too.
 */
export function listApis(integration: Integration): string[] {
  return buildRoutes(integration, '').filter((route) => route.auth && route.leftOut === undefined).map((route) => route.path.slice(1));
}
