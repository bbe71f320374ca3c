/**
 * Retry policy: pure decisions, no timers and no I/O, so every rule is table-tested
 * (policy.test.ts). The loop that acts on them is handler.ts.
 *
 * - Backoff is exponential with full jitter: uniform in [0, min(max, base * 2^(n-1))], which spreads
 *   a crowd of clients better than equal or decorrelated jitter (AWS Architecture Blog, 2015).
 * - A server's `Retry-After` (seconds or HTTP date) or `retry-after-ms` wins over the backoff; if it
 *   asks for longer than `maxDelayMs`, we stop and surface the error rather than sleep for minutes.
 * - Only idempotent methods are retried, plus POST/PATCH when an idempotency key header is set.
 *   A connection that was refused never reached the server, so that is safe for any method.
 */
import type { RetryConfig } from '../definition.js';

export interface RetryPolicy {
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly statuses: ReadonlySet<number>;
  readonly idempotencyKeyHeader: string | undefined;
}

export const DEFAULT_RETRY_STATUSES = [408, 429, 500, 502, 503, 504] as const;

/** Merges the connector's config with the user's override; `false` disables retries. */
export function resolveRetryPolicy(base: RetryConfig | undefined, override: RetryConfig | false | undefined): RetryPolicy {
  if (override === false) return { ...NO_RETRY };
  const c = { ...base, ...override };
  return {
    maxAttempts: Math.max(1, Math.floor(c.maxAttempts ?? 3)),
    baseDelayMs: Math.max(0, c.baseDelayMs ?? 250),
    maxDelayMs: Math.max(0, c.maxDelayMs ?? 30_000),
    statuses: new Set(c.statuses ?? DEFAULT_RETRY_STATUSES),
    idempotencyKeyHeader: c.idempotencyKeyHeader?.toLowerCase(),
  };
}

const NO_RETRY: RetryPolicy = { maxAttempts: 1, baseDelayMs: 0, maxDelayMs: 0, statuses: new Set(), idempotencyKeyHeader: undefined };

const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE', 'PUT', 'DELETE']);

export function isRetryableMethod(method: string, policy: RetryPolicy): boolean {
  if (IDEMPOTENT.has(method)) return true;
  return policy.idempotencyKeyHeader !== undefined && (method === 'POST' || method === 'PATCH');
}

/** Error codes of a connection that failed before or while talking to the server. */
const CONNECTION_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/** Failures where the request provably never reached the server: safe to retry for any method. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'UND_ERR_CONNECT_TIMEOUT', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH']);

export function errorCode(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && CONNECTION_CODES.has(code)) return code;
  }
  return undefined;
}

export function isConnectionError(error: unknown): boolean {
  return errorCode(error) !== undefined;
}

/** Delay before attempt `attempt + 1` after `attempt` failed (1-based), with `random` in [0, 1). */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random * ceiling);
}

type HeaderValue = string | string[] | undefined;

/** Server-requested delay in ms from `retry-after-ms`, `Retry-After` (seconds or HTTP date). */
export function parseRetryAfter(headers: Readonly<Record<string, HeaderValue>>, now: number): number | undefined {
  const ms = first(headers['retry-after-ms']);
  if (ms !== undefined && /^\s*\d+(\.\d+)?\s*$/.test(ms)) return Math.ceil(Number(ms));
  const value = first(headers['retry-after'])?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

function first(value: HeaderValue): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export interface AttemptOutcome {
  readonly method: string;
  /** 1-based number of the attempt that just finished. */
  readonly attempt: number;
  readonly status?: number;
  readonly headers?: Readonly<Record<string, HeaderValue>>;
  readonly error?: unknown;
  /**
   * True when the attempt failed before anything was sent (e.g. the OAuth token endpoint was
   * briefly unavailable): safe to retry whatever the method.
   */
  readonly notSent?: boolean;
  /** False when the request body was a stream and cannot be sent again. */
  readonly replayable: boolean;
}

export type RetryDecision = { readonly retry: false; readonly reason: string } | { readonly retry: true; readonly delayMs: number };

export function decideRetry(outcome: AttemptOutcome, policy: RetryPolicy, now: number, random: number): RetryDecision {
  if (outcome.attempt >= policy.maxAttempts) return { retry: false, reason: 'attempts exhausted' };
  if (!outcome.replayable) return { retry: false, reason: 'body is a stream' };
  if (outcome.error !== undefined) {
    if (outcome.notSent) return { retry: true, delayMs: backoffDelay(outcome.attempt, policy, random) };
    const code = errorCode(outcome.error);
    if (code === undefined) return { retry: false, reason: 'not a connection error' };
    if (!NOT_SENT_CODES.has(code) && !isRetryableMethod(outcome.method, policy)) return { retry: false, reason: 'method not idempotent' };
    return { retry: true, delayMs: backoffDelay(outcome.attempt, policy, random) };
  }
  const status = outcome.status ?? 0;
  if (!policy.statuses.has(status)) return { retry: false, reason: `status ${status} not retried` };
  if (!isRetryableMethod(outcome.method, policy)) return { retry: false, reason: 'method not idempotent' };
  const asked = outcome.headers ? parseRetryAfter(outcome.headers, now) : undefined;
  if (asked !== undefined) {
    if (asked > policy.maxDelayMs) return { retry: false, reason: 'Retry-After exceeds maxDelayMs' };
    return { retry: true, delayMs: asked };
  }
  return { retry: true, delayMs: backoffDelay(outcome.attempt, policy, random) };
}
