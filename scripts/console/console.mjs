// The console page: text in, observables as chips, the relay called as XDR calls it, the answers
// drawn (render.mjs). It talks only to the dev server that served it (console/server.mjs), which
// adds the token: the page never holds a secret or a JWT.
import { extract, TYPES } from './extract.mjs';
import { entitiesOf, h, renderCall, renderModuleType, renderObservable, unaskedObservables } from './render.mjs';

const $ = (id) => document.getElementById(id);
let info;
let chips = [];

async function api(path, body) {
  const response = await fetch(path, body === undefined
    ? { headers: { accept: 'application/json' } }
    : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const value = await response.json();
  if (!response.ok) throw new Error(value.message ?? `HTTP ${response.status}`);
  return value;
}

/** One call to the relay through the dev server; a failure to reach it is drawn as an answer too. */
async function call(route, observables) {
  try {
    return await api('/console/api/call', { route, observables });
  } catch (error) {
    return { route, status: 0, ms: 0, answer: { message: `The dev server did not answer: ${error.message}` }, findings: [] };
  }
}

function renderChips() {
  const list = $('chips');
  list.replaceChildren(...chips.map((chip, index) => {
    const number = index + 1;
    const select = h('select', { 'aria-label': `Type of observable ${number}`, onchange: (event) => (chip.type = event.target.value) },
      [...TYPES].map(([type, label]) => h('option', { value: type, selected: type === chip.type }, label)));
    const input = h('input', { type: 'text', value: chip.value, 'aria-label': `Value of observable ${number}`, spellcheck: 'false', oninput: (event) => (chip.value = event.target.value) });
    const remove = h('button', { type: 'button', class: 'remove', 'aria-label': `Remove observable ${number}`, onclick: () => {
      chips.splice(index, 1);
      renderChips();
      $('add').focus();
    } }, '×');
    return h('li', { class: `chip ${chip.type}` }, select, input, remove);
  }));
  $('count').textContent = `(${chips.length})`;
}

function showStatus(message) {
  $('status').textContent = message;
}

/** deliberate and observe with every observable, refer with each one (XDR's pivot menu), all at once. */
async function investigate() {
  const observables = chips.map(({ type, value }) => ({ type, value: value.trim() })).filter(({ value }) => value !== '');
  if (observables.length === 0) return showStatus('No observables: paste some text or add one.');
  showStatus(`Asking the relay about ${observables.length} observable${observables.length === 1 ? '' : 's'}…`);
  $('run').disabled = true;
  try {
    const lookups = ['deliberate/observables', 'observe/observables'].filter((route) => info.apis.includes(route));
    const refers = info.apis.includes('refer/observables') ? observables.map((observable) => call('refer/observables', [observable])) : [];
    const [calls, referCalls] = await Promise.all([Promise.all(lookups.map((route) => call(route, observables))), Promise.all(refers)]);
    const timing = referCalls.length === 0 ? '' : `, refer ${Math.max(...referCalls.map(({ ms }) => ms))} ms (slowest of ${referCalls.length})`;
    $('calls').replaceChildren(h('h3', {}, 'Calls'), ...calls.map(renderCall));
    const entities = entitiesOf(calls);
    const supported = info.observableTypes === 'all' ? () => true : (type) => info.observableTypes.includes(type);
    $('results').replaceChildren(
      ...observables.map((observable, index) =>
        renderObservable(observable, { entities, refer: referCalls[index], supported: supported(observable.type) })),
      ...unaskedObservables(observables, entities).map((observable) =>
        renderObservable(observable, { entities, supported: true, unasked: true })));
    showStatus(`Done: ${calls.map(({ route, ms }) => `${route.split('/')[0]} ${ms} ms`).join(', ')}${timing}.`);
  } finally {
    $('run').disabled = false;
  }
  return undefined;
}

async function health() {
  showStatus('Checking health…');
  const answer = await call('health');
  $('calls').replaceChildren(h('h3', {}, 'Calls'), renderCall(answer));
  showStatus(`Health: HTTP ${answer.status}, ${answer.ms} ms.`);
}

function showTab(name) {
  for (const tab of ['investigate', 'module-type']) {
    $(tab).hidden = tab !== name;
    $(`tab-${tab}`).setAttribute('aria-pressed', String(tab === name));
  }
}

async function start() {
  $('text').addEventListener('input', (event) => {
    chips = extract(event.target.value);
    renderChips();
  });
  $('add').addEventListener('click', () => {
    chips.push({ type: 'domain', value: '' });
    renderChips();
    $('chips').lastElementChild?.querySelector('input')?.focus();
  });
  $('investigate-form').addEventListener('submit', (event) => {
    event.preventDefault();
    void investigate();
  });
  $('health').addEventListener('click', () => void health());
  $('tab-investigate').addEventListener('click', () => showTab('investigate'));
  $('tab-module-type').addEventListener('click', () => showTab('module-type'));
  renderChips();
  try {
    info = await api('/console/api/info');
  } catch (error) {
    $('relay').textContent = `The dev server did not answer: ${error.message}. Is make serve running?`;
    return;
  }
  $('relay').replaceChildren(
    h('strong', {}, `${info.name} ${info.version}`),
    ` · ${info.stage === null ? 'dev secret' : `stage ${info.stage}`}`,
    ` · types: ${info.observableTypes === 'all' ? 'all' : info.observableTypes.join(', ')}`,
    ` · APIs: ${info.apis.join(', ')}`,
    info.check === null ? ` · CTIM check${info.ctim === null ? '' : ` (CTIM ${info.ctim})`}` : h('span', { class: 'warning' }, ` · ${info.check}`));
  $('module-types').replaceChildren(...info.moduleTypes.map(renderModuleType));
  document.body.dataset.ready = 'true';
}

void start();
