// What a worked example's fake service module (test/<example>/fake.ts) exports as `start()`:
// the browser tests start it, and so does `make serve EXAMPLE=<example>` (scripts/serve.mjs
// bundles the file with esbuild: Node runs no TypeScript).
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Fake {
  /** The integration's settings that point it at the fake (`EXAMPLE_INTEL_URL`...). */
  readonly settings: Readonly<Record<string, string>>;
  /** A report to paste that names what the fake knows: the console starts with it. */
  readonly sample: string;
  /** Where the fake answers. */
  readonly url: string;
  stop(): Promise<void>;
}

/** Listens on a free port of 127.0.0.1 and returns the Fake: `settings` from its URL. */
export async function listen(server: Server, settings: (url: string) => Record<string, string>, sample: string): Promise<Fake> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    settings: settings(url),
    sample,
    url,
    stop: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
