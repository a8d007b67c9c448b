// A worked example: the integration of "Example Intel", a made-up threat-intelligence service,
// written with the kit (handler/kit/). It is a complete handler/integration.ts: copy it there
// (imports `../../handler/x` become `./x`) and make it yours. The test starts a fake Example
// Intel on 127.0.0.1 (test/example.test.ts); the template's fork test runs the template's own
// tests with this file in place of handler/integration.ts.
//
// The service's API:
//   GET  /v1/ping                         200 {"ok": true}
//   GET  /v1/observables/{type}/{value}   200 {"verdict", "score", "permalink",
//                                              "reports": [{"id", "seen_at", "last_seen"?, "title", "description"?, "url"?}],
//                                              "feeds"?: [{"name", "curator", "url"?, "ctia_id"?}]}
//   POST /v1/block {"type", "value"}      200 {"status": "blocked"}
// and it wants its API key in an `x-api-key` header. What it answers reaches XDR only through the
// kit's CTIM builders, each one inside `keep`: a value CTIM forbids is repaired where its meaning
// survives, and otherwise that one entity is left out with one partial error (README, "CTIM").
import { defineIntegration, RelayError, type Context, type Observable } from '../../handler/contract.ts';
import { bundle, indicator, judgement, keep, relationship, sighting, verdict, type Disposition } from '../../handler/kit/ctim.ts';
import { settle, toAnswer } from '../../handler/kit/partial.ts';
import { createService } from '../../handler/kit/service.ts';

const SOURCE = 'Example Intel';
const BLOCK = 'example-intel-block';

interface Report {
  id: string;
  seen_at: string;
  last_seen?: string;
  title: string;
  description?: string;
  url?: string;
}

/** A threat feed that lists the observable: an indicator, or one CTIA already has (`ctia_id`). */
interface Feed {
  name: string;
  curator: string;
  url?: string;
  ctia_id?: string;
}

interface Lookup {
  verdict: 'clean' | 'malicious' | 'suspicious' | 'unknown';
  score: number;
  permalink: string;
  reports: Report[];
  feeds?: Feed[];
}

/** The lookups that found something: a `null` is an observable Example Intel does not know. */
function known<T extends { found: Lookup | null }>(results: T[]): (T & { found: Lookup })[] {
  return results.filter((result): result is T & { found: Lookup } => result.found !== null);
}

const DISPOSITION: Readonly<Record<Lookup['verdict'], Disposition>> = { clean: 1, malicious: 2, suspicious: 3, unknown: 5 };

export interface ExampleOptions {
  readonly timeoutMs?: number;
  /** The clock of the judgements' and verdicts' validity. */
  readonly now?: () => Date;
}

type ExampleContext = Context<'key', 'EXAMPLE_INTEL_URL'>;

