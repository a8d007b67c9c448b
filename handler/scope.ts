// The request's scope, owned by the pipeline: the Context an API receives is also what the kit
// finds while it runs (its deadline, the signal aborted then) without being passed it. The
// pipeline runs each API in its scope and races it against the deadline, so that whatever the
// API does (ignore the signal and sleep, await an SDK that never answers) the client gets an
// answer in XDR's envelope before Lambda's own limit, not API Gateway's bare 5xx.
import type { AsyncLocalStorage } from 'node:async_hooks';
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

/** A context's deadline on the process's clock: for the deadline's timer (below), and no one else. */
let endOf: (context: RequestContext) => number;

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

  static {
    endOf = (context) => context.#end;
  }

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

/** A request whose API is running: a link in the list the deadline's timer goes through. */
interface Running {
  readonly context: RequestContext;
  /** The context's deadline on the process's clock. */
  readonly end: number;
  readonly reject: (error: unknown) => void;
  previous: Running;
  next: Running;
  /** Set at the deadline: the API's last GRACE_MS. */
  grace: NodeJS.Timeout | undefined;
}

/** The relay's one set of scopes is below; tests make their own, to see a relay without the kit. */
export function createScopes(): Scopes {
  // On Node 20 and 22 the first AsyncLocalStorage.run turns on async hooks for every promise of
  // the process, which costs each request about 10% of the handler's time (make bench's handler
  // row). Scopes are tracked from the first time something asks for them: the kit asks when it is
  // imported, so that a relay without it pays nothing.
  let storage: AsyncLocalStorage<RequestContext> | undefined;
  // Loaded then too, not imported: importing node:async_hooks cost every cold start ~0.04 ms
  // (make bench's import row), and a relay without the kit never needs it.
  const track = () => (storage ??= new (process.getBuiltinModule('node:async_hooks').AsyncLocalStorage)());
  // One timer for all the running APIs, set for the earliest deadline among them, rather than a
  // timer per request: setting and clearing one cost each request about 0.2x an HMAC (make bench's
  // run row), where a warm Lambda, one request at a time, now sets one about every budget (9.5 s
  // by default). The running requests are a circular list around `head` (a Set costs more than
  // the timer it replaces: hashing a new object). The timer keeps the process alive only while
  // an API runs (a script or a test ends when its last request does).
  const head = { end: Number.POSITIVE_INFINITY } as Running;
  head.previous = head;
  head.next = head;
  let timer: NodeJS.Timeout | undefined;
  let timerEnd = Number.POSITIVE_INFINITY;
  const arm = (end: number, now: number) => {
    clearTimeout(timer);
    timerEnd = end;
    timer = setTimeout(expire, Math.max(0, end - now));
  };
  const unlink = (running: Running) => {
    running.previous.next = running.next;
    running.next.previous = running.previous;
    // Taken out twice (at its deadline, then when it answers): the second time changes nothing.
    running.previous = running;
    running.next = running;
    if (head.next === head) timer?.unref();
  };
  /** The timer fired: each API whose deadline came gets its GRACE_MS; the timer is set for the next. */
  const expire = () => {
    const now = Date.now();
    // The deadline the timer was set for came, on the timers' own clock (as a timer per request
    // had it: a step of the wall clock meanwhile changes nothing), and any other Date.now() says is past.
    const reached = Math.max(timerEnd, now);
    timer = undefined;
    timerEnd = Number.POSITIVE_INFINITY;
    const due: Running[] = [];
    let next = Number.POSITIVE_INFINITY;
    for (let running = head.next; running !== head; running = running.next) {
      if (running.end <= reached) due.push(running);
      else next = Math.min(next, running.end);
    }
    for (const running of due) unlink(running);
    // A timer that fired late (a busy or loaded process) may find several due: the earliest
    // deadline first, as their own timers would have fired, not the order they started in.
    if (due.length > 1) due.sort((a, b) => a.end - b.end);
    if (next !== Number.POSITIVE_INFINITY) arm(next, now);
    // Last: the signal's listeners run now (the kit's settle answers), and may start other requests.
    for (const running of due) {
      running.context.expire();
      running.grace = setTimeout(running.reject, GRACE_MS, TIMEOUT);
    }
  };
  return {
    runInScope: <T>(context: RequestContext, api: (context: Context) => Promise<T>) => {
      let answer: Promise<T>;
      // First: an API that throws at once is rejected before its deadline is watched.
      try {
        answer = Promise.resolve(storage === undefined ? api(context) : storage.run(context, api, context));
      } catch (error) {
        return Promise.reject(error);
      }
      return new Promise<T>((resolve, reject) => {
        const end = endOf(context);
        const last = head.previous;
        const running: Running = { context, end, reject, previous: last, next: head, grace: undefined };
        last.next = running;
        head.previous = running;
        if (end < timerEnd) arm(end, Date.now());
        // The first running API since the list was empty: the timer holds the process again.
        else if (last === head) timer?.ref();
        const settled = () => {
          unlink(running);
          clearTimeout(running.grace);
        };
        answer.then(
          (value) => {
            settled();
            resolve(value);
          },
          (error: unknown) => {
            settled();
            reject(error);
          },
        );
      });
    },
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
