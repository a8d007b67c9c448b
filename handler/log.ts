import { listSpellings, redact } from './redact.ts';
import { mapStack } from './stack.ts';

/** Where log lines go: stdout in Lambda (one CloudWatch event per line), a buffer in tests. */
export type Sink = (line: string) => void;

/** The one line logged per request. Never headers, tokens, claims or bodies. */
export interface RequestLog {
  readonly requestId: string | undefined;
  readonly awsRequestId: string | undefined;
  readonly method: string | undefined;
  readonly path: string | undefined;
  readonly status: number;
  /** The code of the error the request was answered with, when one was thrown. */
  readonly code: string | undefined;
  /** The answer's error entries, a partial answer's included, for metric filters: their codes (distinct) and count. */
  readonly errors?: { readonly codes: readonly string[]; readonly count: number } | undefined;
  readonly durationMs: number;
}

// Lambda's console.* would wrap our JSON inside its own JSON `message`; a raw line stays queryable
// with CloudWatch Logs Insights as is.
export const stdoutSink: Sink = (line) => {
  process.stdout.write(`${line}\n`);
};

/** The method and path are the client's text: capped, so that one request cannot write a huge log line. */
const MAX_TEXT = 256;

function cap(text: string | undefined): string | undefined {
  return text !== undefined && text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text;
}

/** At most this many distinct codes per line, each cut to 64 characters: an integration's codes are open strings. */
const MAX_CODES = 10;

/** The `errors` of an answer (a partial one: `{data, errors}`), for the log line; `undefined` when none. */
export function readErrors(answer: object): RequestLog['errors'] {
  const list = (answer as { errors?: unknown }).errors;
  if (!Array.isArray(list) || list.length === 0) return undefined;
  const codes = new Set<string>();
  for (const entry of list as unknown[]) {
    const code = typeof entry === 'object' && entry !== null ? (entry as { code?: unknown }).code : undefined;
    if (typeof code === 'string' && codes.size < MAX_CODES) codes.add(code.slice(0, 64));
  }
  return { codes: [...codes], count: list.length };
}

export function logRequest(sink: Sink, entry: RequestLog): void {
  // Written field by field: JSON.stringify of the whole object costs twice as much, and this line
  // is written for every request. Absent fields are left out, as JSON.stringify leaves out undefined.
  let line = '{"level":"info","message":"request"';
  line += field('requestId', entry.requestId) + field('awsRequestId', entry.awsRequestId);
  line += field('method', cap(entry.method)) + field('path', cap(entry.path));
  line += `,"status":${entry.status}${field('code', entry.code)}`;
  if (entry.errors !== undefined) line += `,"codes":${JSON.stringify(entry.errors.codes)},"errors":${entry.errors.count}`;
  sink(`${line},"durationMs":${JSON.stringify(entry.durationMs)}}`);
}

function field(name: string, value: string | undefined): string {
  return value === undefined ? '' : `,"${name}":${JSON.stringify(value)}`;
}

/** A crash line's error text at most (about: each cut says so): a 10 MB message is not a 10 MB log line. */
export const MAX_CRASH_TEXT = 8192;
/** The message's share of it (what comes before the first frame): a huge message leaves the frames room. */
export const MAX_CRASH_MESSAGE = 2048;

/**
 * An unplanned exception: its stack, with the request id, for whoever reads the logs. `secrets`
 * (the request's token and credentials) are blanked wherever the error holds them, however spelt.
 * Bounded whatever the error holds (a third party's 128 KB answer in its message): the message and
 * the frames are each cut first, then blanked, then the frames mapped.
 */
export function logCrash(sink: Sink, requestId: string | undefined, error: unknown, secrets: readonly string[] = []): void {
  // util.inspect() prints the stack and the `cause` chain, and copes with anything thrown
  // (`null`, a string, an object without a prototype), where `String()` could throw. Loaded here,
  // on the first crash, rather than imported: importing node:util costs every cold start.
  // The last line of defence cannot throw: a Proxy with throwing traps, or a `stack` getter that
  // throws, is logged as unprintable rather than losing the request's answer.
  const spellings = listSpellings(secrets);
  let text: string;
  try {
    const { inspect } = process.getBuiltinModule('node:util');
    // inspect cuts each string it prints too, past where the text is cut below.
    text = inspect(error, { depth: 3, maxArrayLength: 20, maxStringLength: MAX_CRASH_TEXT + (spellings[0]?.length ?? 0), breakLength: Number.POSITIVE_INFINITY });
  } catch {
    text = '(an error that cannot be printed)';
  }
  const frames = text.indexOf('\n    at ');
  const shown = frames < 0
    ? cut(text, MAX_CRASH_TEXT, spellings)
    : `${cut(text.slice(0, frames), MAX_CRASH_MESSAGE, spellings)}${cut(text.slice(frames), MAX_CRASH_TEXT - MAX_CRASH_MESSAGE, spellings)}`;
  sink(JSON.stringify({ level: 'error', message: 'unhandled error', requestId, error: mapStack(shown) }));
}

/**
 * `text` blanked and cut to `max` characters, the cut said at its end. Cut first, with room for
 * the longest spelling: a secret across the cut is still whole when blanked, never half shown.
 */
function cut(text: string, max: number, spellings: readonly string[]): string {
  const room = max + (spellings[0]?.length ?? 0);
  const shown = redact(text.length > room ? text.slice(0, room) : text, spellings);
  return text.length > room || shown.length > max
    ? `${shown.slice(0, max)}… (${Math.max(text.length, shown.length) - max} more characters)`
    : shown;
}

/** Something the operator should know that is not a request's answer; with the request's id when it is about one. */
export function logWarning(sink: Sink, message: string, requestId?: string): void {
  sink(JSON.stringify({ level: 'warn', message, requestId }));
}
