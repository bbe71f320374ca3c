/** Time for the sync engine, injected so tests drive it instead of sleeping. */
export interface Clock {
  /** Epoch ms. */
  now(): number;
  /** Waits `ms` (backoff between retries). */
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};
