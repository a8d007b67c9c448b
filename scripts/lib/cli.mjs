// How the scripts end: a user's mistake is one `<verb>: error: <message>` line and exit code 1,
// never a stack trace; anything else is a bug, and shows its stack. Node built-ins only.
import { fileURLToPath } from 'node:url';

/** A mistake of the user's: its message is the whole story. */
export class UsageError extends Error {}

/** Runs `main` when `meta` is the module node was started with (not when it is imported). */
export async function runCli(meta, verb, main) {
  if (process.argv[1] !== fileURLToPath(meta.url)) return;
  try {
    await main();
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${verb()}: error: ${error.message}`);
    process.exitCode = 1;
  }
}
