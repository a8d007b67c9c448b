// The relay API (docs/relay-api.md), row by row, through the whole pipeline.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { version } from '../package.json';
import { RelayError, type ErrorBody } from '../handler/errors.ts';
import type { Context, Integration } from '../handler/contract.ts';
import { createRelay, handler, listApis } from '../handler/index.ts';
import { bundle, verdict } from '../handler/kit/ctim.ts';
import { settle, toAnswer } from '../handler/kit/partial.ts';
import { integration as stub } from './stub/integration.ts';
import {
  authError, call, errors, event, harness, invalid, NOW, NOW_SECONDS, post, SECRET, sign, TOKEN,
  VECTOR_SECRET, VECTOR_TOKEN,
} from './fixtures.ts';

const JSON_HEADERS = { 'content-type': 'application/json' };
const OBSERVABLES = [{ type: 'ip', value: '1.1.1.1' }];

const routes = suite('routes');

const ANSWERS: [string, unknown, unknown][] = [
  ['/health', undefined, { data: { status: 'ok' } }],
  ['/deliberate/observables', OBSERVABLES, { data: {} }],
  ['/observe/observables', OBSERVABLES, { data: {} }],
  ['/refer/observables', OBSERVABLES, { data: [] }],
  ['/respond/observables', OBSERVABLES, { data: [] }],
  [
    '/respond/trigger',
    { 'action-id': 'block', observable_type: 'ip', observable_value: '1.1.1.1' },
    { data: { status: 'success' } },
  ],
  ['/tiles', undefined, { data: [] }],
  ['/tiles/tile', { tile_id: 'top' }, { data: {} }],
  ['/tiles/tile-data', { tile_id: 'top', period: 'last_7_days' }, { data: {} }],
];

for (const [path, body, expected] of ANSWERS) {
  routes(`POST ${path} answers ${JSON.stringify(expected)}`, async () => {
    const { handler } = harness();
    const input = body === undefined ? event(path) : post(path, body);
    assert.equal(await call(handler, input), { status: 200, headers: JSON_HEADERS, body: expected });
  });

  routes(`POST ${path} needs a token`, async () => {
    const { handler } = harness();
    const input = body === undefined ? event(path, { token: null }) : post(path, body, { token: null });
    assert.equal((await call(handler, input)).body, authError('Authorization header is missing'));
  });

  routes(`GET ${path} is 405 with Allow: POST`, async () => {
    const { handler } = harness();
    assert.equal(await call(handler, event(path, { method: 'GET' })), {
      status: 405,
      headers: { allow: 'POST', ...JSON_HEADERS },
      body: errors('method not allowed', 'The method is not allowed for the requested URL.'),
    });
  });
}

routes('POST /version answers the package version, unwrapped, without a token', async () => {
  const { handler } = harness({});
  assert.equal(await call(handler, event('/version', { token: null })), {
    status: 200,
    headers: JSON_HEADERS,
    body: { version },
  });
});

routes('GET /version is 405', async () => {
  const { handler } = harness();
  assert.is((await call(handler, event('/version', { method: 'GET' }))).status, 405);
});

for (const path of ['/', '', '/unknown', '/constructor', '/__proto__', '/toString', '/health//', '/HEALTH', '/observe']) {
  routes(`POST ${JSON.stringify(path)} is 404`, async () => {
    const { handler } = harness();
    assert.equal(await call(handler, event(path)), {
      status: 404,
      headers: JSON_HEADERS,
      body: errors('not found', 'The requested URL was not found on the server.'),
    });
  });
}

routes('one trailing slash is accepted', async () => {
  const { handler } = harness();
  assert.equal((await call(handler, event('/health/'))).body, { data: { status: 'ok' } });
});

routes('rawPath is used as given, never decoded again', async () => {
  const { handler } = harness();
  assert.is((await call(handler, event('/health%2F'))).status, 404);
});

routes('an event that is not an HTTP API event is a 400, not a throw', async () => {
  const { handler } = harness();
  for (const input of [null, undefined, 42, 'x', [], {}, { rawPath: '/health' }, { requestContext: { http: {} } }]) {
    assert.equal(await call(handler, input), {
      status: 400,
      headers: JSON_HEADERS,
      body: errors('invalid argument', 'Expected an API Gateway HTTP API event (payload format 2.0).'),
    });
  }
});

routes.run();

const authorization = suite('authorization');

