// How the scripts end: a user's mistake is one `<verb>: error: <message>` line and exit code 1,
// never a stack trace; anything else is a bug, and shows its stack. Node built-ins only.
import { fileURLToPath } from 'node:url';

/** A mistake of the user's: its message is the whole story. */
export class UsageError extends Error {}

/**
 * Runs `main`; resolves to the exit code: 0, or 1 after a user's mistake's one line on stderr.
 * Anything else is thrown. (The tests run a script's refusals through this in-process.)
 */
export async function runMain(verb, main) {
  try {
    await main();
    return 0;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${verb()}: error: ${error.message}`);
    return 1;
  }
}

/** Runs `main` when `meta` is the module node was started with (not when it is imported). */
export async function runCli(meta, verb, main) {
  if (process.argv[1] !== fileURLToPath(meta.url)) return;
  if ((await runMain(verb, main)) !== 0) process.exitCode = 1;
}
