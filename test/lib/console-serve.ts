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
  readonly output: () => string;
  stop(): Promise<void>;
}

/**
 * Starts serve (`root`'s scripts/serve.mjs, this checkout's by default) with `bundle` as the relay
 * and `env` as its environment; waits for its curl line (at most 20 s).
 */
export async function serve(bundle: string, env: Record<string, string> = {}, root = join(__dirname, '..', '..')): Promise<Served> {
  const child = spawn(process.execPath, [join(root, 'scripts', 'serve.mjs')], {
    cwd: root,
    env: { PATH: process.env['PATH'] ?? '', PORT: '0', RELAY_BUNDLE: bundle, ...env },
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
  const deadline = Date.now() + 20_000;
  while (!/^curl .*$/m.test(text)) {
    if (Date.now() > deadline || child.exitCode !== null) {
      await stop();
      throw new Error(`serve did not start: ${text}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const url = /listening on (\S+)/.exec(text)?.[1] ?? '';
  return { child, url, port: Number(new URL(url).port), token: /Dev JWT: (\S+)/.exec(text)?.[1] ?? '', output: () => text, stop };
}