const AUTH_ROWS: [string, Record<string, string> | undefined, string][] = [
  ['no header', undefined, 'Authorization header is missing'],
  ['an empty header', { authorization: '' }, 'Authorization header is missing'],
  ['a blank header', { authorization: '   ' }, 'Authorization header is missing'],
  ['Basic', { authorization: 'Basic dXNlcjpwYXNz' }, 'Wrong authorization type'],
  ['wrong_type', { authorization: `wrong_type ${TOKEN}` }, 'Wrong authorization type'],
  ['Bearer alone', { authorization: 'Bearer' }, 'Wrong JWT structure'],
  ['two tokens', { authorization: `Bearer ${TOKEN} ${TOKEN}` }, 'Wrong JWT structure'],
  ['a repeated header', { authorization: `Bearer ${TOKEN},Bearer ${TOKEN}` }, 'Wrong JWT structure'],
  ['two segments', { authorization: 'Bearer a.b' }, 'Wrong JWT structure'],
  ['an unsigned token', { authorization: `Bearer ${sign({ key: 'k' }, SECRET, { alg: 'none' }).replace(/[^.]*$/, '')}` }, 'Failed to decode JWT with provided key'],
  ['HS512', { authorization: `Bearer ${sign({ key: 'k' }, SECRET, { alg: 'HS512' })}` }, 'Failed to decode JWT with provided key'],
  ['a wrong secret', { authorization: `Bearer ${sign({ key: 'k' }, 'another secret')}` }, 'Failed to decode JWT with provided key'],
  ['no key claim', { authorization: `Bearer ${sign({ sub: 'k' })}` }, 'Wrong JWT payload structure'],
  ['an expired token', { authorization: `Bearer ${sign({ key: 'k', exp: NOW_SECONDS - 61 })}` }, 'JWT has expired'],
  ['a future token', { authorization: `Bearer ${sign({ key: 'k', nbf: NOW_SECONDS + 61 })}` }, 'JWT is not yet valid'],
  ['a string exp', { authorization: `Bearer ${sign({ key: 'k', exp: '1' })}` }, 'Wrong JWT payload structure'],
];

for (const [name, headers, reason] of AUTH_ROWS) {
  authorization(`${name}: ${reason}`, async () => {
    const { handler } = harness();
    const result = await call(handler, event('/health', { token: null, ...(headers ? { headers } : {}) }));
    assert.equal(result, { status: 200, headers: JSON_HEADERS, body: authError(reason) });
  });
}

authorization('the scheme is case-insensitive', async () => {
  const { handler } = harness();
  const result = await call(handler, event('/health', { token: null, headers: { authorization: `bEaReR ${TOKEN}` } }));
  assert.equal(result.body, { data: { status: 'ok' } });
});

authorization('SECRET_KEY unset or empty: <SECRET_KEY> is missing', async () => {
  for (const env of [{}, { SECRET_KEY: '' }, { SECRET_KEY_PREVIOUS: SECRET }]) {
    const { handler } = harness(env);
    assert.equal((await call(handler, event('/health'))).body, authError('<SECRET_KEY> is missing'));
  }
});

authorization('the contract test vector verifies', async () => {
  const { handler } = harness({ SECRET_KEY: VECTOR_SECRET });
  assert.equal((await call(handler, event('/health', { token: VECTOR_TOKEN }))).body, { data: { status: 'ok' } });
});

authorization('a token signed with SECRET_KEY_PREVIOUS is accepted during a rotation', async () => {
  const old = sign({ key: 'k' }, 'the-previous-secret');
  const rotating = harness({ SECRET_KEY: SECRET, SECRET_KEY_PREVIOUS: 'the-previous-secret' });
  assert.equal((await call(rotating.handler, event('/health', { token: old }))).body, { data: { status: 'ok' } });
  assert.equal((await call(rotating.handler, event('/health'))).body, { data: { status: 'ok' } });
  const rotated = harness({ SECRET_KEY: SECRET });
  assert.equal(
    (await call(rotated.handler, event('/health', { token: old }))).body,
    authError('Failed to decode JWT with provided key'),
  );
});

authorization('authorization is checked before the body', async () => {
  const { handler } = harness();
  const result = await call(handler, event('/observe/observables', { token: null, body: 'not json' }));
  assert.equal(result.body, authError('Authorization header is missing'));
  const wrong = await call(handler, event('/observe/observables', { token: sign({ key: 'k' }, 'x'), body: '{' }));
  assert.equal(wrong.body, authError('Failed to decode JWT with provided key'));
});

authorization('claims beyond the declared ones (aud, iss, jti) are allowed', async () => {
  const { handler } = harness();
  const token = sign({ key: 'k', aud: 'xdr', iss: 'https://visibility.amp.cisco.com', jti: 'x', iat: NOW_SECONDS });
  assert.equal((await call(handler, event('/health', { token }))).body, { data: { status: 'ok' } });
});

