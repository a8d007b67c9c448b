// A second worked example: Cisco's Pulsedive relay (CiscoSecurity/tr-05-serverless-pulsedive,
// code/api/*.py and code/config.py) rebuilt on kit v3, in our words, answering what Cisco's
// relay answers (test/pulsedive.test.ts compares with Cisco's own expected payloads). Like
// test/example/integration.ts, it is a complete handler/integration.ts. (test/v2/pulsedive.ts is
// the same port on kit v2.)
//
// Where it differs from Cisco's on purpose:
// - `schema_version` is the CTIM release the kit implements (1.3.28), not 1.0.22;
// - every call has a timeout (5 s; Cisco's had none), and the template authorizes (HS256 or XDR's
//   RS256 configuration tokens) where Cisco's relay only took RS256 tokens;
// - a sighting's `relations` are CTIM's observed relations, built as Cisco's code builds them
//   (Cisco's test replaced that function by one returning Pulsedive's raw answer);
// - an answer Pulsedive cannot have meant (a field missing, a time that is none) is Cisco's
//   `key error` rather than a 500; an indicator two observables share is answered once; a value
//   CTIM cannot hold leaves that one entity out, with a partial error;
// - refer browses each observable (Cisco's passed all of them in one call and kept one answer),
//   and an observable's value is escaped in the search query's JSON.
import { STATUS_CODES } from 'node:http';
import { defineIntegration, RelayError, type Answer, type ContextOf, type Observable } from '../../handler/contract.ts';
import { collect } from '../../handler/kit/answer.ts';
import { indicator, judgement, sighting, transientId, verdict, type Disposition, type Severity } from '../../handler/kit/ctim.ts';
import { settle } from '../../handler/kit/partial.ts';
import { createService } from '../../handler/kit/service.ts';
import { either, list, number, object, oneOf, optional, present, readShape, string } from '../../handler/kit/shape.ts';
import type { StatusAnswer } from '../../handler/kit/service.ts';

const SOURCE = 'Pulsedive';
const UI = 'https://pulsedive.com';
/** What Pulsedive calls each observable type XDR asks about. */
const TYPES: Readonly<Record<string, string>> = { url: 'URL', domain: 'domain', ip: 'IP', ipv6: 'IPv6' };
/** Pulsedive's risk, as a disposition and a severity. */
const RISKS: Readonly<Record<string, readonly [Disposition, Severity]>> = {
  none: [1, 'None'], unknown: [5, 'Unknown'], retired: [5, 'Unknown'], low: [3, 'Low'],
  medium: [3, 'Medium'], high: [2, 'High'], critical: [2, 'High'],
};
/** How long an indicator's validity lasts without `stamp_retired`: 3 × 365 / 12 days. */
const STORAGE_MS = 91.25 * 24 * 3600 * 1000;
const ACTIVE_DNS_MS = 90 * 24 * 3600 * 1000;
const KEY_ERROR = new RelayError('key error', 'The data structure of Pulsedive API has changed. The module is broken.');
const pulsediveError = (answer: StatusAnswer) => new RelayError(STATUS_CODES[answer.status]?.toLowerCase() ?? 'unknown', answer.detail ?? 'The Pulsedive API error.');

const LINKED = { name: string, category: string, stamp_linked: string };
/** Pulsedive's answer as we read it; a field that is not what it was is Cisco's `key error`. */
const INFO = object({
  iid: either(number, string), type: string, indicator: string, risk: oneOf(...Object.keys(RISKS)), retired: optional(present),
  stamp_seen: string, stamp_retired: optional(string),
  riskfactors: optional(list(object({ description: string }))),
  threats: optional(list(object({ ...LINKED, tid: either(number, string) }))),
  feeds: optional(list(object({ ...LINKED, fid: either(number, string), organization: string }))),
});
interface Linked { name: string; category: string; stamp_linked: string }
interface DnsLink { type: string; indicator: string; stamp_linked: string }
/** Pulsedive's info.php, asked `query`. */
type Info = (query: Record<string, string>) => Promise<unknown>;

/** `2020-03-31 14:47:36` (UTC) as `2020-03-31T14:47:36Z`, to the second as Cisco's relay wrote. */
function iso(stamp: string): string {
  if (!/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(stamp) || Number.isNaN(Date.parse(`${stamp.replace(' ', 'T')}Z`))) throw KEY_ERROR;
  return `${stamp.replace(' ', 'T')}Z`;
}

