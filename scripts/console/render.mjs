// How the console draws the relay's answers, as XDR's investigation screen would: per
// observable, its verdict, judgements, sightings (table and timeline), indicators,
// relationships and refer links, each entity with the CTIM check's findings about it.
// The answers are hostile input: text only ever becomes text nodes (never HTML), and a link only
// an http(s) URL.
import { TYPES } from './extract.mjs';

/** XDR's dispositions (CTIM `disposition`): name and the colour class of each. */
export const DISPOSITIONS = {
  1: ['Clean', 'clean'], 2: ['Malicious', 'malicious'], 3: ['Suspicious', 'suspicious'], 4: ['Common', 'common'], 5: ['Unknown', 'unknown'],
};

/** An element: `h('a', { href, class: 'button' }, 'text', child)`; `null` and `false` children are skipped. */
export function h(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'class') element.className = value;
    else if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.append(typeof child === 'string' || typeof child === 'number' ? String(child) : child);
  }
  return element;
}

/** A time as `2026-11-20 10:00 UTC`; what is no time is shown as it came. */
export function formatTime(value) {
  const date = new Date(value);
  return typeof value === 'string' && !Number.isNaN(date.getTime()) ? `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC` : String(value ?? '');
}

function validTime(range) {
  if (range === null || typeof range !== 'object') return '';
  return `${formatTime(range.start_time)} → ${range.end_time === undefined ? '…' : formatTime(range.end_time)}`;
}

/** The same observable, whatever the case of a host, an address or a hash. */
export function observableKey(observable) {
  const type = String(observable?.type ?? '');
  const value = String(observable?.value ?? '');
  return `${type}\u0000${type === 'url' || type === 'file_name' ? value : value.toLowerCase()}`;
}

/**
 * The findings of the CTIM check, by entity: `data.<kind>.docs[<i>]` (or `data[<i>]` for refer)
 * names the entity; a finding about the answer as a whole is under ''.
 */
export function findingsByEntity(findings) {
  const byEntity = new Map();
  for (const finding of findings ?? []) {
    const path = /^\$?\.?(data(?:\.[\w-]+\.docs)?(?:\[(\d+)\]|\.(\d+)))(?=[.[:\s])/.exec(String(finding));
    const key = path === null ? '' : path[1].replace(/\.(\d+)$/, '[$1]');
    byEntity.set(key, [...(byEntity.get(key) ?? []), String(finding)]);
  }
  return byEntity;
}

/** The entities of the answers, each with where it is (`data.<kind>.docs[<i>]`) and its call. */
export function entitiesOf(calls) {
  const entities = [];
  for (const call of calls) {
    const data = call?.answer?.data;
    if (data === null || typeof data !== 'object' || Array.isArray(data)) continue;
    const findings = findingsByEntity(call.findings);
    for (const [kind, bundle] of Object.entries(data)) {
      const docs = Array.isArray(bundle?.docs) ? bundle.docs : [];
      docs.forEach((doc, index) => {
        const at = `data.${kind}.docs[${index}]`;
        entities.push({ route: call.route, kind, doc: doc ?? {}, at, findings: findings.get(at) ?? [] });
      });
    }
  }
  return entities;
}

/**
 * The observables the answers speak of that were not asked about (a service may answer for the
 * name a domain resolves to, say): XDR shows them too, so the console draws a card for each.
 */
export function unaskedObservables(asked, entities) {
  const keys = new Set(asked.map(observableKey));
  const found = new Map();
  for (const { doc } of entities) {
    for (const observable of [doc.observable, ...(Array.isArray(doc.observables) ? doc.observables : [])]) {
      if (typeof observable?.type !== 'string' || typeof observable?.value !== 'string') continue;
      const key = observableKey(observable);
      if (!keys.has(key) && !found.has(key)) found.set(key, { type: observable.type, value: observable.value });
    }
  }
  return [...found.values()];
}

/** What of `entities` concerns an observable, by kind: its own, and those related to them. */
export function entitiesFor(observable, entities) {
  const key = observableKey(observable);
  const mine = entities.filter(({ doc }) =>
    observableKey(doc.observable) === key || (Array.isArray(doc.observables) && doc.observables.some((o) => observableKey(o) === key)));
  const ids = new Set(mine.map(({ doc }) => doc.id).filter((id) => id !== undefined));
  const relationships = entities.filter(({ kind, doc }) => kind === 'relationships' && (ids.has(doc.source_ref) || ids.has(doc.target_ref)));
  const related = new Set(relationships.flatMap(({ doc }) => [doc.source_ref, doc.target_ref]));
  const indicators = entities.filter(({ kind, doc }) => kind === 'indicators' && related.has(doc.id));
  const of = (kind) => mine.filter((entity) => entity.kind === kind);
  return { verdicts: of('verdicts'), judgements: of('judgements'), sightings: of('sightings'), indicators, relationships };
}

function findingList(findings) {
  if (findings.length === 0) return null;
  return h('ul', { class: 'findings', 'aria-label': 'CTIM check findings' }, findings.map((finding) => h('li', {}, `CTIM: ${finding}`)));
}

/** A disposition badge: its name, in its colour. */
export function badge(disposition, name) {
  const [known, colour] = DISPOSITIONS[disposition] ?? [undefined, 'unknown'];
  return h('span', { class: `badge ${colour}` }, String(name ?? known ?? `disposition ${disposition}`));
}

/** A table of entities; each entity's findings on a row of their own under it. */
function table(caption, columns, entities, cells) {
  return h('table', {},
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, columns.map((column) => h('th', { scope: 'col' }, column)))),
    h('tbody', {}, entities.flatMap((entity) => [
      h('tr', { class: entity.findings.length > 0 ? 'flagged' : null }, cells(entity.doc).map((cell) => h('td', {}, cell))),
      entity.findings.length > 0 ? h('tr', { class: 'finding-row' }, h('td', { colspan: columns.length }, findingList(entity.findings))) : null,
    ])));
}

