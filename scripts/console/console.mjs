// The console page: text in, observables as chips, the relay called as XDR calls it, the answers
// drawn (render.mjs, tiles.mjs). It talks only to the dev server that served it
// (console/server.mjs), which adds the token: the page never holds a secret or a JWT.
// Keystrokes stay cheap with any text: extraction runs in a worker (worker.mjs), chips are kept
// by id and only new ones are built, and cards are drawn in batches, a frame apart.
import { TYPES } from './extract.mjs';
import { add, asked, createChips, edit, isUsers, offer, remove, reset } from './chips.mjs';
import {
  categoryOf, entitiesFor, entitiesOf, h, hasHidden, indexEntities, mentions, observableKey, renderCall, renderModuleType, renderObservable,
  renderRefer, renderRespond, SEVERITY, unaskedObservables, verdictOf, visible,
} from './render.mjs';
import { renderTile } from './tiles.mjs';

const $ = (id) => document.getElementById(id);
let info;
const chips = createChips();
// Each chip's element, by the chip's id: built once, moved, never rebuilt while it lives.
const elements = new Map();
// The cards of the last investigation, in the order of the chips; the summary filters and sorts them.
let cards = [];
const filters = new Set();
// Cards drawn per frame: a batch takes a few milliseconds, and the first ones show at once.
const BATCH = 25;
// At most this many observables are asked again one by one to place an error that names none.
const ALONE_MAX = 50;
// Calls at once for refer, respond and the lookups asked alone.
const CONCURRENCY = 6;
// Refer and respond are asked for at once for this many observables; the others' on demand (a
// button on the card), as XDR's pivot menu asks when it is opened.
const PIVOTS_AT_ONCE = 50;

async function api(path, body) {
  const response = await fetch(path, body === undefined
    ? { headers: { accept: 'application/json' } }
    : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const value = await response.json();
  if (!response.ok) throw new Error(value.message ?? `HTTP ${response.status}`);
  return value;
}

/** One call to the relay through the dev server; a failure to reach it is drawn as an answer too. */
async function call(route, payload = {}) {
  try {
    return await api('/console/api/call', { route, ...payload });
  } catch (error) {
    return { route, status: 0, ms: 0, answer: { message: `The dev server did not answer: ${error.message}` }, findings: [] };
  }
}

/** `work` on each item, at most `limit` at a time; the results in the items' order. */
async function pool(items, limit, work) {
  const results = new Array(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index], index);
    }
  }));
  return results;
}

const frame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

// ---- Chips ----------------------------------------------------------------------------------

function chipElement(chip) {
  const known = elements.get(chip.id);
  if (known !== undefined) return known;
  const types = TYPES.has(chip.type) ? [...TYPES] : [...TYPES, [chip.type, visible(chip.type)]];
  const select = h('select', {}, types.map(([type, label]) => h('option', { value: type, selected: type === chip.type }, label)));
  const input = h('input', { type: 'text', value: chip.value, title: visible(chip.value), spellcheck: 'false' });
  const warning = h('span', { class: 'hidden-warning', role: 'img' }, '⚠');
  const button = h('button', { type: 'button', class: 'remove' }, '×');
  const element = h('li', {}, select, input, warning, button);
  const refresh = () => {
    element.className = `chip ${chip.type}${isUsers(chip) ? ' edited' : ''}`;
    input.title = visible(chip.value);
    warning.hidden = !hasHidden(chip.value);
    warning.setAttribute('aria-label', `Holds invisible or direction-changing characters: ${visible(chip.value)}`);
    warning.title = warning.getAttribute('aria-label');
  };
  select.addEventListener('change', () => {
    edit(chips, chip.id, { type: select.value });
    refresh();
    renderCount();
  });
  input.addEventListener('input', () => {
    edit(chips, chip.id, { value: input.value });
    refresh();
    renderCount();
  });
  button.addEventListener('click', () => {
    remove(chips, chip.id);
    renderChips();
    $('add').focus();
  });
  refresh();
  elements.set(chip.id, element);
  return element;
}

function renderChips() {
  const list = $('chips');
  const wanted = chips.list.map((chip, index) => {
    const element = chipElement(chip);
    const number = index + 1;
    // Names follow the position; set only when they change.
    if (element.dataset.number !== String(number)) {
      element.dataset.number = String(number);
      const [select, input, , button] = element.children;
      select.setAttribute('aria-label', `Type of observable ${number}`);
      input.setAttribute('aria-label', `Value of observable ${number}`);
      button.setAttribute('aria-label', `Remove observable ${number}`);
    }
    return element;
  });
  if (wanted.length !== list.children.length || wanted.some((element, index) => list.children[index] !== element)) list.replaceChildren(...wanted);
  const live = new Set(chips.list.map(({ id }) => id));
  for (const id of elements.keys()) if (!live.has(id)) elements.delete(id);
  renderCount();
}

