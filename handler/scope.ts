// The request's scope, owned by the pipeline: the Context an API receives is also what the kit
// finds while it runs (its deadline, the signal aborted then) without being passed it. The
// pipeline runs each API in its scope and races it against the deadline, so that whatever the
// API does (ignore the signal and sleep, await an SDK that never answers) the client gets an
// answer in XDR's envelope before Lambda's own limit, not API Gateway's bare 5xx.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Context, Credentials, Settings } from './contract.ts';
import { RelayError } from './errors.ts';

/**
 * After the deadline, how long the API still has to answer with what it finished (the kit's
 * `settle` does, as soon as the signal aborts) before the pipeline answers `timeout` instead.
 * Taken from the margin (DEADLINE_MARGIN_MS, 500 ms by default), which is there to write the answer.
 */
export const GRACE_MS = 50;

/** What the pipeline answers when the API has not answered by the deadline (and the grace after it). */
export const TIMEOUT = new RelayError('service unavailable', 'Timeout: the relay could not answer before its deadline.');

/** The signal's reason: what `AbortSignal.timeout` gives, so that code telling a timeout apart still does. */
const expired = () => new DOMException('The relay\'s deadline came.', 'TimeoutError');

/**
 * What an API receives, and the scope the kit finds during it. A class, not an object literal:
 * the signal is made on first use (the generic template never asks), and a getter in a literal
 * costs ~0.5 µs a request where a class costs nothing (measured, Node 20).
 */
export class RequestContext implements Context {
  readonly credentials: Credentials;
  readonly settings: Settings;
  readonly entitiesLimit: number;
  readonly requestId: string | undefined;
  readonly deadline: number;
  /** The deadline on the process's own clock, which the timers run on: what `timeLeft` counts down to. */
  readonly #end: number;
  #controller: AbortController | undefined;
  #expired = false;

  /** `deadline` on the pipeline's injected clock; `timeLeftMs` until it, counted on the process's. */
  constructor(fields: Pick<Context, 'credentials' | 'settings' | 'entitiesLimit' | 'requestId'>, deadline: number, timeLeftMs: number) {
    this.credentials = fields.credentials;
    this.settings = fields.settings;
    this.entitiesLimit = fields.entitiesLimit;
    this.requestId = fields.requestId;
    this.deadline = deadline;
    this.#end = Date.now() + timeLeftMs;
  }

  get signal(): AbortSignal {
    if (this.#controller === undefined) {
      this.#controller = new AbortController();
      // Asked for after the deadline's timer fired: aborted already.
      if (this.#expired) this.#controller.abort(expired());
    }
    return this.#controller.signal;
  }

  /** Milliseconds left before the deadline (negative once past it). */
  timeLeft(): number {
    return this.#end - Date.now();
  }

  /** The deadline came: the signal aborts (and one asked for later is aborted already). */
  expire(): void {
    this.#expired = true;
    this.#controller?.abort(expired());
  }
}

/** The scopes of requests: how the pipeline runs an API in one, and how the kit finds it. */
export interface Scopes {
  /**
   * Runs `api` in the scope of `context`, and answers by the deadline whatever it does: at the
   * deadline the signal aborts, and what the API answers within GRACE_MS after it is kept (the
   * kit's partial results); past that, the answer is TIMEOUT.
   */
  runInScope<T>(context: RequestContext, api: (context: Context) => Promise<T>): Promise<T>;
  /** From now on, each API runs in a scope that `currentScope()` finds. The kit calls it when imported. */
  trackScopes(): void;
  /** The scope of the request being answered; `undefined` outside one (a script, a unit test). */
  currentScope(): Context | undefined;
  /** Milliseconds left before the current request's deadline; Infinity outside a request. */
  timeLeft(): number;
}

/** The relay's one set of scopes is below; tests make their own, to see a relay without the kit. */
export function createScopes(): Scopes {
  // On Node 20 and 22 the first AsyncLocalStorage.run turns on async hooks for every promise of
  // the process, which costs each request about 10% of the handler's time (make bench's handler
  // row). Scopes are tracked from the first time something asks for them: the kit asks when it is
  // imported, so that a relay without it pays nothing.
  let storage: AsyncLocalStorage<RequestContext> | undefined;
  const track = () => (storage ??= new AsyncLocalStorage());
  return {
    runInScope: <T>(context: RequestContext, api: (context: Context) => Promise<T>) => new Promise<T>((resolve, reject) => {
      // First: an API that throws at once rejects this promise before any timer exists.
      const running = Promise.resolve(storage === undefined ? api(context) : storage.run(context, api, context));
      // Each timer is held until cleared: nothing the garbage collector could take.
      let grace: NodeJS.Timeout | undefined;
      const deadline = setTimeout(() => {
        context.expire();
        grace = setTimeout(() => reject(TIMEOUT), GRACE_MS);
      }, Math.max(0, context.timeLeft()));
      const settled = () => {
        clearTimeout(deadline);
        clearTimeout(grace);
      };
      running.then(
        (value) => {
          settled();
          resolve(value);
        },
        (error: unknown) => {
          settled();
          reject(error);
        },
      );
    }),
    trackScopes: () => {
      track();
    },
    currentScope: () => track().getStore(),
    timeLeft: () => {
      const scope = track().getStore();
      return scope === undefined ? Number.POSITIVE_INFINITY : scope.timeLeft();
    },
  };
}

export const { runInScope, trackScopes, currentScope, timeLeft } = createScopes();
