// An integration's respond actions (`actions`), checked when the relay starts: a mistake fails
// the cold start, not the first /respond request. The registry that runs them (respond.ts) is
// loaded at the first respond request.
import type { Action, Integration } from './contract.ts';
import { checkObservableTypes } from './observables.ts';

/** Throws a TypeError naming handler/integration.ts for the first mistake in `integration.actions`. */
export function checkActions(integration: Integration): void {
  const { actions = [], observableTypes: declared } = integration;
  if (integration.respond !== undefined || integration.trigger !== undefined) {
    throw mistake('an integration offers respond actions either as `actions` or as `respond` and `trigger`, not both');
  }
  for (const name of ['offer', 'refuse'] as const) {
    if (integration[name] !== undefined && typeof integration[name] !== 'function') {
      throw mistake(`${name} must be a function`, typeof integration[name]);
    }
  }
  const ids = new Set<string>();
  for (const action of actions as readonly (Action | null | undefined)[]) {
    if (typeof action?.id !== 'string' || action.id === '' || typeof action.run !== 'function') {
      throw mistake('each action needs an id and a run function', String(action?.id));
    }
    if (ids.has(action.id)) throw mistake(`two actions have the id ${JSON.stringify(action.id)}`);
    checkObservableTypes(action.types);
    const outside = declared === 'all' ? [] : action.types.filter((type) => !declared.some((known) => known.toLowerCase() === type.toLowerCase()));
    if (outside.length > 0) throw mistake(`${JSON.stringify(action.id)} takes ${outside.join(', ')}, which observableTypes does not list`);
    ids.add(action.id);
  }
}

/** `actions: <what> (handler/integration.ts)[: <shown>]`: where to fix it, then what was found. */
function mistake(what: string, shown?: string): TypeError {
  return new TypeError(`actions: ${what} (handler/integration.ts)${shown === undefined ? '' : `: ${shown}`}`);
}
