// The request's deadline in the kit: `settle` and the service client stop at it with what
// finished, abort what is in flight, honour Retry-After when it fits, and reuse connections.
// Bounds have slack: these machines are shared and often loaded.
import { spawnSync } from 'node:child_process';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { settle } from '../../handler/kit/partial.ts';
import { createService, retryAfterMs } from '../../handler/kit/service.ts';
import { createScopes, currentScope, RequestContext, runInScope, timeLeft } from '../../handler/scope.ts';

/** A scope whose deadline is `ms` from now, as the pipeline makes one. */
function scope(ms: number): RequestContext {
  return new RequestContext({ credentials: {}, settings: {}, entitiesLimit: 100, requestId: 'r' }, Date.now() + ms, ms);
}

/** Runs `run` in a request scope of `ms`, keeping the process alive meanwhile. */
async function within<T>(ms: number, run: () => Promise<T>): Promise<T> {
  const alive = setTimeout(() => undefined, ms + 30_000);
  try {
    return await runInScope(scope(ms), run);
  } finally {
    clearTimeout(alive);
  }
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// The fake service: /slow answers after 100 ms, /hang never, /limited a 429 the first time.
let service: Server;
let base = '';
let requests = 0;

let limitedOnce = new Set<string>();
const hung: ServerResponse[] = [];

const deadline = suite('the request deadline');

deadline.before(async () => {
  service = createServer((request, response) => {
    requests++;
    const url = request.url ?? '';
    const answer = () => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ url }));
    };
    if (url.startsWith('/api/hang')) return void hung.push(response);
    // A 429 the first time, then no answer at all.
    if (url === '/api/limited-then-hang' && limitedOnce.has(url)) return void hung.push(response);
    if (url === '/api/limited-then-hang') {
      limitedOnce.add(url);
      response.writeHead(429, { 'retry-after': '1' });
      return void response.end();
    }
    if (url.startsWith('/api/slow')) return void setTimeout(answer, 100);
    const limited = /^\/api\/limited\/([^/]+)\/(.+)$/.exec(url);
    if (limited !== null && !limitedOnce.has(url)) {
      limitedOnce.add(url);
      response.writeHead(429, { 'content-type': 'application/json', 'retry-after': decodeURIComponent(limited[1] === 'date' ? new Date(Date.now() + 1500).toUTCString() : (limited[1] ?? '')) });
      return void response.end('{"error":"slow down"}');
    }
    return answer();
  });
  await new Promise<void>((resolve) => service.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(service.address() as AddressInfo).port}/api`;
});

deadline.after(async () => {
  for (const response of hung) response.destroy();
  service.closeAllConnections();
  await new Promise((resolve) => service.close(resolve));
});

deadline.before.each(() => {
  requests = 0;
  limitedOnce = new Set();
});

deadline('the scope: none outside a request; the request\'s context inside one', async () => {
  assert.is(currentScope(), undefined);
  assert.is(timeLeft(), Number.POSITIVE_INFINITY);
  const inside = scope(1000);
  assert.is(await runInScope(inside, async (context) => (context === inside ? currentScope() : undefined)), inside);
  const left = await runInScope(inside, async () => timeLeft());
  assert.ok(left <= 1000 && left > 0, String(left));
  assert.is(currentScope(), undefined);
});

deadline('scopes are tracked once asked for: the kit asks when imported; a relay without it never pays', async () => {
  const scopes = createScopes();
  const first = scope(1000);
  // Untracked: the API runs as is (no AsyncLocalStorage), and finds no scope; asking turns tracking on.
  assert.is(await scopes.runInScope(first, async () => scopes.currentScope()), undefined);
  assert.is(await scopes.runInScope(first, async () => scopes.currentScope()), first);
  const other = createScopes();
  other.trackScopes();
  const second = scope(1000);
  assert.is(await other.runInScope(second, async () => {
    await wait(1);
    return other.currentScope();
  }), second);
  assert.ok(other.timeLeft() === Number.POSITIVE_INFINITY);
});

deadline('requests at once: each signal aborts at its own deadline, not before, the earliest first', async () => {
  const started = Date.now();
  const aborted = new Map<string, number>();
  // Each API answers when its signal aborts; started in an order that is not the deadlines'.
  const run = (name: string, ms: number) => runInScope(scope(ms), (context) => new Promise<string>((resolve) => {
    context.signal.addEventListener('abort', () => {
      aborted.set(name, Date.now() - started);
      resolve(name);
    });
  }));
  const quick = runInScope(scope(5000), async () => 'quick');
  assert.equal(await Promise.all([run('late', 600), run('early', 200), quick, run('middle', 400)]), ['late', 'early', 'quick', 'middle']);
  assert.equal([...aborted.keys()], ['early', 'middle', 'late']);
  // Timers run on their own clock, which may be a few milliseconds behind Date.now().
  for (const [name, ms] of [['early', 200], ['middle', 400], ['late', 600]] as const) {
    assert.ok((aborted.get(name) ?? 0) >= ms - 10, `${name} aborted at ${aborted.get(name)} ms`);
  }
});

deadline('requests whose deadlines all passed while the process was busy: aborted earliest deadline first', async () => {
  const aborted: string[] = [];
  const run = (name: string, ms: number) => runInScope(scope(ms), (context) => new Promise<string>((resolve) => {
    context.signal.addEventListener('abort', () => {
      aborted.push(name);
      resolve(name);
    });
  }));
  const all = Promise.all([run('late', 60), run('early', 20), run('middle', 40)]);
  // Busy past all three deadlines: one timer firing finds them all due at once.
  const until = Date.now() + 100;
  while (Date.now() < until) { /* busy */ }
  assert.equal(await all, ['late', 'early', 'middle']);
  assert.equal(aborted, ['early', 'middle', 'late']);
});

deadline('the deadline\'s timer holds the process while an API runs, and not after the last one answered', () => {
  const scopeModule = JSON.stringify(join(__dirname, '..', '..', 'handler', 'scope.ts'));
  const run = (body: string) => spawnSync(process.execPath, ['-r', join(__dirname, '..', 'lib', 'register.cjs'), '-e', [
    `const { RequestContext, runInScope } = require(${scopeModule});`,
    "const scope = (ms) => new RequestContext({ credentials: {}, settings: {}, entitiesLimit: 1, requestId: 'r' }, Date.now() + ms, ms);",
    `(async () => { ${body} })();`,
  ].join('\n')], { encoding: 'utf8', timeout: 50_000 });
  // Answered at once, with a minute left: the process ends (it would wait the minute otherwise).
  const quick = run("console.log(await runInScope(scope(60_000), async () => 'answered'));");
  assert.equal([quick.status, quick.signal, quick.stdout], [0, null, 'answered\n'], quick.stderr);
  // An API that never answers, and nothing else to wait for: the process waits for its deadline
  // (the timer set for the first request, earlier, holds it again) and answers the timeout.
  const hung = run([
    "await runInScope(scope(300), async () => 'first');",
    'const started = Date.now();',
    'const error = await runInScope(scope(1000), () => new Promise(() => undefined)).catch((error) => error);',
    "console.log(error.message, Date.now() - started >= 1000 ? 'after the deadline' : 'early');",
  ].join(' '));
  assert.equal([hung.status, hung.stdout], [0, 'Timeout: the relay could not answer before its deadline. after the deadline\n'], hung.stderr);
});

deadline('settle: at the deadline, what finished and one error counting the rest', async () => {
  const started = Date.now();
  const { results, errors } = await within(350, () => settle(Array.from({ length: 20 }, (_, i) => i), async (i) => {
    await wait(100);
    return i;
  }, 2));
  const elapsed = Date.now() - started;
  assert.ok(elapsed < 350 + 1000, `answered after ${elapsed} ms`);
  assert.ok(results.length >= 1 && results.length < 20, String(results.length));
  assert.equal(results, Array.from({ length: results.length }, (_, i) => i));
  assert.equal(errors, [{
    type: 'fatal',
    code: 'service unavailable',
    message: `Timeout: ${20 - results.length} of 20 lookups did not finish before the relay's deadline.`,
  }]);
});

