import { METHOD_NOT_ALLOWED, NOT_FOUND } from './errors.ts';
import type { Route } from './routes.ts';

/** Finds the route of a request, or throws the 404/405 the contract asks for. */
export type MatchRoute = (method: string, path: string) => Route;

/**
 * Indexes the routing table by path. Every route of the contract is a POST, so a known path
 * asked with another method is a 405 that allows POST. Paths are looked up in a `Map`, so that
 * `/constructor` or `/__proto__` can never match something of `Object.prototype`. The table is
 * buildRoutes', of constant paths: test/router.test.ts checks them (absolute, unique, POST), not
 * each cold start.
 */
export function createRouter(routes: readonly Route[]): MatchRoute {
  const table = new Map(routes.map((route) => [route.path, route]));
  return (method, path) => {
    const route = table.get(path);
    if (route === undefined) throw NOT_FOUND;
    if (method !== route.method) throw METHOD_NOT_ALLOWED;
    return route;
  };
}
