// Builders for the CTIM entities a relay answers with. CTIM is defined by the Clojure schemas of
// https://github.com/threatgrid/ctim (src/ctim/schemas/*.cljc); these builders follow the release
// in CTIM_SCHEMA_VERSION. CTIM's maps are closed, so each builder writes the keys CTIM lists and
// nothing else, nested maps included. Third-party data CTIM forbids is repaired where its meaning
// survives (README, "CTIM: what the builders repair"); otherwise the builder throws a CtimError,
// and `keep` leaves that one entity out of the answer with one partial error.
import { createHash, randomUUID } from 'node:crypto';
import { RelayError, type ErrorBody, type Observable } from '../contract.ts';
import { CTIM_OBSERVABLE_TYPES } from '../observables.ts';

/**
 * The CTIM release these builders implement: threatgrid/ctim 1.3.28
 * (https://github.com/threatgrid/ctim/tree/1.3.28, commit 6ed620c3d802369703fa33d7456642f87b9efa1b).
 */
export const CTIM_SCHEMA_VERSION = '1.3.28';

/** CTIM's HighMedLow: a confidence. */
export type Level = 'High' | 'Medium' | 'Low' | 'None' | 'Info' | 'Unknown';
/** CTIM's Severity: HighMedLow and `Critical`. */
export type Severity = Level | 'Critical';
export type Disposition = 1 | 2 | 3 | 4 | 5;
export type DispositionName = 'Clean' | 'Malicious' | 'Suspicious' | 'Common' | 'Unknown';
export type Tlp = 'white' | 'green' | 'amber' | 'red';

export const LEVELS: readonly Level[] = ['High', 'Medium', 'Low', 'None', 'Info', 'Unknown'];
export const SEVERITIES: readonly Severity[] = [...LEVELS, 'Critical'];
export const TLPS: readonly Tlp[] = ['white', 'green', 'amber', 'red'];
/** CTIM's disposition numbers and their names. */
export const DISPOSITIONS: Readonly<Record<Disposition, DispositionName>> = {
  1: 'Clean',
  2: 'Malicious',
  3: 'Suspicious',
  4: 'Common',
  5: 'Unknown',
};
/** A data table's column types. */
export const COLUMN_TYPES = ['observable', 'string', 'markdown', 'integer', 'number', 'url'] as const;

/** CTIM's string lengths: ShortString, MedString, LongString (and Markdown). */
export const LENGTHS = { short: 1024, medium: 2048, long: 5000 } as const;
/** The times CTIM holds; a time outside them is moved to the nearest one. */
export const EARLIEST = new Date('1970-01-01T00:00:00.000Z');
export const LATEST = new Date('2525-01-01T00:00:00.000Z');

/** How long a judgement or a verdict holds when the third party gives no end: 7 days. */
export const DEFAULT_VALIDITY_MS = 7 * 24 * 60 * 60 * 1000;

/** Data CTIM cannot hold, even repaired: the entity is left out (see `keep`). */
export class CtimError extends RelayError {
  readonly entity: string;
  readonly field: string;
  readonly problem: string;

  constructor(entity: string, field: string, problem: string) {
    super('unknown', `CTIM cannot hold this ${entity}: its ${field} ${problem}.`);
    this.name = 'CtimError';
    this.entity = entity;
    this.field = field;
    this.problem = problem;
  }
}

/**
 * Builds one entity of `observable`'s answer. When the data cannot be CTIM, returns `undefined`
 * and adds one error naming the observable to `errors` (once per distinct message): the rest of
 * the answer stays. Any other exception is a bug and is thrown.
 */
export function keep<T>(errors: ErrorBody[], observable: Observable, build: () => T): T | undefined {
  try {
    return build();
  } catch (error) {
    if (!(error instanceof CtimError)) throw error;
    const article = /^[aeiou]/i.test(error.entity) ? 'An' : 'A';
    const message = `${article} ${error.entity} of ${nameObservable(observable)} was left out: its ${error.field} ${error.problem}.`;
    if (!errors.some((known) => known.message === message)) errors.push({ type: 'fatal', code: 'unknown', message });
    return undefined;
  }
}

/** An observable as errors name it, `ip 192.0.2.1`: its value cut to 128 characters. */
export function nameObservable(observable: Observable): string {
  return `${observable.type} ${cut(observable.value, 128)}`;
}

export interface ValidTime {
  readonly start_time: string;
  readonly end_time: string;
}

