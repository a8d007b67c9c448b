import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { RelayError } from '../handler/errors.ts';
import { logCrash, MAX_CRASH_MESSAGE, MAX_CRASH_TEXT } from '../handler/crash.ts';
import { logRequest, stdoutSink, type RequestLog } from '../handler/log.ts';
import { inspect } from 'node:util';
import { call, harness } from './fixtures.ts';

/** An error as util.inspect prints it whole (the oracle of what logCrash shows). */
const printError = (error: unknown) => inspect(error, { depth: 3, breakLength: Number.POSITIVE_INFINITY });

const log = suite('log');

log('stdoutSink writes one line to stdout', () => {
  const written: unknown[] = [];
  const original = process.stdout.write;
  process.stdout.write = ((chunk: unknown) => written.push(chunk) > 0) as typeof process.stdout.write;
  try {
    stdoutSink('{"a":1}');
  } finally {
    process.stdout.write = original;
  }
  assert.equal(written, ['{"a":1}\n']);
});

log('logCrash prints the stack and the cause chain', () => {
  const lines: string[] = [];
  const error = new Error('outer', { cause: new RelayError('unknown', 'inner') });
  logCrash((line) => lines.push(line), 'id-1', error);
  const entry = JSON.parse(lines[0] ?? '') as Record<string, string>;
  assert.is(entry['requestId'], 'id-1');
  assert.match(entry['error'] ?? '', /Error: outer\n\s+at /);
  assert.match(entry['error'] ?? '', /\[cause\]: RelayError: inner/);
});

/** The `error` text of the one line logCrash writes for `error`. */
function crashText(error: unknown, secrets: readonly string[] = []): string {
  const lines: string[] = [];
  logCrash((line) => lines.push(line), 'id-1', error, secrets);
  assert.is(lines.length, 1);
  return (JSON.parse(lines[0] ?? '') as { error: string }).error;
}

log('a third party\'s 128 KB answer in the message (runs of /) is cut first, and its frames kept', () => {
  const error = new Error(`Intel answered 500: ${'/'.repeat(128 * 1024)}`);
  const printed = printError(error);
  const frames = printed.indexOf('\n    at ');
  assert.ok(frames > 128 * 1024);
  assert.is(crashText(error, ['the-secret-0123456789']), `${printed.slice(0, MAX_CRASH_MESSAGE)}… (${frames - MAX_CRASH_MESSAGE} more characters)${printed.slice(frames)}`);
  // Short messages are whole (unbundled here: the test's own file, not mapped).
  assert.match(crashText(new Error('short')), /^Error: short\n\s+at .*log\.test\.ts:\d+:\d+/);
});

log('frames past their share are cut too: the line stays bounded', () => {
  const error = new Error('deep');
  error.stack = `Error: deep${'\n    at f (file:///x.mjs:1:1)'.repeat(1000)}`;
  const text = crashText(error);
  const share = MAX_CRASH_TEXT - MAX_CRASH_MESSAGE;
  assert.is(text, `Error: deep${error.stack.slice('Error: deep'.length, 'Error: deep'.length + share)}… (${error.stack.length - 'Error: deep'.length - share} more characters)`);
});

log('a secret across the cut is blanked whole, never half shown', () => {
  const secret = 'sk-live-ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  const error = 'x'.repeat(MAX_CRASH_TEXT - 'sk-live'.length) + secret + 'y'.repeat(100);
  // A string thrown is printed by inspect in quotes: one character before the x's.
  const text = crashText(error, [secret]);
  assert.match(text, new RegExp(`^'x{${MAX_CRASH_TEXT - 7}}\\[redac… \\(\\d+ more characters\\)$`));
  assert.not.match(text, /sk-|ABCDEF/);
  // Just over the cap, within the room kept for the secret: still noted as cut.
  const over = crashText(`${'z'.repeat(MAX_CRASH_TEXT)}`, [secret]);
  assert.is(over, `'${'z'.repeat(MAX_CRASH_TEXT - 1)}… (2 more characters)`);
});

