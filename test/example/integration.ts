// A worked example: the integration of "Example Intel", a made-up threat-intelligence service,
// written with kit v3 (handler/kit/). It is a complete handler/integration.ts: copy it there
// (imports `../../handler/x` become `./x`) and make it yours. The test starts a fake Example
// Intel on 127.0.0.1 (test/example.test.ts); the template's fork test runs the template's own
// tests with this file in place of handler/integration.ts. (test/v2/example.ts is the same
// relay on kit v2, kept to prove v2 integrations still answer the same.)
//
// The service's API:
//   GET  /v1/ping                         200 {"ok": true}
//   GET  /v1/observables/{type}/{value}   200 {"verdict", "score", "permalink",
//                                              "reports": [{"id", "seen_at", "last_seen"?, "title", "description"?, "url"?}],
//                                              "feeds"?: [{"name", "curator", "url"?, "ctia_id"?}]}
//   POST /v1/block {"type", "value"}      200 {"status": "blocked"}
// and it wants its API key in an `x-api-key` header. Its answer is read against a shape (what is
// missing is named, never a 500), and reaches XDR only through the CTIM builders, collected per
// observable: a value CTIM forbids is repaired where its meaning survives, and otherwise that one
// entity is left out with one partial error (README, "CTIM").
import { defineIntegration, type ContextOf, type Observable } from '../../handler/contract.ts';
import { collect } from '../../handler/kit/answer.ts';
import { indicator, judgement, sighting, verdict, type Disposition } from '../../handler/kit/ctim.ts';
import { referLink } from '../../handler/kit/links.ts';
import { settle } from '../../handler/kit/partial.ts';
import { createService } from '../../handler/kit/service.ts';
import { either, list, number, object, optional, readShape, string } from '../../handler/kit/shape.ts';

const SOURCE = 'Example Intel';
const DISPOSITIONS = new Map<string, Disposition>([['clean', 1], ['malicious', 2], ['suspicious', 3], ['unknown', 5]]);

/** What the relay relies on; the builders check each value (a null or a time that is none leaves that entity out). */
const LOOKUP = object({
  verdict: string,
  score: number,
  permalink: string,
  reports: list(object({ id: string, seen_at: optional(string), last_seen: optional(string), title: optional(string), description: optional(either(string, number)), url: optional(string) })),
  // A threat feed that lists the observable: an indicator, or one CTIA already has (`ctia_id`).
  feeds: optional(list(object({ name: string, curator: string, url: optional(string), ctia_id: optional(string) }))),
});

export interface ExampleOptions {
  readonly timeoutMs?: number;
  /** The clock of the judgements' and verdicts' validity. */
  readonly now?: () => Date;
}

export function createExample({ timeoutMs = 2000, now = () => new Date() }: ExampleOptions = {}) {
  const intel = (context: ContextOf<typeof integration>) =>
    createService({ name: SOURCE, baseUrl: context.settings.EXAMPLE_INTEL_URL, timeoutMs, headers: { 'x-api-key': context.credentials.key } });

  /** Each observable's lookup: a 404 is Example Intel's "never heard of it", no data and no error. */
  const lookUp = (observables: Observable[], context: ContextOf<typeof integration>) => {
    const service = intel(context);
    return settle(observables, async (observable) => {
      const found = await service(`/v1/observables/${encodeURIComponent(observable.type)}/${encodeURIComponent(observable.value)}`, { noData: [404] });
      return { observable, found: found === null ? undefined : readShape(found, LOOKUP, SOURCE) };
    });
  };

  const integration = defineIntegration({
    claims: [{ name: 'key', description: 'Example Intel API key' }],
    settings: [{ name: 'EXAMPLE_INTEL_URL', description: 'Where Example Intel answers', default: 'https://api.example-intel.test' }],
    observableTypes: ['ip', 'domain', 'sha256'],

    health: async (context) => {
      await intel(context)('/v1/ping');
      return { data: { status: 'ok' } };
    },

    deliberate: async (observables, context) => {
      const { results, errors } = await lookUp(observables, context);
      const out = collect({ errors });
      for (const { observable, found } of results) {
        if (found !== undefined) out.add(observable, () => verdict({ observable, disposition: DISPOSITIONS.get(found.verdict) as Disposition, now: now() }));
      }
      return out.answer();
    },

    observe: async (observables, context) => {
      const { results, errors } = await lookUp(observables, context);
      const out = collect({ errors, limit: context.entitiesLimit });
      for (const { observable, found } of results) {
        if (found === undefined) continue;
        const disposition = DISPOSITIONS.get(found.verdict) as Disposition;
        const severity = found.score >= 80 ? 'High' : found.score >= 40 ? 'Medium' : 'Low';
        const judged = out.add(observable, () => judgement({
          observable, disposition, severity, source: SOURCE, source_uri: found.permalink, confidence: 'High', reason: `Score ${found.score} in ${SOURCE}`, now: now(),
        }));
        if (judged !== undefined) {
          out.add(observable, () => verdict({ observable, disposition, judgement: judged }));
          // The judgement is based on each feed that lists the observable.
          for (const feed of found.feeds ?? []) {
            const listed = feed.ctia_id ?? out.add(observable, () => indicator({
              producer: feed.curator, source: SOURCE, title: `Listed in ${feed.name}`, ...(feed.url === undefined ? {} : { source_uri: feed.url }),
            }));
            out.link(observable, judged, listed, 'based-on', { source: SOURCE });
          }
        }
        for (const report of found.reports) {
          out.add(observable, () => sighting({
            observable, source: SOURCE, source_uri: found.permalink, confidence: 'High', ...(report.title === undefined ? {} : { title: report.title }),
            // ISO 8601 strings, kept as written; seen by Example Intel, not inside the customer's network.
            observed: { start: report.seen_at ?? '', ...(report.last_seen === undefined ? {} : { end: report.last_seen }) },
            ...(report.description === undefined ? {} : { description: String(report.description) }),
            external_ids: [report.id], internal: false,
            ...(report.url === undefined ? {} : { external_references: [{ source_name: SOURCE, url: report.url, external_id: report.id }] }),
          }));
        }
      }
      return out.answer();
    },

    refer: async (observables, context) => ({
      data: observables.map(({ type, value }) => referLink({
        id: `ref-example-intel-search-${type}-${encodeURIComponent(value)}`,
        title: `Search for this ${type}`,
        description: `Look up this ${type} on ${SOURCE}`,
        url: `${context.settings.EXAMPLE_INTEL_URL}/search?q=${encodeURIComponent(value)}`,
        categories: ['Search', SOURCE],
      })),
    }),

    // The template answers /respond/observables with it for ips and domains, and runs it on /respond/trigger.
    actions: [{
      id: 'example-intel-block',
      title: ({ type }) => `Block this ${type} in ${SOURCE}`,
      description: ({ type }) => `Adds the ${type} to the ${SOURCE} block list`,
      categories: [SOURCE, 'Block'],
      types: ['ip', 'domain'],
      run: async (observable, _form, context) => {
        await intel(context)('/v1/block', { body: observable });
      },
    }],

    // No tiles: /tiles, /tiles/tile and /tiles/tile-data answer 404, and the module type omits them.
  });
  return integration;
}

export const integration = createExample();
