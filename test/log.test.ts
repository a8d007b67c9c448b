import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { RelayError } from '../handler/errors.ts';
import { logCrash, stdoutSink } from '../handler/log.ts';
import { call, harness } from './fixtures.ts';

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

log('a context without awsRequestId is fine', async () => {
  const { handler, logs } = harness();
  for (const context of [undefined, null, 'x', { awsRequestId: 1 }]) {
    await handler({ rawPath: '/x', requestContext: { http: { method: 'POST' } } }, context);
  }
  assert.equal(logs().map((line) => line['awsRequestId']), [undefined, undefined, undefined, undefined]);
  assert.ok(await call(handler, null));
});

log.run();
