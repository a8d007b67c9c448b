/** Where log lines go: stdout in Lambda (one CloudWatch event per line), a buffer in tests. */
export type Sink = (line: string) => void;

/** The one line logged per request. Never headers, tokens, claims or bodies. */
export interface RequestLog {
  readonly requestId: string | undefined;
  readonly awsRequestId: string | undefined;
  readonly method: string | undefined;
  readonly path: string | undefined;
  readonly status: number;
  readonly code: string | undefined;
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

export function logRequest(sink: Sink, entry: RequestLog): void {
  sink(JSON.stringify({
    level: 'info',
    message: 'request',
    requestId: entry.requestId,
    awsRequestId: entry.awsRequestId,
    method: cap(entry.method),
    path: cap(entry.path),
    status: entry.status,
    code: entry.code,
    durationMs: entry.durationMs,
  }));
}

/** An unplanned exception: its stack, with the request id, for whoever reads the logs. */
export function logCrash(sink: Sink, requestId: string | undefined, error: unknown): void {
  // util.inspect() prints the stack and the `cause` chain, and copes with anything thrown
  // (`null`, a string, an object without a prototype), where `String()` could throw. Loaded here,
  // on the first crash, rather than imported: importing node:util costs every cold start.
  // The last line of defence cannot throw: a Proxy with throwing traps, or a `stack` getter that
  // throws, is logged as unprintable rather than losing the request's answer.
  let text: string;
  try {
    const { inspect } = process.getBuiltinModule('node:util');
    text = inspect(error);
  } catch {
    text = '(an error that cannot be printed)';
  }
  sink(JSON.stringify({ level: 'error', message: 'unhandled error', requestId, error: text }));
}

export function logWarning(sink: Sink, message: string): void {
  sink(JSON.stringify({ level: 'warn', message }));
}
