// The console's dashboards: each tile of `/tiles`, its data from `/tiles/tile-data` for the
// period chosen among its own, drawn for the tile types Cisco's relays answer (read from
// CiscoSecurity/tr-05-serverless-guardduty's tiles: metric_group, vertical_bar_chart,
// horizontal_bar_chart, donut_graph, markdown, threat_map), and the raw JSON of any other.
// Tile data is hostile input like any answer: text nodes only, numbers checked.
import { errorList, formatTime, h, rawJson, text } from './render.mjs';

const number = (value) => (typeof value === 'number' && Number.isFinite(value) ? value : 0);
const list = (value) => (Array.isArray(value) ? value : []);

/** metric_group: `data: [{icon, label, value, value_unit}]`, one figure each. */
function metrics(data) {
  return h('ul', { class: 'metrics' }, list(data.data).map((metric) =>
    h('li', {}, h('strong', {}, text(metric?.value)), h('span', {}, ` ${text(metric?.label)}`), metric?.value_unit ? h('small', {}, ` (${text(metric.value_unit)})`) : null)));
}

/**
 * vertical_bar_chart and horizontal_bar_chart: `keys: [{key, label}]`, `data: [{key, label,
 * value, values: [{key, value}]}]`: a bar per datum, its parts by key, widths through the CSSOM.
 */
function bars(data) {
  const keys = new Map(list(data.keys).map((key) => [key?.key, text(key?.label ?? key?.key)]));
  const most = Math.max(1, ...list(data.data).map((datum) => number(datum?.value)));
  return h('div', { class: 'bars' },
    h('ul', { class: 'legend' }, [...keys.values()].map((label, index) => h('li', { class: `part part-${index % 6}` }, label))),
    h('table', {}, h('tbody', {}, list(data.data).map((datum) => {
      const bar = h('div', { class: 'bar' }, list(datum?.values).map((part) => {
        const index = [...keys.keys()].indexOf(part?.key);
        const segment = h('span', { class: `part part-${index < 0 ? 5 : index % 6}`, title: `${keys.get(part?.key) ?? text(part?.key)}: ${number(part?.value)}` });
        segment.style.width = `${((number(part?.value) / most) * 100).toFixed(2)}%`;
        return segment;
      }));
      return h('tr', {}, h('th', { scope: 'row' }, text(datum?.label ?? datum?.key)), h('td', { class: 'value' }, String(number(datum?.value))), h('td', { class: 'bar-cell' }, bar));
    }))));
}

/**
 * donut_graph: `labels: [[outer labels], [segment labels]]`, `data: [{key, value, segments:
 * [{key, value}]}]` (keys index the labels): a ring of the totals and a table of the segments.
 */
function donut(data) {
  const [outer = [], inner = []] = list(data.labels).map(list);
  const rows = list(data.data);
  const total = rows.reduce((sum, row) => sum + number(row?.value), 0);
  const ring = h('div', { class: 'donut', role: 'img', 'aria-label': `${total} in all` });
  let angle = 0;
  const stops = rows.map((row, index) => {
    const start = angle;
    angle += total === 0 ? 0 : (number(row?.value) / total) * 360;
    return `var(--part-${index % 6}) ${start.toFixed(1)}deg ${angle.toFixed(1)}deg`;
  });
  ring.style.background = stops.length === 0 ? 'var(--line)' : `conic-gradient(${stops.join(', ')})`;
  const label = (labels, key) => text(typeof key === 'number' && Object.hasOwn(labels, key) ? labels[key] : key);
  return h('div', { class: 'donut-tile' }, ring,
    h('table', {},
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, text(list(data.label_headers)[0] ?? '')), h('th', { scope: 'col' }, 'Total'),
        inner.map((name) => h('th', { scope: 'col' }, text(name))))),
      h('tbody', {}, rows.map((row, index) => h('tr', {},
        h('th', { scope: 'row' }, h('span', { class: `part part-${index % 6}` }), ' ', label(outer, row?.key)),
        h('td', {}, String(number(row?.value))),
        inner.map((_, key) => h('td', {}, String(number(list(row?.segments).find((segment) => segment?.key === key)?.value)))))))));
}

