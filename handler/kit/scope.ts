// The request the kit is working for, found without being passed: its deadline and the signal
// aborted then. Importing this module (the service client and `settle` do) installs the scope
// runner on AsyncLocalStorage; without the kit, requests pay nothing for it.
import { AsyncLocalStorage } from 'node:async_hooks';
import { setScopeRunner, type RequestScope } from '../contract.ts';

const storage = new AsyncLocalStorage<RequestScope>();

setScopeRunner((scope, run) => storage.run(scope, run));

/** The current request's scope; `undefined` outside a request (a script, a unit test). */
export function currentScope(): RequestScope | undefined {
  return storage.getStore();
}

/** Milliseconds left before the current request's deadline; Infinity outside a request. */
export function timeLeft(): number {
  const scope = currentScope();
  return scope === undefined ? Number.POSITIVE_INFINITY : scope.deadline - Date.now();
}
