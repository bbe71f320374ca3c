/**
 * One signal per call that fires on the caller's AbortSignal or on the call's timeout, whichever
 * comes first, and remembers which. Hand-rolled rather than `AbortSignal.any`/`AbortSignal.timeout`:
 * those leak listeners on long-lived caller signals in Node 20 and cost more per call.
 */
export class Deadline {
  readonly signal: AbortSignal | undefined;
  readonly timeoutMs: number | undefined;
  #controller: AbortController | undefined;
  #timer: NodeJS.Timeout | undefined;
  #timedOut = false;
  readonly #caller: AbortSignal | undefined;
  readonly #onCallerAbort = (): void => this.#controller?.abort(this.#caller?.reason);

  constructor(timeoutMs: number | undefined, caller: AbortSignal | undefined) {
    this.#caller = caller;
    this.timeoutMs = timeoutMs !== undefined && timeoutMs > 0 && Number.isFinite(timeoutMs) ? timeoutMs : undefined;
    if (this.timeoutMs === undefined) {
      // Nothing to combine: the caller's signal (or none) is the call's signal.
      this.signal = caller;
      return;
    }
    const controller = new AbortController();
    this.#controller = controller;
    this.signal = controller.signal;
    if (caller?.aborted) {
      controller.abort(caller.reason);
      return;
    }
    caller?.addEventListener('abort', this.#onCallerAbort, { once: true });
    this.#timer = setTimeout(() => {
      this.#timedOut = true;
      controller.abort(new DOMException('The operation timed out', 'TimeoutError'));
    }, this.timeoutMs);
    this.#timer.unref();
  }

  /** True when the timeout (not the caller) aborted the call. */
  get timedOut(): boolean {
    return this.#timedOut;
  }

  get aborted(): boolean {
    return this.signal?.aborted ?? false;
  }

  /** Stops the timer but keeps forwarding the caller's abort (for a streamed response body). */
  stopTimer(): void {
    if (this.#timer) clearTimeout(this.#timer);
  }

  /** Stops the timer and detaches from the caller's signal; call when the call settles. */
  dispose(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#caller?.removeEventListener('abort', this.#onCallerAbort);
  }
}

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(signal.reason as Error);
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason as Error);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
