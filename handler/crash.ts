// The line logged for a crash (an exception that is not a RelayError): its own module, loaded by
// handler/index.ts at the first crash only (a file of its own in the bundle, with redact.ts and
// stack.ts): a relay that never crashes never compiles it at a cold start.
import type { Sink } from './log.ts';
import { listSpellings, redact } from './redact.ts';
import { mapStack } from './stack.ts';

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
