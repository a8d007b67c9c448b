// Partial results: XDR shows what succeeded beside the errors of what failed, so one failing
// observable (or one rate-limited call) does not hide the answers of the others, and a slow
// service cannot hide what finished before the request's deadline.
import { RelayError, type Answer, type ErrorBody, type Observable } from '../contract.ts';
import { currentScope, timeLeft, trackScopes } from '../scope.ts';
import { nameObservable } from './ctim.ts';

// The requests this module serves run in scopes it can find (their deadline): see handler/scope.ts.
trackScopes();

export interface Settled<R> {
  /** The results of the items that succeeded, in the items' order. */
  readonly results: R[];
  /**
   * One entry per distinct failure (ten observables refused with the same 429 give one error),
   * and one for the items the deadline left unfinished. When the items are observables, each
   * message starts with the ones it concerns (`domain a.example, ip 192.0.2.1: …`): XDR shows
   * an error beside the whole answer, so it must say which lookups it speaks of.
   */
  readonly errors: ErrorBody[];
}

/** Lookups at once by default: few enough for rate-limited APIs, enough to hide latency. */
export const DEFAULT_CONCURRENCY = 4;

export interface SettleOptions {
  /** At most this many items at a time (default 4). */
  readonly concurrency?: number;
  /**
   * Stop at the first failure, in the items' order: the results of the items before it and its
   * error, nothing after it (what Cisco's relays do; kinder to a rate-limited service). Items
   * after it already in flight, with a concurrency above 1, are dropped.
   */
  readonly stopAtFirstFailure?: boolean;
  /**
   * `false`: each error's message as the lookup's RelayError wrote it, without the observables it
   * concerns in front (a port that must keep its relay's exact wording). The deadline's Timeout
   * error still counts the unfinished lookups. Default `true`.
   */
  readonly nameObservables?: boolean;
}

type Outcome<R> = { ok: true; value: R } | { ok: false; error: RelayError } | undefined;

/**
 * Runs `work` on each item, at most `concurrency` at a time. A RelayError becomes an entry of
 * `errors`; anything else is a bug and is thrown, for the handler's 500. Within a request, no item
 * starts after its deadline, and `settle` returns at the deadline with what finished: the others
 * are counted in one error.
 */
export async function settle<T, R>(
  items: readonly T[],
  work: (item: T) => Promise<R>,
  options: number | SettleOptions = {},
): Promise<Settled<R>> {
  const { concurrency = DEFAULT_CONCURRENCY, stopAtFirstFailure = false, nameObservables = true } = typeof options === 'number' ? { concurrency: options } : options;
  const nameAll = nameObservables ? nameItems : () => undefined;
  const scope = currentScope();
  // Past the deadline: the signal may fire a moment after a call's own trimmed timeout.
  const late = () => scope !== undefined && (scope.signal.aborted || timeLeft() <= 0);
  const outcomes: Outcome<R>[] = new Array(items.length);
  let next = 0;
  // With stopAtFirstFailure: the first failed item, in the items' order; none after it counts.
  let end = items.length;
  let bug: { error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    while (next < end && bug === undefined && !late()) {
      const index = next++;
      try {
        const value = await work(items[index] as T);
        // A result that came after the deadline is not in the answer any more.
        if (!late()) outcomes[index] = { ok: true, value };
      } catch (error) {
        if (!(error instanceof RelayError)) bug = { error };
        // Whatever failed because the deadline came is counted as unfinished, not as its error.
        else if (!late()) {
          outcomes[index] = { ok: false, error };
          if (stopAtFirstFailure) end = Math.min(end, index + 1);
        }
      }
    }
  };
  const workers = Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
  await (scope === undefined ? workers : Promise.race([workers, aborted(scope.signal)]));
  if (bug !== undefined) throw bug.error;
  const results: R[] = [];
  const errors = new Map<string, { body: ErrorBody; items: T[] }>();
  const unfinished: T[] = [];
  // A loop, not forEach: the items never finished are holes of `outcomes`, which forEach skips.
  for (let index = 0; index < end; index++) {
    const outcome = outcomes[index];
    const item = items[index] as T;
    if (outcome?.ok === true) results.push(outcome.value);
    else if (outcome !== undefined) {
      const key = `${outcome.error.code}\n${outcome.error.message}`;
      const known = errors.get(key);
      if (known === undefined) errors.set(key, { body: outcome.error.toBody(), items: [item] });
      else known.items.push(item);
    } else unfinished.push(item);
  }
  const failed = [...errors.values()].map(({ body, items: concerned }) => {
    const names = nameAll(concerned);
    return names === undefined ? body : { ...body, message: `${names}: ${body.message}` };
  });
  if (unfinished.length > 0) {
    const names = nameAll(unfinished);
    failed.push({
      type: 'fatal',
      code: 'service unavailable',
      message: `Timeout: ${unfinished.length} of ${items.length} lookups did not finish before the relay's deadline${names === undefined ? '' : `: ${names}`}.`,
    });
  }
  return { results, errors: failed };
}

// An error lists at most this many observables, then counts the others: a message XDR can show.
const NAMED = 5;

/** `ip 192.0.2.1, domain a.example and 3 more`, or undefined unless every item is an observable. */
function nameItems(items: readonly unknown[]): string | undefined {
  if (!items.every(isObservable)) return undefined;
  const names = [...new Set(items.map(nameObservable))];
  const listed = names.slice(0, NAMED).join(', ');
  return names.length > NAMED ? `${listed} and ${names.length - NAMED} more` : listed;
}

function isObservable(item: unknown): item is Observable {
  return typeof item === 'object' && item !== null && typeof (item as Observable).type === 'string' && typeof (item as Observable).value === 'string';
}

/** Resolves when `signal` aborts (at once if it has). */
function aborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
}

/**
 * `{data}`, or `{data, errors}` when something failed. With `omitEmptyData`, an empty `data`
 * (`{}` or `[]`) beside errors is left out: `{errors}` alone, as Cisco's relays answer.
 */
export function toAnswer<T>(data: T, errors: readonly ErrorBody[] = [], { omitEmptyData = false } = {}): Answer<T> {
  if (errors.length === 0) return { data };
  return omitEmptyData && isEmpty(data) ? { errors } : { data, errors };
}

function isEmpty(data: unknown): boolean {
  return typeof data === 'object' && data !== null && Object.keys(data).length === 0;
}