function renderCount() {
  const mine = chips.list.filter(isUsers).length;
  $('count').textContent = `(${chips.list.length}${mine > 0 || chips.dismissed.size > 0 ? `; your changes kept: ${mine} changed or added, ${chips.dismissed.size} removed or replaced` : ''})`;
  $('reset').hidden = mine === 0 && chips.dismissed.size === 0;
}

// Extraction in a worker: the last text sent wins.
let worker;
let sent = 0;
let timer;

function extractLater() {
  clearTimeout(timer);
  timer = setTimeout(() => {
    sent += 1;
    worker.postMessage({ id: sent, text: $('text').value });
  }, 60);
}

function onExtracted({ data }) {
  if (data.id !== sent) return;
  const started = performance.now();
  const resetting = $('text').dataset.reset === String(data.id);
  const result = resetting ? reset(chips, data.observables) : offer(chips, data.observables);
  if (result.changed || resetting) renderChips();
  document.body.dataset.extracted = String(data.id);
  document.body.dataset.chipsMs = (performance.now() - started).toFixed(1);
  document.body.dataset.extractMs = data.ms.toFixed(1);
}

// ---- Errors, placed on their observables ---------------------------------------------------------

/**
 * Each lookup's errors on the observables they concern: those a message names (the kit names
 * them), and for an error that names none, the observables without data asked again one by one
 * (at most ALONE_MAX; the others are told it may concern them): `{errors}` without data (Cisco's
 * relays stop at the first failure) says nothing of which ones failed. A call that failed as a
 * whole (no HTTP 200) failed for every observable.
 */
async function placeErrors(calls, observables, index) {
  const errors = new Map();
  const doubt = new Map();
  const push = (map, observable, entry) => map.set(observableKey(observable), [...(map.get(observableKey(observable)) ?? []), entry]);
  let alone = 0;
  for (const batch of calls) {
    const given = Array.isArray(batch.answer?.errors) ? batch.answer.errors : [];
    const failures = batch.status !== 200 && given.length === 0 ? [{ code: `HTTP ${batch.status}`, message: batch.answer?.message ?? '' }] : given;
    if (failures.length === 0) continue;
    const unplaced = [];
    const placed = new Set();
    for (const failure of failures) {
      const entry = { route: batch.route, code: failure?.code, message: failure?.message };
      const named = observables.filter((observable) => mentions(failure?.message ?? '', observable.value));
      for (const observable of named) {
        push(errors, observable, entry);
        placed.add(observableKey(observable));
      }
      // `… and 3 more: …`: the others are not named.
      if (named.length === 0 || /\band \d+ more\b/.test(String(failure?.message))) unplaced.push(entry);
    }
    if (unplaced.length === 0) continue;
    if (batch.status !== 200) {
      // Not an answer of the relay contract (an HTTP error): the call failed for each observable.
      for (const observable of observables) if (!placed.has(observableKey(observable))) for (const entry of unplaced) push(errors, observable, entry);
      continue;
    }
    const answered = (observable) => (index.byObservable.get(observableKey(observable)) ?? []).some(({ route }) => route === batch.route);
    const suspects = observables.filter((observable) => !placed.has(observableKey(observable)) && !answered(observable));
    const asking = suspects.slice(0, ALONE_MAX);
    showStatus(`Asking ${batch.route} again about ${asking.length} observable${asking.length === 1 ? '' : 's'} one by one, to place an error that names none…`);
    const answers = await pool(asking, CONCURRENCY, (observable) => call(batch.route, { observables: [observable] }));
    alone += asking.length;
    asking.forEach((observable, at) => {
      const answer = answers[at];
      const failed = Array.isArray(answer.answer?.errors) ? answer.answer.errors : [];
      if (answer.status !== 200 && failed.length === 0) failed.push({ code: `HTTP ${answer.status}`, message: answer.answer?.message ?? '' });
      for (const failure of failed) push(errors, observable, { route: batch.route, code: failure?.code, message: failure?.message, alone: true });
    });
    for (const observable of suspects.slice(ALONE_MAX)) for (const entry of unplaced) push(doubt, observable, entry);
  }
  return { errors, doubt, alone };
}

// ---- Investigation --------------------------------------------------------------------------

function showStatus(message) {
  $('status').textContent = message;
}

function supportedType(type) {
  return info.observableTypes === 'all' || info.observableTypes.includes(type);
}

