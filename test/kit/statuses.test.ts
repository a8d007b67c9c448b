// Kit v3's service client: the status map and its detail reader, ServiceError's fields, the
// per-service messages, and the paths a value must not open (handler/kit/service.ts, failures.ts).
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { RelayError } from '../../handler/contract.ts';
import { failure, ServiceError, statusError } from '../../handler/kit/failures.ts';
import { createService, failure as v2Failure, statusError as v2StatusError, type ServiceOptions, type StatusAnswer } from '../../handler/kit/service.ts';
import { RequestContext, runInScope } from '../../handler/scope.ts';

/** A fetch answering `status` with `body` for every call, recording the URLs asked. */
function answering(status: number, body: string, urls: string[] = []): typeof fetch {
  return (async (url: URL | string) => {
    urls.push(String(url));
    return new Response(body, { status });
  }) as typeof fetch;
}

const client = (status: number, body: string, options: Partial<ServiceOptions> = {}) =>
  createService({ name: 'Intel', baseUrl: 'https://intel.test/v1', fetch: answering(status, body), ...options });

interface Outcome {
  value?: unknown;
  error?: string;
  kind?: string;
  serviceStatus?: number | undefined;
  reason?: string | undefined;
  service?: string;
  body?: { type: string; code: string; message: string };
}

/** What the call made of the answer: its value, or its error's class, fields and body. */
async function outcome(call: Promise<unknown>): Promise<Outcome> {
  try {
    return { value: await call };
  } catch (error) {
    const thrown = error as RelayError;
    const fields = error instanceof ServiceError ? { kind: error.kind, serviceStatus: error.serviceStatus, reason: error.reason, service: error.service } : {};
    return { error: thrown.constructor.name, ...fields, body: thrown.toBody() };
  }
}

const PERMISSION = new RelayError('permission denied', 'Invalid Authorization Bearer JWT.');

const statuses = suite('createService: statuses');

statuses('a status listed: its RelayError, or \'empty\' (null), whatever its class; others keep the default', async () => {
  const options: Partial<ServiceOptions> = { statuses: { 403: PERMISSION, 400: 'empty', 404: 'empty', 422: 'empty', 200: 'empty' } };
  assert.equal(await outcome(client(403, '{}', options)('x')), { error: 'RelayError', body: PERMISSION.toBody() });
  for (const status of [400, 404, 422, 200]) assert.equal(await outcome(client(status, 'not json', options)('x')), { value: null }, String(status));
  assert.equal(await outcome(client(401, '{}', options)('x')), {
    error: 'ServiceError', kind: 'status', serviceStatus: 401, reason: undefined, service: 'Intel',
    body: { type: 'fatal', code: 'authorization error', message: 'Authorization failed: Intel refused the credentials (HTTP 401).' },
  });
  assert.equal(await outcome(client(201, '{"ok":1}', options)('x')), { value: { ok: 1 } });
});

statuses('a class (4xx, 5xx) when the status has no rule of its own; the call\'s noData first', async () => {
  const internal = new RelayError('internal error', 'Intel internal error.');
  const options: Partial<ServiceOptions> = { statuses: { '5xx': internal, 503: 'empty', '4xx': PERMISSION } };
  assert.equal(await outcome(client(500, '', options)('x')), { error: 'RelayError', body: internal.toBody() });
  assert.equal(await outcome(client(599, '', options)('x')), { error: 'RelayError', body: internal.toBody() });
  assert.equal(await outcome(client(503, '', options)('x')), { value: null });
  assert.equal(await outcome(client(418, '', options)('x')), { error: 'RelayError', body: PERMISSION.toBody() });
  assert.equal(await outcome(client(418, '', options)('x', { noData: [418] })), { value: null });
  // A 3xx without a location is no class of the map: the default.
  assert.equal((await outcome(client(302, '', options)('x'))).body, { type: 'fatal', code: 'unknown', message: 'Unexpected response from Intel (HTTP 302).' });
});

