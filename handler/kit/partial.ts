// Partial results: XDR shows what succeeded beside the errors of what failed, so one failing
// observable (or one rate-limited call) does not hide the answers of the others.
import { RelayError, type Answer, type ErrorBody } from '../contract.ts';

export interface Settled<R> {
  /** The results of the items that succeeded, in the items' order. */
  readonly results: R[];
  /** One entry per distinct failure (ten observables refused with the same 429 give one error). */
  readonly errors: ErrorBody[];
}

/**
 * Runs `work` on each item, at most `concurrency` at a time. A RelayError becomes an entry of
 * `errors`; anything else is a bug and is thrown, for the handler's 500.
 */
export async function settle<T, R>(
  items: readonly T[],
  work: (item: T) => Promise<R>,
  concurrency = 4,
): Promise<Settled<R>> {
  const outcomes: ({ ok: true; value: R } | { ok: false; error: RelayError } | undefined)[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      try {
        outcomes[index] = { ok: true, value: await work(items[index] as T) };
      } catch (error) {
        if (!(error instanceof RelayError)) throw error;
        outcomes[index] = { ok: false, error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
  const results: R[] = [];
  const errors = new Map<string, ErrorBody>();
  for (const outcome of outcomes) {
    if (outcome?.ok === true) results.push(outcome.value);
    else if (outcome !== undefined) errors.set(`${outcome.error.code}\n${outcome.error.message}`, outcome.error.toBody());
  }
  return { results, errors: [...errors.values()] };
}

/** `{data}`, or `{data, errors}` when something failed. */
export function toAnswer<T>(data: T, errors: readonly ErrorBody[] = []): Answer<T> {
  return errors.length === 0 ? { data } : { data, errors };
}
