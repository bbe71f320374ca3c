/**
 * The per-connector rate limiter: concurrency cap, then client-side token bucket, then the
 * server's own budget as its headers report it. A 429 pauses every call of the instance, not just
 * the one that was refused, until the server's `Retry-After` (or reset) has passed.
 */
import type { RateLimitConfig } from '../definition.js';
import { systemClock, type Clock } from '../clock.js';
import type { Abortable } from '../http/deadline.js';
import { parseRetryAfter } from '../retry/policy.js';
import { Semaphore } from './concurrency.js';
import { parseRateLimitHeaders } from './headers.js';
import { TokenBucket } from './token-bucket.js';

type Headers = Readonly<Record<string, string | string[] | undefined>>;

/** Returned by `acquire`; call once when the response has been read. */
export type Release = () => void;

/** Pause after a 429 that gave no hint of how long. */
const DEFAULT_429_PAUSE_MS = 1000;

export class RateLimiter {
  readonly #semaphore: Semaphore;
  readonly #bucket: TokenBucket | undefined;
  #remaining: number | undefined;
  #resetAt = 0;
  #pausedUntil = 0;
  readonly #release: Release;
  readonly #clock: Clock;

  constructor(config: RateLimitConfig | undefined, clock: Clock = systemClock) {
    this.#clock = clock;
    this.#semaphore = new Semaphore(config?.concurrency ?? 0);
    this.#bucket =
      config?.requests !== undefined ? new TokenBucket(config.requests, config.intervalMs ?? 1000, config.burst ?? 0, clock.now()) : undefined;
    this.#release = () => this.#semaphore.release();
  }

  /** Ms to wait before sending now, from the bucket, a 429 pause, or an exhausted server budget. */
  #delay(now: number): number {
    let wait = this.#bucket ? this.#bucket.take(now) : 0;
    if (this.#pausedUntil > now) wait = Math.max(wait, this.#pausedUntil - now);
    if (this.#remaining !== undefined) {
      if (this.#resetAt <= now) {
        this.#remaining = undefined; // the window rolled over; the next response reports afresh
      } else if (this.#remaining <= 0) {
        wait = Math.max(wait, this.#resetAt - now);
      } else {
        // Count our own in-flight requests against the budget before the server reports them.
        this.#remaining--;
      }
    }
    return wait;
  }

  /**
   * Waits until a request may be sent and returns its release. Returns the release synchronously
   * when nothing stands in the way, so the uncontended path costs no promise.
   */
  acquire(signal?: Abortable): Release | Promise<Release> {
    if (this.#semaphore.tryAcquire()) {
      const wait = this.#delay(this.#clock.now());
      return wait === 0 ? this.#release : this.#waitOut(wait, signal);
    }
    return this.#semaphore.acquire(signal).then(() => this.#waitOut(this.#delay(this.#clock.now()), signal));
  }

  /** Sleeps `wait` ms holding the slot, re-checking 429 pauses and the server budget after each sleep. */
  async #waitOut(wait: number, signal: Abortable | undefined): Promise<Release> {
    try {
      while (wait > 0) {
        await this.#clock.sleep(wait, signal);
        const now = this.#clock.now();
        const budgetWait = this.#remaining !== undefined && this.#remaining <= 0 && this.#resetAt > now ? this.#resetAt - now : 0;
        wait = Math.max(this.#pausedUntil - now, budgetWait);
      }
    } catch (error) {
      this.#semaphore.release();
      throw error;
    }
    return this.#release;
  }

  /** Feeds a response's status and headers back into the limiter. */
  observe(status: number, headers: Headers): void {
    const now = this.#clock.now();
    const budget = parseRateLimitHeaders(headers, now);
    if (budget?.remaining !== undefined) {
      this.#remaining = budget.remaining;
      this.#resetAt = budget.resetAt ?? now + 1000;
    }
    if (status === 429) {
      const pause = parseRetryAfter(headers, now) ?? (budget?.resetAt !== undefined ? budget.resetAt - now : DEFAULT_429_PAUSE_MS);
      this.#pausedUntil = Math.max(this.#pausedUntil, now + pause);
    }
  }
}