statuses('a function of the answer, with the service\'s own words read by detail', async () => {
  const seen: StatusAnswer[] = [];
  const options: Partial<ServiceOptions> = {
    detail: (answer) => (answer.json() as { error?: unknown } | null)?.error,
    statuses: {
      '4xx': (answer) => {
        seen.push(answer);
        return answer.status === 410 ? 'empty' : new RelayError('invalid request', `Invalid request to Intel. ${answer.detail ?? ''}`.trim());
      },
    },
  };
  assert.equal(await outcome(client(400, '{"error":"It is a bad request"}', options)('x')), {
    error: 'RelayError', body: { type: 'fatal', code: 'invalid request', message: 'Invalid request to Intel. It is a bad request' },
  });
  assert.equal([seen[0]?.status, seen[0]?.text(), seen[0]?.detail], [400, '{"error":"It is a bad request"}', 'It is a bad request']);
  assert.equal(await outcome(client(410, '', options)('x')), { value: null });
  // Not JSON, not a string, blank, or a reader that throws: no detail, never a 500.
  for (const body of ['<html>', '{"error":{"a":1}}', '{"error":"  "}', '']) {
    assert.equal((await outcome(client(400, body, options)('x'))).body, { type: 'fatal', code: 'invalid request', message: 'Invalid request to Intel.' }, body);
  }
  const throwing = { ...options, detail: () => { throw new TypeError('reader bug'); } };
  assert.equal((await outcome(client(400, '{}', throwing)('x'))).body?.message, 'Invalid request to Intel.');
});

statuses('detail: one line of at most 1000 characters; the default errors carry it as their reason, never in their message', async () => {
  const options: Partial<ServiceOptions> = { detail: (answer) => answer.text() };
  const result = await outcome(client(500, `line one\r\nline\u0000two ${'x'.repeat(2000)}`, options)('x'));
  assert.equal([result.error, result.kind, result.serviceStatus], ['ServiceError', 'status', 500]);
  assert.is(result.reason?.length, 1000);
  assert.ok(result.reason?.startsWith('line one line two xxx'));
  assert.equal(result.body, { type: 'fatal', code: 'service unavailable', message: 'Intel is unavailable; try again later (HTTP 500).' });
});

statuses('a status map\'s lookup reads own properties only', async () => {
  const inherited = Object.create({ 404: PERMISSION, '4xx': PERMISSION }) as NonNullable<ServiceOptions['statuses']>;
  assert.equal((await outcome(client(404, '', { statuses: inherited })('x'))).body?.code, 'not found');
});

statuses.run();

const errors = suite('createService: ServiceError and messages');

const scoped = <T>(run: () => Promise<T>, leftMs: number) =>
  runInScope(new RequestContext({ credentials: {}, settings: {}, entitiesLimit: 100, requestId: 'r' }, Date.now() + leftMs, leftMs), run);

errors('every failure of the kit is a ServiceError naming its kind', async () => {
  const tls = Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('self-signed certificate'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }) });
  const refused = Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }) });
  const cases: [string, () => Promise<unknown>, { reason: string | undefined; message: string }][] = [
    ['tls', () => client(200, '', { fetch: (async () => { throw tls; }) as typeof fetch })('x'), { reason: 'self signed certificate', message: 'Unable to verify SSL certificate: Self signed certificate' }],
    ['network', () => client(200, '', { fetch: (async () => { throw refused; }) as typeof fetch })('x'), { reason: 'ECONNREFUSED', message: 'Could not reach Intel: ECONNREFUSED.' }],
    ['timeout', () => client(200, '', { timeoutMs: 50, fetch: (async () => { throw new DOMException('late', 'TimeoutError'); }) as typeof fetch })('x'), { reason: undefined, message: 'Intel did not answer within 50 ms.' }],
    ['deadline', () => scoped(() => client(200, '{}')('x'), -1), { reason: undefined, message: "Intel could not be called before the relay's deadline." }],
    ['header', () => client(200, '').raw('x', { headers: { 'x-key': 'a\nb' } }), { reason: undefined, message: 'Could not call Intel: a header holds characters HTTP does not allow.' }],
    ['answer', () => client(200, '<html>')('x'), { reason: 'not JSON', message: 'Unexpected response from Intel: the answer is not JSON.' }],
    ['path', () => client(200, '').raw('ip/../report'), { reason: undefined, message: 'Could not call Intel: the path has a .. segment.' }],
  ];
  for (const [kind, call, { reason, message }] of cases) {
    const result = await outcome(call());
    assert.equal([result.error, result.kind, result.reason, result.body?.message], ['ServiceError', kind, reason, message], kind);
  }
});