authorization.run();

const bodies = suite('bodies');

const BODY_ROWS: [string, EventBody, unknown][] = [
  ['a missing body', { }, { _schema: ['Invalid input type.'] }],
  ['an empty body', { body: '' }, { _schema: ['Invalid input type.'] }],
  ['a body that is not JSON', { body: '[{"type": "ip",' }, { _schema: ['Invalid input type.'] }],
  ['an object where a list is expected', { body: '{"type":"ip","value":"1.1.1.1"}' }, { _schema: ['Invalid input type.'] }],
  ['a list item that is not an object', { body: '["ip"]' }, { 0: { _schema: ['Invalid input type.'] } }],
  ['a missing field', { body: '[{"type":"ip"}]' }, { 0: { value: ['Missing data for required field.'] } }],
  ['a blank field', { body: '[{"type":"ip","value":""}]' }, { 0: { value: ['Field may not be blank.'] } }],
  ['a null field', { body: '[{"type":null,"value":"x"}]' }, { 0: { type: ['Field may not be null.'] } }],
  ['a field that is not a string', { body: '[{"type":"ip","value":1}]' }, { 0: { value: ['Not a valid string.'] } }],
  ['an unknown field', { body: '[{"type":"ip","value":"x","id":1}]' }, { 0: { id: ['Unknown field.'] } }],
];

type EventBody = { body?: string };

for (const [name, body, fieldErrors] of BODY_ROWS) {
  bodies(`${name}: ${JSON.stringify(fieldErrors)}`, async () => {
    const { handler } = harness();
    const result = await call(handler, event('/observe/observables', body));
    assert.equal(result, { status: 200, headers: JSON_HEADERS, body: invalid(fieldErrors) });
  });
}

bodies("the contract's example message, exactly", async () => {
  const { handler } = harness();
  const result = await call(handler, post('/deliberate/observables', [{ type: 'ip', value: '' }]));
  assert.equal(result.body, errors(
    'invalid argument',
    'Invalid JSON payload received. {"0":{"value":["Field may not be blank."]}}.',
  ));
});

bodies('an empty list of observables is valid', async () => {
  const { handler } = harness();
  assert.equal((await call(handler, post('/refer/observables', []))).body, { data: [] });
});

bodies('the body is JSON whatever the content type says', async () => {
  const { handler } = harness();
  const input = event('/observe/observables', { headers: { 'content-type': 'text/plain' }, body: JSON.stringify(OBSERVABLES) });
  assert.equal((await call(handler, input)).body, { data: {} });
});

bodies('a base64 body is decoded', async () => {
  const { handler } = harness();
  const body = Buffer.from(JSON.stringify(OBSERVABLES)).toString('base64');
  assert.equal((await call(handler, event('/observe/observables', { body, isBase64Encoded: true }))).body, { data: {} });
});

bodies('a base64 body that is not UTF-8 is invalid, not mangled', async () => {
  const { handler } = harness();
  const body = Buffer.from([0x5b, 0x22, 0xff, 0x22, 0x5d]).toString('base64');
  const result = await call(handler, event('/observe/observables', { body, isBase64Encoded: true }));
  assert.equal(result.body, invalid({ _schema: ['Invalid input type.'] }));
});

bodies('trigger: extra keys are allowed, action_id is not action-id', async () => {
  const { handler } = harness();
  const extra = { 'action-id': 'a', observable_type: 'ip', observable_value: 'v', 'query-param': 'x' };
  assert.equal((await call(handler, post('/respond/trigger', extra))).body, { data: { status: 'success' } });
  const underscore = { action_id: 'a', observable_type: 'ip', observable_value: 'v' };
  assert.equal(
    (await call(handler, post('/respond/trigger', underscore))).body,
    invalid({ 'action-id': ['Missing data for required field.'] }),
  );
});

bodies('tiles: unknown keys are refused, declared fields first', async () => {
  const { handler } = harness();
  assert.equal(
    (await call(handler, post('/tiles/tile-data', { extra: 1, period: '' }))).body,
    invalid({ tile_id: ['Missing data for required field.'], period: ['Field may not be blank.'], extra: ['Unknown field.'] }),
  );
  assert.equal((await call(handler, post('/tiles/tile', []))).body, invalid({ _schema: ['Invalid input type.'] }));
});

bodies('a valid body is valid even where some other code made a key of Object.prototype enumerable (the full checks count own keys only)', async () => {
  let received: unknown;
  const { handler } = harness(undefined, integrationWith({ observe: async (observables) => {
    received = observables;
    return { data: {} };
  } }));
  Object.defineProperty(Object.prototype, 'polluted', { value: 1, enumerable: true, configurable: true, writable: true });
  try {
    assert.equal((await call(handler, post('/observe/observables', OBSERVABLES))).body, { data: {} });
  } finally {
    delete (Object.prototype as Record<string, unknown>)['polluted'];
  }
  assert.equal(received, OBSERVABLES);
});

