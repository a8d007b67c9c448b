// Builders for the CTIM entities a relay answers with (github.com/threatgrid/ctim, doc/structures):
// the required fields filled in, the allowed values typed, and checked again when built, so that
// a mistake is a 500 with a stack trace in our log rather than an entity XDR silently drops.
import { randomUUID } from 'node:crypto';
import type { Observable } from '../contract.ts';

/** The CTIM release these entities are written against. */
export const CTIM_SCHEMA_VERSION = '1.3.23';

export type Level = 'High' | 'Medium' | 'Low' | 'None' | 'Info' | 'Unknown';
export type Disposition = 1 | 2 | 3 | 4 | 5;
export type DispositionName = 'Clean' | 'Malicious' | 'Suspicious' | 'Common' | 'Unknown';
export type Tlp = 'white' | 'green' | 'amber' | 'red';

export const LEVELS: readonly Level[] = ['High', 'Medium', 'Low', 'None', 'Info', 'Unknown'];
export const TLPS: readonly Tlp[] = ['white', 'green', 'amber', 'red'];
/** CTIM's disposition numbers and their names. */
export const DISPOSITIONS: Readonly<Record<Disposition, DispositionName>> = {
  1: 'Clean',
  2: 'Malicious',
  3: 'Suspicious',
  4: 'Common',
  5: 'Unknown',
};

/** How long a judgement or a verdict holds when the third party gives no end: 7 days. */
export const DEFAULT_VALIDITY_MS = 7 * 24 * 60 * 60 * 1000;

export interface ValidTime {
  readonly start_time: string;
  readonly end_time: string;
}

/** What every sourced entity says about where it comes from. */
export interface Source {
  /** The third party's name, e.g. "AbuseIPDB". */
  readonly source: string;
  readonly source_uri?: string;
  readonly tlp?: Tlp;
  readonly external_ids?: readonly string[];
  readonly external_references?: readonly { source_name: string; url: string; description?: string }[];
}

/** `transient:<type>-<uuid>`: ids XDR keeps for this answer only. */
export function transientId(type: string): string {
  return `transient:${type}-${randomUUID()}`;
}

/** `{count, docs}`, at most `limit` docs (`CTR_ENTITIES_LIMIT`). */
export function bundle<T>(docs: readonly T[], limit = Number.POSITIVE_INFINITY): { count: number; docs: T[] } {
  const kept = docs.slice(0, limit);
  return { count: kept.length, docs: kept };
}

export interface SightingInput extends Source {
  readonly observable: Observable;
  readonly confidence: Level;
  readonly severity?: Level;
  /** When the third party saw it; `end` defaults to `start`. */
  readonly observed: { readonly start: Date; readonly end?: Date };
  readonly count?: number;
  readonly title?: string;
  readonly description?: string;
  readonly internal?: boolean;
}

export function sighting(input: SightingInput) {
  const { observable, confidence, severity, observed, count = 1, title, description, internal = false } = input;
  checkLevel('confidence', confidence);
  if (severity !== undefined) checkLevel('severity', severity);
  if (!Number.isInteger(count) || count < 1) throw new TypeError(`sighting count must be a positive integer: ${count}`);
  return {
    ...sourced('sighting', input),
    confidence,
    ...(severity === undefined ? {} : { severity }),
    count,
    observables: [checkObservable(observable)],
    observed_time: { start_time: isoTime(observed.start), end_time: isoTime(observed.end ?? observed.start) },
    internal,
    ...(title === undefined ? {} : { title }),
    ...(description === undefined ? {} : { description }),
  };
}

export interface JudgementInput extends Source {
  readonly observable: Observable;
  readonly disposition: Disposition;
  readonly confidence: Level;
  readonly severity: Level;
  /** 0-100; CTIM asks automated sources to stay at 90 or below. */
  readonly priority?: number;
  readonly reason?: string;
  readonly reason_uri?: string;
  /** Defaults to now .. now + 7 days: a judgement always ends. */
  readonly valid?: { readonly start?: Date; readonly end?: Date };
  readonly now?: Date;
}

export function judgement(input: JudgementInput) {
  const { observable, disposition, confidence, severity, priority = 90, reason, reason_uri: reasonUri } = input;
  checkLevel('confidence', confidence);
  checkLevel('severity', severity);
  if (!Number.isInteger(priority) || priority < 0 || priority > 100) {
    throw new TypeError(`judgement priority must be an integer from 0 to 100: ${priority}`);
  }
  return {
    ...sourced('judgement', input),
    observable: checkObservable(observable),
    disposition,
    disposition_name: dispositionName(disposition),
    confidence,
    severity,
    priority,
    valid_time: validTime(input.valid, input.now),
    ...(reason === undefined ? {} : { reason }),
    ...(reasonUri === undefined ? {} : { reason_uri: reasonUri }),
  };
}

