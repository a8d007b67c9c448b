import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { CRASH, RelayError } from '../handler/errors.ts';
import { writeError, writeJson } from '../handler/response.ts';

const response = suite('response');

response('writeJson: status, the JSON content type, compact JSON', () => {
  assert.equal(writeJson(200, { data: { status: 'ok' } }), {
    statusCode: 200,
    headers: { 'content-type': 'application/json' },
    body: '{"data":{"status":"ok"}}',
  });
});

response('writeJson: extra headers never replace the content type', () => {
  assert.equal(writeJson(405, {}, { allow: 'POST', 'content-type': 'text/html' }).headers, {
    allow: 'POST',
    'content-type': 'application/json',
  });
});

response('writeJson throws on what JSON cannot hold, for the handler to count as a crash', () => {
  assert.throws(() => writeJson(200, { data: 1n }), /BigInt/);
});

response('writeError: the envelope, with the error\'s status and headers', () => {
  const error = new RelayError('method not allowed', 'No.', { status: 405, headers: { allow: 'POST' } });
  assert.equal(writeError(error), {
    statusCode: 405,
    headers: { allow: 'POST', 'content-type': 'application/json' },
    body: '{"errors":[{"type":"fatal","code":"method not allowed","message":"No."}]}',
  });
  assert.equal(writeError(CRASH), {
    statusCode: 500,
    headers: { 'content-type': 'application/json' },
    body: '{"errors":[{"type":"fatal","code":"unknown","message":"Something went wrong."}]}',
  });
});

response.run();
