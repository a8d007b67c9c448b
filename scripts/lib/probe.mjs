// What `make bench` measures in a fresh process, as Lambda starts one; prints one JSON line.
// Usage: node scripts/lib/probe.mjs import <module>
//          the CPU and wall time of importing the module (the bundle, or a hello-world one)
//        node scripts/lib/probe.mjs first <module>
//          the same, with the module's first request (its `handler`, as Lambda calls it: for the
//          bundle, POST /observe/observables with TOKEN, 3 observables)
//        node scripts/lib/probe.mjs crash <bundle>
//          a crash whose message holds a third party's 128 KB answer: the first (node:util loaded,
//          the source map read) and the next, each logged in full
//        node --max-old-space-size=… scripts/lib/probe.mjs observables <bundle>
//          COUNT observables sent to the bundle's integration (EXAMPLE_INTEL_URL, TOKEN,
//          SECRET_KEY from the environment), with Lambda's TIMEOUT_MS: time, peak RSS, answered
import { pathToFileURL } from 'node:url';

const [mode, file] = process.argv.slice(2);
const cpuMs = (usage) => (usage.user + usage.system) / 1000;
const since = (started) => Number(process.hrtime.bigint() - started) / 1e6;

/** An API Gateway 2.0 event of a POST, as Lambda passes it. */
function post(path, token, body) {
  return {
    version: '2.0', routeKey: '$default', rawPath: path, rawQueryString: '',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    requestContext: { http: { method: 'POST', path }, requestId: 'bench', stage: '$default' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    isBase64Encoded: false,
  };
}

async function probeImport() {
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  const module = await import(pathToFileURL(file).href);
  const wallMs = since(started);
  if (typeof module.handler !== 'function') throw new Error(`${file} exports no handler`);
  return { cpuMs: cpuMs(process.cpuUsage(cpu)), wallMs };
}

/** Import and the first request: what a cold start costs before the answer, lazily loaded parts included. */
async function probeFirst() {
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  const { handler } = await import(pathToFileURL(file).href);
  const observables = [{ type: 'ip', value: '10.0.0.1' }, { type: 'domain', value: 'host1.example.com' }, { type: 'sha256', value: 'a'.repeat(64) }];
  const result = await handler(post('/observe/observables', process.env.TOKEN, observables), {});
  const wallMs = since(started);
  if (result.statusCode !== 200) throw new Error(`the first request answered ${result.statusCode}: ${result.body}`);
  return { cpuMs: cpuMs(process.cpuUsage(cpu)), wallMs };
}

async function probeCrash() {
  const { createRelay } = await import(pathToFileURL(file).href);
  const lines = [];
  const handler = createRelay({ SECRET_KEY: process.env.SECRET_KEY }, (line) => lines.push(line));
  const token = process.env.TOKEN;
  // The first request configures the handler: not the crash's cost.
  if ((await handler(post('/health', token), {})).statusCode !== 200) throw new Error('/health failed');
  const crash = async () => {
    lines.length = 0;
    const cpu = process.cpuUsage();
    const started = process.hrtime.bigint();
    const result = await handler(post('/tiles', token), {});
    const wallMs = since(started);
    const logged = lines.map((line) => JSON.parse(line)).find((entry) => entry.level === 'error');
    if (result.statusCode !== 500 || logged === undefined) throw new Error('the crash was not logged');
    return { cpuMs: cpuMs(process.cpuUsage(cpu)), wallMs, length: logged.error.length, mapped: /handler\/index\.ts:\d+/.test(logged.error) };
  };
  return { first: await crash(), next: await crash() };
}

/** The distinct observables an answer's entities are about. */
function answered(body) {
  const values = new Set();
  for (const entities of Object.values(body.data ?? {})) {
    for (const doc of entities?.docs ?? []) {
      for (const observable of [doc.observable, ...(doc.observables ?? [])]) {
        if (observable?.value !== undefined) values.add(`${observable.type}\n${observable.value}`);
      }
    }
  }
  return values.size;
}

async function probeObservables() {
  const { createRelay } = await import(pathToFileURL(file).href);
  const count = Number(process.env.COUNT);
  const timeoutMs = Number(process.env.TIMEOUT_MS);
  const handler = createRelay({ SECRET_KEY: process.env.SECRET_KEY, EXAMPLE_INTEL_URL: process.env.EXAMPLE_INTEL_URL }, () => undefined);
  const observables = Array.from({ length: count }, (_, i) => ({ type: 'ip', value: `10.${i >> 16 & 255}.${i >> 8 & 255}.${i & 255}` }));
  const event = post('/observe/observables', process.env.TOKEN, observables);
  const started = Date.now();
  // Lambda's context: the time left of the function's timeout.
  const result = await handler(event, { getRemainingTimeInMillis: () => timeoutMs - (Date.now() - started) });
  const ms = Date.now() - started;
  const body = JSON.parse(result.body);
  return {
    ms,
    status: result.statusCode,
    answered: answered(body),
    errors: (body.errors ?? []).map((error) => error.message.slice(0, 200)),
    // resourceUsage's maxRSS is in KB: the peak of the whole process, as Lambda's Max Memory Used.
    rssMb: process.resourceUsage().maxRSS / 1024,
  };
}

const probes = new Map([['import', probeImport], ['first', probeFirst], ['crash', probeCrash], ['observables', probeObservables]]);
const probe = probes.get(mode);
if (probe === undefined || file === undefined) {
  console.error('usage: node scripts/lib/probe.mjs import|first|crash|observables <module>');
  process.exit(2);
}
process.stdout.write(`${JSON.stringify(await probe())}\n`);