function text(value) {
  return value === undefined || value === null ? '' : typeof value === 'string' ? value : JSON.stringify(value);
}

/** Newest first, as XDR lists sightings. */
export function sortSightings(sightings) {
  const time = ({ doc }) => Date.parse(doc.observed_time?.start_time) || 0;
  return [...sightings].sort((a, b) => time(b) - time(a));
}

/** The sightings on a line from the first to the last, each a marker with its time and title. */
function timeline(sightings) {
  const times = sightings.map(({ doc }) => Date.parse(doc.observed_time?.start_time)).filter((t) => !Number.isNaN(t));
  if (times.length === 0) return null;
  const first = Math.min(...times);
  const last = Math.max(...times);
  return h('figure', { class: 'timeline' },
    h('figcaption', {}, 'Sightings over time'),
    h('div', { class: 'track', role: 'list' }, sightings.map(({ doc }) => {
      const at = Date.parse(doc.observed_time?.start_time);
      if (Number.isNaN(at)) return null;
      const left = last === first ? 50 : ((at - first) / (last - first)) * 100;
      const label = `${formatTime(doc.observed_time.start_time)}: ${text(doc.title) || 'sighting'}`;
      const marker = h('span', { class: 'marker', role: 'listitem', title: label, 'aria-label': label });
      // Through the CSSOM: the page's Content-Security-Policy allows no style attribute.
      marker.style.left = `${left.toFixed(2)}%`;
      return marker;
    })),
    h('div', { class: 'axis' }, h('span', {}, formatTime(new Date(first).toISOString())), h('span', {}, formatTime(new Date(last).toISOString()))));
}

/** A link XDR would show as a button: only an http(s) URL becomes one. */
function referButton(refer, findings) {
  let url;
  try {
    url = new URL(String(refer?.url));
  } catch {
    url = undefined;
  }
  const title = text(refer?.title) || text(refer?.url);
  const safe = url !== undefined && (url.protocol === 'https:' || url.protocol === 'http:');
  return h('li', {},
    safe
      ? h('a', { class: 'button', href: url.href, target: '_blank', rel: 'noopener noreferrer', title: text(refer.description) }, title)
      : h('span', { class: 'button disabled', title: 'Not an http(s) URL: XDR would not open it' }, `${title} (not an http(s) URL)`),
    findingList(findings));
}

/** The card of one observable: everything the answers say about it. */
export function renderObservable(observable, { entities, refer, supported, unasked = false }) {
  const mine = entitiesFor(observable, entities);
  const first = mine.verdicts.find(({ route }) => route === 'deliberate/observables') ?? mine.verdicts[0];
  const heading = h('h3', {},
    h('span', { class: 'type' }, TYPES.get(observable.type) ?? observable.type), ' ',
    h('code', {}, observable.value), ' ',
    first === undefined ? h('span', { class: 'badge none' }, 'No verdict') : badge(first.doc.disposition, first.doc.disposition_name));
  const card = h('article', { class: 'observable', 'aria-label': `${observable.type} ${observable.value}` }, heading,
    unasked ? h('p', { class: 'note' }, 'Not asked about: the relay\'s answers speak of it.') : null);
  if (!supported) {
    card.append(h('p', { class: 'note' }, `Not one of this relay's observable types: the relay answers nothing for it.`));
    return card;
  }
  if (mine.verdicts.length > 0) {
    card.append(h('section', { class: 'verdicts' }, h('h4', {}, 'Verdicts'), h('ul', {}, mine.verdicts.map((entity) =>
      h('li', {}, badge(entity.doc.disposition, entity.doc.disposition_name), ` from ${entity.route.split('/')[0]}, valid ${validTime(entity.doc.valid_time)}`,
        findingList(entity.findings))))));
  }
  if (mine.judgements.length > 0) {
    card.append(table('Judgements', ['Disposition', 'Source', 'Severity', 'Confidence', 'Reason', 'Valid time'], mine.judgements, (doc) => [
      badge(doc.disposition, doc.disposition_name), text(doc.source), text(doc.severity), text(doc.confidence), text(doc.reason), validTime(doc.valid_time),
    ]));
  }
  if (mine.sightings.length > 0) {
    const sorted = sortSightings(mine.sightings);
    card.append(timeline(sorted) ?? '', table(`Sightings (${sorted.length}, newest first)`, ['Time', 'Title', 'Source', 'Confidence', 'Count', 'Description'], sorted, (doc) => [
      formatTime(doc.observed_time?.start_time), text(doc.title), text(doc.source), text(doc.confidence), text(doc.count), text(doc.description),
    ]));
  }
  if (mine.indicators.length > 0) {
    card.append(table('Indicators', ['Title', 'Producer', 'Severity', 'Confidence', 'Description', 'Valid time'], mine.indicators, (doc) => [
      text(doc.title), text(doc.producer), text(doc.severity), text(doc.confidence), text(doc.short_description ?? doc.description), validTime(doc.valid_time),
    ]));
  }
  if (mine.relationships.length > 0) {
    const name = (id) => {
      const entity = entities.find(({ doc }) => doc.id === id);
      return entity === undefined ? text(id) : `${entity.kind.replace(/s$/, '')} “${text(entity.doc.title ?? entity.doc.description ?? entity.doc.reason ?? entity.doc.id)}”`;
    };
    card.append(table('Relationships', ['Source', 'Relationship', 'Target'], mine.relationships, (doc) => [name(doc.source_ref), text(doc.relationship_type), name(doc.target_ref)]));
  }
  if (card.children.length === (unasked ? 2 : 1)) card.append(h('p', { class: 'note' }, 'No verdict, judgement or sighting from this relay.'));
  if (refer !== undefined) card.append(renderRefer(refer));
  return card;
}

