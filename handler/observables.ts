import type { Observable, ObservableTypes } from './contract.ts';

/**
 * Keeps the supported types, lower-cased, each `{type, value}` once, in the order received.
 * Unsupported types are skipped silently: XDR asks every module about every observable.
 */
export function selectObservables(observables: readonly Observable[], types: ObservableTypes): Observable[] {
  const supported = types === 'all' ? undefined : new Set(types.map((type) => type.toLowerCase()));
  // Values seen, per type.
  const seen = new Map<string, Set<string>>();
  const selected: Observable[] = [];
  for (const observable of observables) {
    const type = observable.type.toLowerCase();
    if (supported !== undefined && !supported.has(type)) continue;
    const values = seen.get(type) ?? new Set<string>();
    if (values.has(observable.value)) continue;
    seen.set(type, values.add(observable.value));
    // Already lower-case (the usual case): no copy.
    selected.push(type === observable.type ? observable : { type, value: observable.value });
  }
  return selected;
}