bodies('health and tiles ignore their body', async () => {
  const { handler } = harness();
  assert.equal((await call(handler, event('/health', { body: 'not json' }))).body, { data: { status: 'ok' } });
  assert.equal((await call(handler, event('/tiles', { body: '{' }))).body, { data: [] });
});

bodies.run();

const answers = suite('answers');

function integrationWith(overrides: Partial<Integration>): Integration {
  return { ...stub, ...overrides };
}

answers('partial results: data and errors together', async () => {
  const partial = integrationWith({
    observe: async () => ({
      data: { sightings: { count: 0, docs: [] } },
      errors: [{ type: 'fatal', code: 'service unavailable', message: 'Service unavailable.' }],
    }),
  });
  const { handler } = harness(undefined, partial);
  assert.equal(await call(handler, post('/observe/observables', OBSERVABLES)), {
    status: 200,
    headers: JSON_HEADERS,
    body: {
      data: { sightings: { count: 0, docs: [] } },
      errors: [{ type: 'fatal', code: 'service unavailable', message: 'Service unavailable.' }],
    },
  });
});

answers('a RelayError thrown by an integration is its answer', async () => {
  const failing = integrationWith({
    health: async () => {
      throw new RelayError('too many requests', 'Too many requests to the service.');
    },
  });
  const { handler } = harness(undefined, failing);
  assert.equal(await call(handler, event('/health')), {
    status: 200,
    headers: JSON_HEADERS,
    body: errors('too many requests', 'Too many requests to the service.'),
  });
});

answers('an unexpected error is a 500 with no detail, and its stack is logged with the request id', async () => {
  const crashing = integrationWith({
    tiles: async () => {
      throw new Error(`boom ${SECRET.length}`);
    },
  });
  const { handler, logs } = harness(undefined, crashing);
  assert.equal(await call(handler, event('/tiles')), {
    status: 500,
    headers: JSON_HEADERS,
    body: errors('unknown', 'Something went wrong.'),
  });
  const [crash, line] = logs();
  assert.is(crash?.['level'], 'error');
  assert.is(crash?.['requestId'], 'JKJaXmPLvHcESHA=');
  assert.match(String(crash?.['error']), /Error: boom 64\n\s+at /);
  assert.equal(line?.['status'], 500);
  assert.equal(line?.['code'], 'unknown');
});

answers('odd things thrown are logged too', async () => {
  for (const thrown of [null, 'text', Object.create(null), 1n]) {
    const { handler, logs } = harness(undefined, integrationWith({ tiles: () => Promise.reject(thrown) }));
    assert.is((await call(handler, event('/tiles'))).status, 500);
    assert.is(logs()[0]?.['level'], 'error');
  }
});

answers('an answer that cannot be serialized is a 500, not a throw', async () => {
  const { handler } = harness(undefined, integrationWith({ tiles: async () => ({ data: 1n }) }));
  assert.equal((await call(handler, event('/tiles'))).body, errors('unknown', 'Something went wrong.'));
});

answers('the integration receives the declared claims, the entity limit and the request id', async () => {
  let seen: unknown;
  const spy = integrationWith({
    observe: async (observables, context) => {
      seen = { observables, context };
      return { data: {} };
    },
  });
  const { handler } = harness({ SECRET_KEY: SECRET, CTR_ENTITIES_LIMIT: '7' }, spy);
  const token = sign({ key: 'the-key', aud: 'xdr' });
  await call(handler, post('/observe/observables', [...OBSERVABLES, { type: 'IP', value: '1.1.1.1' }], { token }));
  const { deadline, signal, ...rest } = (seen as { context: Context }).context;
  assert.equal({ observables: (seen as { observables: unknown }).observables, context: rest }, {
    observables: OBSERVABLES,
    context: { credentials: { key: 'the-key' }, settings: {}, entitiesLimit: 7, requestId: 'JKJaXmPLvHcESHA=' },
  });
  assert.instance(signal, AbortSignal);
  // No Lambda context here: the configured budget (10 s) minus the margin (500 ms), on the injected clock.
  assert.is(deadline, NOW + 9500);
});