/** markdown: `data: [lines]`; a table where the lines are one, else paragraphs. Never HTML. */
function markdown(data) {
  const lines = list(data.data).map((line) => String(line));
  const blocks = [];
  let rows = [];
  const flush = () => {
    if (rows.length === 0) return;
    const cells = rows.filter((row) => !/^\|?\s*:?-{3,}/.test(row)).map((row) => row.replace(/^\||\|$/g, '').split('|').map((cell) => text(cell.trim())));
    const [head = [], ...body] = cells;
    blocks.push(h('table', {}, h('thead', {}, h('tr', {}, head.map((cell) => h('th', { scope: 'col' }, cell)))),
      h('tbody', {}, body.map((row) => h('tr', {}, row.map((cell) => h('td', {}, cell)))))));
    rows = [];
  };
  for (const line of lines) {
    if (line.trim().startsWith('|')) rows.push(line.trim());
    else {
      flush();
      if (line.trim() !== '') blocks.push(h('p', {}, text(line.replace(/^#+\s*/, ''))));
    }
  }
  flush();
  return h('div', { class: 'markdown' }, blocks);
}

/** threat_map: `data: [{coordinates: [lat, lon], ip_address, volume, ...}]`: the points as a table (no map offline). */
function threatMap(data) {
  return h('table', {}, h('caption', {}, 'Points'),
    h('thead', {}, h('tr', {}, ['IP', 'Coordinates', 'Volume', 'Host'].map((column) => h('th', { scope: 'col' }, column)))),
    h('tbody', {}, list(data.data).map((point) => h('tr', {}, h('td', {}, text(point?.ip_address)), h('td', {}, list(point?.coordinates).map(number).join(', ')),
      h('td', {}, String(number(point?.volume))), h('td', {}, text(point?.hostname))))));
}

const DRAW = new Map([
  ['metric_group', metrics], ['vertical_bar_chart', bars], ['horizontal_bar_chart', bars], ['donut_graph', donut],
  ['markdown', markdown], ['threat_map', threatMap],
]);

/** A tile's data drawn by its type; the raw JSON of an unknown type. */
export function renderTileData(tile, call) {
  const data = call.answer?.data;
  const draw = DRAW.get(tile?.type);
  const times = data !== null && typeof data === 'object' && data.observed_time !== undefined
    ? h('p', { class: 'ms' }, `Observed ${formatTime(data.observed_time?.start_time)} → ${formatTime(data.observed_time?.end_time)}`) : null;
  return h('div', { class: 'tile-data' },
    errorList(call),
    data !== null && typeof data === 'object' && draw !== undefined ? draw(data) : h('p', { class: 'note' }, `A ${text(tile?.type)} tile: its raw JSON below.`),
    times,
    rawJson(call));
}

/**
 * One tile: its title, description, a period chooser among its periods, and its data, asked for
 * with `load(tileId, period)` at once and at each change of period.
 */
export function renderTile(tile, load) {
  const periods = list(tile?.periods).map(String);
  const id = text(tile?.id);
  const select = h('select', { 'aria-label': `Period of ${text(tile?.title) || id}` },
    periods.map((period) => h('option', { value: period, selected: period === tile?.default_period }, period.replaceAll('_', ' '))));
  const body = h('div', { class: 'tile-body', 'aria-live': 'polite' }, 'Loading…');
  const show = async () => {
    body.replaceChildren('Loading…');
    body.replaceChildren(renderTileData(tile, await load(String(tile?.id ?? ''), select.value)));
  };
  select.addEventListener('change', () => void show());
  // XDR asks for a tile's data over one of its periods: with none listed, there is nothing to ask
  // (the relay would refuse a blank period), and that is the relay's mistake to show.
  if (periods.length > 0) void show();
  else body.replaceChildren(h('p', { class: 'errors' }, 'This tile lists no periods: XDR has none to ask its data with. Add its periods (and a default_period) to the tile.'));
  return h('section', { class: 'tile', 'aria-label': `Tile ${text(tile?.title) || id}`, 'data-type': text(tile?.type) },
    h('h3', {}, text(tile?.title) || id, ' ', h('span', { class: 'type' }, text(tile?.type))),
    h('p', { class: 'note' }, text(tile?.short_description ?? tile?.description)),
    periods.length > 0 ? h('label', {}, 'Period ', select) : null,
    body);
}
