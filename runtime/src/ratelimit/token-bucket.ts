/**
 * A token bucket that hands out reservations: `take()` always takes a token, letting the balance go
 * negative, and returns how long the caller must wait for it. Waiters are therefore served in
 * arrival order with no queue, and the bucket is a pure function of (state, clock).
 *
 * Capacity is `requests + burst`: a full bucket allows the configured requests at once plus the
 * burst allowance; it then refills at `requests / intervalMs`.
 */
export class TokenBucket {
  readonly capacity: number;
  readonly refillPerMs: number;
  #tokens: number;
  #updatedAt: number;

  constructor(requests: number, intervalMs: number, burst = 0, now = Date.now()) {
    if (!(requests > 0) || !(intervalMs > 0)) throw new RangeError('rate limit needs requests > 0 and intervalMs > 0');
    this.capacity = requests + Math.max(0, burst);
    this.refillPerMs = requests / intervalMs;
    this.#tokens = this.capacity;
    this.#updatedAt = now;
  }

  /** Takes one token; returns 0 when it was available now, else the ms until it will be. */
  take(now = Date.now()): number {
    this.#refill(now);
    this.#tokens -= 1;
    return this.#tokens >= 0 ? 0 : Math.ceil(-this.#tokens / this.refillPerMs);
  }

  /** Tokens available now (negative while reservations are outstanding). */
  available(now = Date.now()): number {
    this.#refill(now);
    return this.#tokens;
  }

  #refill(now: number): void {
    const elapsed = now - this.#updatedAt;
    if (elapsed > 0) {
      this.#tokens = Math.min(this.capacity, this.#tokens + elapsed * this.refillPerMs);
      this.#updatedAt = now;
    }
  }
}
