// The one file to change when you fork this template: what your relay needs in its JWT and its
// environment, which observables it understands, and one function per relay API it offers
// (handler/contract.ts says what each receives; leave out the APIs you do not offer). Routing,
// JWT, validation, errors and logs are done before these functions are called and after they
// return. For a real service, see the worked example in test/example/integration.ts and the kit
// in handler/kit/. This generic integration answers the empty answers of docs/relay-api.md.
import { defineIntegration } from './contract.ts';

export const integration = defineIntegration({
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
});
