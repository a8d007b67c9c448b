// Builders for what XDR shows beside CTIM: refer links (`/refer/observables`) and respond actions
// (`/respond/observables`), as docs/relay-api.md describes them. A refer link's URL is checked when
// the relay runs: an http(s) URL a browser opens as written, or the link is left out (inside
// `keep`, with one partial error), never a `javascript:` link in XDR's pivot menu.
import type { Observable } from '../contract.ts';
import type { RespondAction } from '../respond.ts';
import { CtimError, toUri } from './ctim.ts';

export interface ReferLink {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly url: string;
  readonly categories: readonly string[];
}

/**
 * A refer link: `url` percent-encoded where it must be (as the CTIM builders do), and refused
 * (a CtimError, for `keep`) unless it is an absolute http(s) URL without credentials or `\` in
 * its authority, at most 2048 characters.
 */
export function referLink(input: ReferLink): ReferLink {
  const url = toUri(input.url);
  const parsed = url === undefined ? undefined : new URL(url);
  if (parsed === undefined || !['http:', 'https:'].includes(parsed.protocol) || parsed.username !== '' || parsed.password !== '') {
    throw new CtimError('refer link', 'url', 'is not an http(s) URL');
  }
  return { id: input.id, title: input.title, description: input.description, url: url as string, categories: [...input.categories] };
}

export interface RespondActionInput {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly categories: readonly string[];
  /** The observable it acts on: XDR sends it back to `/respond/trigger`. */
  readonly observable: Observable;
  /** More `query-params` for the trigger (an indicator's id): strings, as XDR echoes them. */
  readonly params?: Readonly<Record<string, string>>;
}

/**
 * A respond action, for an integration that answers `/respond/observables` itself (the registry,
 * `actions`, builds them for you): `query-params` always hold the observable, which `params`
 * cannot replace.
 */
export function respondAction(input: RespondActionInput): RespondAction {
  const { observable, params = {} } = input;
  for (const [key, value] of Object.entries(params)) {
    if (typeof value !== 'string') throw new CtimError('respond action', `query-params.${key}`, 'is not a string');
  }
  return {
    id: input.id,
    title: input.title,
    description: input.description,
    categories: [...input.categories],
    'query-params': { ...params, observable_type: observable.type, observable_value: observable.value },
  };
}
