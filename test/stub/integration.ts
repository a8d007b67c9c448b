// The integration the template's own tests run against, whatever handler/integration.ts holds:
// every API, answering the empty answers of docs/relay-api.md, and never calling anything. A fork
// replaces handler/integration.ts; this file stays, so the template's tests keep testing the
// template. test/lib/bundle.ts bundles the handler with it in place of handler/integration.ts.
import { defineIntegration } from '../../handler/contract.ts';

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