answers('the last line of defence cannot throw: revoked proxies, throwing traps and stack getters', async () => {
  const revocable = Proxy.revocable({}, {});
  revocable.revoke();
  const trapping = new Proxy({}, {
    get() { throw new Error('get trap'); },
    getPrototypeOf() { throw new Error('getPrototypeOf trap'); },
    ownKeys() { throw new Error('ownKeys trap'); },
    getOwnPropertyDescriptor() { throw new Error('descriptor trap'); },
  });
  const badStack = new Error('stack');
  Object.defineProperty(badStack, 'stack', { get() { throw new Error('stack getter'); } });
  for (const thrown of [revocable.proxy, trapping, badStack]) {
    const { handler, logs } = harness(undefined, integrationWith({ tiles: () => Promise.reject(thrown) }));
    const result = await call(handler, event('/tiles'));
    assert.equal(result.body, errors('unknown', 'Something went wrong.'));
    assert.is(result.status, 500);
    const [crash, line] = logs();
    assert.is(crash?.['level'], 'error');
    assert.is(typeof crash?.['error'], 'string');
    assert.equal([line?.['status'], line?.['code']], [500, 'unknown']);
  }
});

answers('an API the integration leaves out answers 404, like an unknown path', async () => {
  const { tiles: _tiles, ...rest } = stub;
  const { handler } = harness(undefined, rest);
  assert.equal(await call(handler, event('/tiles')), {
    status: 404,
    headers: JSON_HEADERS,
    body: errors('not found', 'The requested URL was not found on the server.'),
  });
  assert.equal((await call(handler, post('/tiles/tile', { tile_id: 't' }))).body, { data: {} });
});

answers('declared settings reach the integration: from the environment, else their default', async () => {
  let seen: unknown;
  const withSettings = integrationWith({
    settings: [
      { name: 'SERVICE_URL', description: 'where', default: 'https://default.test' },
      { name: 'SERVICE_REGION', description: 'region' },
    ],
    health: async (context) => {
      seen = context.settings;
      return { data: { status: 'ok' } };
    },
  });
  const { handler } = harness({ SECRET_KEY: SECRET, SERVICE_REGION: 'eu', OTHER: 'x' }, withSettings);
  await call(handler, event('/health'));
  assert.equal(seen, { SERVICE_URL: 'https://default.test', SERVICE_REGION: 'eu' });
});

answers('a required setting that is missing: a warning at start, and a 500 that names it after authorization', async () => {
  let called = false;
  const needy = integrationWith({
    settings: [{ name: 'SERVICE_URL', description: 'where' }],
    health: async () => {
      called = true;
      return { data: {} };
    },
  });
  const { handler, logs } = harness({ SECRET_KEY: SECRET, SERVICE_URL: '' }, needy);
  assert.equal(logs()[0], { level: 'warn', message: "settings missing (set them in Terraform's settings map): SERVICE_URL" });
  assert.equal(await call(handler, event('/health', { token: 'x.y.z' })), {
    status: 200,
    headers: JSON_HEADERS,
    body: authError('Wrong JWT structure'),
  });
  assert.equal(await call(handler, event('/health')), {
    status: 500,
    headers: JSON_HEADERS,
    body: errors('unknown', 'The relay is not configured: the setting SERVICE_URL is missing.'),
  });
  assert.equal((await call(handler, event('/version', { token: null }))).status, 200);
  assert.not.ok(called);
});

answers('a setting name the template or Lambda uses is refused at start', () => {
  for (const name of ['SECRET_KEY', 'CTR_ENTITIES_LIMIT', 'AWS_REGION', 'lower', 'NODE_OPTIONS', '1X']) {
    assert.throws(() => harness(undefined, integrationWith({ settings: [{ name, description: '' }] })), /Setting name must be/, name);
  }
});

answers('createRelay: configured from the environment it is given, logging where it is told', async () => {
  const lines: string[] = [];
  const relay = createRelay({ SECRET_KEY: SECRET, CTR_ENTITIES_LIMIT: 'lots' }, (line) => lines.push(line));
  assert.is(JSON.parse(lines[0] ?? '{}').message, 'CTR_ENTITIES_LIMIT must be a positive integer; using 100');
  const result = await relay(event('/version', { token: null }));
  assert.equal(JSON.parse(result.body), { version });
  assert.is(lines.length, 2);
});

answers('handler: built from process.env on its first call, once, logging to stdout', async () => {
  const write = process.stdout.write;
  const written: string[] = [];
  process.stdout.write = ((chunk: string) => written.push(chunk) > 0) as typeof process.stdout.write;
  try {
    assert.is((await handler(event('/version', { token: null }))).statusCode, 200);
    assert.is((await handler(event('/version', { token: null }))).statusCode, 200);
  } finally {
    process.stdout.write = write;
  }
  assert.equal(written.map((line) => JSON.parse(line).path), ['/version', '/version']);
  // Whatever handler/integration.ts offers: /health always, /version never (it needs no token).
  assert.is(listApis()[0], 'health');
  assert.not.ok(listApis().includes('version'));
});

