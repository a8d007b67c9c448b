// The chips: the observables the console will ask about. Those the text offers follow the text;
// those the user changed, added or removed stay as the user left them when the text changes,
// and the text's new observables are offered beside them. No DOM here (test/console.test.ts).
import { observableKey } from './render.mjs';

let lastId = 0;

/**
 * @typedef {{ id: number, type: string, value: string, origin: 'text' | 'user', edited: boolean }} Chip
 * @typedef {{ list: Chip[], dismissed: Set<string> }} Chips
 */

/** A chip of an observable. @returns {Chip} */
function chipOf(observable, origin) {
  lastId += 1;
  return { id: lastId, type: observable.type, value: observable.value, origin, edited: false };
}

/** The chips' state: the list, and the keys of the text's observables the user removed or changed. @returns {Chips} */
export function createChips() {
  return { list: [], dismissed: new Set() };
}

/** Whether the user made this chip what it is: added, or changed. */
export function isUsers(chip) {
  return chip.origin === 'user' || chip.edited;
}

/**
 * The text's observables now: the user's chips stay where they are; the text's follow the text's
 * order around them (the ones it no longer offers go, its new ones come), unless the user removed
 * or changed them. Returns whether the list changed.
 */
export function offer(state, observables) {
  const before = new Map(state.list.filter((chip) => !isUsers(chip)).map((chip) => [observableKey(chip), chip]));
  const mine = new Set(state.list.filter(isUsers).map(observableKey));
  const texts = [];
  const seen = new Set();
  for (const observable of observables) {
    const key = observableKey(observable);
    if (seen.has(key) || mine.has(key) || state.dismissed.has(key)) continue;
    seen.add(key);
    texts.push(before.get(key) ?? chipOf(observable, 'text'));
  }
  const next = [];
  let at = 0;
  for (const chip of state.list) {
    if (isUsers(chip)) next.push(chip);
    else if (at < texts.length) next.push(texts[at++]);
  }
  next.push(...texts.slice(at));
  const changed = next.length !== state.list.length || next.some((chip, index) => chip !== state.list[index]);
  state.list = next;
  return { changed };
}

/** The user changes a chip's type or value: the text will not bring the one it was back. */
export function edit(state, id, change) {
  const chip = state.list.find((item) => item.id === id);
  if (chip === undefined) return;
  if (chip.origin === 'text' && !chip.edited) state.dismissed.add(observableKey(chip));
  Object.assign(chip, change, { edited: true });
}

/** The user removes a chip: a chip of the text stays removed while the text offers it. */
export function remove(state, id) {
  const chip = state.list.find((item) => item.id === id);
  if (chip === undefined) return;
  if (chip.origin === 'text' && !chip.edited) state.dismissed.add(observableKey(chip));
  state.list = state.list.filter((item) => item !== chip);
}

/** The user adds a chip. */
export function add(state, observable = { type: 'domain', value: '' }) {
  const chip = chipOf(observable, 'user');
  state.list.push(chip);
  return chip;
}

/** Forget the user's changes: the chips are the text's again. */
export function reset(state, observables) {
  state.list = [];
  state.dismissed.clear();
  return offer(state, observables);
}

/** The observables to ask about: no blank value, each once. */
export function asked(state) {
  const seen = new Set();
  const observables = [];
  for (const { type, value } of state.list) {
    const observable = { type, value: value.trim() };
    if (observable.value === '' || seen.has(observableKey(observable))) continue;
    seen.add(observableKey(observable));
    observables.push(observable);
  }
  return observables;
}
