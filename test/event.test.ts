import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readBody, readEvent } from '../handler/event.ts';
import { event } from './fixtures.ts';

const read = suite('readEvent');

read('a POST without a body: no body key at all', () => {
  const input = event('/health');
  assert.not.ok('body' in input);
  assert.equal(readEvent(input), {
    method: 'POST',
    path: '/health',
    authorization: (input['headers'] as Record<string, string>)['authorization'],
    body: undefined,
    isBase64Encoded: false,
    requestId: 'JKJaXmPLvHcESHA=',
  });
});

read('body null or empty means no body', () => {
  for (const body of [null, '']) {
    assert.is(readEvent({ ...event('/health'), body }).body, undefined);
  }
});

read('missing headers and request id are tolerated', () => {
  const { headers: _headers, ...rest } = event('/health');
  const input = { ...rest, requestContext: { http: { method: 'POST' } } };
  assert.equal(readEvent(input), {
    method: 'POST',
    path: '/health',
    authorization: undefined,
    body: undefined,
    isBase64Encoded: false,
    requestId: undefined,
  });
});

read('a header value that is not a string is ignored', () => {
  const input = { ...event('/health'), headers: { authorization: ['Bearer x'] } };
  assert.is(readEvent(input).authorization, undefined);
});

read('inherited properties are not fields', () => {
  const input = Object.create({ rawPath: '/health', requestContext: { http: { method: 'POST' } } }) as object;
  assert.throws(() => readEvent(input), /payload format 2.0/);
});

read('an inherited body, header, id or base64 flag is none of the request', () => {
  const inherited = { body: '[]', isBase64Encoded: true, authorization: 'Bearer x', requestId: 'inherited' };
  const { isBase64Encoded: _flag, ...own } = event('/health');
  const input = Object.assign(Object.create(inherited) as object, own);
  const headers = Object.assign(Object.create(inherited) as object, { host: 'relay.example' });
  const http = { method: 'POST', path: '/health' };
  const requestContext = Object.assign(Object.create(inherited) as object, { http });
  assert.equal(readEvent({ ...event('/health'), headers, requestContext }), {
    method: 'POST', path: '/health', authorization: undefined, body: undefined, isBase64Encoded: false, requestId: undefined,
  });
  assert.equal(readEvent(input), { ...readEvent(event('/health')), body: undefined, isBase64Encoded: false });
});

read('what is not an object is not an event', () => {
  for (const input of [null, undefined, 'POST /health', 42, true]) {
    assert.throws(() => readEvent(input), /payload format 2.0/);
  }
});

read('one trailing slash is removed, the root is kept', () => {
  assert.is(readEvent(event('/health/')).path, '/health');
  assert.is(readEvent(event('/')).path, '/');
  assert.is(readEvent(event('//')).path, '/');
});

read.run();

const body = suite('readBody');

body('JSON text, or base64 of it', () => {
  const request = readEvent(event('/x', { body: '[1]' }));
  assert.equal(readBody(request), [1]);
  const encoded = readEvent(event('/x', { body: Buffer.from('{"a":"é"}').toString('base64'), isBase64Encoded: true }));
  assert.equal(readBody(encoded), { a: 'é' });
});

body('undefined when missing, not JSON, or not UTF-8', () => {
  assert.is(readBody(readEvent(event('/x'))), undefined);
  assert.is(readBody(readEvent(event('/x', { body: '{' }))), undefined);
  assert.is(readBody(readEvent(event('/x', { body: '!!!', isBase64Encoded: true }))), undefined);
  assert.is(readBody(readEvent(event('/x', { body: Buffer.from([0xff]).toString('base64'), isBase64Encoded: true }))), undefined);
});

body('a base64 body with a byte-order mark is refused, not silently stripped', () => {
  const body = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('[]')]).toString('base64');
  assert.is(readBody(readEvent(event('/x', { body, isBase64Encoded: true }))), undefined);
});

body('JSON null is a value, for the schema to refuse', () => {
  assert.is(readBody(readEvent(event('/x', { body: 'null' }))), null);
});

body.run();
