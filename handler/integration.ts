// The one file to change when you fork this template: what your relay needs in its JWT, which
// observables it understands, and one function per relay API. Everything else (routing, JWT,
// validation, errors, logs) is done before these functions are called and after they return.
// The generic template answers the contract's empty answers.

import type { Claim } from './auth.ts';
import type { ObservableTypes } from './observables.ts';
import type { Answer, Context } from './routes.ts';
import type { Observable, Tile, TileData, TriggerForm } from './schema.ts';

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

export const integration: Integration = {
  claims: [{ name: 'key', description: "API key of the third-party service" }],
  observableTypes: 'all',
  health: async () => ({ data: { status: 'ok' } }),
  deliberate: async () => ({ data: {} }),
  observe: async () => ({ data: {} }),
  refer: async () => ({ data: [] }),
  respond: async () => ({ data: [] }),
  trigger: async () => ({ data: { status: 'success' } }),
  tiles: async () => ({ data: [] }),
  tile: async () => ({ data: {} }),
  tileData: async () => ({ data: {} }),
};
