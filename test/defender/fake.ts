// A fake Microsoft (Azure AD's token endpoint and Defender's API) on 127.0.0.1 for
// `make serve EXAMPLE=defender` and the console's browser tests: it grants a token to any client
// (make serve's dev JWT carries `dev-…` claims) and answers Defender's calls with what Cisco's
// own tests mocked (test/defender/cisco.ts, every route set at once).
import { createServer } from 'node:http';
import { listen, type Fake } from '../lib/fake.ts';
import * as cisco from './cisco.ts';

const GRANTED = cisco.ROUTES['enrich']?.['GET /tenant-id-1/oauth2/token'] as readonly [number, { access_token: string }];
const ROUTES: ReadonlyMap<string, readonly [number, unknown]> = new Map(Object.values(cisco.ROUTES).flatMap((routes) => Object.entries(routes)));

/** A report naming what the fake knows: a file with its alerts and hunting events, an IP, an indicator. */
export const SAMPLE = `Defender raised an alert on a workstation: the file sha1 36c5d12033b2eaf251bae61c00690ffb17fddc87 ran,
and the device talked to 203.0.113[.]9. The custom indicator asdf[.]com and the MD5 50188823168525455c273c07d8457b87
are already listed. Unrelated: 198.51.100.200.`;

/** What the fake answers a call: `[status, body]` (a string is HTML). */
function answer(method: string, url: URL, authorization: string | undefined, text: string): readonly [number, unknown] {
  if (/^\/[^/]+\/oauth2\/token$/.test(url.pathname)) return GRANTED;
  if (authorization !== `Bearer ${GRANTED[1].access_token}`) return [401, { error: { code: 'Unauthorized', message: 'Token is invalid.' } }];
  // How test/defender/cisco.ts names a call: `METHOD /path?decoded-query`, a hunting query after it.
  const query = [...url.searchParams].map(([name, value]) => `${name}=${value}`).join('&');
  let hunting = '';
  if (url.pathname.endsWith('/advancedqueries/run')) {
    try {
      hunting = ` ${String((JSON.parse(text) as { Query?: unknown } | null)?.Query)}`;
    } catch {
      return [400, { error: { code: 'BadRequest', message: 'Not JSON.' } }];
    }
  }
  return ROUTES.get(`${method} ${decodeURIComponent(url.pathname)}${query === '' ? '' : `?${query}`}${hunting}`)
    ?? [404, { error: { code: 'ResourceNotFound', message: 'Not known to the fake.' } }];
}

export function start(): Promise<Fake> {
  const server = createServer(async (request, response) => {
    let text = '';
    for await (const chunk of request) text += String(chunk);
    const [status, payload] = answer(request.method ?? 'GET', new URL(request.url ?? '/', 'http://microsoft.test'), request.headers.authorization, text);
    response.writeHead(status, { 'content-type': typeof payload === 'string' ? 'text/html' : 'application/json' });
    response.end(typeof payload === 'string' ? payload : JSON.stringify(payload));
  });
  return listen(server, (url) => ({ DEFENDER_LOGIN_URL: url, DEFENDER_API_URL: url }), SAMPLE);
}