deadline('settle after the deadline: nothing starts', async () => {
  let started = 0;
  // Its signal aborted at 5 ms: the API, which ignored it, calls settle at 20 ms.
  const late = scope(5);
  const { results, errors } = await runInScope(late, async () => {
    await wait(20);
    return settle([1, 2], async (i) => {
      started++;
      return i;
    });
  });
  assert.equal([results, started], [[], 0]);
  assert.equal(errors.map((error) => error.message), ["Timeout: 2 of 2 lookups did not finish before the relay's deadline."]);
});

deadline('settle: work that never finishes does not hold the answer past the deadline', async () => {
  const started = Date.now();
  const { results, errors } = await within(200, () => settle([1, 2, 3], () => new Promise<never>(() => undefined)));
  // Work that never finishes: any answer at all proves the point; the bound is for a loaded machine.
  assert.ok(Date.now() - started < 200 + 3000);
  assert.equal(results, []);
  assert.equal(errors.map((error) => error.message), ["Timeout: 3 of 3 lookups did not finish before the relay's deadline."]);
});

deadline('the service client: a hung service is aborted at the deadline; nothing starts after it', async () => {
  const call = createService({ name: 'Api', baseUrl: base, timeoutMs: 5000 });
  const started = Date.now();
  // 1.5 s: on a loaded machine the two first calls must reach the fake before the deadline (at
  // 300 ms, a machine at a load of 27 aborted them before they were sent, and none arrived).
  const { results, errors } = await within(1500, () => settle(['a', 'b', 'c', 'd', 'e', 'f'], (id) => call(`hang/${id}`), 2));
  assert.ok(Date.now() - started < 1500 + 3000, `answered after ${Date.now() - started} ms`);
  assert.equal(results, []);
  assert.equal(errors.map((error) => error.message), ["Timeout: 6 of 6 lookups did not finish before the relay's deadline."]);
  // Two were in flight, aborted; the four others never started.
  await wait(50);
  assert.is(requests, 2);
  // Called after its deadline: refused at once, nothing sent.
  const late = scope(1);
  await wait(10);
  try {
    await runInScope(late, () => call('slow/x'));
    assert.unreachable();
  } catch (error) {
    assert.is((error as Error).message, "Api could not be called before the relay's deadline.");
  }
  assert.is(requests, 2);
});

