// A script's main run in this process, through scripts/lib/cli.mjs's runMain as when the script
// runs as a command: its exit code (0, or 1 after a user's mistake's one line on stderr) and what
// it printed, without a Node.js start (~0.15 s of CPU each). For the many inputs a test walks
// through; each path keeps a run of the script itself, as users run it.
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

type Cli = typeof import('../../scripts/lib/cli.mjs');
interface Script {
  main: (argv: string[]) => Promise<void>;
}

/**
 * Runs `script`'s exported main(argv) on `args` as `verb`. `env`: variables the script reads when
 * first imported (each script is imported once per process), set for that import only.
 */
export async function runHere(script: string, verb: string, args: string[], env: Record<string, string> = {}) {
  const before = Object.fromEntries(Object.keys(env).map((name) => [name, process.env[name]]));
  Object.assign(process.env, env);
  let loaded: [Script, Cli];
  try {
    loaded = await Promise.all([
      import(pathToFileURL(script).href) as Promise<Script>,
      import(pathToFileURL(join(dirname(script), 'lib', 'cli.mjs')).href) as Promise<Cli>,
    ]);
  } finally {
    for (const [name, value] of Object.entries(before)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
  const [{ main }, { runMain }] = loaded;
  let stdout = '';
  let stderr = '';
  const out = process.stdout.write;
  const err = process.stderr.write;
  process.stdout.write = (chunk: string | Uint8Array) => ((stdout += String(chunk)), true);
  process.stderr.write = (chunk: string | Uint8Array) => ((stderr += String(chunk)), true);
  let status: number;
  try {
    status = await runMain(() => verb, () => main(args));
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
  }
  return { status, stdout, stderr };
}