export interface VerdictInput {
  readonly observable: Observable;
  readonly disposition: Disposition;
  /** The judgement this verdict comes from, if any: its id and validity carry over. */
  readonly judgement?: { readonly id: string; readonly valid_time: ValidTime };
  readonly valid?: { readonly start?: Date; readonly end?: Date };
  readonly now?: Date;
}

export function verdict(input: VerdictInput) {
  const { observable, disposition, judgement: from } = input;
  return {
    type: 'verdict' as const,
    schema_version: CTIM_SCHEMA_VERSION,
    observable: checkObservable(observable),
    disposition,
    disposition_name: dispositionName(disposition),
    valid_time: from?.valid_time ?? validTime(input.valid, input.now),
    ...(from === undefined ? {} : { judgement_id: from.id }),
  };
}

export interface IndicatorInput extends Source {
  /** Who made the indicator, e.g. the third party. */
  readonly producer: string;
  readonly title?: string;
  readonly description?: string;
  readonly confidence?: Level;
  readonly severity?: Level;
  readonly valid?: { readonly start?: Date; readonly end?: Date };
  readonly now?: Date;
}

export function indicator(input: IndicatorInput) {
  const { producer, title, description, confidence, severity } = input;
  if (producer === '') throw new TypeError('indicator producer may not be empty');
  if (confidence !== undefined) checkLevel('confidence', confidence);
  if (severity !== undefined) checkLevel('severity', severity);
  return {
    ...sourced('indicator', input),
    producer,
    valid_time: validTime(input.valid, input.now),
    ...(title === undefined ? {} : { title }),
    ...(description === undefined ? {} : { description }),
    ...(confidence === undefined ? {} : { confidence }),
    ...(severity === undefined ? {} : { severity }),
  };
}

export interface RelationshipInput extends Source {
  readonly source_ref: string;
  readonly target_ref: string;
  /** e.g. `sighting-of`, `based-on`, `indicates`, `element-of`. */
  readonly relationship_type: string;
}

export function relationship(input: RelationshipInput) {
  const { source_ref: sourceRef, target_ref: targetRef, relationship_type: type } = input;
  if (sourceRef === '' || targetRef === '' || type === '') {
    throw new TypeError('relationship source_ref, target_ref and relationship_type may not be empty');
  }
  return { ...sourced('relationship', input), source_ref: sourceRef, target_ref: targetRef, relationship_type: type };
}

function sourced(type: string, input: Source) {
  if (input.source === '') throw new TypeError(`${type} source may not be empty`);
  if (input.tlp !== undefined && !TLPS.includes(input.tlp)) throw new TypeError(`${type} tlp must be one of ${TLPS.join(', ')}: ${input.tlp}`);
  return {
    id: transientId(type),
    type,
    schema_version: CTIM_SCHEMA_VERSION,
    source: input.source,
    ...(input.source_uri === undefined ? {} : { source_uri: input.source_uri }),
    ...(input.tlp === undefined ? {} : { tlp: input.tlp }),
    ...(input.external_ids === undefined ? {} : { external_ids: input.external_ids }),
    ...(input.external_references === undefined ? {} : { external_references: input.external_references }),
  };
}

function checkLevel(field: string, value: string): void {
  if (!LEVELS.includes(value as Level)) throw new TypeError(`${field} must be one of ${LEVELS.join(', ')}: ${value}`);
}

function checkObservable(observable: Observable): Observable {
  if (observable.type === '' || observable.value === '') throw new TypeError('observable type and value may not be empty');
  return { type: observable.type, value: observable.value };
}

function dispositionName(disposition: Disposition): DispositionName {
  const name = DISPOSITIONS[disposition];
  if (name === undefined) throw new TypeError(`disposition must be 1-5: ${disposition}`);
  return name;
}

/** A validity that always ends: the Python relays' open-ended verdicts never expired in XDR. */
function validTime(valid: { readonly start?: Date; readonly end?: Date } = {}, now = new Date()): ValidTime {
  const start = valid.start ?? now;
  const end = valid.end ?? new Date(start.getTime() + DEFAULT_VALIDITY_MS);
  if (end.getTime() <= start.getTime()) throw new TypeError('valid_time must end after it starts');
  return { start_time: isoTime(start), end_time: isoTime(end) };
}

function isoTime(date: Date): string {
  if (Number.isNaN(date.getTime())) throw new TypeError('invalid date');
  return date.toISOString();
}
