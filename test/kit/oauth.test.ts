// OAuth 2.0 client credentials (handler/kit/oauth.ts) against a token endpoint on 127.0.0.1 that
// answers what each test says: well, slowly, never, hugely, in HTML, with Azure AD's errors.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { RelayError } from '../../handler/errors.ts';
import { ServiceError } from '../../handler/kit/failures.ts';
import {
  createOAuthService, createTokenCache, DEFAULT_LIFETIME_MS, DEFAULT_TOKEN_BYTES, fetchToken, forgetToken, MAX_LIFETIME_MS, MAX_TOKENS,
  REFRESH_MARGIN_MS, type ClientCredentials, type TokenCache, type TokenOptions,
} from '../../handler/kit/oauth.ts';
import { USER_AGENT } from '../../handler/kit/service.ts';
import { RequestContext, runInScope } from '../../handler/scope.ts';
import { rejection } from '../lib/rejection.ts';

interface Received {
  method: string | undefined;
  path: string;
  headers: IncomingMessage['headers'];
  form: Record<string, string>;
}

type Answer = (request: Received, response: ServerResponse) => void;

const received: Received[] = [];
let answer: Answer = () => undefined;
let server: Server;
let origin = '';

const json = (status: number, body: unknown, headers: Record<string, string> = {}): Answer => (_, response) => {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(typeof body === 'string' ? body : JSON.stringify(body));
};
const TOKEN = 'eyJ0eXAiOiJKV1QifQ.eyJhdWQiOiJodHRwczovL2FwaSJ9.c2lnbmF0dXJl';
const granted = (extra: Record<string, unknown> = {}) => json(200, { token_type: 'Bearer', expires_in: 3599, access_token: TOKEN, ...extra });

let clock = Date.UTC(2026, 10, 28);
let cache: TokenCache;
let serial = 0;

/** Credentials of their own for each test (and a cache of its own): nothing carries over. */
function credentials(overrides: Partial<ClientCredentials> = {}): ClientCredentials {
  serial += 1;
  return {
    tokenUrl: `${origin}/tenant-${serial}/oauth2/token`,
    clientId: `client-${serial}`,
    clientSecret: `secret-${serial}-Zq8~x.y`,
    params: { resource: 'https://api.securitycenter.windows.com' },
    ...overrides,
  };
}

function options(overrides: Partial<TokenOptions> = {}): TokenOptions {
  // Generous: a loaded machine is slow, not wrong (the timeout itself is tested with its own).
  return { name: 'Login', cache, now: () => clock, timeoutMs: 30_000, ...overrides };
}

const body = (error: RelayError) => ({ code: error.code, message: error.message });

const oauth = suite('OAuth 2.0 client credentials');

oauth.before(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const got = {
        method: request.method,
        path: request.url ?? '',
        headers: request.headers,
        form: Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8'))),
      };
      received.push(got);
      answer(got, response);
    });
  });
  origin = await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));
});