errors('messages: the relay\'s own words per kind, with the error\'s fields; kinds it leaves keep the kit\'s', async () => {
  const tls = Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('x'), { code: 'CERT_HAS_EXPIRED' }) });
  const seen: ServiceError[] = [];
  const messages = {
    // OpenSSL's words unchanged, as some of Cisco's relays pass them through.
    tls: (error: ServiceError) => (seen.push(error), new RelayError('unknown', `Unable to verify SSL certificate: ${error.reason}`)),
    header: () => new RelayError('unknown', 'Intel: the API key cannot be sent.'),
    answer: () => new RelayError('key error', 'The data structure of Intel has changed.'),
  };
  const failing = client(200, '', { messages, fetch: (async () => { throw tls; }) as typeof fetch });
  assert.equal((await outcome(failing('x'))).body, { type: 'fatal', code: 'unknown', message: 'Unable to verify SSL certificate: certificate has expired' });
  assert.equal([seen[0]?.kind, seen[0]?.service, seen[0]?.cause], ['tls', 'Intel', tls]);
  assert.equal((await outcome(client(200, 'garbage', { messages })('x'))).body?.code, 'key error');
  // The JSON of raw mode too, and a header refused when the service is made.
  assert.equal((await outcome(client(200, 'garbage', { messages }).raw('x').then((answer) => answer.json()))).body?.code, 'key error');
  assert.throws(() => createService({ name: 'Intel', baseUrl: 'https://intel.test', headers: { key: 'a\r\n' }, messages }), (error: Error) => error.message === 'Intel: the API key cannot be sent.');
  assert.equal((await outcome(client(200, '', { messages }).raw('../x'))).body?.message, "Could not call Intel: the path leaves the service's base URL.");
  // A messages map's own properties only.
  const inherited = Object.create({ answer: messages.answer }) as NonNullable<ServiceOptions['messages']>;
  assert.equal((await outcome(client(200, 'garbage', { messages: inherited })('x'))).body?.code, 'unknown');
});

errors('statusError and failure keep kit v2\'s import from service.ts, and answer ServiceErrors', () => {
  assert.is(v2StatusError, statusError);
  assert.is(v2Failure, failure);
  assert.instance(statusError('Intel', 503), ServiceError);
  assert.equal(failure('Intel', 10, Object.assign(new TypeError('x'), { cause: { code: 'ERR_SSL_WRONG_VERSION_NUMBER' } })).reason, 'ERR_SSL_WRONG_VERSION_NUMBER');
  assert.equal(failure('Intel', 10, new Error('no code')).toBody().message, 'Could not reach Intel: network error.');
});

errors.run();

const paths = suite('createService: paths');

paths('raw(\'\') calls the base URL itself: a page stays a page, a folder a folder, with the base\'s query', async () => {
  const urls: string[] = [];
  for (const baseUrl of ['https://pulsedive.test/api/info.php?pretty=1', 'https://intel.test/v1/', 'https://intel.test/v1']) {
    await createService({ name: 'Intel', baseUrl, fetch: answering(200, '{}', urls) }).raw('', { query: { key: 'k' } });
  }
  assert.equal(urls, ['https://pulsedive.test/api/info.php?pretty=1&key=k', 'https://intel.test/v1/?key=k', 'https://intel.test/v1?key=k']);
});

paths('a path that is no URL, or walks up with .., is refused before anything is sent; one dot walks nowhere', async () => {
  const urls: string[] = [];
  const call = createService({ name: 'Intel', baseUrl: 'https://intel.test/v2', fetch: answering(200, '{}', urls) });
  assert.equal((await outcome(call.raw('http://['))).body?.message, 'Could not call Intel: the path is not a URL path.');
  // encodeURIComponent leaves dots alone: the value `..` reached /v2/report.
  assert.equal((await outcome(call(`ip/${encodeURIComponent('..')}/report`))).body?.message, 'Could not call Intel: the path has a .. segment.');
  for (const path of ['ip/%2e%2e/report', 'ip/.%2E', 'ip/..\\x', 'ip/..?q=1', 'ip/..#top']) {
    assert.equal((await outcome(call(path))).body?.message, 'Could not call Intel: the path has a .. segment.', path);
  }
  await call('./ip/..1/report');
  assert.equal(urls, ['https://intel.test/v2/ip/..1/report']);
});

paths.run();
