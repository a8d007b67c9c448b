import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { RelayError } from '../handler/errors.ts';
import { createService, DEFAULT_TIMEOUT_MS, failure, statusError, USER_AGENT } from '../handler/service.ts';

interface Sent {
  url: string;
  init: RequestInit | undefined;
}

/** A fetch that records what it is asked and answers `response` (or throws it). */
function fakeFetch(response: (() => Response) | Error, sent: Sent[] = []): typeof fetch {
  return (async (url: URL | string, init?: RequestInit) => {
    sent.push({ url: String(url), init });
    if (response instanceof Error) throw response;
    return response();
  }) as typeof fetch;
}

async function rejection(promise: Promise<unknown>): Promise<RelayError> {
  try {
    await promise;
  } catch (error) {
    assert.instance(error, RelayError);
    return error as RelayError;
  }
  throw new Error('resolved');
}

const service = suite('createService');

service('builds the URL from the base (with or without a slash), the path and the query', async () => {
  for (const baseUrl of ['https://api.test/v2', 'https://api.test/v2/']) {
    const sent: Sent[] = [];
    const call = createService({ name: 'Api', baseUrl, fetch: fakeFetch(() => Response.json({ ok: 1 }), sent) });
    assert.equal(await call('/lookup/ip', { query: { q: '1.1.1.1', limit: '5' } }), { ok: 1 });
    assert.is(sent[0]?.url, 'https://api.test/v2/lookup/ip?q=1.1.1.1&limit=5');
    assert.is(sent[0]?.init?.method, 'GET');
    assert.equal(sent[0]?.init?.headers, { accept: 'application/json', 'user-agent': USER_AGENT });
    assert.instance(sent[0]?.init?.signal, AbortSignal);
  }
});

service('sends JSON bodies with POST, or the method asked, and the extra headers', async () => {
  const sent: Sent[] = [];
  const call = createService({ name: 'Api', baseUrl: 'https://api.test', headers: { authorization: 'Key k' }, fetch: fakeFetch(() => new Response(''), sent) });
  assert.is(await call('items', { body: { a: 1 } }), null);
  assert.is(await call('items/1', { method: 'DELETE' }), null);
  assert.equal(sent.map(({ init }) => [init?.method, init?.body]), [['POST', '{"a":1}'], ['DELETE', undefined]]);
  assert.equal(sent[0]?.init?.headers, { accept: 'application/json', 'user-agent': USER_AGENT, authorization: 'Key k', 'content-type': 'application/json' });
});

service('the default timeout is 5 s', () => {
  assert.is(DEFAULT_TIMEOUT_MS, 5000);
});

service('a status outside 2xx is mapped, the body never read into the message', async () => {
  const call = createService({ name: 'Api', baseUrl: 'https://api.test', fetch: fakeFetch(() => new Response('{"secret":"x"}', { status: 401 })) });
  const error = await rejection(call('x'));
  assert.equal(error.toBody(), { type: 'fatal', code: 'authorization error', message: 'Authorization failed: Api refused the credentials (HTTP 401).' });
});

service.run();

const mapping = suite('statusError and failure');

mapping('every status class', () => {
  const rows: [number, string][] = [
    [401, 'authorization error'], [403, 'authorization error'], [404, 'not found'], [429, 'too many requests'],
    [500, 'service unavailable'], [502, 'service unavailable'], [504, 'service unavailable'],
    [400, 'unknown'], [302, 'unknown'], [418, 'unknown'],
  ];
  for (const [status, code] of rows) assert.is(statusError('Api', status).code, code, String(status));
});

mapping('timeouts and aborts', () => {
  const timeout = failure('Api', 250, new DOMException('The operation was aborted due to timeout', 'TimeoutError'));
  assert.equal(timeout.toBody(), { type: 'fatal', code: 'service unavailable', message: 'Api did not answer within 250 ms.' });
  assert.is(failure('Api', 250, new DOMException('aborted', 'AbortError')).code, 'service unavailable');
});

mapping('TLS failures by code, network failures with their code or message', () => {
  const wrapped = (cause: unknown) => new TypeError('fetch failed', { cause });
  const coded = (code: string, message: string) => Object.assign(new Error(message), { code });
  assert.equal(failure('Api', 1, wrapped(coded('CERT_HAS_EXPIRED', 'certificate has expired'))).toBody(), {
    type: 'fatal', code: 'unknown', message: 'Unable to verify SSL certificate: certificate has expired',
  });
  assert.is(failure('Api', 1, wrapped(coded('ERR_TLS_CERT_ALTNAME_INVALID', 'altname'))).code, 'unknown');
  assert.is(failure('Api', 1, wrapped(coded('ERR_SSL_WRONG_VERSION_NUMBER', 'wrong version'))).code, 'unknown');
  assert.is(failure('Api', 1, wrapped(coded('ENOTFOUND', 'getaddrinfo ENOTFOUND api.test'))).message, 'Could not reach Api: ENOTFOUND.');
  assert.is(failure('Api', 1, wrapped(new Error('other side closed'))).message, 'Could not reach Api: other side closed.');
  assert.is(failure('Api', 1, wrapped('a string')).message, 'Could not reach Api: a string.');
  assert.is(failure('Api', 1, 'thrown text').message, 'Could not reach Api: thrown text.');
  const cause = new TypeError('fetch failed');
  assert.is(failure('Api', 1, cause).cause, cause);
});

mapping('an injected fetch that throws is mapped too', async () => {
  const call = createService({ name: 'Api', baseUrl: 'https://api.test', fetch: fakeFetch(new TypeError('fetch failed', { cause: Object.assign(new Error('x'), { code: 'ECONNRESET' }) })) });
  assert.is((await rejection(call('x'))).message, 'Could not reach Api: ECONNRESET.');
});

mapping.run();
