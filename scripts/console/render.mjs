// How the console draws the relay's answers, as XDR's investigation screen would: per
// observable, one verdict, its judgements, sightings (table and timeline), indicators,
// relationships, refer links and respond actions, the errors of its lookups, each entity with
// the CTIM check's findings about it.
// The answers are hostile input: text only ever becomes text nodes (never HTML), invisible and
// direction-changing characters are shown as such, a link is only an http(s) URL and shows its
// host, and every lookup of a key the answer chose is a Map's.
import { TYPES } from './extract.mjs';

/** XDR's dispositions (CTIM `disposition`, 1 to 5): the name and colour of each, from the number alone. */
export const DISPOSITIONS = new Map([
  [1, ['Clean', 'clean']], [2, ['Malicious', 'malicious']], [3, ['Suspicious', 'suspicious']], [4, ['Common', 'common']], [5, ['Unknown', 'unknown']],
]);
/** Worst first: how the summary and the sort order verdicts. */
export const SEVERITY = ['Malicious', 'Suspicious', 'Failed', 'Unknown', 'Common', 'Clean', 'No verdict', 'Not supported'];

// Characters that do not show, or turn the text around them: a value holding one is not what it
// looks like (`g\u200Boogle.com`, `\u202Emoc.elgoog`). Unicode's Default_Ignorable_Code_Point and
// Bidi_Control characters.
const HIDDEN = /[\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180B-\u180F\u200B-\u200F\u202A-\u202E\u2060-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFA0\uFFF0-\uFFF8]/g;

/** Text with each hidden character written out: `g⟦U+200B⟧oogle.com`. */
export function visible(value) {
  return String(value).replace(HIDDEN, (char) => `⟦U+${char.codePointAt(0).toString(16).toUpperCase().padStart(4, '0')}⟧`);
}

/** Whether text holds a hidden character. */
export function hasHidden(value) {
  HIDDEN.lastIndex = 0;
  const found = HIDDEN.test(String(value));
  HIDDEN.lastIndex = 0;
  return found;
}

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
  return typeof value === 'string' && !Number.isNaN(date.getTime()) ? `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC` : visible(value ?? '');
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

/** Whether a message names a value, as a whole word (`198.51.100.7`, not inside `198.51.100.70`). */
export function mentions(message, value) {
  const haystack = String(message).toLowerCase();
  const needle = String(value).toLowerCase();
  if (needle === '') return false;
  const word = /[\p{L}\p{N}_-]/u;
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) {
    const before = haystack[at - 1] ?? ' ';
    const after = haystack.slice(at + needle.length, at + needle.length + 2);
    if (!word.test(before) && before !== '.' && !word.test(after[0] ?? ' ') && !/^\.[\p{L}\p{N}]/u.test(after)) return true;
  }
  return false;
}

/** The label of a type: `IPv4`, or the type as the answer wrote it. */
export function typeLabel(type) {
  return TYPES.get(type) ?? visible(type);
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
        entities.push({ route: call.route, kind, doc: doc !== null && typeof doc === 'object' ? doc : {}, at, findings: findings.get(at) ?? [] });
      });
    }
  }
  return entities;
}

/** The observables an entity speaks of: its `observable` and its `observables`. */
function observablesOf(doc) {
  return [doc.observable, ...(Array.isArray(doc.observables) ? doc.observables : [])]
    .filter((observable) => typeof observable?.type === 'string' && typeof observable?.value === 'string');
}

/** The entities by the observables they speak of, and by id: built once for all the cards. */
export function indexEntities(entities) {
  const byObservable = new Map();
  const byId = new Map();
  const byRef = new Map();
  for (const entity of entities) {
    for (const key of new Set(observablesOf(entity.doc).map(observableKey))) byObservable.set(key, [...(byObservable.get(key) ?? []), entity]);
    if (entity.doc.id !== undefined && !byId.has(entity.doc.id)) byId.set(entity.doc.id, entity);
    if (entity.kind === 'relationships') {
      for (const ref of [entity.doc.source_ref, entity.doc.target_ref]) byRef.set(ref, [...(byRef.get(ref) ?? []), entity]);
    }
  }
  return { byObservable, byId, byRef };
}

/**
 * The observables the answers speak of that were not asked about (a service may answer for the
 * name a domain resolves to, say): XDR shows them too, so the console draws a card for each.
 */
