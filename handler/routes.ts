import type { Claim, Credentials } from './auth.ts';
import type { ErrorBody } from './errors.ts';
import { readBody, type Request } from './event.ts';
import { selectObservables, type ObservableTypes } from './observables.ts';
import {
  observablesSchema,
  tileDataSchema,
  tileSchema,
  triggerSchema,
  validate,
  type Observable,
  type Schema,
  type Tile,
  type TileData,
  type TriggerForm,
} from './schema.ts';

/** A relay API's answer: `data`, and `errors` beside it for partial results. */
export interface Answer<T = unknown> {
  readonly data: T;
  readonly errors?: readonly ErrorBody[];
}

/** What a relay API receives besides its validated input. */
export interface Context {
  /** The claims the integration declared, from the verified JWT. */
  readonly credentials: Credentials;
  /** At most this many sightings and judgements per observable (`CTR_ENTITIES_LIMIT`). */
  readonly entitiesLimit: number;
  /** For the third party's logs, and ours. */
  readonly requestId: string | undefined;
}

/** What an integration provides (handler/integration.ts): the routes call these functions. */
export interface Integration {
  /** Claims the relay needs in its JWT; `make jwt` prompts for each one. */
  readonly claims: readonly Claim[];
  /** Observable types the relay handles; the others never reach the functions below. */
  readonly observableTypes: ObservableTypes;
  /** `/health`: check that the third party answers with these credentials. */
  health(context: Context): Promise<Answer>;
  /** `/deliberate/observables`: verdicts. */
  deliberate(observables: Observable[], context: Context): Promise<Answer>;
  /** `/observe/observables`: sightings, judgements, verdicts, indicators, relationships. */
  observe(observables: Observable[], context: Context): Promise<Answer>;
  /** `/refer/observables`: links to the third party's own pages. */
  refer(observables: Observable[], context: Context): Promise<Answer>;
  /** `/respond/observables`: the actions this relay offers. */
  respond(observables: Observable[], context: Context): Promise<Answer>;
  /** `/respond/trigger`: run one of those actions. */
  trigger(form: TriggerForm, context: Context): Promise<Answer>;
  /** `/tiles`: the dashboard tiles this relay offers. */
  tiles(context: Context): Promise<Answer>;
  /** `/tiles/tile`: one tile's description. */
  tile(tile: Tile, context: Context): Promise<Answer>;
  /** `/tiles/tile-data`: one tile's data over a period. */
  tileData(tile: TileData, context: Context): Promise<Answer>;
}

/** One row of the routing table. */
export interface Route {
  readonly method: 'POST';
  readonly path: string;
  /** Whether the route needs a valid JWT (all but `/version`). */
  readonly auth: boolean;
  /** Validates the body, when the route reads one, and answers. */
  readonly answer: (request: Request, context: Context) => Promise<object>;
}

/** The routing table: every API of the contract, as data (../shared/relay-contract.md#routes). */
export function buildRoutes(integration: Integration, version: string): Route[] {
  const observables = (
    path: string,
    run: (observables: Observable[], context: Context) => Promise<Answer>,
  ): Route =>
    withBody(path, observablesSchema, (input, context) =>
      run(selectObservables(input, integration.observableTypes), context),
    );

  return [
    withoutBody('/health', true, (context) => integration.health(context)),
    observables('/deliberate/observables', (input, context) => integration.deliberate(input, context)),
    observables('/observe/observables', (input, context) => integration.observe(input, context)),
    observables('/refer/observables', (input, context) => integration.refer(input, context)),
    observables('/respond/observables', (input, context) => integration.respond(input, context)),
    withBody('/respond/trigger', triggerSchema, (input, context) => integration.trigger(input, context)),
    withoutBody('/tiles', true, (context) => integration.tiles(context)),
    withBody('/tiles/tile', tileSchema, (input, context) => integration.tile(input, context)),
    withBody('/tiles/tile-data', tileDataSchema, (input, context) => integration.tileData(input, context)),
    // Not wrapped in `data`, and open: XDR reads it before it has a token.
    withoutBody('/version', false, async () => ({ version })),
  ];
}

function withBody<T>(
  path: string,
  schema: Schema<T>,
  run: (input: T, context: Context) => Promise<object>,
): Route {
  return {
    method: 'POST',
    path,
    auth: true,
    answer: (request, context) => run(validate(schema, readBody(request)), context),
  };
}

function withoutBody(path: string, auth: boolean, run: (context: Context) => Promise<object>): Route {
  return { method: 'POST', path, auth, answer: (_request, context) => run(context) };
}