export function createExample({ timeoutMs = 2000, now = () => new Date() }: ExampleOptions = {}) {
  const serviceFor = (context: ExampleContext) => createService({
    name: SOURCE,
    baseUrl: context.settings.EXAMPLE_INTEL_URL,
    timeoutMs,
    headers: { 'x-api-key': context.credentials.key },
  });

  const lookup = (context: ExampleContext) => {
    const service = serviceFor(context);
    // A 404 is Example Intel's "never heard of it": no data for that observable, not an error.
    return async (observable: Observable) => ({
      observable,
      found: (await service(`/v1/observables/${encodeURIComponent(observable.type)}/${encodeURIComponent(observable.value)}`, { noData: [404] })) as Lookup | null,
    });
  };

  return defineIntegration({
    claims: [{ name: 'key', description: 'Example Intel API key' }],
    settings: [{ name: 'EXAMPLE_INTEL_URL', description: 'Where Example Intel answers', default: 'https://api.example-intel.test' }],
    observableTypes: ['ip', 'domain', 'sha256'],

    health: async (context) => {
      await serviceFor(context)('/v1/ping');
      return { data: { status: 'ok' } };
    },

    deliberate: async (observables, context) => {
      const { results, errors } = await settle(observables, lookup(context));
      const verdicts = known(results).flatMap(({ observable, found }) =>
        keep(errors, observable, () => verdict({ observable, disposition: DISPOSITION[found.verdict], now: now() })) ?? []);
      return toAnswer(verdicts.length === 0 ? {} : { verdicts: bundle(verdicts) }, errors);
    },

    observe: async (observables, context) => {
      const { results, errors } = await settle(observables, lookup(context));
      const found = known(results);
      const sightings = [];
      const judgements = [];
      const verdicts = [];
      const indicators = [];
      const relationships = [];
      for (const { observable, found: intel } of found) {
        const disposition = DISPOSITION[intel.verdict];
        // Each entity built inside `keep`: one CTIM cannot hold is left out, with one error.
        const judged = keep(errors, observable, () => judgement({
          observable,
          disposition,
          source: SOURCE,
          source_uri: intel.permalink,
          confidence: 'High',
          severity: intel.score >= 80 ? 'High' : intel.score >= 40 ? 'Medium' : 'Low',
          reason: `Score ${intel.score} in ${SOURCE}`,
          now: now(),
        }));
        if (judged !== undefined) {
          judgements.push(judged);
          verdicts.push(verdict({ observable, disposition, judgement: judged }));
          // The judgement is based on each feed that lists the observable.
          for (const feed of intel.feeds ?? []) {
            let target = feed.ctia_id;
            if (target === undefined) {
              const listed = indicator({
                producer: feed.curator,
                source: SOURCE,
                title: `Listed in ${feed.name}`,
                ...(feed.url === undefined ? {} : { source_uri: feed.url }),
              });
              indicators.push(listed);
              target = listed.id;
            }
            const link = keep(errors, observable, () =>
              relationship({ source: SOURCE, source_ref: judged.id, target_ref: target, relationship_type: 'based-on' }));
            if (link !== undefined) relationships.push(link);
          }
        }
        // At most CTR_ENTITIES_LIMIT sightings per observable.
        for (const report of intel.reports.slice(0, context.entitiesLimit)) {
          const seen = keep(errors, observable, () => sighting({
            observable,
            source: SOURCE,
            source_uri: intel.permalink,
            confidence: 'High',
            // ISO 8601 strings, kept as written (a null, or a time that is not one: left out).
            observed: { start: report.seen_at, ...(report.last_seen === undefined ? {} : { end: report.last_seen }) },
            title: report.title,
            ...(report.description === undefined ? {} : { description: report.description }),
            external_ids: [report.id],
            // Seen by Example Intel, not inside the customer's network.
            internal: false,
            ...(report.url === undefined ? {} : { external_references: [{ source_name: SOURCE, url: report.url, external_id: report.id }] }),
          }));
          if (seen !== undefined) sightings.push(seen);
        }
      }
      const data = found.length === 0 ? {} : {
        sightings: bundle(sightings),
        judgements: bundle(judgements),
        verdicts: bundle(verdicts),
        // Only when there are some: an answer without feeds stays as it was.
        ...(indicators.length === 0 ? {} : { indicators: bundle(indicators) }),
        ...(relationships.length === 0 ? {} : { relationships: bundle(relationships) }),
      };
      return toAnswer(data, errors);
    },

    refer: async (observables, context) => ({
      data: observables.map(({ type, value }) => ({
        id: `ref-example-intel-search-${type}-${encodeURIComponent(value)}`,
        title: `Search for this ${type}`,
        description: `Look up this ${type} on ${SOURCE}`,
        url: `${context.settings.EXAMPLE_INTEL_URL}/search?q=${encodeURIComponent(value)}`,
        categories: ['Search', SOURCE],
      })),
    }),

    respond: async (observables) => ({
      data: observables
        .filter(({ type }) => type !== 'sha256')
        .map(({ type, value }) => ({
          id: BLOCK,
          title: `Block this ${type} in ${SOURCE}`,
          description: `Adds the ${type} to the ${SOURCE} block list`,
          categories: [SOURCE, 'Block'],
          'query-params': { observable_type: type, observable_value: value },
        })),
    }),

    trigger: async (form, context) => {
      if (form['action-id'] !== BLOCK) {
        throw new RelayError('invalid argument', `Unknown action: ${form['action-id']}`);
      }
      await serviceFor(context)('/v1/block', { body: { type: form.observable_type, value: form.observable_value } });
      return { data: { status: 'success' } };
    },

    // No tiles: /tiles, /tiles/tile and /tiles/tile-data answer 404, and the module type omits them.
  });
}

export const integration = createExample();
