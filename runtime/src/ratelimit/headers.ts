/**
 * Reads a server's rate-limit budget from its response headers:
 * - IETF draft `RateLimit-Remaining` / `RateLimit-Reset` (reset in seconds from now),
 * - the combined `RateLimit: limit=100, remaining=50, reset=30` and `RateLimit: "default";r=50;t=30`,
 * - the de-facto `X-RateLimit-Remaining` / `X-RateLimit-Reset`, whose reset is epoch seconds at
 *   GitHub and Twitter but seconds-from-now elsewhere; values past 1e9 can only be epoch times.
 */
type Headers = Readonly<Record<string, string | string[] | undefined>>;

export interface ServerBudget {
  readonly remaining?: number;
  /** Epoch ms when the budget resets. */
  readonly resetAt?: number;
}

export function parseRateLimitHeaders(headers: Headers, now: number): ServerBudget | undefined {
  let remaining = num(headers['ratelimit-remaining'] ?? headers['x-ratelimit-remaining']);
  let reset = num(headers['ratelimit-reset'] ?? headers['x-ratelimit-reset'] ?? headers['x-ratelimit-reset-after']);
  const combined = text(headers['ratelimit']);
  if (combined && (remaining === undefined || reset === undefined)) {
    remaining ??= num(/(?:^|[,;\s])(?:remaining|r)=(\d+)/.exec(combined)?.[1]);
    reset ??= num(/(?:^|[,;\s])(?:reset|t)=(\d+)/.exec(combined)?.[1]);
  }
  if (remaining === undefined && reset === undefined) return undefined;
  return {
    ...(remaining === undefined ? {} : { remaining }),
    ...(reset === undefined ? {} : { resetAt: resetToEpochMs(reset, now) }),
  };
}

export function resetToEpochMs(value: number, now: number): number {
  if (value > 1e12) return value; // epoch milliseconds
  if (value > 1e9) return value * 1000; // epoch seconds
  return now + value * 1000; // seconds from now
}

function text(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function num(value: string | string[] | undefined): number | undefined {
  const t = text(value)?.trim();
  if (!t || !/^\d+(\.\d+)?$/.test(t)) return undefined;
  return Number(t);
}
