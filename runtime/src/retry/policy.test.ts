import { describe, expect, it } from 'vitest';
import { backoffDelay, decideRetry, parseRetryAfter, resolveRetryPolicy, type AttemptOutcome } from './policy.js';

const policy = resolveRetryPolicy({ maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 1000 }, undefined);
const withKey = resolveRetryPolicy({ maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 1000, idempotencyKeyHeader: 'Idempotency-Key' }, undefined);
const NOW = Date.parse('2025-01-01T00:00:00Z');
const reset = Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' });
const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });

describe('backoffDelay: exponential with full jitter', () => {
  it.each([
    [1, 0.999, 99],
    [2, 0.999, 199],
    [3, 0.5, 200],
    [4, 0.999, 799],
    [5, 0.999, 999], // capped at maxDelayMs
    [30, 0.999, 999],
    [3, 0, 0],
  ])('attempt %i, random %f -> %i ms', (attempt, random, expected) => {
    expect(backoffDelay(attempt, policy, random)).toBe(expected);
  });
});

describe('parseRetryAfter', () => {
  it.each<[Record<string, string>, number | undefined]>([
    [{ 'retry-after': '3' }, 3000],
    [{ 'retry-after': '0' }, 0],
    [{ 'retry-after': 'Wed, 01 Jan 2025 00:00:05 GMT' }, 5000],
    [{ 'retry-after': 'Tue, 31 Dec 2024 23:59:00 GMT' }, 0], // a date in the past: retry now
    [{ 'retry-after-ms': '250' }, 250],
    [{ 'retry-after-ms': '12.5', 'retry-after': '9' }, 13], // the ms header wins
    [{ 'retry-after': 'soon' }, undefined],
    [{}, undefined],
  ])('%j -> %s', (headers, expected) => {
    expect(parseRetryAfter(headers, NOW)).toBe(expected);
  });
});

describe('decideRetry', () => {
  const base: AttemptOutcome = { method: 'GET', attempt: 1, replayable: true };
  it.each<[string, AttemptOutcome, typeof policy, boolean]>([
    ['GET 503', { ...base, status: 503 }, policy, true],
    ['GET 500', { ...base, status: 500 }, policy, true],
    ['GET 502', { ...base, status: 502 }, policy, true],
    ['GET 504', { ...base, status: 504 }, policy, true],
    ['GET 408', { ...base, status: 408 }, policy, true],
    ['GET 429', { ...base, status: 429 }, policy, true],
    ['GET 400', { ...base, status: 400 }, policy, false],
    ['GET 404', { ...base, status: 404 }, policy, false],
    ['GET 501 not in list', { ...base, status: 501 }, policy, false],
    ['PUT 503', { ...base, method: 'PUT', status: 503 }, policy, true],
    ['DELETE 503', { ...base, method: 'DELETE', status: 503 }, policy, true],
    ['POST 503 without key', { ...base, method: 'POST', status: 503 }, policy, false],
    ['PATCH 503 without key', { ...base, method: 'PATCH', status: 503 }, policy, false],
    ['POST 503 with key', { ...base, method: 'POST', status: 503 }, withKey, true],
    ['PATCH 429 with key', { ...base, method: 'PATCH', status: 429 }, withKey, true],
    ['GET reset', { ...base, error: reset }, policy, true],
    ['POST reset without key', { ...base, method: 'POST', error: reset }, policy, false],
    ['POST refused (never sent)', { ...base, method: 'POST', error: refused }, policy, true],
    ['GET reset nested in cause', { ...base, error: new Error('wrapped', { cause: reset }) }, policy, true],
    ['GET other error', { ...base, error: new TypeError('bug') }, policy, false],
    ['POST, failed before sending (token endpoint down)', { ...base, method: 'POST', error: new Error('x'), notSent: true }, policy, true],
    ['last attempt', { ...base, attempt: 4, status: 503 }, policy, false],
    ['streamed body', { ...base, replayable: false, status: 503 }, policy, false],
  ])('%s -> retry %s', (_name, outcome, p, expected) => {
    expect(decideRetry(outcome, p, NOW, 0.5).retry).toBe(expected);
  });

  it('honours Retry-After over backoff', () => {
    expect(decideRetry({ ...base, status: 429, headers: { 'retry-after': '1' } }, policy, NOW, 0.5)).toEqual({ retry: true, delayMs: 1000 });
  });

  it('gives up when Retry-After asks for more than maxDelayMs', () => {
    expect(decideRetry({ ...base, status: 429, headers: { 'retry-after': '60' } }, policy, NOW, 0.5).retry).toBe(false);
  });

  it('retry: false means one attempt', () => {
    const off = resolveRetryPolicy({ maxAttempts: 5 }, false);
    expect(decideRetry({ ...base, status: 503 }, off, NOW, 0.5).retry).toBe(false);
  });

  it('defaults: 3 attempts, 250 ms base, 30 s cap', () => {
    const d = resolveRetryPolicy(undefined, undefined);
    expect([d.maxAttempts, d.baseDelayMs, d.maxDelayMs]).toEqual([3, 250, 30_000]);
    expect([...d.statuses]).toEqual([408, 429, 500, 502, 503, 504]);
  });
});
