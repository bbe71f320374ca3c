/**
 * One abort source per call that fires on the caller's AbortSignal or on the call's timeout,
 * whichever comes first, and remembers which.
 *
 * It is an EventEmitter, not an AbortController: constructing an AbortController costs ~5 µs in
 * Node 20 (an EventTarget and its internals), more than everything else the runtime adds to a
 * request, while undici documents `signal` as "AbortSignal | EventEmitter" and an emitter costs
 * ~0.1 µs. A real AbortSignal is made only for code that needs one (an auth scheme doing I/O).
 */
import { EventEmitter } from 'node:events';
import type { Abortable } from './abortable.js';

/** What our waits accept: a caller's AbortSignal or a Deadline (declared by shape in abortable.ts). */
export type { Abortable };

export class Deadline extends EventEmitter {
  readonly timeoutMs: number | undefined;
  aborted = false;
  reason: unknown = undefined;
  #timer: NodeJS.Timeout | undefined;
  #timedOut = false;
  #controller: AbortController | undefined;
  readonly #caller: AbortSignal | undefined;
  // Made only when there is a caller's signal to listen to: most calls have none.
  readonly #onCallerAbort: (() => void) | undefined;

  constructor(timeoutMs: number | undefined, caller: AbortSignal | undefined) {
    super();
    this.#caller = caller;
    this.timeoutMs = timeoutMs !== undefined && timeoutMs > 0 && Number.isFinite(timeoutMs) ? timeoutMs : undefined;
    if (caller?.aborted) {
      this.abort(caller.reason);
      return;
    }
    if (caller) {
      this.#onCallerAbort = () => this.abort(caller.reason);
      caller.addEventListener('abort', this.#onCallerAbort, { once: true });
    }
    if (this.timeoutMs !== undefined) {
      this.#timer = setTimeout(() => {
        this.#timedOut = true;
        this.abort(new DOMException('The operation timed out', 'TimeoutError'));
      }, this.timeoutMs);
      this.#timer.unref();
    }
  }

  /** Whether anything can abort this call; when not, callees get no signal at all. */
  get active(): boolean {
    return this.#caller !== undefined || this.timeoutMs !== undefined;
  }

  abort(reason: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    this.#controller?.abort(reason);
    this.emit('abort');
  }

  /** True when the timeout (not the caller) aborted the call. */
  get timedOut(): boolean {
    return this.#timedOut;
  }

  /** A standard AbortSignal tied to this deadline, created on first use. */
  get signal(): AbortSignal | undefined {
    if (!this.active) return undefined;
    if (this.#controller === undefined) {
      this.#controller = new AbortController();
      if (this.aborted) this.#controller.abort(this.reason);
    }
    return this.#controller.signal;
  }

  /** Stops the timer but keeps forwarding the caller's abort (for a streamed response body). */
  stopTimer(): void {
    if (this.#timer) clearTimeout(this.#timer);
  }

  /** Stops the timer and detaches from the caller's signal; call when the call settles. */
  dispose(): void {
    if (this.#timer) clearTimeout(this.#timer);
    if (this.#onCallerAbort) this.#caller?.removeEventListener('abort', this.#onCallerAbort);
  }
}

/** Subscribes to an abort; returns the unsubscribe. */
export function onAbort(source: Abortable, listener: () => void): () => void {
  if ('addEventListener' in source) {
    source.addEventListener('abort', listener, { once: true });
    return () => source.removeEventListener('abort', listener);
  }
  // `on`, not `once`: a deadline aborts at most once, and once's wrapper is an allocation per call.
  source.on('abort', listener);
  return () => source.removeListener('abort', listener);
}

/** Resolves after `ms`, or rejects with the abort reason as soon as `source` aborts. */
export function sleep(ms: number, source?: Abortable): Promise<void> {
  if (source?.aborted) return Promise.reject(source.reason as Error);
  return new Promise((resolve, reject) => {
    let off: (() => void) | undefined;
    const timer = setTimeout(() => {
      off?.();
      resolve();
    }, ms);
    if (source) {
      off = onAbort(source, () => {
        clearTimeout(timer);
        reject(source.reason as Error);
      });
    }
  });
}
