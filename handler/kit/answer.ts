// The answer builder: collects the CTIM entities of an answer, per observable, so that a relay
// writes what each observable yields and nothing else. Each entity is built inside `keep` (one
// CTIM cannot hold is left out with one partial error); an id is in the answer once (the first
// entity of that id is kept, and returned to whoever adds it again); `key` makes one entity per
// key per answer (one indicator per category, whichever observable comes first); at most `limit`
// sightings and judgements per observable (CTR_ENTITIES_LIMIT); relationships are linked at the
// end, and those whose ends were left out are dropped; empty bundles are omitted.
import type { Answer, ErrorBody, Observable } from '../contract.ts';
import { bundle, keep, relationship, type RelationshipInput } from './ctim.ts';
import { toAnswer } from './partial.ts';

/** An entity the builders made: its CTIM `type`, and its `id` (verdicts have none). */
interface Entity {
  readonly type: string;
  readonly id?: string;
}

/** One end of a relationship: an entity added (or left out: `undefined`), or an id (a CTIA URL). */
export type End = { readonly id: string } | string | undefined;

/** A relationship's own fields, besides its ends and type. */
export type LinkFields = Omit<RelationshipInput, 'source_ref' | 'target_ref' | 'relationship_type'>;

export interface AnswerBuilder {
  /** The answer's errors: what `settle` returned, and what `keep` adds. */
  readonly errors: ErrorBody[];
  /**
   * Builds one entity of `observable`'s answer and adds it; returns it (or the entity already in
   * the answer with its id or `key`), or `undefined` when it was left out (CTIM cannot hold it,
   * or the observable's limit is reached).
   */
  add<T extends Entity>(observable: Observable, build: () => T, options?: { readonly key?: string }): T | undefined;
  /** A relationship `from` → `to` (`based-on`, `sighting-of`, ...), written only if both ends are in the answer. */
  link(observable: Observable, from: End, to: End, type: string, fields?: LinkFields): void;
  /** `{data}`, `{data, errors}`, or with `omitEmptyData` `{errors}` alone when nothing was added. */
  answer(options?: { readonly omitEmptyData?: boolean }): Answer;
}

// CTIM's entity types and their bundles, in the order an answer lists them.
const BUNDLES = new Map([
  ['sighting', 'sightings'], ['judgement', 'judgements'], ['verdict', 'verdicts'], ['indicator', 'indicators'], ['relationship', 'relationships'],
]);
/** The entities CTR_ENTITIES_LIMIT counts per observable, as Cisco's relays count them. */
const LIMITED = new Set(['sighting', 'judgement']);

export interface CollectOptions {
  /** Errors already known (`settle`'s): the answer carries them. */
  readonly errors?: readonly ErrorBody[];
  /** At most this many sightings and judgements per observable: `context.entitiesLimit`. */
  readonly limit?: number;
}

export function collect({ errors: known = [], limit = Number.POSITIVE_INFINITY }: CollectOptions = {}): AnswerBuilder {
  const errors = [...known];
  const docs = new Map<string, Entity[]>([...BUNDLES.values()].map((name) => [name, []]));
  const byId = new Map<string, Entity>();
  const byKey = new Map<string, Entity>();
  const counts = new Map<string, number>();
  const links: { from: string; to: string; made: Entity }[] = [];

  const place = (entity: Entity): Entity => {
    if (entity.id !== undefined) {
      const kept = byId.get(entity.id);
      if (kept !== undefined) return kept;
      byId.set(entity.id, entity);
    }
    docs.get(BUNDLES.get(entity.type) as string)?.push(entity);
    return entity;
  };

  const add = <T extends Entity>(observable: Observable, build: () => T, options: { readonly key?: string } = {}): T | undefined => {
    const { key } = options;
    if (key !== undefined && byKey.has(key)) return byKey.get(key) as T;
    const built = keep(errors, observable, build);
    if (built === undefined) return undefined;
    if (!BUNDLES.has(built.type)) throw new TypeError(`collect: not an entity of an answer: ${String(built.type)}`);
    const counted = `${built.type}\n${observable.type}\n${observable.value}`;
    if (LIMITED.has(built.type)) {
      const count = counts.get(counted) ?? 0;
      if (count >= limit) return undefined;
      counts.set(counted, count + 1);
    }
    const kept = place(built) as T;
    if (key !== undefined) byKey.set(key, kept);
    return kept;
  };

  // Built at once (its errors in the order they happen), placed at the end if its ends are there.
  const link = (observable: Observable, from: End, to: End, type: string, fields: LinkFields = {}): void => {
    if (from === undefined || to === undefined) return;
    const [source, target] = [typeof from === 'string' ? from : from.id, typeof to === 'string' ? to : to.id];
    const made = keep(errors, observable, () => relationship({ ...fields, source_ref: source, target_ref: target, relationship_type: type }));
    if (made !== undefined) links.push({ from: source, to: target, made });
  };

  const answer = ({ omitEmptyData = false } = {}): Answer => {
    // An end is there when it is in the answer, or is no transient id (a CTIA URL XDR resolves).
    const there = (id: string) => byId.has(id) || !id.startsWith('transient:');
    for (const { from, to, made } of links.splice(0)) if (there(from) && there(to)) place(made);
    const data = Object.fromEntries([...docs].filter(([, entities]) => entities.length > 0).map(([name, entities]) => [name, bundle(entities)]));
    return toAnswer(data, errors, { omitEmptyData });
  };

  return { errors, add, link, answer };
}
