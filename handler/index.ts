// The Lambda entry (handler string `index.handler`): the pipeline of one request, in order.
import { name, version } from '../package.json';
import { authorize, type Authorized, type Verifier } from './policy.ts';
import { readConfig, type Config } from './config.ts';
import type { Credentials, Integration } from './contract.ts';
import { readCapped } from './capped.ts';
import { CRASH, JWKS_UNAVAILABLE, KID_NOT_FOUND, RelayError, settingMissing } from './errors.ts';
import { onDemand } from './demand.ts';
import { readBody, readEvent, type RelayRequest } from './event.ts';
import { integration } from './integration.ts';
import type { GetKey } from './jwks.ts';
import { logRequest, logWarning, readErrors, stdoutSink, type RequestLog, type Sink } from './log.ts';
import { writeError, writeJson, type Result } from './response.ts';
import { createRouter } from './router.ts';
import { buildRoutes, listApis as listApisOf } from './routes.ts';
import { validate } from './schema.ts';
import { RequestContext, runInScope } from './scope.ts';

export type { Result } from './response.ts';

export interface Dependencies {
  readonly config: Config;
  readonly integration: Integration;
  /** The clock for `exp`, `nbf` and the request's deadline, in milliseconds since the epoch. */
  readonly now: () => number;
  readonly log: Sink;
  /** The public keys of RS256 configuration tokens; fetched from XDR_JWKS_HOSTS by default. */
  readonly getKey?: GetKey;
}

export type Handler = (event: unknown, context?: unknown) => Promise<Result>;

const ANONYMOUS: Authorized = Object.freeze({ credentials: Object.freeze({}), entitiesLimit: undefined });
const BAD_LIMIT_CLAIM = 'the token\'s CTR_ENTITIES_LIMIT claim is not a positive integer; ignored';

/** Builds a handler; everything it depends on is injected, so that tests need no mocks. */
export function createHandler({ config, integration, now, log, getKey }: Dependencies): Handler {
  const matchRoute = createRouter(buildRoutes(integration, version));
  const verifier: Verifier = {
    keys: config.keys,
    audience: config.audience,
    jwksHosts: config.jwksHosts,
    getKey: getKey ?? keysOnDemand(now, (message) => logWarning(log, message)),
  };
  for (const warning of config.warnings) logWarning(log, warning);
  // Built once: a deployment without a required setting answers this to every authorized request.
  const unconfigured = config.missing.length > 0 ? settingMissing(config.missing.join(', ')) : undefined;

  return async (event, lambdaContext) => {
    // process.hrtime, not performance.now(): the first use of `performance` loads perf_hooks (~1 ms).
    const started = process.hrtime.bigint();
    let request: RelayRequest | undefined;
    let result: Result;
    let code: string | undefined;
    let errors: RequestLog['errors'];
    let credentials: Credentials = ANONYMOUS.credentials;
    try {
      request = readEvent(event);
      const route = matchRoute(request.method, request.path);
      const at = now();
      // The answer must be written before the runtime gives up: Lambda says when, else the budget.
      const budgetMs = (readRemainingTime(lambdaContext) ?? config.timeoutMs) - config.marginMs;
      // Authorization first: an unauthorized request never learns whether its body was valid.
      const authorized = route.auth ? authorize(request.authorization, verifier, integration.claims, at, budgetMs) : ANONYMOUS;
      // A promise only for RS256 tokens, whose key may have to be fetched: HS256 awaits nothing.
      const fetched = authorized instanceof Promise;
      const granted = fetched ? await authorized : authorized;
      credentials = granted.credentials;
      const { entitiesLimit } = granted;
      if (route.auth && unconfigured !== undefined) throw unconfigured;
      const checked = route.schema === undefined ? undefined : validate(route.schema, readBody(request));
      // A promise only for a body the one-pass check refused, whose report is loaded on demand.
      const input = checked instanceof Promise ? await checked : checked;
      if (entitiesLimit === null) logWarning(log, BAD_LIMIT_CLAIM, request.requestId);
      const context = new RequestContext({
        credentials,
        settings: config.settings,
        // A configuration token may lower the limit for its organization, never raise it.
        entitiesLimit: entitiesLimit ? Math.min(entitiesLimit, config.entitiesLimit) : config.entitiesLimit,
        requestId: request.requestId,
        // What fetching an RS256 token's keys took is no longer the API's (HS256 took microseconds).
      }, at + budgetMs, fetched ? budgetMs - Number(process.hrtime.bigint() - started) / 1e6 : budgetMs);
      const run = route.run;
      const answer = await runInScope(context, (scope) => run(input, scope));
      // A partial answer (data and errors) is logged with its errors' codes: alarms can see it.
      errors = readErrors(answer);
      result = writeJson(200, answer);
    } catch (error) {
      // The one catch-all: a RelayError is an answer; anything else is a bug, logged with its
      // stack and answered with a bare 500, because a stack trace may carry a secret.
      const known = asRelayError(error);
      if (known === CRASH) await logCrash(log, request?.requestId, error, secretsOf(request, credentials));
      result = writeError(known);
      code = known.code;
      errors = { codes: [known.code], count: 1 };
    }
    logRequest(log, {
      requestId: request?.requestId,
      awsRequestId: readAwsRequestId(lambdaContext),
      method: request?.method,
      path: request?.path,
      status: result.statusCode,
      code,
      errors,
      durationMs: Number(process.hrtime.bigint() - started) / 1e6,
    });
    return result;
  };
}