deadline('a call trimmed to the time left still reports a network failure as such', async () => {
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const port = (closed.address() as AddressInfo).port;
  await new Promise((resolve) => closed.close(resolve));
  const call = createService({ name: 'Api', baseUrl: `http://127.0.0.1:${port}`, timeoutMs: 5000 });
  try {
    await within(2000, () => call('x'));
    assert.unreachable();
  } catch (error) {
    assert.is((error as Error).message, 'Could not reach Api: ECONNREFUSED.');
  }
});

deadline('Retry-After within the time left: wait, then retry once', async () => {
  const call = createService({ name: 'Api', baseUrl: base, timeoutMs: 5000 });
  const started = Date.now();
  assert.equal(await call('limited/1/a'), { url: '/api/limited/1/a' });
  assert.ok(Date.now() - started >= 950, `retried after ${Date.now() - started} ms`);
  assert.is(requests, 2);
  // An HTTP date works too, within a request's time.
  assert.equal(await within(5000, () => call('limited/date/b')), { url: '/api/limited/date/b' });
  assert.is(requests, 4);
});

deadline('Retry-After beyond the time left: too many requests for that observable, the others unaffected', async () => {
  const call = createService({ name: 'Api', baseUrl: base, timeoutMs: 5000 });
  const started = Date.now();
  const { results, errors } = await within(2000, () => settle(['limited/10/a', 'slow/b', 'slow/c'], (path) => call(path)));
  assert.ok(Date.now() - started < 2000, 'it did not wait');
  assert.equal(results, [{ url: '/api/slow/b' }, { url: '/api/slow/c' }]);
  assert.equal(errors, [{ type: 'fatal', code: 'too many requests', message: 'Too many requests to Api; try again later (HTTP 429).' }]);
  // Longer than the call's own timeout, outside a request: no wait either.
  const short = createService({ name: 'Api', baseUrl: base, timeoutMs: 500 });
  try {
    await short('limited/1/z');
    assert.unreachable();
  } catch (error) {
    assert.is((error as Error).message, 'Too many requests to Api; try again later (HTTP 429).');
  }
});