oauth.after(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

oauth.before.each(() => {
  received.length = 0;
  answer = granted();
  cache = createTokenCache();
  clock = Date.UTC(2026, 10, 28);
});

oauth('POSTs the client credentials form to the token URL itself, and answers the Authorization header', async () => {
  const grant = credentials({ tokenUrl: `${origin}/t/oauth2/token?api-version=1.0` });
  assert.is(await fetchToken(grant, options()), `Bearer ${TOKEN}`);
  assert.is(received.length, 1);
  const [got] = received as [Received];
  // The URL as given (not `token/`), its query kept.
  assert.equal([got.method, got.path], ['POST', '/t/oauth2/token?api-version=1.0']);
  assert.equal(got.form, { grant_type: 'client_credentials', client_id: grant.clientId, client_secret: grant.clientSecret, resource: 'https://api.securitycenter.windows.com' });
  assert.is(got.headers['content-type'], 'application/x-www-form-urlencoded');
  assert.is(got.headers['user-agent'], USER_AGENT);
  assert.is(got.headers.authorization, undefined);
});

oauth('clientAuth basic: the id and secret form-encoded, then base64 in an HTTP Basic header (RFC 6749 §2.3.1)', async () => {
  const grant = credentials({ clientId: 'my id:1', clientSecret: 'p@ss/wörd+', clientAuth: 'basic', params: { scope: 'read write' } });
  await fetchToken(grant, options());
  const [got] = received as [Received];
  // form-encoded by hand: a space is `+`, `:` `%3A`, `@` `%40`, `/` `%2F`, `ö` its UTF-8, `+` `%2B`.
  assert.is(got.headers.authorization, `Basic ${Buffer.from('my+id%3A1:p%40ss%2Fw%C3%B6rd%2B').toString('base64')}`);
  assert.equal(got.form, { grant_type: 'client_credentials', scope: 'read write' });
});

oauth('kept across calls for the same credentials; never shared with others; the key holds no secret', async () => {
  const grant = credentials();
  await fetchToken(grant, options());
  await fetchToken({ ...grant, params: { ...grant.params } }, options());
  assert.is(received.length, 1);
  // Any field differing is another key: the secret, the id, the URL, a param, the way of sending them.
  const others: ClientCredentials[] = [
    { ...grant, clientSecret: `${grant.clientSecret}x` }, { ...grant, clientId: 'other' },
    { ...grant, tokenUrl: `${grant.tokenUrl}2` }, { ...grant, params: { resource: 'https://other' } }, { ...grant, clientAuth: 'basic' },
  ];
  for (const other of others) await fetchToken(other, options());
  assert.is(received.length, 6);
  assert.is(cache.entries.size, 6);
  for (const key of cache.entries.keys()) {
    assert.match(key, /^[A-Za-z0-9_-]{43}$/);
    for (const secret of [grant.clientSecret, grant.clientId, 'tenant', 'secret']) assert.not.ok(key.includes(secret), key);
  }
});

oauth('the relay\'s own cache, when none is given, keeps tokens across warm invocations', async () => {
  const grant = credentials();
  const shared: TokenOptions = { name: 'Login', now: () => clock };
  await fetchToken(grant, shared);
  await fetchToken(grant, shared);
  assert.is(received.length, 1);
  forgetToken(grant);
  await fetchToken(grant, shared);
  assert.is(received.length, 2);
  forgetToken(grant);
});

oauth('refreshed a minute before it expires, and kept until then', async () => {
  const grant = credentials();
  await fetchToken(grant, options());
  clock += 3599_000 - REFRESH_MARGIN_MS - 1;
  await fetchToken(grant, options());
  assert.is(received.length, 1);
  clock += 1;
  answer = json(200, { access_token: 'second', expires_in: 3599 });
  assert.is(await fetchToken(grant, options()), 'Bearer second');
  assert.is(received.length, 2);
});

oauth('expires_in: missing or unreadable is 5 minutes, a string is read, negative is never kept, more than a day is a day', async () => {
  /** How long a token answered with `expires_in` is kept: the clock moved until it is fetched again. */
  const kept = async (expiresIn: unknown): Promise<number> => {
    const grant = credentials();
    answer = granted({ expires_in: expiresIn });
    const start = clock;
    await fetchToken(grant, options());
    received.length = 0;
    // Its refresh time is start + lifetime - margin; find it by stepping just before and at it.
    const entry = [...cache.entries.values()].at(-1);
    const refreshAt = entry?.refreshAt ?? Number.NaN;
    clock = refreshAt - 1;
    await fetchToken(grant, options());
    const stillKept = received.length === 0;
    clock = refreshAt;
    await fetchToken(grant, options());
    const refetched = received.length === (stillKept ? 1 : 2);
    assert.ok(refetched, String(expiresIn));
    const lifetime = refreshAt - start;
    clock = start;
    return stillKept ? lifetime : 0;
  };
  const minusMargin = (ms: number) => ms - Math.min(REFRESH_MARGIN_MS, ms / 2);
  assert.is(await kept(undefined), minusMargin(DEFAULT_LIFETIME_MS));
  assert.is(await kept(null), minusMargin(DEFAULT_LIFETIME_MS));
  assert.is(await kept('soon'), minusMargin(DEFAULT_LIFETIME_MS));
  assert.is(await kept(true), minusMargin(DEFAULT_LIFETIME_MS));
  assert.is(await kept({ seconds: 10 }), minusMargin(DEFAULT_LIFETIME_MS));
  assert.is(await kept('3599'), minusMargin(3599_000));
  assert.is(await kept(3599), minusMargin(3599_000));
  // A short one is refreshed at half its life.
  assert.is(await kept(20), 10_000);
  assert.is(await kept(1e12), minusMargin(MAX_LIFETIME_MS));
  assert.is(await kept(1e308), minusMargin(MAX_LIFETIME_MS));
  // Zero or negative: used for the call that fetched it, fetched again by the next.
  for (const expiresIn of [0, -60, '-60']) {
    const grant = credentials();
    answer = granted({ expires_in: expiresIn });
    received.length = 0;
    await fetchToken(grant, options());
    await fetchToken(grant, options());
    assert.is(received.length, 2, String(expiresIn));
  }
});

oauth('one fetch in flight per key: concurrent calls share it', async () => {
  const grant = credentials();
  answer = (request, response) => setTimeout(() => granted()(request, response), 100);
  const tokens = await Promise.all(Array.from({ length: 8 }, () => fetchToken(grant, options())));
  assert.equal(tokens, Array.from({ length: 8 }, () => `Bearer ${TOKEN}`));
  assert.is(received.length, 1);
  // ...and a failure is shared too, then not kept: the next call tries again.
  const failing = credentials();
  answer = (request, response) => setTimeout(() => json(503, '')(request, response), 100);
  const errors = await Promise.all(Array.from({ length: 4 }, () => rejection(fetchToken(failing, options()))));
  assert.equal(errors.map(body), Array.from({ length: 4 }, () => ({ code: 'service unavailable', message: 'Login is unavailable; try again later (HTTP 503).' })));
  assert.is(received.length, 2);
  answer = granted();
  assert.is(await fetchToken(failing, options()), `Bearer ${TOKEN}`);
  assert.is(received.length, 3);
});

oauth('bounded: past its size, the token used least recently is dropped', async () => {
  cache = createTokenCache(2);
  const [a, b, c] = [credentials(), credentials(), credentials()];
  await fetchToken(a, options());
  await fetchToken(b, options());
  await fetchToken(a, options());
  await fetchToken(c, options());
  assert.is(cache.entries.size, 2);
  assert.is(received.length, 3);
  // a was used after b: b went.
  await fetchToken(a, options());
  assert.is(received.length, 3);
  await fetchToken(b, options());
  assert.is(received.length, 4);
  assert.is(MAX_TOKENS, 100);
  assert.is(createTokenCache().max, MAX_TOKENS);
});

oauth('Azure AD\'s refusals: 400 and 401 are authorization errors quoting its description, on one line, the secret blanked', async () => {
  const grant = credentials({ clientSecret: 'Zq8~sEcReT.value' });
  const description = 'AADSTS7000215: Invalid client secret provided: Zq8~sEcReT.value.\r\nTrace ID: 0e6b\r\nCorrelation ID: 4c1d\r\nTimestamp: 2026-11-28 00:00:00Z';
  for (const status of [400, 401]) {
    answer = json(status, { error: 'invalid_client', error_description: description });
    assert.equal(body(await rejection(fetchToken(grant, options()))), {
      code: 'authorization error',
      message: 'Authorization failed: AADSTS7000215: Invalid client secret provided: [redacted]. Trace ID: 0e6b Correlation ID: 4c1d Timestamp: 2026-11-28 00:00:00Z',
    });
  }
  // A ServiceError: the endpoint's status and description, for a relay that words it its own way.
  const error = await rejection(fetchToken(grant, options()));
  assert.instance(error, ServiceError);
  assert.equal([(error as ServiceError).kind, (error as ServiceError).serviceStatus, (error as ServiceError).service], ['status', 401, 'Login']);
  assert.match(String((error as ServiceError).reason), /^AADSTS7000215: Invalid client secret provided: \[redacted\]\. Trace ID/);
  // Without a description (an HTML page, a number, blanks): the kit's sentence.
  for (const page of ['<html><body>Bad Request</body></html>', '{"error_description": 7}', '{"error_description": " \\u0000 "}', '[]', 'null']) {
    answer = json(401, page);
    assert.equal(body(await rejection(fetchToken(grant, options()))), { code: 'authorization error', message: 'Authorization failed: Login refused the client credentials (HTTP 401).' }, page);
  }
  // A description that would fill the screen is cut.
  answer = json(400, { error_description: 'x'.repeat(5000) });
  assert.is((await rejection(fetchToken(grant, options()))).message, `Authorization failed: ${'x'.repeat(499)}…`);
});

oauth('other statuses are the service client\'s errors, whatever the body says', async () => {
  const expected: [number, string, string][] = [
    [403, 'authorization error', 'Authorization failed: Login refused the credentials (HTTP 403).'],
    [404, 'not found', 'Login has no such resource (HTTP 404).'],
    [429, 'too many requests', 'Too many requests to Login; try again later (HTTP 429).'],
    [500, 'service unavailable', 'Login is unavailable; try again later (HTTP 500).'],
    [302, 'unknown', 'Unexpected response from Login (HTTP 302).'],
    [418, 'unknown', 'Unexpected response from Login (HTTP 418).'],
  ];
  for (const [status, code, message] of expected) {
    answer = json(status, { error_description: 'ignored' });
    assert.equal(body(await rejection(fetchToken(credentials(), options()))), { code, message }, String(status));
  }
});

oauth('a 2xx without a usable token: HTML, no token, a token or type that would break the header', async () => {
  const pages = [
    '<!DOCTYPE html><html>Sign in</html>', '', '[]', '"token"', '{}', '{"access_token": ""}', '{"access_token": 12}',
    JSON.stringify({ access_token: 'abc\r\nx-injected: 1' }), JSON.stringify({ access_token: 'a b' }), JSON.stringify({ access_token: 'abc', token_type: 'Bearer x' }),
    JSON.stringify({ access_token: 'abc', token_type: 7 }), JSON.stringify({ access_token: 'abc', token_type: '' }),
  ];
  for (const page of pages) {
    answer = json(200, page);
    assert.equal(body(await rejection(fetchToken(credentials(), options()))), { code: 'unknown', message: 'Unexpected response from Login: the answer holds no access token.' }, page);
  }
  answer = json(200, '<html>');
  const error = await rejection(fetchToken(credentials(), options()));
  assert.equal([(error as ServiceError).kind, (error as ServiceError).serviceStatus, (error as ServiceError).reason], ['answer', 200, 'no access token']);
  answer = json(503, { error_description: 'AADSTS50000: down.' });
  const down = await rejection(fetchToken(credentials(), options()));
  assert.equal([(down as ServiceError).kind, (down as ServiceError).serviceStatus, (down as ServiceError).reason], ['status', 503, 'AADSTS50000: down.']);
  // token_type is case-insensitive (RFC 6749 §5.1), written `Bearer`; another scheme is kept.
  answer = granted({ token_type: 'bearer' });
  assert.is(await fetchToken(credentials(), options()), `Bearer ${TOKEN}`);
  answer = granted({ token_type: 'DPoP' });
  assert.is(await fetchToken(credentials(), options()), `DPoP ${TOKEN}`);
  answer = granted({ token_type: undefined, access_token: 'a-b_c.d~e+f/g==' });
  assert.is(await fetchToken(credentials(), options()), 'Bearer a-b_c.d~e+f/g==');
});

oauth('a relay\'s own words for failures (Cisco\'s Defender relay), the kit\'s where it has none', async () => {
  const seen: unknown[] = [];
  const errors: TokenOptions['errors'] = (failure) => {
    seen.push(failure);
    if (failure.status === 404) return new RelayError('permission denied', 'Invalid Authorization Bearer JWT.');
    if (failure.status === 200) return new RelayError('invalid request', 'Access Token does not exist.');
    return undefined;
  };
  answer = json(404, { error_description: 'Tenant not found.' });
  assert.equal(body(await rejection(fetchToken(credentials(), options({ errors })))), { code: 'permission denied', message: 'Invalid Authorization Bearer JWT.' });
  answer = json(200, { without_token: 'skip' });
  assert.equal(body(await rejection(fetchToken(credentials(), options({ errors })))), { code: 'invalid request', message: 'Access Token does not exist.' });
  answer = json(401, { error_description: 'Bad client.' });
  assert.equal(body(await rejection(fetchToken(credentials(), options({ errors })))), { code: 'authorization error', message: 'Authorization failed: Bad client.' });
  assert.equal(seen, [{ status: 404, description: 'Tenant not found.' }, { status: 200, description: undefined }, { status: 401, description: 'Bad client.' }]);
});

oauth('every safety of the service client: a huge answer, one that never comes, a redirect away, a bad URL', async () => {
  answer = (_, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(`{"access_token": "${'a'.repeat(DEFAULT_TOKEN_BYTES)}"}`);
  };
  assert.is((await rejection(fetchToken(credentials(), options()))).message, `Unexpected response from Login: the answer is larger than ${DEFAULT_TOKEN_BYTES} bytes.`);
  answer = () => undefined;
  assert.equal(body(await rejection(fetchToken(credentials(), options({ timeoutMs: 200 })))), { code: 'service unavailable', message: 'Login did not answer within 200 ms.' });
  answer = json(307, '', { location: 'https://evil.example/token' });
  assert.is((await rejection(fetchToken(credentials(), options()))).message, 'Unexpected response from Login: a redirect away from its base URL (HTTP 307).');
  for (const tokenUrl of ['not a url', 'ftp://login.example/token', 'https://user:pass@login.example/token']) {
    assert.is((await rejection(fetchToken(credentials({ tokenUrl }), options()))).message, 'Could not call Login: its base URL is not a valid http(s) URL without credentials.', tokenUrl);
  }
  answer = granted();
  // The token URL as written, whatever its last segment looks like.
  assert.is(await fetchToken(credentials({ tokenUrl: `${origin}/t/oauth2:token` }), options()), `Bearer ${TOKEN}`);
  assert.is(received.at(-1)?.path, '/t/oauth2:token');
  // Or a folder.
  assert.is(await fetchToken(credentials({ tokenUrl: `${origin}/t/token/` }), options()), `Bearer ${TOKEN}`);
  assert.is(received.at(-1)?.path, '/t/token/');
});

oauth('the request\'s deadline: no fetch after it; a caller of another request whose fetch failed tries once itself', async () => {
  const scope = (ms: number) => new RequestContext({ credentials: {}, settings: {}, entitiesLimit: 100, requestId: 'r' }, Date.now() + ms, ms);
  const grant = credentials();
  const late = scope(0);
  late.expire();
  assert.equal(body(await rejection(runInScope(late, () => fetchToken(grant, options())))), {
    code: 'service unavailable', message: 'Login could not be called before the relay\'s deadline.',
  });
  assert.is(received.length, 0);
  // Request A starts the fetch; request B, with time, joins it; A's deadline comes before the
  // endpoint answers: B fetches again. Each step waits on the one before, not on a clock, so that
  // a loaded machine runs the same story.
  let arrived = () => {};
  const reached = new Promise<void>((resolve) => (arrived = resolve));
  answer = (request, response) => {
    arrived();
    setTimeout(() => granted()(request, response), 300);
  };
  const short = scope(60_000);
  const long = scope(60_000);
  const [a, b] = await Promise.allSettled([
    runInScope(short, () => fetchToken(grant, options())),
    runInScope(long, async () => {
      await reached;
      const token = fetchToken(grant, options());
      short.expire();
      return token;
    }),
  ]);
  assert.equal(a.status === 'rejected' ? body(a.reason) : a, { code: 'service unavailable', message: 'Login could not be called before the relay\'s deadline.' });
  assert.equal(b, { status: 'fulfilled', value: `Bearer ${TOKEN}` });
  assert.is(received.length, 2);
  // Three requests at once against an endpoint that fails: the first fetches, the second tries
  // once more, the third shares that second failure.
  const grant3 = credentials();
  received.length = 0;
  answer = (request, response) => setTimeout(() => json(503, '')(request, response), 100);
  const three = await Promise.allSettled([scope(5000), scope(5000), scope(5000)].map((each) => runInScope(each, () => fetchToken(grant3, options()))));
  assert.equal(three.map((result) => result.status), ['rejected', 'rejected', 'rejected']);
  assert.is(received.length, 2);
  // A caller of the same request shares the failure rather than trying again.
  const grant2 = credentials();
  received.length = 0;
  const both = scope(60_000);
  const results = await runInScope(both, () => Promise.allSettled([fetchToken(grant2, options()), fetchToken(grant2, options())]));
  assert.equal(results.map((result) => result.status), ['rejected', 'rejected']);
  assert.is(received.length, 1);
});

oauth('createOAuthService: each call carries the token; a 401 on a kept token fetches a new one and sends the call once more', async () => {
  const grant = credentials();
  let apiAnswers: number[] = [];
  const tokensSeen: (string | undefined)[] = [];
  let issued = 0;
  answer = (request, response) => {
    if (request.path.startsWith('/api/')) {
      tokensSeen.push(request.headers.authorization);
      return json(apiAnswers.shift() ?? 200, { ok: true })(request, response);
    }
    issued += 1;
    return json(200, { access_token: `token-${issued}`, expires_in: 3600 })(request, response);
  };
  const service = createOAuthService({ name: 'Defender', baseUrl: `${origin}/api/v1.0`, credentials: grant, timeoutMs: 30_000, tokens: { cache, now: () => clock } });
  assert.equal(await service('machines', { query: { top: '1' } }), { ok: true });
  assert.equal(await service('alerts'), { ok: true });
  assert.equal(tokensSeen, ['Bearer token-1', 'Bearer token-1']);
  // Revoked: the kept token is refused once, a new one is fetched, the call sent again.
  apiAnswers = [401];
  assert.equal(await service('alerts'), { ok: true });
  assert.equal(tokensSeen.slice(2), ['Bearer token-1', 'Bearer token-2']);
  // A 401 on a token fetched for this very call is the service's answer: no loop.
  forgetToken(grant, cache);
  apiAnswers = [401];
  assert.equal(body(await rejection(service('alerts'))), { code: 'authorization error', message: 'Authorization failed: Defender refused the credentials (HTTP 401).' });
  assert.equal(tokensSeen.slice(4), ['Bearer token-3']);
  // A kept token refused, and the new one too: the second answer stands.
  apiAnswers = [401, 401];
  assert.is((await service.raw('alerts')).status, 401);
  assert.equal(tokensSeen.slice(5), ['Bearer token-3', 'Bearer token-4']);
  // The token endpoint's failure is the call's.
  forgetToken(grant, cache);
  answer = json(400, { error_description: 'AADSTS90002: Tenant not found.' });
  assert.equal(body(await rejection(service('alerts'))), { code: 'authorization error', message: 'Authorization failed: AADSTS90002: Tenant not found.' });
});

oauth('createOAuthService: a token another call has already replaced is not dropped', async () => {
  const grant = credentials();
  let issued = 0;
  let refuseFirst = true;
  answer = (request, response) => {
    if (request.path.startsWith('/api/')) {
      const refuse = refuseFirst && request.headers.authorization === 'Bearer token-1';
      if (refuse) {
        // While this 401 is on its way, another call puts a new token in the cache.
        refuseFirst = false;
        clock += 7200_000;
        void fetchToken(grant, { name: 'Login', cache, now: () => clock }).then(() => json(401, {})(request, response));
        return undefined;
      }
      return json(200, { token: request.headers.authorization })(request, response);
    }
    issued += 1;
    return json(200, { access_token: `token-${issued}`, expires_in: 7200 })(request, response);
  };
  const service = createOAuthService({ name: 'Defender', baseUrl: `${origin}/api`, credentials: grant, tokens: { cache, now: () => clock, name: 'Login' } });
  await fetchToken(grant, { name: 'Login', cache, now: () => clock });
  assert.equal(await service('x'), { token: 'Bearer token-2' });
  assert.is(issued, 2);
});

oauth('createOAuthService without token options: the relay\'s cache, the service\'s fetch; a 401 without a body', async () => {
  const { params: _, ...grant } = credentials({ tokenUrl: 'https://login.test/t/oauth2/token' });
  const sent: [string, Record<string, string>][] = [];
  let issued = 0;
  const fake = (async (url: URL | string, init?: RequestInit) => {
    sent.push([String(url), init?.headers as Record<string, string>]);
    if (String(url).startsWith('https://login.test/')) {
      issued += 1;
      return Response.json({ access_token: `t${issued}`, expires_in: 3600 });
    }
    // A fetch may answer a 401 with no body at all.
    return sent.length === 3 ? new Response(null, { status: 401 }) : Response.json({ ok: 1 });
  }) as typeof fetch;
  const service = createOAuthService({ name: 'Api', baseUrl: 'https://api.test/v1', credentials: grant, fetch: fake });
  assert.equal(await service('a'), { ok: 1 });
  assert.equal(await service('b'), { ok: 1 });
  assert.equal(sent.map(([url, headers]) => [url, headers['authorization'] ?? null]), [
    ['https://login.test/t/oauth2/token', null],
    ['https://api.test/v1/a', 'Bearer t1'],
    ['https://api.test/v1/b', 'Bearer t1'],
    ['https://login.test/t/oauth2/token', null],
    ['https://api.test/v1/b', 'Bearer t2'],
  ]);
  forgetToken(grant);
});

oauth.run();