/**
 * The crash's log line (handler/crash.ts), its module loaded at the first crash. Cannot throw: a
 * module that cannot be loaded still leaves a line saying that the request crashed.
 */
async function logCrash(log: Sink, requestId: string | undefined, error: unknown, secrets: string[]): Promise<void> {
  try {
    (await import('./crash.ts')).logCrash(log, requestId, error, secrets);
  } catch {
    log(JSON.stringify({ level: 'error', message: 'unhandled error', requestId, error: '(the crash logger could not be loaded)' }));
  }
}

/**
 * The key store of RS256 tokens (handler/jwks.ts), its module loaded at the first RS256 token: a
 * relay of HS256 tokens never reads or compiles it. A module that cannot be loaded (a zip that
 * lost it) fails the request as a crash, logged with its cause, and is tried again by the next.
 */
function keysOnDemand(now: () => number, warn: (message: string) => void): GetKey {
  const store = onDemand(async () => (await import('./jwks.ts')).createKeyStore({ readCapped, unavailable: JWKS_UNAVAILABLE, unknownKid: KID_NOT_FOUND, now, warn }));
  return async (host, kid, timeLeftMs) => (await store())(host, kid, timeLeftMs);
}

/** The error to answer. Cannot throw: `instanceof` on a revoked Proxy does, which counts as a crash. */
function asRelayError(error: unknown): RelayError {
  try {
    return error instanceof RelayError ? error : CRASH;
  } catch {
    return CRASH;
  }
}

/** What a crash's log line must not show: the request's token (and its header) and credentials. */
function secretsOf(request: RelayRequest | undefined, credentials: Credentials): string[] {
  return [...(request?.authorization?.split(/\s+/) ?? []), ...Object.values(credentials)];
}

/** Lambda's `context.getRemainingTimeInMillis()`, when there is one that answers a number. */
function readRemainingTime(context: unknown): number | undefined {
  const read = typeof context === 'object' && context !== null
    ? (context as { getRemainingTimeInMillis?: unknown }).getRemainingTimeInMillis
    : undefined;
  const remaining = typeof read === 'function' ? (read as () => unknown).call(context) : undefined;
  return typeof remaining === 'number' && Number.isFinite(remaining) ? remaining : undefined;
}

function readAwsRequestId(context: unknown): string | undefined {
  const id = typeof context === 'object' && context !== null
    ? (context as { awsRequestId?: unknown }).awsRequestId
    : undefined;
  return typeof id === 'string' ? id : undefined;
}

/** A handler configured from `env`, logging to `log`: what Lambda runs, and `make serve`. */
export function createRelay(env: Readonly<Record<string, string | undefined>>, log: Sink = stdoutSink): Handler {
  return createHandler({ config: readConfig(env, integration.settings), integration, now: Date.now, log });
}

let instance: Handler | undefined;

/**
 * The handler Lambda calls, configured from its environment on the first invocation (once per
 * cold start): importing this module reads nothing and writes nothing.
 */
export const handler: Handler = (event, context) => {
  instance ??= createRelay(process.env);
  return instance(event, context);
};

/**
 * For `make module-type`, `make check` and the console: the APIs XDR may call with a token. A
 * function, not a value computed at import: Lambda never reads it, and building the routes at
 * import cost each cold start ~0.1 ms (make bench's import row). A mistake in the integration
 * fails here as it fails createRelay.
 */
export function listApis(): string[] {
  return listApisOf(integration);
}

/** For `make jwt`, `make serve` and `make module-type`: the declarations the handler uses. */
export { integration, name, version };
