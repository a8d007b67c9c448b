// Loopback helpers for `make bench` and the tests: a free port, and waiting for a server to answer.
import { createServer } from 'node:net';

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Resolves once `url` answers anything over HTTP; rejects after `timeoutMs`, or as soon as
 * `alive()` says the process that should answer has exited.
 * @param {string} url
 * @param {{ timeoutMs?: number, alive?: () => boolean, method?: string }} [options]
 */
export async function waitUntilUp(url, { timeoutMs = 10_000, alive = () => true, method = 'GET' } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const response = await fetch(url, { method });
      await response.arrayBuffer();
      return;
    } catch {
      if (Date.now() > deadline || !alive()) throw new Error(`${new URL(url).host} did not start`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
