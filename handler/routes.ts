// The routing table: every API of docs/relay-api.md that the integration implements, as data.
import type { Context, Integration, Observable } from './contract.ts';
import { checkObservableTypes, selectObservables } from './observables.ts';
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
}

/** The table of an integration: its APIs (those it implements), and `/version`. */
export function buildRoutes(integration: Integration, version: string): Route[] {
  const { deliberate, observe, refer, respond, trigger, tiles, tile, tileData, observableTypes } = integration;
  checkObservableTypes(observableTypes);
  // Bound: an integration written as a class keeps its `this`.
  // Unsupported types and duplicates never reach the integration.
  const lookup = (run: (observables: Observable[], context: Context) => Promise<object>) =>
    (observables: Observable[], context: Context) => run(selectObservables(observables, observableTypes), context);
  const rows: (Route | undefined)[] = [
    withoutBody('/health', true, (context) => integration.health(context)),
    deliberate && withBody('/deliberate/observables', observablesSchema, lookup(deliberate.bind(integration))),
    observe && withBody('/observe/observables', observablesSchema, lookup(observe.bind(integration))),
    refer && withBody('/refer/observables', observablesSchema, lookup(refer.bind(integration))),
    respond && withBody('/respond/observables', observablesSchema, lookup(respond.bind(integration))),
    trigger && withBody('/respond/trigger', triggerSchema, trigger.bind(integration)),
    tiles && withoutBody('/tiles', true, tiles.bind(integration)),
    tile && withBody('/tiles/tile', tileSchema, tile.bind(integration)),
    tileData && withBody('/tiles/tile-data', tileDataSchema, tileData.bind(integration)),
    // Not wrapped in `data`, and open: XDR reads it before it has a token.
    withoutBody('/version', false, async () => ({ version })),
  ];
  return rows.filter((row) => row !== undefined);
}

/** The APIs XDR may call with a token (`make module-type`'s `supported-apis`): every route but `/version`. */
export function listApis(routes: readonly Route[]): string[] {
  return routes.filter((route) => route.auth).map((route) => route.path.slice(1));
}

function withBody<T>(path: string, schema: Schema<T>, run: (input: T, context: Context) => Promise<object>): Route {
  // The pipeline passes `run` what `validate(schema, ...)` returned: a T.
  return { method: 'POST', path, auth: true, schema, run: run as Route['run'] };
}

function withoutBody(path: string, auth: boolean, run: (context: Context) => Promise<object>): Route {
  return { method: 'POST', path, auth, run: (_input, context) => run(context) };
}
