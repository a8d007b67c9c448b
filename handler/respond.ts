// Respond actions as a registry (an integration's `actions`): `/respond/observables` offers the
// actions each observable's type takes, `/respond/trigger` runs the one XDR names by `action-id`,
// after checking the id and the observable. What XDR sends and expects is in docs/relay-api.md.
//
// Loaded on demand (handler/routes.ts), at the first respond request, after the actions were
// checked at start (actions.ts). It imports nothing else of handler/ at run time: how to read an
// error an action threw on purpose is passed in (`answerOf`). Were it to import RelayError,
// esbuild would move what it shares with index.mjs into a third file that every cold start reads.
import type { Action, Answer, Context, ErrorBody, Integration, Observable, Offer, Refusal, TriggerForm } from './contract.ts';

/** What XDR shows for one action on one observable (docs/relay-api.md: respond actions). */
export interface RespondAction {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly categories: readonly string[];
  readonly 'query-params': Readonly<Record<string, string>>;
}

export interface Registry {
  /** `/respond/observables`: the actions offered for the (already selected) observables. */
  offer(observables: readonly Observable[], context: Context): Promise<Answer<RespondAction[]>>;
  /** `/respond/trigger`: the action of `form['action-id']`, run. */
  trigger(form: TriggerForm, context: Context): Promise<Answer>;
}

/**
 * The registry of `integration.actions`, already checked (checkActions). `answerOf` gives the
 * body XDR gets for an error an action (or `offer`) threw on purpose, a RelayError; `undefined`
 * for any other error, a bug, which is thrown on.
 */
export function createRegistry(integration: Integration, answerOf: (error: unknown) => ErrorBody | undefined): Registry {
  const { actions = [] } = integration;
  const byId = new Map<string, Action>(actions.map((action) => [action.id, action]));
  const takes = (action: Action, type: string) => action.types.some((taken) => taken.toLowerCase() === type);
  const refuse = integration.refuse?.bind(integration) ?? refuseAsTemplate;

  const offer = async (observables: readonly Observable[], context: Context): Promise<Answer<RespondAction[]>> => {
    const offered: RespondAction[] = [];
    for (const observable of observables) {
      const fitting = actions.filter((action) => takes(action, observable.type));
      // An observable no action takes never reaches `offer` (nor the service).
      if (fitting.length === 0) continue;
      let chosen: readonly Offer[];
      try {
        chosen = integration.offer === undefined ? fitting.map((action) => action.id) : await integration.offer(observable, context);
      } catch (error) {
        const body = answerOf(error);
        if (body === undefined) throw error;
        return offered.length === 0 ? { errors: [body] } : { data: offered, errors: [body] };
      }
      for (const choice of chosen) offered.push(describe(choice, observable));
    }
    return { data: offered };
  };

  /** One offer as XDR shows it; an id the registry does not have, or a type the action does not take, is a bug. */
  const describe = (choice: Offer, observable: Observable): RespondAction => {
    const { id, title, description, params = {} } = typeof choice === 'string' ? { id: choice } : choice;
    const action = byId.get(id);
    if (action === undefined || !takes(action, observable.type)) {
      throw new TypeError(`offer: ${JSON.stringify(id)} is not an action of the registry that takes ${observable.type} (handler/integration.ts)`);
    }
    const word = (given: string | undefined, declared: Action['title']) => given ?? (typeof declared === 'string' ? declared : declared(observable));
    return {
      id,
      title: word(title, action.title),
      description: word(description, action.description),
      categories: [...action.categories],
      // The observable last: params never replace it.
      'query-params': { ...params, observable_type: observable.type, observable_value: observable.value },
    };
  };

  const trigger = async (form: TriggerForm, context: Context): Promise<Answer> => {
    const action = byId.get(form['action-id']);
    if (action === undefined) return refuse({ reason: 'unknown action', form });
    const observable = { type: form.observable_type.toLowerCase(), value: form.observable_value };
    if (!takes(action, observable.type)) return refuse({ reason: 'unsupported type', form });
    try {
      return (await action.run(observable, form, context)) ?? SUCCESS;
    } catch (error) {
      const body = answerOf(error);
      if (body === undefined) throw error;
      return { data: FAILURE, errors: [body] };
    }
  };

  return { offer, trigger };
}

const SUCCESS: Answer = { data: { status: 'success' } };
const FAILURE = { status: 'failure' };

/** The template's refusals: `{data: {status: 'failure'}, errors: [...]}`, as Cisco's relays answer a failed trigger. */
export function refuseAsTemplate({ reason, form }: Refusal): Answer {
  const message = reason === 'unknown action'
    ? `Unsupported action: ${form['action-id'].slice(0, 64)}.`
    : `Unsupported observable type: ${form.observable_type.slice(0, 64)}.`;
  return { data: FAILURE, errors: [{ type: 'fatal', code: 'invalid argument', message }] };
}