export interface ExternalReference {
  readonly source_name: string;
  readonly url?: string;
  readonly description?: string;
  readonly external_id?: string;
  readonly hashes?: readonly string[];
}

/**
 * A time: a Date (written to the millisecond, `2026-11-28T00:00:00.000Z`), or an ISO 8601 string
 * at any precision: UTC to the second or finer is written as given (`2020-03-31T14:47:36Z`, as
 * Cisco's relays write); a date alone (`2026-02-10`, GreyNoise's `last_seen`), minutes, or an
 * offset are written in UTC to the second (`2026-02-10T00:00:00Z`). A validity's derived end
 * keeps its start's precision.
 */
export type Time = Date | string;

/** What every entity with an id says about itself and where it comes from. */
export interface Source {
  /** The entity's id; a new `transientId(type)` by default. */
  readonly id?: string;
  /** The third party's name, e.g. "AbuseIPDB" (required on judgements, optional elsewhere, as in CTIM). */
  readonly source?: string;
  readonly source_uri?: string;
  readonly tlp?: Tlp;
  readonly external_ids?: readonly string[];
  readonly external_references?: readonly ExternalReference[];
  readonly revision?: number;
  /** When the entity was made. */
  readonly timestamp?: Time;
  readonly language?: string;
}

/** RFC 4122's name spaces for `uuid5` (Python's uuid.NAMESPACE_DNS, _URL, _OID, _X500). */
export const UUID_NAMESPACES = {
  dns: '6ba7b810-9dad-11d1-80b4-00c04fd430c8',
  url: '6ba7b811-9dad-11d1-80b4-00c04fd430c8',
  oid: '6ba7b812-9dad-11d1-80b4-00c04fd430c8',
  x500: '6ba7b814-9dad-11d1-80b4-00c04fd430c8',
} as const;