export function unaskedObservables(asked, entities) {
  const keys = new Set(asked.map(observableKey));
  const found = new Map();
  for (const { doc } of entities) {
    for (const observable of observablesOf(doc)) {
      const key = observableKey(observable);
      if (!keys.has(key) && !found.has(key)) found.set(key, { type: observable.type, value: observable.value });
    }
  }
  return [...found.values()];
}

/** What of `entities` concerns an observable, by kind: its own, and those related to them. */
export function entitiesFor(observable, entities, index = indexEntities(entities)) {
  const mine = index.byObservable.get(observableKey(observable)) ?? [];
  const relationships = [...new Set(mine.flatMap(({ doc }) => (doc.id === undefined ? [] : index.byRef.get(doc.id) ?? [])))];
  const related = new Set(relationships.flatMap(({ doc }) => [doc.source_ref, doc.target_ref]));
  const indicators = [...related].map((id) => index.byId.get(id)).filter((entity) => entity?.kind === 'indicators');
  const of = (kind) => mine.filter((entity) => entity.kind === kind);
  return { verdicts: of('verdicts'), judgements: of('judgements'), sightings: of('sightings'), indicators, relationships };
}

/** The one verdict XDR shows: deliberate's (its quick answer), else observe's. */
export function verdictOf(verdicts) {
  return verdicts.find(({ route }) => route === 'deliberate/observables') ?? verdicts[0];
}

/** What the summary counts an observable as: its verdict's name, Failed, No verdict or Not supported. */
export function categoryOf({ verdict, errors, supported }) {
  if (!supported) return 'Not supported';
  if (verdict !== undefined) return DISPOSITIONS.get(verdict.doc.disposition)?.[0] ?? 'Unknown';
  return errors.length > 0 ? 'Failed' : 'No verdict';
}

function findingList(findings) {
  if (findings.length === 0) return null;
  return h('ul', { class: 'findings', 'aria-label': 'CTIM check findings' }, findings.map((finding) => h('li', {}, `CTIM: ${visible(finding)}`)));
}

/** A disposition badge: the name of its number, in its colour (never the answer's own name for it). */
export function badge(disposition) {
  const known = DISPOSITIONS.get(disposition);
  if (known === undefined) return h('span', { class: 'badge unknown', title: `Not a CTIM disposition: ${visible(JSON.stringify(disposition) ?? '')}` }, 'Unknown');
  return h('span', { class: `badge ${known[1]}` }, known[0]);
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

/** Any value of an answer as text a person can trust: JSON for what is no string, hidden characters shown. */
export function text(value) {
  return value === undefined || value === null ? '' : visible(typeof value === 'string' ? value : JSON.stringify(value));
}

/** Newest first, as XDR lists sightings. */
export function sortSightings(sightings) {
  const time = ({ doc }) => Date.parse(doc.observed_time?.start_time) || 0;
  return [...sightings].sort((a, b) => time(b) - time(a));
}

/** The sightings on a line from the first to the last, each a marker in the observable's verdict colour. */
function timeline(sightings, colour) {
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
      const marker = h('span', { class: `marker ${colour}`, role: 'listitem', title: label, 'aria-label': label });
      // Through the CSSOM: the page's Content-Security-Policy allows no style attribute.
      marker.style.left = `${left.toFixed(2)}%`;
      return marker;
    })),
    h('div', { class: 'axis' }, h('span', {}, formatTime(new Date(first).toISOString())), h('span', {}, formatTime(new Date(last).toISOString()))));
}

/** An http(s) URL's parts, or undefined for anything else (javascript:, data:, no URL). */
export function safeUrl(value) {
  let url;
  try {
    url = new URL(String(value));
  } catch {
    return undefined;
  }
  return url.protocol === 'https:' || url.protocol === 'http:' ? url : undefined;
}

/** A link XDR would show as a button, with the host it opens (in its ASCII form: a look-alike shows). */
function referButton(refer, findings) {
  const url = safeUrl(refer?.url);
  const title = text(refer?.title) || text(refer?.url);
  return h('li', {},
    url !== undefined
      ? h('a', { class: 'button', href: url.href, target: '_blank', rel: 'noopener noreferrer', title: text(refer.description) }, title, ' ', h('span', { class: 'host' }, url.host))
      : h('span', { class: 'button disabled', title: 'Not an http(s) URL: XDR would not open it' }, `${title} (not an http(s) URL)`),
    findingList(findings));
}