/** The summary: one button per category with its count, each a filter; and the sort. */
function renderSummary() {
  const counts = new Map();
  for (const { category } of cards) counts.set(category, (counts.get(category) ?? 0) + 1);
  $('summary').hidden = cards.length === 0;
  $('categories').replaceChildren(...SEVERITY.filter((category) => counts.has(category)).map((category) =>
    h('button', {
      type: 'button', class: `category ${category.toLowerCase().replaceAll(' ', '-')}`, 'aria-pressed': String(filters.has(category)),
      'data-category': category,
      onclick: () => {
        if (filters.has(category)) filters.delete(category);
        else filters.add(category);
        renderSummary();
        arrange();
      },
    }, `${category} ${counts.get(category)}`)));
}

/** The cards in the chosen order, those of the chosen categories shown. */
function arrange() {
  const order = $('sort').value;
  const rank = (card) => (order === 'verdict' ? SEVERITY.indexOf(card.category) : order === 'type' ? card.observable.type : 0);
  const sorted = order === 'text' ? cards : [...cards].sort((a, b) => (rank(a) < rank(b) ? -1 : rank(a) > rank(b) ? 1 : a.order - b.order));
  for (const card of sorted) card.element.hidden = filters.size > 0 && !filters.has(card.category);
  const results = $('results');
  if (sorted.some((card, index) => results.children[index] !== card.element)) results.replaceChildren(...sorted.map(({ element }) => element));
  const shown = sorted.filter(({ element }) => !element.hidden).length;
  $('shown').textContent = filters.size === 0 ? `${shown} observables` : `${shown} of ${cards.length} observables shown`;
}

/** deliberate and observe with every observable; refer and respond with each one (XDR's pivot menu). */
async function investigate() {
  const observables = asked(chips);
  if (observables.length === 0) return showStatus('No observables: paste some text or add one.');
  showStatus(`Asking the relay about ${observables.length} observable${observables.length === 1 ? '' : 's'}…`);
  $('run').disabled = true;
  document.body.dataset.investigating = 'true';
  try {
    const lookups = ['deliberate/observables', 'observe/observables'].filter((route) => info.apis.includes(route));
    const ask = observables.filter(({ type }) => supportedType(type));
    const calls = ask.length === 0 ? [] : await Promise.all(lookups.map((route) => call(route, { observables: ask })));
    $('calls').replaceChildren(h('h3', {}, 'Calls'), ...calls.map(renderCall));
    const entities = entitiesOf(calls);
    const index = indexEntities(entities);
    const placed = await placeErrors(calls, ask, index);
    const all = [
      ...observables.map((observable) => ({ observable, supported: supportedType(observable.type) })),
      ...unaskedObservables(ask, entities).map((observable) => ({ observable, supported: true, unasked: true })),
    ];
    cards = [];
    filters.clear();
    $('results').replaceChildren();
    $('results').classList.toggle('many', all.length > PIVOTS_AT_ONCE);
    let batches = 0;
    for (let start = 0; start < all.length; start += BATCH) {
      const batch = all.slice(start, start + BATCH).map(({ observable, supported, unasked }, offset) => {
        const key = observableKey(observable);
        const errors = placed.errors.get(key) ?? [];
        const element = renderObservable(observable, { entities, index, supported, unasked, errors, doubt: placed.doubt.get(key) ?? [] });
        const verdict = verdictOf(entitiesFor(observable, entities, index).verdicts);
        return { observable, element, order: start + offset, category: categoryOf({ verdict, errors, supported }), asked: !unasked && supported };
      });
      cards.push(...batch);
      $('results').append(...batch.map(({ element }) => element));
      batches += 1;
      document.body.dataset.batches = String(batches);
      if (start + BATCH < all.length) await frame();
    }
    renderSummary();
    arrange();
    const lookupsDone = `${calls.map(({ route, ms }) => `${route.split('/')[0]} ${ms} ms`).join(', ')}`;
    showStatus(`Drawn: ${lookupsDone}${placed.alone > 0 ? `; ${placed.alone} asked alone` : ''}. Now the links and actions of each…`);
    // XDR's pivot menu: refer and respond, each observable alone; past PIVOTS_AT_ONCE, on demand.
    const pivots = cards.filter((card) => card.asked);
    const menus = ['refer/observables', 'respond/observables'].filter((route) => info.apis.includes(route));
    const slowest = new Map(menus.map((route) => [route, 0]));
    const pivot = async ([card, route]) => {
      const answer = await call(route, { observables: [card.observable] });
      slowest.set(route, Math.max(slowest.get(route), answer.ms));
      card.element.append(route === 'refer/observables' ? renderRefer(answer)
        : renderRespond(answer, card.observable, (form) => call('respond/trigger', { body: form })));
    };
    const later = menus.length === 0 ? [] : pivots.slice(PIVOTS_AT_ONCE);
    for (const card of later) {
      const open = h('button', { type: 'button', class: 'pivot' }, 'Links and actions');
      open.addEventListener('click', async () => {
        open.disabled = true;
        await Promise.all(menus.map((route) => pivot([card, route])));
        open.remove();
      });
      card.element.append(open);
    }
    const now = pivots.slice(0, PIVOTS_AT_ONCE);
    await pool(now.flatMap((card) => menus.map((route) => [card, route])), CONCURRENCY, pivot);
    const timing = menus.map((route) => `, ${route.split('/')[0]} ${slowest.get(route)} ms (slowest of ${now.length})`).join('');
    const onDemand = later.length === 0 ? '' : `; the other ${later.length} on demand (Links and actions)`;
    showStatus(`Done: ${lookupsDone}${timing}${onDemand}${placed.alone > 0 ? `; ${placed.alone} asked alone to place errors` : ''}.`);
  } finally {
    $('run').disabled = false;
    delete document.body.dataset.investigating;
  }
  return undefined;
}

