// The Lambda entry (handler string `index.handler`): the pipeline of one request, in order.
import { version } from '../package.json';
import { authorize, type Credentials } from './auth.ts';
import { readConfig, type Config } from './config.ts';
import { RelayError } from './errors.ts';
import { readEvent, type Request } from './event.ts';
import { integration as generic } from './integration.ts';
import { logCrash, logRequest, logWarning, stdoutSink, type Sink } from './log.ts';
import { CRASH, writeError, writeJson, type Result } from './response.ts';
import { createRouter } from './router.ts';
import { buildRoutes, type Integration } from './routes.ts';

export type { Result } from './response.ts';

export interface Dependencies {
  readonly config: Config;
  readonly integration: Integration;
  /** The clock for `exp` and `nbf`, in milliseconds since the epoch. */
  readonly now: () => number;
  readonly log: Sink;
}

export type Handler = (event: unknown, context?: unknown) => Promise<Result>;

const NO_CREDENTIALS: Credentials = Object.freeze({});

/** Builds a handler; everything it depends on is injected, so that tests need no mocks. */
export function createHandler({ config, integration, now, log }: Dependencies): Handler {
  const matchRoute = createRouter(buildRoutes(integration, version));
  for (const warning of config.warnings) logWarning(log, warning);

  return async (event, context) => {
    // process.hrtime, not performance.now(): the first use of `performance` loads perf_hooks (~1 ms).
    const started = process.hrtime.bigint();
    let request: Request | undefined;
    let result: Result;
    let code: string | undefined;
    try {
      request = readEvent(event);
      const route = matchRoute(request.method, request.path);
      // Authorization first: an unauthorized request never learns whether its body was valid.
      const credentials = route.auth
        ? authorize(request.authorization, config.keys, integration.claims, now())
        : NO_CREDENTIALS;
      const answer = await route.answer(request, {
        credentials,
        entitiesLimit: config.entitiesLimit,
        requestId: request.requestId,
      });
      result = writeJson(200, answer);
    } catch (error) {
      // The one catch-all: a RelayError is an answer; anything else is a bug, logged with its
      // stack and answered with a bare 500, because a stack trace may carry a secret.
      const known = error instanceof RelayError ? error : CRASH;
      if (known === CRASH) logCrash(log, request?.requestId, error);
      result = writeError(known);
      code = known.code;
    }
    logRequest(log, {
      requestId: request?.requestId,
      awsRequestId: readAwsRequestId(context),
      method: request?.method,
      path: request?.path,
      status: result.statusCode,
      code,
      durationMs: Number(process.hrtime.bigint() - started) / 1e6,
    });
    return result;
  };
}

function readAwsRequestId(context: unknown): string | undefined {
  const id = typeof context === 'object' && context !== null
    ? (context as { awsRequestId?: unknown }).awsRequestId
    : undefined;
  return typeof id === 'string' ? id : undefined;
}

/** The handler Lambda calls, configured from its environment at cold start. */
export const handler: Handler = createHandler({
  config: readConfig(process.env),
  integration: generic,
  now: Date.now,
  log: stdoutSink,
});

/** For `make module-type`: the APIs XDR may call with a token (every route but `/version`). */
export const apis: readonly string[] = buildRoutes(generic, version)
  .filter((route) => route.auth)
  .map((route) => route.path.slice(1));

/** For `make jwt` and `make module-type`: the same declarations the handler uses. */
export { generic as integration, version };
