/**
 * A clock for tests. Time stands still while code runs and jumps to the next sleeper's wake-up time
 * once everything else is waiting (after pending promise callbacks, on a macrotask), so concurrent
 * sleeps overlap as they would on a real clock, and waits are asserted as exact numbers rather than
 * measured on a machine that may be busy.
 */
import type { Abortable } from '../http/deadline.js';
import type { Clock } from '../clock.js';

interface Sleeper {
  readonly wakeAt: number;
  readonly order: number;
  readonly resolve: () => void;
}

export class TestClock implements Clock {
  /** Every sleep asked for, in order. */
  readonly slept: number[] = [];
  #now: number;
  #sleepers: Sleeper[] = [];
  #order = 0;
  #scheduled = false;

  constructor(start = 1_700_000_000_000) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  sleep(ms: number, signal?: Abortable): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason as Error);
    this.slept.push(ms);
    return new Promise((resolve) => {
      this.#sleepers.push({ wakeAt: this.#now + Math.max(0, ms), order: this.#order++, resolve });
      this.#schedule();
    });
  }

  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      this.#sleepers.sort((a, b) => a.wakeAt - b.wakeAt || a.order - b.order);
      const next = this.#sleepers.shift();
      if (!next) return;
      this.#now = Math.max(this.#now, next.wakeAt);
      next.resolve();
      if (this.#sleepers.length > 0) this.#schedule();
    });
  }
}