/** RFC 4122 §4.3: the version-5 (SHA-1) UUID of `name` in `namespace`, as Python's uuid.uuid5. */
export function uuid5(name: string, namespace: string = UUID_NAMESPACES.x500): string {
  const space = namespace.replaceAll('-', '');
  if (!/^[0-9a-fA-F]{32}$/.test(space)) throw new TypeError(`uuid5: the namespace is not a UUID: ${namespace}`);
  const hash = createHash('sha1').update(Buffer.from(space, 'hex')).update(name, 'utf8').digest();
  hash[6] = ((hash[6] as number) & 0x0f) | 0x50;
  hash[8] = ((hash[8] as number) & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * `transient:<type>-<uuid>`: ids XDR keeps for this answer only. Random, or, given a `name`, the
 * same for the same name in every answer (a uuid5 in `namespace`, X.500's by default, as Cisco's
 * relays do), so that XDR merges what several answers say about one indicator.
 */
export function transientId(type: string, name?: string, namespace?: string): string {
  return `transient:${type}-${name === undefined ? randomUUID() : uuid5(name, namespace)}`;
}

/** `{count, docs}`, at most `limit` docs (`CTR_ENTITIES_LIMIT`). */
export function bundle<T>(docs: readonly T[], limit = Number.POSITIVE_INFINITY): { count: number; docs: T[] } {
  const kept = docs.slice(0, limit);
  return { count: kept.length, docs: kept };
}

/** An observable relation inside a sighting (CTIM's ObservedRelation). */
export interface RelationInput {
  readonly origin: string;
  readonly origin_uri?: string;
  /** e.g. `Resolved_To`, `Connected_To`. */
  readonly relation: string;
  readonly relation_info?: Readonly<Record<string, unknown>>;
  readonly source: Observable;
  readonly related: Observable;
}

/** A sighting's data table (CTIM's SightingDataTable). */
export interface DataTableInput {
  readonly columns: readonly {
    readonly name: string;
    readonly type: (typeof COLUMN_TYPES)[number];
    readonly description?: string;
    readonly required?: boolean;
    readonly short_description?: string;
  }[];
  readonly rows: readonly (readonly unknown[])[];
  readonly row_count?: number;
}

export interface SightingInput extends Source {
  readonly observable: Observable;
  readonly confidence: Level;
  readonly severity?: Severity;
  /** When the third party saw it; `end` defaults to `start`. */
  readonly observed: { readonly start: Time; readonly end?: Time };
  /** 0 or more; 1 by default. */
  readonly count?: number;
  readonly title?: string;
  readonly description?: string;
  readonly short_description?: string;
  readonly internal?: boolean;
  /** e.g. `detected`, `blocked` (an open vocabulary). */
  readonly resolution?: string;
  /** e.g. `network.firewall` (an open vocabulary). */
  readonly sensor?: string;
  readonly relations?: readonly RelationInput[];
  readonly data?: DataTableInput;
  /** What saw it: a sensor's type (`network.firewall`), its observables and OS. */
  readonly sensor_coordinates?: { readonly type: string; readonly observables: readonly Observable[]; readonly os?: string };
  /** The hosts or users it was seen on, each with when. */
  readonly targets?: readonly {
    readonly type: string;
    readonly observables: readonly Observable[];
    readonly observed: { readonly start: Time; readonly end?: Time };
    readonly os?: string;
  }[];
  readonly context?: Readonly<Record<string, unknown>>;
  readonly activity_interval?: { readonly start: Time; readonly end?: Time };
  readonly detection_interval?: { readonly start: Time; readonly end?: Time };
  readonly modification_interval?: { readonly start: Time; readonly end?: Time };
}

export function sighting(given: SightingInput) {
  const input = present(given);
  const { observable, confidence, observed, count = 1 } = input;
  const observedTime = period('observed_time', observed);
  if (!Number.isInteger(count) || count < 0) throw new CtimError('sighting', 'count', `is not 0 or more: ${count}`);
  return {
    ...sourced('sighting', input),
    confidence: level('sighting', 'confidence', LEVELS, confidence),
    ...convertGiven(input, { severity: (value: Severity) => level('sighting', 'severity', SEVERITIES, value) }),
    count,
    observables: [checkObservable('sighting', 'observables', observable)],
    // A third party's end before its start is a swap, not a lie: the period holds either way.
    observed_time: observedTime,
    ...convertGiven(input, {
      internal: same<boolean>,
      ...DESCRIBED,
      resolution: text,
      sensor: text,
      relations: (relations: readonly RelationInput[]) => listOf(relations).map(relation),
      data: dataTable,
      sensor_coordinates: coordinates,
      targets: (targets: NonNullable<SightingInput['targets']>) => listOf(targets).map((target) => ({ ...coordinates(target), observed_time: period('targets.observed_time', target.observed) })),
      context: (context: Readonly<Record<string, unknown>>) => ({ ...context }),
      activity_interval: (interval: Interval) => period('activity_interval', interval),
      detection_interval: (interval: Interval) => period('detection_interval', interval),
      modification_interval: (interval: Interval) => period('modification_interval', interval),
    }),
  };
}

export interface JudgementInput extends Source {
  readonly source: string;
  readonly observable: Observable;
  readonly disposition: Disposition;
  readonly confidence: Level;
  readonly severity: Severity;
  /** 0-100 (rounded, and held within); CTIM asks automated sources to stay at 90 or below. */
  readonly priority?: number;
  readonly reason?: string;
  readonly reason_uri?: string;
  /** Defaults to now .. now + 7 days: a judgement always ends. */
  readonly valid?: { readonly start?: Time; readonly end?: Time };
  readonly now?: Date;
}

export function judgement(given: JudgementInput) {
  const input = present(given);
  const { observable, disposition, priority = 90 } = input;
  if (!Number.isFinite(priority)) throw new CtimError('judgement', 'priority', `is not a number: ${priority}`);
  return {
    ...sourced('judgement', input),
    observable: checkObservable('judgement', 'observable', observable),
    disposition: checkDisposition('judgement', disposition),
    disposition_name: DISPOSITIONS[disposition],
    confidence: level('judgement', 'confidence', LEVELS, input.confidence),
    severity: level('judgement', 'severity', SEVERITIES, input.severity),
    priority: Math.min(100, Math.max(0, Math.round(priority))),
    valid_time: validTime('judgement', input.valid, input.now),
    ...convertGiven(input, { reason: SHORT, reason_uri: toUri }),
  };
}

export interface VerdictInput {
  readonly observable: Observable;
  readonly disposition: Disposition;
  /** The judgement this verdict comes from, if any: its id and validity carry over. */
  readonly judgement?: { readonly id: string; readonly valid_time: ValidTime };
  /** Defaults to now .. now + 7 days: a verdict always ends. */
  readonly valid?: { readonly start?: Time; readonly end?: Time };
  readonly now?: Date;
}

/** A verdict: CTIM's Verdict has no `id` and no `schema_version`. */
export function verdict(given: VerdictInput) {
  const input = present(given);
  const { observable, disposition, judgement: from } = input;
  return {
    type: 'verdict' as const,
    observable: checkObservable('verdict', 'observable', observable),
    disposition: checkDisposition('verdict', disposition),
    disposition_name: DISPOSITIONS[disposition],
    valid_time: from === undefined
      ? validTime('verdict', input.valid, input.now)
      : { start_time: from.valid_time.start_time, end_time: from.valid_time.end_time },
    ...(from === undefined ? {} : { judgement_id: from.id }),
  };
}

export interface IndicatorInput extends Source {
  /** Who made the indicator, e.g. the third party. */
  readonly producer: string;
  readonly title?: string;
  readonly description?: string;
  readonly short_description?: string;
  readonly confidence?: Level;
  readonly severity?: Severity;
  readonly tags?: readonly string[];
  /** What is given, only: an indicator may hold from a time on, or have no known validity (`{}`). */
  readonly valid?: { readonly start?: Time; readonly end?: Time };
  readonly negate?: boolean;
  readonly indicator_type?: readonly (typeof INDICATOR_TYPES)[number][];
  readonly likely_impact?: string;
  /** Lower-case letters, digits, `-` and `_`: `lockheed-martin-cyber-kill-chain`, `delivery`. */
  readonly kill_chain_phases?: readonly { readonly kill_chain_name: string; readonly phase_name: string }[];
  readonly test_mechanisms?: readonly string[];
  /** This indicator as the `and`, `or` or `not` of others, by id. */
  readonly composite_indicator_expression?: { readonly operator: 'and' | 'or' | 'not'; readonly indicator_ids: readonly string[] };
  /** How to test for it: one of CTIM's five specifications. */
  readonly specification?: Specification;
}

/** CTIM's indicator specifications. */
export type Specification =
  | {
    readonly type: 'Judgement';
    readonly judgements: readonly string[];
    readonly required_judgements: readonly { readonly judgement_id: string; readonly confidence?: Level; readonly source?: string; readonly relationship?: string }[];
  }
  | { readonly type: 'ThreatBrain'; readonly variables: readonly string[]; readonly query?: string }
  | { readonly type: 'Snort'; readonly snort_sig: string }
  | { readonly type: 'SIOC'; readonly SIOC: string }
  | { readonly type: 'OpenIOC'; readonly open_IOC: string };

/** CTIM's IndicatorType vocabulary. */
export const INDICATOR_TYPES = [
  'Malicious E-mail', 'IP Watchlist', 'File Hash Watchlist', 'Domain Watchlist', 'URL Watchlist', 'Malware Artifacts',
  'C2', 'Anonymization', 'Exfiltration', 'Host Characteristics', 'Compromised PKI Certificate', 'Login Name',
  'IMEI Watchlist', 'IMSI Watchlist', 'Private Threat Feed',
] as const;

export function indicator(given: IndicatorInput) {
  const input = present(given);
  const { producer } = input;
  const valid = present(input.valid ?? {});
  const start = valid.start === undefined ? undefined : time('indicator', 'valid_time.start_time', valid.start);
  const end = valid.end === undefined ? undefined : time('indicator', 'valid_time.end_time', valid.end);
  const types = input.indicator_type === undefined ? undefined : listOf(input.indicator_type).map((type) => level('indicator', 'indicator_type', INDICATOR_TYPES, type));
  const phases = input.kill_chain_phases === undefined ? undefined : listOf(input.kill_chain_phases).map(({ kill_chain_name: chain, phase_name: phase }) => {
    if (typeof chain !== 'string' || typeof phase !== 'string' || !KILL_CHAIN.test(chain) || !KILL_CHAIN.test(phase)) {
      throw new CtimError('indicator', 'kill_chain_phases', 'are not lower-case letters, digits, - and _');
    }
    return { kill_chain_name: chain, phase_name: phase };
  });
  return {
    ...sourced('indicator', input),
    producer: cut(producer, LENGTHS.short),
    valid_time: start !== undefined && end !== undefined
      ? inOrder(start, end)
      : { ...(start === undefined ? {} : { start_time: start }), ...(end === undefined ? {} : { end_time: end }) },
    ...convertGiven(input, {
      ...DESCRIBED,
      confidence: (value: Level) => level('indicator', 'confidence', LEVELS, value),
      severity: (value: Severity) => level('indicator', 'severity', SEVERITIES, value),
      tags: (tags: readonly string[]) => texts(tags, LENGTHS.short),
      negate: same<boolean>,
    }),
    ...convertGiven({ indicator_type: types, likely_impact: input.likely_impact, kill_chain_phases: phases }, {
      indicator_type: same<(typeof INDICATOR_TYPES)[number][]>,
      likely_impact: LONG,
      kill_chain_phases: same<{ kill_chain_name: string; phase_name: string }[]>,
    }),
    ...convertGiven(input, {
      test_mechanisms: (tests: readonly string[]) => texts(tests, LENGTHS.medium),
      composite_indicator_expression: composite,
      specification,
    }),
  };
}

function composite({ operator, indicator_ids: ids }: NonNullable<IndicatorInput['composite_indicator_expression']>) {
  return {
    operator: level('indicator', 'composite_indicator_expression.operator', ['and', 'or', 'not'] as const, operator),
    indicator_ids: listOf(ids).map((id) => reference('indicator', 'composite_indicator_expression.indicator_ids', id)),
  };
}

/** The keys CTIM lists for the specification's type, and nothing else. */
function specification(input: Specification) {
  const field = 'specification';
  switch (input.type) {
    case 'Judgement':
      return {
        type: input.type,
        judgements: listOf(input.judgements).map((id) => reference('indicator', `${field}.judgements`, id)),
        required_judgements: listOf(input.required_judgements).map((required) => {
          const { judgement_id: id, confidence, source, relationship: how } = present(required);
          return {
            judgement_id: reference('indicator', `${field}.required_judgements`, id),
            ...convertGiven({ confidence, source, relationship: how }, {
              confidence: (value: Level) => level('indicator', `${field}.confidence`, LEVELS, value),
              source: text,
              relationship: text,
            }),
          };
        }),
      };
    case 'ThreatBrain':
      return { type: input.type, variables: listOf(input.variables).map(text), ...convertGiven(input, { query: text }) };
    case 'Snort':
      return { type: input.type, snort_sig: text(input.snort_sig) };
    case 'SIOC':
      return { type: input.type, SIOC: text(input.SIOC) };
    case 'OpenIOC':
      return { type: input.type, open_IOC: text(input.open_IOC) };
    default:
      throw new CtimError('indicator', field, `has a type CTIM does not know: ${cut(String((input as { type?: unknown }).type), 64)}`);
  }
}

const KILL_CHAIN = /^[0-9a-z_-]{1,1024}$/;

export interface RelationshipInput extends Source {
  readonly title?: string;
  readonly description?: string;
  readonly short_description?: string;
  /** The ids of two entities: `transient:...`, or a CTIA URL. */
  readonly source_ref: string;
  readonly target_ref: string;
  /** e.g. `sighting-of`, `based-on`, `indicates`, `element-of`. */
  readonly relationship_type: string;
}

export function relationship(given: RelationshipInput) {
  const input = present(given);
  return {
    ...sourced('relationship', input),
    source_ref: reference('relationship', 'source_ref', input.source_ref),
    target_ref: reference('relationship', 'target_ref', input.target_ref),
    relationship_type: text(input.relationship_type),
    ...convertGiven(input, DESCRIBED),
  };
}

/** CTIM's ids (ctim.domain.id): transient, or a CTIA URL ending in `<type>-<uuid>`. */
const ID = /^(?:transient:.*|https?:\/\/[-\da-zA-Z][-\da-zA-Z.]*(?::\d+)?(?:\/[-\w.]+)*\/ctia\/[a-z][-a-z]+\/[a-z][-a-z]+-[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12})$/;

function reference(entity: string, field: string, value: string): string {
  if (typeof value !== 'string' || value.length > LENGTHS.medium || !ID.test(value)) throw new CtimError(entity, field, `is not an id: ${cut(value, 64)}`);
  return value;
}

function sourced(type: string, input: Source) {
  const { revision } = input;
  if (revision !== undefined && (!Number.isInteger(revision) || revision < 0)) throw new CtimError(type, 'revision', `is not 0 or more: ${revision}`);
  return {
    id: input.id === undefined ? transientId(type) : reference(type, 'id', input.id),
    type,
    schema_version: CTIM_SCHEMA_VERSION,
    ...convertGiven(input, {
      source: MEDIUM,
      source_uri: toUri,
      tlp: (tlp: Tlp) => level(type, 'tlp', TLPS, tlp),
      external_ids: texts,
      external_references: (references: readonly ExternalReference[]) => listOf(references).map(externalReference),
      revision: same<number>,
      timestamp: (timestamp: Time) => time(type, 'timestamp', timestamp),
      language: SHORT,
    }),
  };
}

function externalReference(reference: ExternalReference) {
  const input = present(reference);
  return {
    source_name: cut(input.source_name, LENGTHS.medium),
    ...convertGiven(input, { url: toUri, description: LONG, external_id: text, hashes: texts }),
  };
}

/** A text cut to CTIM's ShortString, MedString, LongString. */
const SHORT = (value: string) => cut(value, LENGTHS.short);
const MEDIUM = (value: string) => cut(value, LENGTHS.medium);
const LONG = (value: string) => cut(value, LENGTHS.long);
/** A value as given. */
const same = <T>(value: T): T => value;

/** What every described entity may say: `convertGiven(input, DESCRIBED)`. */
const DESCRIBED = { title: SHORT, description: LONG, short_description: MEDIUM };

/**
 * The fields of `input` that `convert` lists and that are given, each converted: CTIM leaves an
 * absent field out (so does a conversion to `undefined`: a URI of a scheme not allowed). In
 * `convert`'s order.
 */
function convertGiven<I extends object, C extends { readonly [K in keyof I]?: (value: NonNullable<I[K]>) => unknown }>(
  input: I,
  convert: C,
): { -readonly [K in keyof C]?: C[K] extends (value: never) => infer R ? Exclude<R, undefined> : never } {
  const out: Record<string, unknown> = {};
  for (const [key, to] of Object.entries(convert) as [keyof I & string, (value: unknown) => unknown][]) {
    const value = input[key];
    const converted = value === undefined ? undefined : to(value);
    if (converted !== undefined) out[key] = converted;
  }
  return out as ReturnType<typeof convertGiven<I, C>>;
}

/** A sighting's sensor or target: a type, observables, an OS. */
function coordinates(given: { readonly type: string; readonly observables: readonly Observable[]; readonly os?: string }) {
  const input = present(given);
  // Without observables it coordinates nothing: none of the list's types is one CTIM knows.
  if (input.observables === undefined) checkObservable('sighting', 'observables', undefined);
  return {
    type: text(input.type),
    observables: listOf(input.observables).map((observable) => checkObservable('sighting', 'observables', observable)),
    ...convertGiven(input, { os: text }),
  };
}

/** A period as a third party gives it: an end defaults to the start. */
type Interval = { readonly start: Time; readonly end?: Time };

/** A sighting's period (CTIM's ObservedTime): an end (or a `null` one) defaults to the start; ordered. */
function period(field: string, given: { readonly start: Time; readonly end?: Time } | undefined) {
  const from = time('sighting', `${field}.start_time`, given?.start as Time);
  const end = given?.end ?? undefined;
  return inOrder(from, end === undefined ? from : time('sighting', `${field}.end_time`, end));
}

function relation(related: RelationInput) {
  const input = present(related);
  return {
    origin: text(input.origin),
    ...convertGiven(input, { origin_uri: toUri }),
    relation: text(input.relation),
    ...convertGiven(input, { relation_info: (info: Readonly<Record<string, unknown>>) => ({ ...info }) }),
    source: checkObservable('sighting', 'relations', input.source),
    related: checkObservable('sighting', 'relations', input.related),
  };
}

function dataTable(input: DataTableInput) {
  return {
    columns: listOf(input.columns).map((column) => {
      if (!COLUMN_TYPES.includes(column.type)) throw new CtimError('sighting', 'data.columns', `has a type CTIM does not know: ${String(column.type)}`);
      return {
        name: text(column.name),
        type: column.type,
        ...convertGiven(column, { description: LONG, required: same<boolean>, short_description: text }),
      };
    }),
    rows: listOf(input.rows).map((row) => {
      if (!Array.isArray(row)) throw new CtimError('sighting', 'data.rows', 'holds a row that is not a list');
      return [...row];
    }),
    ...convertGiven(input, { row_count: same<number> }),
  };
}

function level<T extends string>(entity: string, field: string, allowed: readonly T[], value: T): T {
  if (!allowed.includes(value)) throw new CtimError(entity, field, `is not one of ${allowed.join(', ')}: ${cut(String(value), 64)}`);
  return value;
}

/** 1-5, as a number: an own key of DISPOSITIONS (`constructor`, `__proto__` or `"2"` are not). */
function checkDisposition(entity: string, disposition: Disposition): Disposition {
  if (!Number.isInteger(disposition) || !Object.hasOwn(DISPOSITIONS, disposition)) {
    throw new CtimError(entity, 'disposition', `is not 1-5: ${cut(String(disposition), 64)}`);
  }
  return disposition;
}

function checkObservable(entity: string, field: string, observable: Observable | undefined): Observable {
  const type = observable?.type;
  if (type === undefined || !CTIM_OBSERVABLE_TYPES.includes(type)) {
    throw new CtimError(entity, field, `has an observable type CTIM does not know: ${cut(String(type), 64)}`);
  }
  return { type, value: text((observable as Observable).value) };
}

/** A validity that always ends: the Python relays' open-ended verdicts never expired in XDR. */
function validTime(entity: string, valid: { readonly start?: Time; readonly end?: Time } = {}, now = new Date()): ValidTime {
  const startTime = time(entity, 'valid_time.start_time', valid.start ?? now);
  const endTime = time(entity, 'valid_time.end_time', valid.end ?? later(startTime, DEFAULT_VALIDITY_MS));
  return inOrder(startTime, endTime);
}

/** Two times as a period: the earlier one first, whatever their precision. */
function inOrder(start: string, end: string): ValidTime {
  return Date.parse(start) <= Date.parse(end) ? { start_time: start, end_time: end } : { start_time: end, end_time: start };
}

/** ISO 8601 in UTC, with or without a fraction of a second: written as given. */
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?Z$/;
/** ISO 8601 at any precision: a date, optionally a time (minutes, seconds, a fraction), optionally a zone (UTC without one). */
const ISO_ANY = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * A string's time and how CTIM writes it: as given when it is ISO 8601 UTC to the second or finer;
 * else in UTC, to the second (a date: its midnight; `10:00` minutes: `10:00:00`; an offset
 * converted), its fraction of a second kept. `undefined` unless it names a real time
 * (Date.parse takes Feb 30).
 */
function readIso(value: string): { ms: number; written: string } | undefined {
  const parts = ISO_ANY.exec(value);
  if (parts === null) return undefined;
  const [year, month, day, hour, minute, second] = parts.slice(1, 7).map((part) => Number(part ?? 0)) as [number, number, number, number, number, number];
  const local = Date.UTC(year, month - 1, day, hour, minute, second);
  const real = new Date(local);
  if (real.getUTCFullYear() !== year || real.getUTCMonth() !== month - 1 || real.getUTCDate() !== day || real.getUTCHours() !== hour
    || real.getUTCMinutes() !== minute || real.getUTCSeconds() !== second) return undefined;
  const zone = parts[8] ?? 'Z';
  const offset = zone === 'Z' ? 0 : (zone.startsWith('-') ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(-2))) * 60_000;
  const fraction = parts[7];
  const ms = local - offset + (fraction === undefined ? 0 : Number(`0.${fraction}`.slice(0, 5)) * 1000);
  if (ISO_UTC.test(value)) return { ms, written: value };
  return { ms, written: `${new Date(local - offset).toISOString().slice(0, 19)}${fraction === undefined ? '' : `.${fraction}`}Z` };
}

/**
 * An ISO 8601 time within CTIM's range: a string at its own precision (readIso), a Date to the
 * millisecond; a time outside the range is moved to its nearest end.
 */
function time(entity: string, field: string, value: Time): string {
  const read = typeof value === 'string' ? readIso(value) : value instanceof Date && !Number.isNaN(value.getTime()) ? { ms: value.getTime(), written: undefined } : undefined;
  if (read === undefined) throw new CtimError(entity, field, 'is not a time');
  if (read.written !== undefined && read.ms >= EARLIEST.getTime() && read.ms <= LATEST.getTime()) return read.written;
  return new Date(Math.min(LATEST.getTime(), Math.max(EARLIEST.getTime(), read.ms))).toISOString();
}

/** `ms` after an ISO time, at its precision: to the second when it has no fraction, else to the millisecond. */
function later(start: string, ms: number): string {
  const end = new Date(Date.parse(start) + ms).toISOString();
  return start.includes('.') ? end : end.replace(/\.\d{3}Z$/, 'Z');
}

/**
 * The input without the keys a third party set to `null` (JSON's "nothing"): an optional field
 * given `null` is left out, a required one is missing.
 */
function present<T extends object>(input: T): T {
  const entries = Object.entries(input);
  return entries.every(([, value]) => value !== null) ? input : Object.fromEntries(entries.filter(([, value]) => value !== null)) as T;
}

/** Text from whatever a third party sent where text belongs: a number or a boolean as written, anything else as JSON. */
function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value) ?? '';
}

