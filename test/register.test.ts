// `make register` against a hostile XDR (scripts/register.mjs): whatever IROH answers, the script
// ends with one clear line, never a stack trace, a terminal escape, or the API client's id or secret.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';

type Register = typeof import('../scripts/register.mjs');
const ID = 'client-id-0123';
const SECRET = 'client-secret-s3cr3t+/=';
const BASIC = Buffer.from(`${ID}:${SECRET}`).toString('base64');

let server: Server;
let base = '';
let answer: (request: IncomingMessage, response: ServerResponse) => void = (_request, response) => response.end();
let register: Register;

const hostile = suite('make register: what XDR answers is not trusted');

hostile.before(async () => {
  register = (await import('../scripts/register.mjs')) as Register;
  server = createServer((request, response) => {
    request.resume();
    request.on('end', () => answer(request, response));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

hostile.after(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** The UsageError's message accessToken ends with. */
async function refusal(): Promise<string> {
  try {
    await register.accessToken(base, ID, SECRET);
  } catch (error) {
    assert.is((error as Error).constructor.name, 'UsageError', String((error as Error).stack));
    return (error as Error).message;
  }
  throw new Error('accepted');
}

hostile('an endless answer is read up to 1 MB, then one line', async () => {
  let sent = 0;
  answer = (_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const more = () => {
      // 600 MB, unless the client stops reading first.
      while (sent < 600 * 1024 * 1024 && !response.destroyed) {
        sent += chunk.length;
        if (!response.write(chunk)) return void response.once('drain', more);
      }
      response.end();
    };
    more();
  };
  assert.is(await refusal(), "token: XDR's answer is larger than 1 MB (HTTP 200)");
  assert.ok(sent < 64 * 1024 * 1024, `${sent} bytes sent`);
});

hostile('deeply nested JSON is what XDR said, on one line', async () => {
  for (const deep of ['['.repeat(500_000) + ']'.repeat(500_000), `{"error":${'['.repeat(200_000)}${']'.repeat(200_000)}}`]) {
    answer = (_request, response) => {
      response.writeHead(401, { 'content-type': 'application/json' });
      response.end(deep);
    };
    const message = await refusal();
    assert.match(message, /^XDR refused the API client's credentials \(HTTP 401\): [[{]/);
    assert.ok(message.length < 400, `${message.length} characters`);
  }
});

hostile('terminal escapes and control characters never reach the terminal', async () => {
  answer = (_request, response) => {
    response.writeHead(401, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ error_description: 'bad\u001b[2J\u001b[31mred\u001b]0;title\u0007 \u009b31m\u202eevil\r\nnext\u0000' }));
  };
  const message = await refusal();
  assert.is(message, "XDR refused the API client's credentials (HTTP 401): bad red evil next");
  assert.not.match(message, /[\x00-\x1f\x7f-\x9f\u202e]/);
});

hostile('a server that echoes the request never gets the client\'s id or secret printed', async () => {
  answer = (request, response) => {
    response.writeHead(401, { 'content-type': 'application/json' });
    const authorization = request.headers.authorization ?? '';
    const decoded = Buffer.from(authorization.replace('Basic ', ''), 'base64').toString();
    response.end(JSON.stringify({ error_description: `refused ${authorization} (${decoded}) id=${ID} secret=${encodeURIComponent(SECRET)}` }));
  };
  const message = await refusal();
  for (const secret of [BASIC, SECRET, ID, encodeURIComponent(SECRET)]) assert.not.ok(message.includes(secret), message);
  assert.is(message, "XDR refused the API client's credentials (HTTP 401): refused Basic [redacted] ([redacted]) id=[redacted] secret=[redacted]");
});

hostile('a plain-text or empty answer is one line too', async () => {
  answer = (_request, response) => {
    response.writeHead(500);
    response.end('<html>oops</html>');
  };
  assert.is(await refusal(), "XDR's token endpoint answered HTTP 500: <html>oops</html>");
  answer = (_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end();
  };
  assert.is(await refusal(), "XDR's token endpoint answered HTTP 200: ");
});

hostile.run();
