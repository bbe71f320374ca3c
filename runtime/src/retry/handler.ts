/**
 * The state of one logical call across its attempts: attempt count, the idempotency key (made once
 * and reused so the server can deduplicate), and the wait between attempts. Decisions come from
 * policy.ts; the client's request loop drives this.
 */
import { randomUUID } from 'node:crypto';
import { systemClock, type Clock } from '../clock.js';
import type { Abortable } from '../http/deadline.js';
import { decideRetry, isRetryableMethod, type AttemptOutcome, type RetryPolicy } from './policy.js';

export class RetryHandler {
  attempt = 0;
  readonly #policy: RetryPolicy;
  readonly #method: string;
  readonly #replayable: boolean;
  #idempotencyKey: string | undefined;

  readonly #clock: Clock;

  constructor(policy: RetryPolicy, method: string, replayable: boolean, clock: Clock = systemClock) {
    this.#clock = clock;
    this.#policy = policy;
    this.#method = method;
    this.#replayable = replayable;
  }

  /**
   * Adds the idempotency key header to a non-idempotent request when the policy names one; the
   * same key on every attempt. A key the caller set is kept.
   */
  stampIdempotencyKey(headers: Record<string, string>): void {
    const name = this.#policy.idempotencyKeyHeader;
    if (name === undefined || !isRetryableMethod(this.#method, this.#policy) || this.#method !== 'POST' && this.#method !== 'PATCH') return;
    this.#idempotencyKey ??= headers[name] ?? randomUUID();
    headers[name] = this.#idempotencyKey;
  }

  /** Milliseconds to wait before the next attempt, or undefined to give up. */
  nextDelay(outcome: Omit<AttemptOutcome, 'method' | 'attempt' | 'replayable'>): number | undefined {
    const decision = decideRetry(
      { ...outcome, method: this.#method, attempt: this.attempt, replayable: this.#replayable },
      this.#policy,
      this.#clock.now(),
      Math.random(),
    );
    return decision.retry ? decision.delayMs : undefined;
  }

  wait(ms: number, signal: Abortable | undefined): Promise<void> {
    return ms <= 0 && !signal?.aborted ? Promise.resolve() : this.#clock.sleep(ms, signal);
  }
}