answers('the deadline: Lambda\'s remaining time minus the margin; the signal aborts then', async () => {
  let seen: Context | undefined;
  const { handler } = harness({ SECRET_KEY: SECRET, DEADLINE_MARGIN_MS: '100' }, integrationWith({
    health: async (context) => {
      seen = context;
      await new Promise((resolve) => context.signal.addEventListener('abort', resolve));
      return { data: { status: 'late' } };
    },
  }));
  const started = Date.now();
  const result = await handler(event('/health'), { awsRequestId: 'x', getRemainingTimeInMillis: () => 300 });
  // What the API answered as the signal aborted is its answer: the kit's partial results.
  assert.is(JSON.parse(result.body).data.status, 'late');
  // On the injected clock; the timer itself runs on the real one.
  assert.is(seen?.deadline, NOW + 200);
  assert.ok(Date.now() - started >= 190, String(Date.now() - started));
  assert.is((seen?.signal.reason as DOMException).name, 'TimeoutError');
  // A context whose clock is not a function, or answers nonsense, is ignored.
  for (const context of [{ getRemainingTimeInMillis: 5 }, { getRemainingTimeInMillis: () => 'soon' }]) {
    const { handler: other } = harness(undefined, integrationWith({
      health: async (context) => {
        seen = context;
        return { data: {} };
      },
    }));
    await other(event('/health'), context);
    assert.is(seen?.deadline, NOW + 9500);
  }
});

answers('an API that ignores the signal and sleeps past the deadline: the timeout envelope, before Lambda\'s limit', async () => {
  let seen: Context | undefined;
  let sleeping: NodeJS.Timeout | undefined;
  const { handler, logs } = harness({ SECRET_KEY: SECRET, DEADLINE_MARGIN_MS: '1500' }, integrationWith({
    observe: (_observables, context) => {
      seen = context;
      return new Promise((resolve) => {
        sleeping = setTimeout(() => resolve({ data: { status: 'too late' } }), 5000);
      });
    },
  }));
  const started = Date.now();
  // Lambda would kill it at 2500 ms; the deadline is at 1000 (a 1500 ms margin, for a loaded
  // machine's late timers), the answer 50 ms after.
  const result = await call(handler, post('/observe/observables', OBSERVABLES), { getRemainingTimeInMillis: () => 2500 });
  const elapsed = Date.now() - started;
  clearTimeout(sleeping);
  assert.equal(result, {
    status: 200,
    headers: JSON_HEADERS,
    body: errors('service unavailable', 'Timeout: the relay could not answer before its deadline.'),
  });
  assert.ok(elapsed >= 1000 && elapsed < 2500, `answered after ${elapsed} ms`);
  // The signal it did not ask for is aborted when it does.
  assert.is(seen?.signal.aborted, true);
  assert.equal([logs()[0]?.['status'], logs()[0]?.['code']], [200, 'service unavailable']);
});

answers('the deadline holds its own timer: garbage collections while the API sleeps do not lose it', async () => {
  // What --expose-gc gives a script, for this process (nodejs/node#57736: a collected
  // AbortSignal.timeout() never fires).
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  let seen: Context | undefined;
  let sleeping: NodeJS.Timeout | undefined;
  const { handler } = harness({ SECRET_KEY: SECRET, DEADLINE_MARGIN_MS: '1500' }, integrationWith({
    health: (context) => {
      seen = context;
      // The signal exists (and nothing else holds it) before the collections start.
      void context.signal;
      return new Promise((resolve) => {
        sleeping = setTimeout(() => resolve({ data: { status: 'too late' } }), 10_000);
      });
    },
  }));
  const collect = setInterval(gc, 20);
  const started = Date.now();
  try {
    const result = await call(handler, event('/health'), { getRemainingTimeInMillis: () => 2000 });
    assert.equal(result.body, errors('service unavailable', 'Timeout: the relay could not answer before its deadline.'));
  } finally {
    clearInterval(collect);
    clearTimeout(sleeping);
  }
  // A lost timer would answer at 10 s, when the API wakes up: any answer well before is the deadline's
  // (the bound is loose for a loaded machine, where collections every 20 ms slow everything).
  assert.ok(Date.now() - started < 7000, `answered after ${Date.now() - started} ms`);
  assert.is(seen?.signal.aborted, true);
});

