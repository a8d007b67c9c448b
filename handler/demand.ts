// Modules loaded on demand: the first caller loads, concurrent callers share that load, and a
// load that failed (a zip that lost the file) is tried again by the next caller rather than
// remembered. handler/index.ts loads the JWKS key store this way, and handler/routes.ts the
// respond registry: a cold start compiles neither. (The crash logger is imported at each crash,
// which Node's loader remembers once loaded; a failure there is a log line, not a rejection.)

/** `load`, run once at the first call; again after it failed. */
export function onDemand<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () => (loading ??= load().catch((error: unknown) => {
    loading = undefined;
    throw error;
  }));
}