function renderRefer(call) {
  const links = Array.isArray(call.answer?.data) ? call.answer.data : [];
  const findings = findingsByEntity(call.findings);
  return h('section', { class: 'refer' },
    h('h4', {}, 'Browse ', h('span', { class: 'ms' }, `(refer, ${call.ms} ms)`)),
    links.length === 0 ? h('p', { class: 'note' }, 'No links.') : h('ul', { class: 'links' }, links.map((refer, index) => referButton(refer, findings.get(`data[${index}]`) ?? []))),
    errorList(call),
    findingList(findings.get('') ?? []),
    rawJson(call));
}

/** The errors of a call: its partial errors, or why it failed as a whole. */
export function errorList(call) {
  const errors = Array.isArray(call.answer?.errors) ? call.answer.errors : [];
  const items = errors.map((error) => `${text(error?.code)}: ${text(error?.message)}`);
  if (call.status !== 200 && errors.length === 0) items.push(`HTTP ${call.status}: ${text(call.answer?.message ?? call.answer)}`);
  if (items.length === 0) return null;
  return h('ul', { class: 'errors', role: 'alert', 'aria-label': `Errors from ${call.route}` }, items.map((item) => h('li', {}, item)));
}

function rawJson(call) {
  return h('details', { class: 'raw' }, h('summary', {}, `Raw JSON of ${call.route}`), h('pre', {}, JSON.stringify(call.answer, null, 2)));
}

/** One line per call: its route, HTTP status, the time it took, its errors and its raw JSON. */
export function renderCall(call) {
  return h('section', { class: 'call', 'aria-label': call.route },
    h('h4', {}, h('code', {}, `/${call.route}`), ' ', h('span', { class: call.status === 200 ? 'ok' : 'failed' }, `HTTP ${call.status}`), ' ', h('span', { class: 'ms' }, `${call.ms} ms`)),
    errorList(call),
    findingList(findingsByEntity(call.findings).get('') ?? []),
    rawJson(call));
}

/** The module type as XDR's admin sees it when adding the module: the form, then the capabilities. */
export function renderModuleType(type) {
  if (type.error !== undefined) return h('section', { class: 'module-type' }, h('h3', {}, `AUTH=${type.auth}`), h('p', { class: 'errors' }, type.error));
  return h('section', { class: 'module-type', 'aria-label': `Module type, AUTH=${type.auth}` },
    h('h3', {}, `AUTH=${type.auth}`, ' ', h('span', { class: 'ms' }, `(make module-type AUTH=${type.auth})`)),
    h('p', { class: 'tips' }, type.tips),
    h('form', { class: 'config', 'aria-label': `Configuration form, AUTH=${type.auth}` }, type.fields.map((field) => {
      const id = `field-${type.auth}-${field.key}`;
      const input = field.type === 'boolean'
        ? h('input', { id, type: 'checkbox', 'aria-describedby': `${id}-tip` })
        : h('input', { id, type: field.type === 'integer' ? 'number' : field.type === 'string' ? 'text' : 'password', required: field.required === true, 'aria-describedby': `${id}-tip`, autocomplete: 'off' });
      return h('div', { class: 'field' },
        h('label', { for: id }, field.label, field.required ? h('span', { class: 'required', 'aria-hidden': 'true' }, ' *') : null),
        input,
        h('small', { id: `${id}-tip`, class: 'tooltip' }, field.tooltip ?? ''),
        h('small', { class: 'key' }, `${field.key} (${field.type})`));
    })),
    h('h4', {}, 'Capabilities'),
    h('ul', { class: 'capabilities' }, type.capabilities.map((capability) => h('li', {}, h('code', {}, capability.id), ` ${capability.description}`))));
}