const later = (time: string, ms: number) => new Date(Date.parse(time) + ms).toISOString().replace('.000Z', 'Z');
const newestFirst = <T extends Linked>(items: T[] = []) => [...items].sort((a, b) => b.stamp_linked.localeCompare(a.stamp_linked));
/** Python's `quote(value, safe="")`. */
const quote = (value: string) => encodeURIComponent(value).replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);

/** Pulsedive's search for one indicator, as its web UI writes it (base64 of a JSON query). */
function searchUrl(value: string): string {
  const escaped = JSON.stringify(value).slice(1, -1);
  const query = '{"type":["artifact", "domain","ip","ipv6","url"],'
    + '"risk":["unknown","none","low","medium","high","critical","retired"],"lastseen":["all"],'
    + `"indicator":[{"raw":{"type":"indicator","value":"${escaped}"}, "htmlsafe":{"type":"indicator","value":"${escaped}"},"exact":true}],`
    + '"attribute":[],"property":[],"threat":[], "feed":[]}';
  return `${UI}/browse/?q=${Buffer.from(query).toString('base64')}`;
}

export interface PulsediveOptions {
  readonly timeoutMs?: number;
  /** The clock of "recent" Active DNS links (90 days). */
  readonly now?: () => Date;
}

export function createPulsedive({ timeoutMs = 5000, now = () => new Date() }: PulsediveOptions = {}) {
  /** Pulsedive's info.php: its JSON, `null` when it knows nothing, or its error as Cisco's relay told it. */
  const infoFor = (context: ContextOf<typeof integration>): Info => {
    const service = createService({
      name: SOURCE, baseUrl: context.settings.PULSEDIVE_URL, timeoutMs,
      detail: (answer) => (answer.json() as { error?: unknown } | null)?.error,
      // Nothing known for these; else the status's name as the code (`request timeout`), Pulsedive's own words as the message.
      statuses: { 400: 'empty', 404: 'empty', 406: 'empty', '4xx': pulsediveError, '5xx': pulsediveError },
    });
    return (query: Record<string, string>) => service('api/info.php', { query: { ...query, key: context.credentials.key } });
  };

  /** Each observable's value once (Pulsedive knows values, not types), and its answer. */
  const lookUp = async (observables: Observable[], context: ContextOf<typeof integration>) => {
    const info = infoFor(context);
    const values = [...new Set(observables.map(({ value }) => value))];
    return settle(values, async (value) => {
      const found = await info({ indicator: value });
      return found === null ? null : { info: readShape(found, INFO, SOURCE, () => KEY_ERROR), links: info };
    }, { stopAtFirstFailure: true });
  };

  /** The domains an IP resolved to lately, or the IPs a domain did: Cisco's observed relations. */
  const activeDns = async (observable: Observable, info: Info) => {
    const links = (await info({ indicator: observable.value, get: 'links' })) as { 'Active DNS'?: unknown } | null;
    const entities = Array.isArray(links?.['Active DNS']) ? (links['Active DNS'] as DnsLink[]) : [];
    const pairs = new Set(['domain ip', 'ip domain', 'ipv6 domain']);
    return entities
      .filter((entity) => pairs.has(`${entity.type} ${observable.type}`) && now().getTime() - Date.parse(iso(entity.stamp_linked)) < ACTIVE_DNS_MS)
      .map((entity) => {
        const other = { type: entity.type, value: entity.indicator };
        const [source, related] = observable.type === 'domain' ? [observable, other] : [other, observable];
        return { origin: 'Pulsedive Enrichment Module', relation: 'Resolved_To', source, related };
      });
  };

  const integration = defineIntegration({
    claims: [{ name: 'key', description: 'Pulsedive API key' }],
    settings: [{ name: 'PULSEDIVE_URL', description: 'Where Pulsedive answers', default: 'https://pulsedive.com' }],
    observableTypes: Object.keys(TYPES),

    health: async (context) => {
      await infoFor(context)({ iid: '2' });
      return { data: { status: 'ok' } };
    },

    observe: async (observables, context) => {
      const { results, errors } = await lookUp(observables, context);
      const limit = context.entitiesLimit;
      const out = collect({ errors });
      for (const result of results) {
        if (result === null) continue;
        const { info } = result;
        const observable = { type: info.type, value: info.indicator };
        const risk = RISKS[info.risk] as readonly [Disposition, Severity];
        const [disposition, severity] = info.retired && info.risk === 'none' ? (RISKS['retired'] as typeof risk) : risk;
        const seen = iso(info.stamp_seen);
        const valid = { start: seen, end: info.stamp_retired ? iso(info.stamp_retired) : later(seen, STORAGE_MS) };
        const page = `${UI}/indicator/?iid=${info.iid}`;
        out.add(observable, () => verdict({ observable, disposition, valid }));
        out.add(observable, () => judgement({
          observable, disposition, severity, valid, source: SOURCE, source_uri: page, confidence: 'Medium', priority: 85, tlp: 'white',
        }));
        // What Pulsedive links the indicator to: each an indicator of its own, and a sighting of it.
        const linked = [
          ...(info.riskfactors ?? []).map(({ description }) => ({
            name: description, title: description, seen, uri: page, relation: 'sighting-of', severity, indicated: { valid },
          })),
          ...newestFirst(info.threats).map((threat) => {
            const [at, uri] = [iso(threat.stamp_linked), `${UI}/threat/?tid=${threat.tid}`];
            // The threat's severity is the indicator's risk as Pulsedive gives it, retired or not.
            const indicated = { valid: { start: at }, tags: [threat.category], source_uri: uri, severity: risk[1] };
            return { name: threat.name, title: `Threat: ${threat.name}`, seen: at, uri, relation: 'sighting-of', severity, indicated };
          }),
          ...newestFirst(info.feeds).map((feed) => {
            const [at, uri] = [iso(feed.stamp_linked), `${UI}/feed/?fid=${feed.fid}`];
            const title = `Feed: ${feed.name.replaceAll('Feed', '')}`;
            const indicated = { valid: { start: at }, tags: [feed.category], source_uri: uri, producer: feed.organization };
            return { name: feed.name, title, seen: at, uri, relation: 'member-of', severity: undefined, indicated };
          }),
        ].slice(0, limit);
        for (const link of linked) {
          // Its id a uuid5 of its name, as Cisco's: the same indicator in every answer, and once in this one.
          const made = out.add(observable, () => indicator({
            id: transientId('indicator', link.name), producer: SOURCE, source: SOURCE, tlp: 'white', title: link.title,
            short_description: link.title, ...link.indicated,
          }));
          const saw = out.add(observable, () => sighting({
            observable, source: SOURCE, source_uri: link.uri, confidence: 'Medium', observed: { start: link.seen }, description: link.title,
            ...(link.severity === undefined ? {} : { severity: link.severity }),
          }));
          out.link(observable, saw, made, link.relation, { tlp: 'white' });
        }
        const relations = linked.length < limit ? await activeDns(observable, result.links) : [];
        if (relations.length > 0) {
          out.add(observable, () => sighting({ observable, source: SOURCE, source_uri: page, confidence: 'Medium', observed: { start: seen }, description: 'Active DNS', relations }));
        }
      }
      return out.answer({ omitEmptyData: true });
    },

    refer: async (observables, context): Promise<Answer> => {
      const { results, errors } = await lookUp(observables, context);
      // As Cisco's relay: a failed lookup answers its error alone.
      if (errors.length > 0) return { errors };
      const search = [...new Map(observables.map((observable) => [observable.value, observable])).values()].map(({ type, value }) => ({
        id: `ref-pulsedive-search-${type}-${quote(value)}`,
        title: `Search for this ${TYPES[type]}`,
        description: `Lookup this ${TYPES[type]} on Pulsedive`,
        url: searchUrl(value),
        categories: ['Search', 'Pulsedive'],
      }));
      const browse = results.flatMap((result) => (result === null || !Object.hasOwn(TYPES, result.info.type) ? [] : [{
        id: `ref-pulsedive-detail-${result.info.type}-${quote(result.info.indicator)}`,
        title: `Browse ${TYPES[result.info.type]}`,
        description: `Browse this ${TYPES[result.info.type]} on Pulsedive`,
        url: `${UI}/indicator/?iid=${result.info.iid}`,
        categories: ['Browse', 'Pulsedive'],
      }]));
      return { data: [...search, ...browse] };
    },
  });
  return integration;
}

export const integration = createPulsedive();
