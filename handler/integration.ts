// The one file to change when you fork this template: what your relay needs in its JWT, which
// observables it understands, and one function per relay API (the `Integration` interface in
// routes.ts says what each receives). Routing, JWT, validation, errors and logs are done before
// these functions are called and after they return. For a real service, see the worked example
// in test/example/integration.ts and the kit: ctim.ts, service.ts, partial.ts.
// The generic template answers the contract's empty answers.

import type { Integration } from './routes.ts';

export const integration: Integration = {
  claims: [{ name: 'key', description: 'API key of the third-party service' }],
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
