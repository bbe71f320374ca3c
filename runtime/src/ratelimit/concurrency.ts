/**
 * A FIFO semaphore capping requests in flight per connector instance. `tryAcquire` is synchronous
 * so the uncontended path allocates no promise.
 */
import { onAbort, type Abortable } from '../http/deadline.js';

export class Semaphore {
  readonly limit: number;
  #active = 0;
  readonly #waiters: Array<{ resolve: () => void; off: (() => void) | undefined }> = [];

  constructor(limit: number) {
    this.limit = limit > 0 ? Math.floor(limit) : Infinity;
  }

  get active(): number {
    return this.#active;
  }

  tryAcquire(): boolean {
    if (this.#active < this.limit && this.#waiters.length === 0) {
      this.#active++;
      return true;
    }
    return false;
  }

  acquire(signal?: Abortable): Promise<void> {
    if (this.tryAcquire()) return Promise.resolve();
    if (signal?.aborted) return Promise.reject(signal.reason as Error);
    return new Promise((resolve, reject) => {
      const waiter: { resolve: () => void; off: (() => void) | undefined } = { resolve, off: undefined };
      if (signal) {
        waiter.off = onAbort(signal, () => {
          const i = this.#waiters.indexOf(waiter);
          if (i >= 0) this.#waiters.splice(i, 1);
          reject(signal.reason);
        });
      }
      this.#waiters.push(waiter);
    });
  }

  release(): void {
    const next = this.#waiters.shift();
    if (next) {
      // The slot passes straight to the next waiter; #active stays the same.
      next.off?.();
      next.resolve();
    } else {
      this.#active--;
    }
  }
}
