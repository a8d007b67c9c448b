import { methodNotAllowed, NOT_FOUND, type RelayError } from './errors.ts';
import type { Route } from './routes.ts';

/** Finds the route of a request, or throws the 404/405 the contract asks for. */
export type MatchRoute = (method: string, path: string) => Route;

/**
 * Indexes a routing table, after checking it: a mistake in the table fails at start, not on
 * the first request that needs the broken row. Paths are looked up in a `Map`, so that
 * `/constructor` or `/__proto__` can never match something of `Object.prototype`.
 */
export function createRouter(routes: readonly Route[]): MatchRoute {
  const table = new Map<string, Map<string, Route>>();
  for (const route of routes) {
    if (!/^\/[a-z0-9/_-]*[a-z0-9_-]$/.test(route.path)) {
      throw new TypeError(`Route path must be absolute, without a trailing slash: ${route.path}`);
    }
    const methods = table.get(route.path) ?? new Map<string, Route>();
    if (methods.has(route.method)) {
      throw new TypeError(`Duplicate route: ${route.method} ${route.path}`);
    }
    table.set(route.path, methods.set(route.method, route));
  }
  // Built once per path: a 405 is as cheap as a match.
  const notAllowed = new Map<string, RelayError>();
  for (const [path, methods] of table) {
    notAllowed.set(path, methodNotAllowed([...methods.keys()]));
  }

  return (method, path) => {
    const methods = table.get(path);
    if (methods === undefined) throw NOT_FOUND;
    const route = methods.get(method);
    if (route === undefined) throw notAllowed.get(path) as RelayError;
    return route;
  };
}
