// The fake Example Intel, the made-up third party of the worked example (test/example/), for the
// suites that run it behind make serve and for `make serve EXAMPLE=example` (test/example/fake.ts):
// its ping, the lookups it is given, a 500 for 500.example.com, a 429 for 429.example.com, blocks
// (`POST /v1/block`), else 404 (which the example reads as "nothing known").
import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';

export function exampleIntel(lookups: Readonly<Record<string, unknown>>): Server {
  return createServer((request, response) => {
    const value = decodeURIComponent(request.url?.split('/').pop() ?? '');
    const send = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    if (request.url === '/v1/ping') return send(200, { ok: true });
    if (request.method === 'POST' && request.url === '/v1/block') {
      request.resume();
      request.on('end', () => send(200, { status: 'blocked' }));
      return undefined;
    }
    if (value === '500.example.com') return send(500, { error: 'down' });
    if (value === '429.example.com') return send(429, { error: 'slow down' });
    return Object.hasOwn(lookups, value) ? send(200, lookups[value]) : send(404, { error: 'unknown' });
  });
}

/**
 * The worked example with 30 s per call to its fake rather than its documented 2 s, as an
 * integration file written into `folder` (its path returned), for the suites whose fake answers
 * from the test's own process: on a loaded machine that process can take over 2 s to answer, and
 * the example's lookup then fails for a reason that is not the test's.
 */
export function patientExample(folder: string): string {
  const file = join(folder, 'patient-example.ts');
  const example = join(__dirname, '..', 'example', 'integration.ts');
  writeFileSync(file, `import { createExample } from ${JSON.stringify(example)};\nexport const integration = createExample({ timeoutMs: 30_000 });\n`);
  return file;
}
