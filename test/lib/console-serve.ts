// `node scripts/serve.mjs` for the console's tests: a bundle of the tests' choosing on a free
// port, stopped by its process id (SIGKILL after 5 s).
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';

export interface Served {
  readonly child: ChildProcess;
  readonly url: string;
  readonly port: number;
  /** The dev JWT serve printed: the page must never see it. */
  readonly token: string;
  /** The console's link serve printed, with the run's key (`…/?key=…`). */
  readonly link: string;
  /** The run's key, and the Cookie header that carries it (what the link gives the browser). */
  readonly key: string;
  readonly cookie: string;
  readonly output: () => string;
  stop(): Promise<void>;
}

/**
 * Starts serve (`root`'s scripts/serve.mjs, this checkout's by default) with `bundle` as the relay
 * (none with EXAMPLE in `env`) and `env` as its environment; waits for its curl line (at most 60 s:
 * EXAMPLE builds the example first).
 */
export async function serve(bundle: string | undefined, env: Record<string, string> = {}, root = join(__dirname, '..', '..')): Promise<Served> {
  const child = spawn(process.execPath, [join(root, 'scripts', 'serve.mjs')], {
    cwd: root,
    env: { PATH: process.env['PATH'] ?? '', PORT: '0', ...(bundle === undefined ? {} : { RELAY_BUNDLE: bundle }), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  };
  const deadline = Date.now() + 60_000;
  while (!/^curl .*$/m.test(text)) {
    if (Date.now() > deadline || child.exitCode !== null) {
      await stop();
      throw new Error(`serve did not start: ${text}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const url = /listening on (\S+)/.exec(text)?.[1] ?? '';
  const port = Number(new URL(url).port);
  const link = /^Console: (\S+)/m.exec(text)?.[1] ?? '';
  const key = new URL(link).searchParams.get('key') ?? '';
  return { child, url, port, token: /Dev JWT: (\S+)/.exec(text)?.[1] ?? '', link, key, cookie: `relay_console_${port}=${key}`, output: () => text, stop };
}