/** A list, from a list or one item; a `null` in it (JSON's nothing) is no item. */
function listOf<T>(value: readonly T[] | T): readonly T[] {
  return (Array.isArray(value) ? value : [value as T]).filter((item) => item !== null && item !== undefined);
}

/** A list of texts, each cut to `max`. */
function texts(value: readonly string[], max = Number.POSITIVE_INFINITY): string[] {
  return listOf(value).map((item) => cut(item, max));
}

/** At most `max` UTF-16 units (CTIM counts Java chars), ending in `…` when cut; never half a surrogate pair. */
function cut(given: string, max: number): string {
  const value = text(given);
  if (value.length <= max) return value;
  const head = value.slice(0, max - 1);
  return `${/[\uD800-\uDBFF]$/.test(head) ? head.slice(0, -1) : head}…`;
}

/** Characters a URI holds as they are; every other one is percent-encoded (UTF-8). */
const URI_SAFE = /[A-Za-z0-9\-._~!$&'()*+,;=:@/?]/;

/** Schemes XDR would run or read locally when a user clicks: never written, whatever is allowed. */
const NEVER_SCHEMES = ['javascript', 'data', 'vbscript', 'file'];
/** The schemes a URI field may hold: http(s), and those the integration allows (`allowUriSchemes`). */
const uriSchemes = new Set(['http', 'https']);

/**
 * Lets URI fields (`source_uri`, `external_references[].url`, ...) hold these schemes too
 * (`ftp`, `urn`, ...), for the whole relay: call it once, beside your integration. `javascript`,
 * `data`, `vbscript` and `file` are refused (a TypeError at cold start).
 */
export function allowUriSchemes(schemes: readonly string[]): void {
  for (const scheme of schemes.map((given) => given.toLowerCase())) {
    if (NEVER_SCHEMES.includes(scheme) || !/^[a-z][a-z0-9+.-]*$/.test(scheme)) throw new TypeError(`allowUriSchemes: ${JSON.stringify(scheme)} is not a scheme a relay may write`);
    uriSchemes.add(scheme);
  }
}

/**
 * An absolute URI CTIM accepts, of a scheme allowed (http(s) by default), or `undefined` (the
 * field is left out): characters a URI cannot hold are percent-encoded, a `%` not followed by two
 * hex digits included; brackets stay only around an IPv6 host. A `\` in the authority is refused:
 * a browser reads `https://good.example\@evil.example/` as a URI of host evil.example.
 */
export function toUri(value: string): string | undefined {
  if (typeof value !== 'string') return undefined;
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(value)?.[1]?.toLowerCase();
  if (scheme === undefined || !uriSchemes.has(scheme)) return undefined;
  const authorityEnd = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#]*/.exec(value)?.[0].length ?? 0;
  // `https:evil.example` is read as a host by browsers, as a path by others: neither is sure.
  if (authorityEnd === 0 && scheme.startsWith('http')) return undefined;
  if (value.slice(0, authorityEnd).includes('\\')) return undefined;
  let encoded = '';
  let fragment = false;
  let index = 0;
  for (const char of value) {
    const at = index;
    index += char.length;
    if (URI_SAFE.test(char)) encoded += char;
    else if (char === '%' && /^%[0-9A-Fa-f]{2}/.test(value.slice(at))) encoded += char;
    else if ((char === '[' || char === ']') && at < authorityEnd) encoded += char;
    else if (char === '#' && !fragment) {
      fragment = true;
      encoded += char;
    } else if (/^[\uD800-\uDFFF]$/.test(char)) encoded += '%EF%BF%BD'; // half a surrogate pair: U+FFFD
    else encoded += encodeURIComponent(char);
  }
  if (encoded.length > LENGTHS.medium || !/^[A-Za-z][A-Za-z0-9+.-]*:./.test(encoded)) return undefined;
  try {
    new URL(encoded);
  } catch {
    return undefined;
  }
  return encoded;
}
