/**
 * Time, injected: retry backoff, rate limiting and the sync engine read the time and wait through a
 * Clock, so their tests drive a clock instead of sleeping and asserting wall time (which fails on a
 * loaded machine). `systemClock` is the real one.
 */
import type { Abortable } from './http/abortable.js';
import { sleep } from './http/deadline.js';

export interface Clock {
  /** Epoch ms. */
  now(): number;
  /** Waits `ms`; rejects with the signal's reason when it aborts first. */
  sleep(ms: number, signal?: Abortable): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) => sleep(ms, signal),
};