deadline('the wait for a retry ends at the deadline, and the retry finds no time left', async () => {
  const call = createService({ name: 'Api', baseUrl: base, timeoutMs: 5000 });
  // 1 s to wait, 2 s left: it fits, but the deadline comes during the retry, which never answers.
  // (With 1.1 s left, a loaded machine could reach the deadline before the retry was sent.)
  const started = Date.now();
  try {
    await within(2000, () => call('limited-then-hang'));
    assert.unreachable();
  } catch (error) {
    assert.is((error as Error).message, "Api could not be called before the relay's deadline.");
  }
  // A lost deadline would wait for the hung retry for ever (its own timeout is 5 s).
  assert.ok(Date.now() - started < 2000 + 2500);
  assert.is(requests, 2);
});

deadline('keep-alive: 40 lookups, 4 at a time, open 4 connections, not 40', async () => {
  // A server of its own: a new origin, so that no connection is pooled yet.
  let opened = 0;
  const fresh = createServer((_request, response) => {
    setTimeout(() => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{}');
    }, 100);
  });
  fresh.keepAliveTimeout = 60_000;
  fresh.on('connection', () => opened++);
  await new Promise<void>((resolve) => fresh.listen(0, '127.0.0.1', resolve));
  try {
    const call = createService({ name: 'Api', baseUrl: `http://127.0.0.1:${(fresh.address() as AddressInfo).port}`, timeoutMs: 5000 });
    const { results } = await within(20_000, () => settle(Array.from({ length: 40 }, (_, i) => `lookup/${i}`), (path) => call(path)));
    assert.is(results.length, 40);
    assert.is(opened, 4);
    // Across requests too (a warm Lambda): no new connection.
    await within(5000, () => call('again'));
    assert.is(opened, 4);
  } finally {
    fresh.closeAllConnections();
    await new Promise((resolve) => fresh.close(resolve));
  }
});

deadline('retryAfterMs: seconds, an HTTP date in any of its three forms, or nothing', () => {
  assert.is(retryAfterMs('3'), 3000);
  assert.is(retryAfterMs(' 2 '), 2000);
  assert.is(retryAfterMs('Sat, 28 Nov 2026 00:00:10 GMT', Date.UTC(2026, 10, 28)), 10_000);
  assert.is(retryAfterMs('Sat, 28 Nov 2026 00:00:10 GMT', Date.UTC(2026, 10, 29)), 0);
  assert.is(retryAfterMs('Saturday, 28-Nov-26 00:00:10 GMT', Date.UTC(2026, 10, 28)), 10_000);
  assert.is(retryAfterMs('Sat Nov 28 00:00:10 2026', Date.UTC(2026, 10, 28)), 10_000);
  assert.is(retryAfterMs('Sat, 99 Nov 2026 00:00:10 GMT'), undefined);
  // Neither seconds nor a date, though Date.parse reads each as one long past.
  for (const value of ['-1', '1.5', '+3', '0x10', '1e3', 'soon', '']) assert.is(retryAfterMs(value), undefined, value);
  assert.is(retryAfterMs(null), undefined);
});

deadline('Retry-After: -1 or 1.5 is no reason to retry: 40 observables answered 429 make 40 calls, not 80', async () => {
  for (const value of ['-1', '1.5']) {
    requests = 0;
    const call = createService({ name: 'Api', baseUrl: base, timeoutMs: 5000 });
    const paths = Array.from({ length: 40 }, (_, i) => `limited/${encodeURIComponent(value)}/${i}`);
    const { results, errors } = await within(10_000, () => settle(paths, (path) => call(path)));
    assert.equal([results, errors.map((error) => error.code)], [[], ['too many requests']], value);
    assert.is(requests, 40, value);
  }
});

deadline('the call\'s timeout holds its own timer: a garbage collection mid-call does not lose it', async () => {
  // What --expose-gc gives a script, for this process (nodejs/node#57736: an AbortSignal.timeout()
  // inside AbortSignal.any() was collected, and the call waited for the request's deadline).
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const call = createService({ name: 'Api', baseUrl: base, timeoutMs: 400 });
  const collect = setInterval(gc, 50);
  const started = Date.now();
  try {
    await within(5000, () => call('hang/gc'));
    assert.unreachable();
  } catch (error) {
    assert.is((error as Error).message, 'Api did not answer within 400 ms.');
  } finally {
    clearInterval(collect);
  }
  assert.ok(Date.now() - started < 4000, `answered after ${Date.now() - started} ms`);
});

deadline.run();