answers('at the deadline, the kit\'s settle answers with what finished', async () => {
  const { handler } = harness({ SECRET_KEY: SECRET, DEADLINE_MARGIN_MS: '100' }, integrationWith({
    observe: async (observables) => {
      const { results, errors: failed } = await settle(observables, async (observable) => {
        if (observable.value === '1.1.1.1') return observable;
        return new Promise<never>(() => undefined);
      });
      const verdicts = results.map((observable) => verdict({ observable, disposition: 5, now: new Date(NOW) }));
      return toAnswer({ verdicts: bundle(verdicts) }, failed);
    },
  }));
  const body = [...OBSERVABLES, { type: 'ip', value: '2.2.2.2' }];
  assert.equal(await call(handler, post('/observe/observables', body), { getRemainingTimeInMillis: () => 400 }), {
    status: 200,
    headers: JSON_HEADERS,
    body: {
      data: {
        verdicts: {
          count: 1,
          docs: [{
            type: 'verdict',
            observable: { type: 'ip', value: '1.1.1.1' },
            disposition: 5,
            disposition_name: 'Unknown',
            valid_time: { start_time: '2026-11-28T00:00:00.000Z', end_time: '2026-12-05T00:00:00.000Z' },
          }],
        },
      },
      errors: [{ type: 'fatal', code: 'service unavailable', message: "Timeout: 1 of 2 lookups did not finish before the relay's deadline: ip 2.2.2.2." }],
    },
  });
});

answers('an API that throws at once, without a promise, is a 500 that leaves no timer behind', async () => {
  const { handler } = harness(undefined, integrationWith({
    health: () => {
      throw new Error('not async');
    },
  }));
  assert.is((await call(handler, event('/health'))).status, 500);
});

answers.run();

const logs = suite('logs');

logs('one JSON line per request: ids, method, path, status, code, duration', async () => {
  const { handler, logs: read } = harness();
  await call(handler, event('/health'));
  await call(handler, event('/health', { token: 'x' }));
  const [ok, refused] = read();
  assert.equal({ ...ok, durationMs: typeof ok?.['durationMs'] }, {
    level: 'info',
    message: 'request',
    requestId: 'JKJaXmPLvHcESHA=',
    awsRequestId: 'c0ffee00-0000-4000-8000-000000000000',
    method: 'POST',
    path: '/health',
    status: 200,
    durationMs: 'number',
  });
  assert.is(refused?.['code'], 'authorization error');
});

logs('never the header, the token, its claims or a secret', async () => {
  const token = sign({ key: 'claim-value-that-must-not-leak' });
  const { handler, lines } = harness({ SECRET_KEY: SECRET, SECRET_KEY_PREVIOUS: 'previous-secret-value' });
  await call(handler, event('/observe/observables', { token, body: '[{"type":"ip","value":"body-value"}]' }));
  await call(handler, event('/health', { token: `${token}x` }));
  await call(handler, event('/tiles', { token: null, headers: { authorization: `Basic ${token}` } }));
  const all = lines.join('\n');
  assert.is(lines.length, 3);
  for (const secret of [token, token.split('.')[1] ?? '', 'claim-value-that-must-not-leak', SECRET, 'previous-secret-value', 'body-value', 'Bearer']) {
    assert.not.ok(all.includes(secret), `the log holds ${secret}`);
  }
});

logs('a long path or method is capped in the log', async () => {
  const { handler, logs: read } = harness();
  await call(handler, event(`/${'a'.repeat(5000)}`));
  await call(handler, event('/health', { method: 'M'.repeat(5000) }));
  const [path, method] = read();
  assert.is(String(path?.['path']).length, 257);
  assert.is(String(method?.['method']), `${'M'.repeat(256)}…`);
});

logs('an answer\'s errors are in its line, a partial answer\'s included: their codes (distinct) and count', async () => {
  const entry = (code: string) => ({ type: 'fatal' as const, code, message: 'm' });
  const { handler, logs: read } = harness(undefined, integrationWith({
    observe: async () => ({ data: {}, errors: [entry('service unavailable'), entry('too many requests'), entry('service unavailable')] }),
    deliberate: async () => ({ data: {}, errors: [] }),
    // What a careless integration may put there, whatever its types say.
    refer: async () => ({ data: [], errors: [null, 'text', { code: 7 }, entry('x'.repeat(100)), ...Array.from({ length: 12 }, (_, i) => entry(`c${i}`))] as ErrorBody[] }),
    tiles: async () => {
      throw new RelayError('too many requests', 'Slow down.');
    },
  }));
  await call(handler, post('/observe/observables', OBSERVABLES));
  await call(handler, post('/deliberate/observables', OBSERVABLES));
  // Not call(), which refuses an answer XDR would not accept: this one is careless on purpose.
  await handler(post('/refer/observables', OBSERVABLES), {});
  await call(handler, event('/tiles'));
  await call(handler, event('/health'));
  const lines = read().map(({ status, code, codes, errors: count }) => ({ status, code, codes, errors: count }));
  assert.equal(lines, [
    { status: 200, code: undefined, codes: ['service unavailable', 'too many requests'], errors: 3 },
    { status: 200, code: undefined, codes: undefined, errors: undefined },
    { status: 200, code: undefined, codes: ['x'.repeat(64), ...Array.from({ length: 9 }, (_, i) => `c${i}`)], errors: 16 },
    { status: 200, code: 'too many requests', codes: ['too many requests'], errors: 1 },
    { status: 200, code: undefined, codes: undefined, errors: undefined },
  ]);
});

