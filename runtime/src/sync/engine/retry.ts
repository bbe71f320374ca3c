/**
 * Retrying a failed write or page with exponential backoff on the injected clock. An HTTP 4xx other
 * than 408 and 429 is permanent: the same request will be refused again, so it fails at once.
 */
import type { Clock } from '../clock.js';

export interface RetrySettings {
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

export const DEFAULT_RETRY: RetrySettings = { maxAttempts: 3, baseDelayMs: 200, maxDelayMs: 10_000 };

export function backoffMs(settings: RetrySettings, failedAttempts: number): number {
  return Math.min(settings.maxDelayMs, settings.baseDelayMs * 2 ** Math.max(0, failedAttempts - 1));
}

export function isPermanent(error: unknown): boolean {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' && status >= 400 && status < 500 && status !== 408 && status !== 429;
}

export interface Attempted {
  readonly ok: boolean;
  readonly attempts: number;
  readonly error?: unknown;
}

export async function withRetry(settings: RetrySettings, clock: Clock, work: () => Promise<void>): Promise<Attempted> {
  for (let attempt = 1; ; attempt++) {
    try {
      await work();
      return { ok: true, attempts: attempt };
    } catch (error) {
      if (attempt >= settings.maxAttempts || isPermanent(error)) return { ok: false, attempts: attempt, error };
      await clock.sleep(backoffMs(settings, attempt));
    }
  }
}

/** Runs `work` over `items` with at most `limit` in flight; results in input order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}
