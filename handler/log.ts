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
  // A finite number's digits are the same from String() as from JSON.stringify, which costs more.
  const { durationMs } = entry;
  sink(`${line},"durationMs":${Number.isFinite(durationMs) ? String(durationMs) : 'null'}}`);
}

function field(name: string, value: string | undefined): string {
  if (value === undefined) return '';
  return isPlain(value) ? `,"${name}":"${value}"` : `,"${name}":${JSON.stringify(value)}`;
}

/**
 * What JSON.stringify leaves as it is between its quotes: printable ASCII but `"` and `\`. The
 * usual ids, methods and paths are quoted without its call, which costs 60 ns each (Node 20);
 * tested by a loop, not a regular expression: its test and this line's durationMs written by
 * JSON.stringify took 1.4 k instructions a request more (callgrind, Node 20).
 */
function isPlain(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x20 || code > 0x7e || code === 0x22 || code === 0x5c) return false;
  }
  return true;
}

/** Something the operator should know that is not a request's answer; with the request's id when it is about one. */
export function logWarning(sink: Sink, message: string, requestId?: string): void {
  sink(JSON.stringify({ level: 'warn', message, requestId }));
}
