// A fake Pulsedive on 127.0.0.1 answering as Cisco's tests mocked it (test/pulsedive/cisco.ts):
// cisco.com, and the name it resolves to, parkingcrew.net, with its Active DNS links; a 429 for
// 429.example.com (Pulsedive's rate limit); 404 for anything else. The browser tests and
// `make serve EXAMPLE=pulsedive` run the Pulsedive port against it.
import { createServer } from 'node:http';
import { listen, type Fake } from '../lib/fake.ts';
import * as cisco from './cisco.ts';

export const SAMPLE = `Beaconing to cisco[.]com from WS-0231 at 10:14 UTC; the same host also resolved 429.example.com
and unknown-host.example.net. Ticket INC-4471.`;

export async function start(): Promise<Fake> {
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://pulsedive.test');
    const indicator = url.searchParams.get('indicator');
    const send = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    if (indicator === '429.example.com') return send(429, { error: 'API rate limit exceeded.' });
    if (url.searchParams.get('get') === 'links') return send(200, indicator === 'parkingcrew.net' ? cisco.PULSEDIVE_ACTIVE_DNS_RESPONSE : {});
    if (indicator === 'cisco.com') return send(200, cisco.PULSEDIVE_RESPONSE_MOCK);
    return send(404, { error: 'Indicator not found.' });
  });
  return listen(server, (url) => ({ PULSEDIVE_URL: url }), SAMPLE);
}
