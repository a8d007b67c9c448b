// A worked example: the integration of "Example Intel", a made-up threat-intelligence service,
// written with the kit (handler/ctim.ts, handler/service.ts, handler/partial.ts). Copy its shape
// into handler/integration.ts for your own service. The test starts a fake Example Intel on
// 127.0.0.1 (test/example.test.ts).
//
// The service's API:
//   GET  /v1/ping                         200 {"ok": true}
//   GET  /v1/observables/{type}/{value}   200 {"verdict", "score", "permalink", "reports": [{"id", "seen_at", "title"}]}
//   POST /v1/block {"type", "value"}      200 {"status": "blocked"}
// and it wants its API key in an `x-api-key` header.
import { RelayError } from '../../handler/errors.ts';
import { bundle, judgement, sighting, verdict, type Disposition } from '../../handler/ctim.ts';
import { answer, settle } from '../../handler/partial.ts';
import type { Context, Integration } from '../../handler/routes.ts';
import type { Observable } from '../../handler/schema.ts';
import { createService } from '../../handler/service.ts';

const SOURCE = 'Example Intel';
const BLOCK = 'example-intel-block';

interface Report {
  id: string;
  seen_at: string;
  title: string;
}

interface Lookup {
  verdict: 'clean' | 'malicious' | 'suspicious' | 'unknown';
  score: number;
  permalink: string;
  reports: Report[];
}

const DISPOSITION: Readonly<Record<Lookup['verdict'], Disposition>> = { clean: 1, malicious: 2, suspicious: 3, unknown: 5 };

export interface ExampleOptions {
  /** Where Example Intel answers; https://api.example-intel.test in production. */
  readonly baseUrl: string;
  readonly timeoutMs?: number;
  /** The clock of the judgements' and verdicts' validity. */
  readonly now?: () => Date;
}

export function createExample({ baseUrl, timeoutMs = 2000, now = () => new Date() }: ExampleOptions): Integration {
  const serviceFor = (context: Context) =>
    createService({ name: SOURCE, baseUrl, timeoutMs, headers: { 'x-api-key': context.credentials['key'] ?? '' } });

  const lookup = (context: Context) => {
    const service = serviceFor(context);
    return async (observable: Observable) => ({
      observable,
      found: (await service(`/v1/observables/${encodeURIComponent(observable.type)}/${encodeURIComponent(observable.value)}`)) as Lookup,
    });
  };

  return {
    claims: [{ name: 'key', description: 'Example Intel API key' }],
    observableTypes: ['ip', 'domain', 'sha256'],

    health: async (context) => {
      await serviceFor(context)('/v1/ping');
      return { data: { status: 'ok' } };
    },

    deliberate: async (observables, context) => {
      const { results, errors } = await settle(observables, lookup(context));
      const verdicts = results.map(({ observable, found }) =>
        verdict({ observable, disposition: DISPOSITION[found.verdict], now: now() }));
      return answer(verdicts.length === 0 ? {} : { verdicts: bundle(verdicts) }, errors);
    },

    observe: async (observables, context) => {
      const { results, errors } = await settle(observables, lookup(context));
      const sightings = [];
      const judgements = [];
      const verdicts = [];
      for (const { observable, found } of results) {
        const disposition = DISPOSITION[found.verdict];
        const judged = judgement({
          observable,
          disposition,
          source: SOURCE,
          source_uri: found.permalink,
          confidence: 'High',
          severity: found.score >= 80 ? 'High' : found.score >= 40 ? 'Medium' : 'Low',
          reason: `Score ${found.score} in ${SOURCE}`,
          now: now(),
        });
        judgements.push(judged);
        verdicts.push(verdict({ observable, disposition, judgement: judged }));
        // At most CTR_ENTITIES_LIMIT sightings per observable.
        for (const report of found.reports.slice(0, context.entitiesLimit)) {
          sightings.push(sighting({
            observable,
            source: SOURCE,
            source_uri: found.permalink,
            confidence: 'High',
            observed: { start: new Date(report.seen_at) },
            title: report.title,
            external_ids: [report.id],
          }));
        }
      }
      const data = results.length === 0
        ? {}
        : { sightings: bundle(sightings), judgements: bundle(judgements), verdicts: bundle(verdicts) };
      return answer(data, errors);
    },

    refer: async (observables) => ({
      data: observables.map(({ type, value }) => ({
        id: `ref-example-intel-search-${type}-${encodeURIComponent(value)}`,
        title: `Search for this ${type}`,
        description: `Look up this ${type} on ${SOURCE}`,
        url: `${baseUrl}/search?q=${encodeURIComponent(value)}`,
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

    tiles: async () => ({ data: [] }),
    tile: async () => ({ data: {} }),
    tileData: async () => ({ data: {} }),
  };
}