log('the token and credentials are blanked as written, URL-encoded, JSON- and inspect-escaped, and in base64', () => {
  const key = 'AbC+dEf/GhI==';
  const quoted = 'k\'e"y\\0123456789';
  const error = Object.assign(new Error(`GET https://intel.example/v1?apikey=${encodeURIComponent(key)} failed`), {
    body: JSON.stringify({ key: quoted }),
    config: { headers: { authorization: `Basic ${Buffer.from(`user:${key}`).toString('base64')}`, 'x-key': `it's "${quoted}"` } },
  });
  const text = crashText(error, [key, quoted]);
  assert.ok(text.startsWith('Error: GET https://intel.example/v1?apikey=[redacted] failed\n'), text);
  // inspect quotes with ` a string that holds both ' and ".
  assert.match(text, /body: `\{"key":"\[redacted\]"\}`/);
  assert.match(text, /authorization: 'Basic dXNlcjp\[redacted\]'/);
  assert.match(text, /'x-key': `it's "\[redacted\]"`/);
  for (const leak of ['GhI', 'QWJDK2RFZi9HaEk9PQ', '0123456789']) assert.not.ok(text.includes(leak), leak);
});

log('the request line, written field by field, is exactly JSON.stringify of its fields (the oracle), absent ones left out', () => {
  const entries: RequestLog[] = [
    { requestId: 'r1', awsRequestId: 'a1', method: 'POST', path: '/observe/observables', status: 200, code: undefined, errors: undefined, durationMs: 0.123456 },
    { requestId: undefined, awsRequestId: undefined, method: undefined, path: undefined, status: 400, code: 'invalid argument', errors: { codes: ['invalid argument'], count: 1 }, durationMs: 3 },
    { requestId: 'q"\\\u2028\n\u0000', awsRequestId: '\ud800', method: 'P\tOST', path: `/${'é'.repeat(300)}`, status: 200, code: undefined, errors: { codes: ['a"b', 'c'], count: 7 }, durationMs: 1e-7 },
    // Each character alone, printable ASCII (quoted as it is) or not (JSON.stringify's escapes).
    ...Array.from({ length: 0x100 }, (_, code): RequestLog => ({ requestId: `a${String.fromCharCode(code)}b`, awsRequestId: String.fromCharCode(code), method: 'POST', path: `/${String.fromCharCode(code)}`, status: 200, code: String.fromCharCode(code), errors: undefined, durationMs: 1 })),
    { requestId: '', awsRequestId: '\u2028\u2029\udfff\ud83d\ude00', method: '\u007f', path: '/', status: 404, code: '', errors: undefined, durationMs: 0 },
    // Durations as JSON writes them: digits, exponents, and null for what is not a finite number.
    ...[-0, 1e21, 123456.789012, 5e-324, Number.NaN, Number.POSITIVE_INFINITY].map((durationMs): RequestLog => ({ requestId: 'r', awsRequestId: undefined, method: 'POST', path: '/', status: 200, code: undefined, errors: undefined, durationMs })),
  ];
  for (const entry of entries) {
    const lines: string[] = [];
    logRequest((line) => lines.push(line), entry);
    const cap = (text: string | undefined) => (text !== undefined && text.length > 256 ? `${text.slice(0, 256)}…` : text);
    assert.is(lines[0], JSON.stringify({
      level: 'info', message: 'request', requestId: entry.requestId, awsRequestId: entry.awsRequestId,
      method: cap(entry.method), path: cap(entry.path), status: entry.status, code: entry.code,
      codes: entry.errors?.codes, errors: entry.errors?.count, durationMs: entry.durationMs,
    }));
  }
});

log('a context without awsRequestId is fine', async () => {
  const { handler, logs } = harness();
  for (const context of [undefined, null, 'x', { awsRequestId: 1 }]) {
    await handler({ rawPath: '/x', requestContext: { http: { method: 'POST' } } }, context);
  }
  assert.equal(logs().map((line) => line['awsRequestId']), [undefined, undefined, undefined, undefined]);
  assert.ok(await call(handler, null));
});

log.run();