async function health() {
  showStatus('Checking health…');
  const answer = await call('health');
  $('calls').replaceChildren(h('h3', {}, 'Calls'), renderCall(answer));
  showStatus(`Health: HTTP ${answer.status}, ${answer.ms} ms.`);
}

// ---- Dashboards -----------------------------------------------------------------------------

let dashboards;

async function showDashboards() {
  if (dashboards !== undefined) return dashboards;
  const folder = $('tiles');
  if (!info.apis.includes('tiles')) {
    folder.replaceChildren(h('p', { class: 'note' }, 'This relay has no tiles: its integration defines no dashboard.'));
    dashboards = Promise.resolve();
    return dashboards;
  }
  dashboards = (async () => {
    folder.replaceChildren('Loading the tiles…');
    const list = await call('tiles');
    const tiles = Array.isArray(list.answer?.data) ? list.answer.data : [];
    folder.replaceChildren(
      renderCall(list),
      tiles.length === 0 ? h('p', { class: 'note' }, 'No tiles.') : '',
      ...tiles.map((tile) => renderTile(tile, (tileId, period) => call('tiles/tile-data', { body: { tile_id: tileId, period } }))));
  })();
  return dashboards;
}

const TABS = ['investigate', 'dashboards', 'module-type'];

function showTab(name) {
  for (const tab of TABS) {
    $(tab).hidden = tab !== name;
    $(`tab-${tab}`).setAttribute('aria-pressed', String(tab === name));
  }
  if (name === 'dashboards') void showDashboards();
}

async function start() {
  worker = new Worker('/console/worker.mjs', { type: 'module' });
  worker.addEventListener('message', onExtracted);
  $('text').addEventListener('input', extractLater);
  $('add').addEventListener('click', () => {
    add(chips);
    renderChips();
    $('chips').lastElementChild?.querySelector('input')?.focus();
  });
  $('reset').addEventListener('click', () => {
    extractLater();
    // The answer to the next extraction resets the chips to the text's.
    clearTimeout(timer);
    sent += 1;
    $('text').dataset.reset = String(sent);
    worker.postMessage({ id: sent, text: $('text').value });
  });
  $('investigate-form').addEventListener('submit', (event) => {
    event.preventDefault();
    void investigate();
  });
  $('health').addEventListener('click', () => void health());
  $('sort').addEventListener('change', arrange);
  for (const tab of TABS) $(`tab-${tab}`).addEventListener('click', () => showTab(tab));
  renderChips();
  try {
    info = await api('/console/api/info');
  } catch (error) {
    $('relay').textContent = `The dev server did not answer: ${error.message} Is make serve running?`;
    document.body.dataset.ready = 'refused';
    return;
  }
  $('relay').replaceChildren(
    h('strong', {}, `${info.name} ${info.version}`),
    info.example === null ? '' : ` · worked example ${info.example}`,
    ` · ${info.stage === null ? 'dev secret' : `stage ${info.stage}`}`,
    ` · types: ${info.observableTypes === 'all' ? 'all' : info.observableTypes.join(', ')}`,
    ` · APIs: ${info.apis.join(', ')}`,
    info.check === null ? ` · CTIM check${info.ctim === null ? '' : ` (CTIM ${info.ctim})`}` : h('span', { class: 'warning' }, ` · ${info.check}`));
  $('module-types').replaceChildren(...info.moduleTypes.map(renderModuleType));
  if (info.sample !== '' && $('text').value === '') {
    $('text').value = info.sample;
    extractLater();
  }
  document.body.dataset.ready = 'true';
}

void start();