logs('a crash line is bounded, and never holds the request\'s token or credentials', async () => {
  const token = sign({ key: 'the-org-api-key-0123' });
  const { handler, logs: read } = harness(undefined, integrationWith({
    observe: async (_observables, context) => {
      // An SDK's error that quotes its request, the key in it; and a huge message.
      throw Object.assign(new Error(`${'x'.repeat(10 * 1024 * 1024)} key=${context.credentials['key']}`), {
        config: { headers: { 'x-api-key': context.credentials['key'], authorization: `Bearer ${token}` } },
      });
    },
  }));
  assert.is((await call(handler, post('/observe/observables', OBSERVABLES, { token }))).status, 500);
  const [crash, line] = read();
  const text = String(crash?.['error']);
  assert.ok(JSON.stringify(crash).length < 10_000, `${JSON.stringify(crash).length} characters`);
  assert.not.ok(JSON.stringify(crash).includes('the-org-api-key-0123'));
  assert.not.ok(JSON.stringify(crash).includes(token));
  // The message is cut, and the frames after it are kept.
  assert.match(text, /^Error: x{2041}… \(\d+ more characters\)\n\s+at /);
  assert.is(line?.['status'], 500);
  // Short enough to be seen whole: the key blanked where the error quoted it.
  const { handler: other, logs: readOther } = harness(undefined, integrationWith({
    observe: async (_observables, context) => {
      throw Object.assign(new Error(`bad key=${context.credentials['key']}`), { config: { headers: { authorization: `Bearer ${token}` } } });
    },
  }));
  await call(other, post('/observe/observables', OBSERVABLES, { token }));
  const shown = String(readOther()[0]?.['error']);
  assert.match(shown, /^Error: bad key=\[redacted\]\n/);
  assert.match(shown, /authorization: '\[redacted\] \[redacted\]'/);
});

logs('a crash whose logger cannot be loaded (a zip without its file) is still answered 500 and logged', async () => {
  // handler/crash.ts is loaded at the first crash (import(), require() under the tests' hook):
  // its module replaced, for this test, by one whose logCrash cannot be read.
  const path = require.resolve('../handler/crash.ts');
  const cached = require.cache[path];
  require.cache[path] = { id: path, filename: path, loaded: true, exports: { get logCrash() { throw new Error('no such file'); } } } as unknown as NodeModule;
  try {
    const { handler, logs: read } = harness(undefined, integrationWith({ observe: async () => { throw new Error('bug'); } }));
    assert.is((await call(handler, post('/observe/observables', OBSERVABLES))).status, 500);
    assert.equal(read().map((line) => [line['level'], line['message'], line['error'] ?? line['status']]), [
      ['error', 'unhandled error', '(the crash logger could not be loaded)'],
      ['info', 'request', 500],
    ]);
  } finally {
    if (cached === undefined) delete require.cache[path];
    else require.cache[path] = cached;
  }
});

logs('a crash before the token is read: logged, with nothing to blank', async () => {
  const { handler, logs: read } = harness();
  // A Lambda context whose clock throws, on a request without a token.
  const clock = { getRemainingTimeInMillis() { throw new Error('clock'); } };
  assert.is((await handler(event('/health', { token: null }), clock)).statusCode, 500);
  const crashes = read().filter((line) => line['level'] === 'error').map((line) => String(line['error']).split('\n')[0]);
  assert.equal(crashes, ['Error: clock']);
});

logs('a bad CTR_ENTITIES_LIMIT is logged once as a warning at start', () => {
  const { lines } = harness({ SECRET_KEY: SECRET, CTR_ENTITIES_LIMIT: 'lots' });
  assert.equal(lines.map((line) => JSON.parse(line)), [
    { level: 'warn', message: 'CTR_ENTITIES_LIMIT must be a positive integer; using 100' },
  ]);
});

logs.run();