/** The observable's value as a heading shows it: hidden characters written out and flagged. */
export function valueNode(value) {
  const hidden = hasHidden(value);
  return h('code', { class: hidden ? 'hidden-chars' : null, title: hidden ? 'Holds invisible or direction-changing characters, shown as ⟦U+…⟧' : null }, visible(value));
}

/**
 * The card of one observable: everything the answers say about it. `errors` are its lookups'
 * failures (`{ route, code, message, alone }`), `doubt` the errors of a call that may concern it.
 */
export function renderObservable(observable, { entities, index = indexEntities(entities), supported, unasked = false, errors = [], doubt = [] }) {
  const mine = entitiesFor(observable, entities, index);
  const verdict = verdictOf(mine.verdicts);
  const category = categoryOf({ verdict, errors, supported });
  const colour = verdict === undefined ? 'unknown' : DISPOSITIONS.get(verdict.doc.disposition)?.[1] ?? 'unknown';
  const heading = h('h3', {},
    h('span', { class: 'type' }, typeLabel(observable.type)), ' ',
    valueNode(observable.value), ' ',
    verdict !== undefined ? badge(verdict.doc.disposition)
      : category === 'Failed' ? h('span', { class: 'badge failed' }, 'Lookup failed')
        : h('span', { class: 'badge none' }, category));
  const card = h('article', { class: 'observable', 'aria-label': `${observable.type} ${observable.value}`, 'data-category': category },
    heading, unasked ? h('p', { class: 'note' }, 'Not asked about: the relay\'s answers speak of it.') : null);
  if (!supported) {
    card.append(h('p', { class: 'note' }, 'Not one of this relay\'s observable types: the relay answers nothing for it.'));
    return card;
  }
  if (errors.length > 0) {
    card.append(h('ul', { class: 'errors', role: 'alert', 'aria-label': `Errors of the lookups of ${observable.type} ${observable.value}` },
      errors.map((error) => h('li', {}, `${error.route.split('/')[0]}: ${text(error.code)}: ${text(error.message)}${error.alone ? ' (asked alone: the batch\'s error named no observable)' : ''}`))));
  }
  if (doubt.length > 0) {
    card.append(h('ul', { class: 'errors doubt', 'aria-label': `Errors that may concern ${observable.type} ${observable.value}` },
      doubt.map((error) => h('li', {}, `${error.route.split('/')[0]} failed for some observables, maybe this one: ${text(error.code)}: ${text(error.message)}`))));
  }
  if (verdict !== undefined) {
    card.append(h('p', { class: 'verdict' }, 'Verdict ', badge(verdict.doc.disposition), ` from ${verdict.route.split('/')[0]}, valid ${validTime(verdict.doc.valid_time)}`,
      findingList(mine.verdicts.flatMap((entity) => entity.findings))));
  }
  if (mine.judgements.length > 0) {
    card.append(table('Judgements', ['Disposition', 'Source', 'Severity', 'Confidence', 'Reason', 'Valid time'], mine.judgements, (doc) => [
      badge(doc.disposition), text(doc.source), text(doc.severity), text(doc.confidence), text(doc.reason), validTime(doc.valid_time),
    ]));
  }
  if (mine.sightings.length > 0) {
    const sorted = sortSightings(mine.sightings);
    card.append(timeline(sorted, colour) ?? '', table(`Sightings (${sorted.length}, newest first)`, ['Time', 'Title', 'Source', 'Confidence', 'Count', 'Description'], sorted, (doc) => [
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
      const entity = index.byId.get(id);
      return entity === undefined ? text(id) : `${entity.kind.replace(/s$/, '')} “${text(entity.doc.title ?? entity.doc.description ?? entity.doc.reason ?? entity.doc.id)}”`;
    };
    card.append(table('Relationships', ['Source', 'Relationship', 'Target'], mine.relationships, (doc) => [name(doc.source_ref), text(doc.relationship_type), name(doc.target_ref)]));
  }
  if (verdict === undefined && mine.judgements.length + mine.sightings.length + mine.indicators.length === 0 && errors.length === 0) {
    card.append(h('p', { class: 'note' }, doubt.length > 0 ? 'Nothing from this relay, and its lookup may have failed (above).' : 'No verdict, judgement or sighting from this relay.'));
  }
  return card;
}

/** The refer links of one observable, as XDR's pivot menu lists them. */
export function renderRefer(call) {
  const links = Array.isArray(call.answer?.data) ? call.answer.data : [];
  const findings = findingsByEntity(call.findings);
  return h('section', { class: 'refer' },
    h('h4', {}, 'Browse ', h('span', { class: 'ms' }, `(refer, ${call.ms} ms)`)),
    links.length === 0 ? h('p', { class: 'note' }, 'No links.') : h('ul', { class: 'links' }, links.map((refer, index) => referButton(refer, findings.get(`data[${index}]`) ?? []))),
    errorList(call),
    findingList(findings.get('') ?? []),
    rawJson(call));
}

/** The trigger form XDR sends for an action: its id, its query-params, and the observable. */
export function triggerForm(action, observable) {
  const params = action?.['query-params'] !== null && typeof action?.['query-params'] === 'object' && !Array.isArray(action['query-params']) ? action['query-params'] : {};
  return { observable_type: observable.type, observable_value: observable.value, ...params, 'action-id': String(action?.id ?? '') };
}

/**
 * The respond actions of one observable, as XDR's pivot menu offers them: each a button that
 * asks for confirmation, then runs `/respond/trigger` through `trigger(form)` and shows its answer.
 */
export function renderRespond(call, observable, trigger) {
  const actions = Array.isArray(call.answer?.data) ? call.answer.data : [];
  const findings = findingsByEntity(call.findings);
  return h('section', { class: 'respond' },
    h('h4', {}, 'Respond ', h('span', { class: 'ms' }, `(respond, ${call.ms} ms)`)),
    actions.length === 0 ? h('p', { class: 'note' }, 'No actions.') : h('ul', { class: 'actions-list' }, actions.map((action, index) => {
      const title = text(action?.title) || text(action?.id);
      const item = h('li', {});
      const run = h('button', { type: 'button', class: 'action', title: text(action?.description) }, title);
      run.addEventListener('click', () => {
        const confirm = h('div', { class: 'confirm', role: 'alertdialog', 'aria-label': `Run ${title}?` },
          h('p', {}, `Run “${title}” on ${observable.type} `, valueNode(observable.value), '? XDR would send this to the relay:'),
          h('pre', {}, JSON.stringify(triggerForm(action, observable), null, 2)));
        const yes = h('button', { type: 'button', class: 'primary' }, 'Run');
        const no = h('button', { type: 'button' }, 'Cancel');
        confirm.append(yes, ' ', no);
        run.disabled = true;
        item.append(confirm);
        no.addEventListener('click', () => {
          confirm.remove();
          run.disabled = false;
          run.focus();
        });
        yes.addEventListener('click', async () => {
          yes.disabled = true;
          no.disabled = true;
          const answer = await trigger(triggerForm(action, observable));
          const status = answer.answer?.data?.status;
          confirm.replaceWith(h('div', { class: 'triggered', role: 'status' },
            h('p', {}, `${title}: `, answer.status === 200 && status !== undefined ? `status ${text(status)}` : `HTTP ${answer.status}`, h('span', { class: 'ms' }, ` (${answer.ms} ms)`)),
            errorList(answer), rawJson(answer)));
          run.disabled = false;
        });
        yes.focus();
      });
      // (append would write a null out as the text "null".)
      item.append(run, findingList(findings.get(`data[${index}]`) ?? []) ?? '');
      return item;
    })),
    errorList(call),
    findingList(findings.get('') ?? []));
}

/** The errors of a call: its partial errors, or why it failed as a whole. */
export function errorList(call) {
  const errors = Array.isArray(call.answer?.errors) ? call.answer.errors : [];
  const items = errors.map((error) => `${text(error?.code)}: ${text(error?.message)}`);
  if (call.status !== 200 && errors.length === 0) items.push(`HTTP ${call.status}: ${text(call.answer?.message ?? call.answer)}`);
  if (items.length === 0) return null;
  return h('ul', { class: 'errors', role: 'alert', 'aria-label': `Errors from ${call.route}` }, items.map((item) => h('li', {}, item)));
}

export function rawJson(call) {
  return h('details', { class: 'raw' }, h('summary', {}, `Raw JSON of ${call.route}`), h('pre', {}, visible(JSON.stringify(call.answer, null, 2))));
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
