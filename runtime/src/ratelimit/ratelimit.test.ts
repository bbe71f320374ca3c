import { describe, expect, it } from 'vitest';
import { Semaphore } from './concurrency.js';
import { parseRateLimitHeaders } from './headers.js';
import { RateLimiter } from './limiter.js';
import { TokenBucket } from './token-bucket.js';
import { TestClock } from '../testing/clock.js';

describe('TokenBucket', () => {
  it('allows requests + burst at once, then refills at requests/interval', () => {
    const bucket = new TokenBucket(10, 1000, 5, 0);
    const waits = Array.from({ length: 17 }, () => bucket.take(0));
    expect(waits.slice(0, 15)).toEqual(Array(15).fill(0));
    expect(waits[15]).toBe(100); // one token per 100 ms
    expect(waits[16]).toBe(200);
    // 1 s later: 10 tokens refilled, 2 reservations outstanding.
    expect(bucket.available(1000)).toBeCloseTo(8);
  });

  it('never holds more than its capacity', () => {
    const bucket = new TokenBucket(2, 1000, 0, 0);
    expect(bucket.available(1_000_000)).toBe(2);
  });

  it('rejects a nonsensical config', () => {
    expect(() => new TokenBucket(0, 1000)).toThrow(RangeError);
  });
});

describe('parseRateLimitHeaders', () => {
  const now = 1_700_000_000_000;
  it.each<[Record<string, string>, { remaining?: number; resetAt?: number } | undefined]>([
    [{ 'ratelimit-remaining': '5', 'ratelimit-reset': '30' }, { remaining: 5, resetAt: now + 30_000 }],
    [{ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1700000060' }, { remaining: 0, resetAt: 1_700_000_060_000 }],
    [{ 'x-ratelimit-remaining': '7', 'x-ratelimit-reset': '2' }, { remaining: 7, resetAt: now + 2000 }],
    [{ ratelimit: 'limit=100, remaining=50, reset=10' }, { remaining: 50, resetAt: now + 10_000 }],
    [{ ratelimit: '"default";r=3;t=4' }, { remaining: 3, resetAt: now + 4000 }],
    [{ 'content-type': 'application/json' }, undefined],
  ])('%j', (headers, expected) => {
    expect(parseRateLimitHeaders(headers, now)).toEqual(expected);
  });
});

describe('Semaphore', () => {
  it('caps concurrency and hands slots over in FIFO order', async () => {
    const sem = new Semaphore(2);
    const order: number[] = [];
    expect(sem.tryAcquire()).toBe(true);
    expect(sem.tryAcquire()).toBe(true);
    const a = sem.acquire().then(() => order.push(1));
    const b = sem.acquire().then(() => order.push(2));
    sem.release();
    sem.release();
    await Promise.all([a, b]);
    expect(order).toEqual([1, 2]);
    expect(sem.active).toBe(2);
  });

  it('a waiter can be aborted', async () => {
    const sem = new Semaphore(1);
    sem.tryAcquire();
    const controller = new AbortController();
    const waiting = sem.acquire(controller.signal);
    controller.abort(new Error('stop'));
    await expect(waiting).rejects.toThrow('stop');
    sem.release();
    expect(sem.active).toBe(0);
  });
});

// Driven by a TestClock: time moves only when the limiter sleeps, so each wait is asserted as the
// virtual time that passed, not measured on a machine that may be busy.
describe('RateLimiter', () => {
  it('waits out an exhausted server budget before sending', async () => {
    const clock = new TestClock();
    const limiter = new RateLimiter(undefined, clock);
    limiter.observe(200, { 'ratelimit-remaining': '0', 'ratelimit-reset': '0.15' });
    const started = clock.now();
    const release = await limiter.acquire();
    expect(clock.now() - started).toBe(150);
    release();
  });

  it('counts its own requests against the reported budget', async () => {
    const clock = new TestClock();
    const limiter = new RateLimiter(undefined, clock);
    limiter.observe(200, { 'ratelimit-remaining': '2', 'ratelimit-reset': '0.2' });
    const r1 = limiter.acquire();
    const r2 = limiter.acquire();
    expect(typeof r1).toBe('function'); // granted synchronously
    expect(typeof r2).toBe('function');
    const started = clock.now();
    const r3 = await limiter.acquire(); // budget used up locally: waits for the reset
    expect(clock.now() - started).toBe(200);
    for (const r of [r1, r2, r3]) (r as () => void)();
  });

  it('pauses every caller after a 429 with Retry-After', async () => {
    const clock = new TestClock();
    const limiter = new RateLimiter({ concurrency: 4 }, clock);
    limiter.observe(429, { 'retry-after-ms': '150' });
    const releases = await Promise.all([limiter.acquire(), limiter.acquire()]);
    // Both callers were held: each asked to sleep out the pause.
    expect(clock.slept).toEqual([150, 150]);
    releases.forEach((r) => r());
  });

  it('spaces requests by the token bucket', async () => {
    const clock = new TestClock();
    const limiter = new RateLimiter({ requests: 20, intervalMs: 1000 }, clock); // 1 per 50 ms after 20
    const started = clock.now();
    for (let i = 0; i < 23; i++) (await limiter.acquire())();
    expect(clock.slept).toEqual([50, 50, 50]);
    expect(clock.now() - started).toBe(150);
  });
});
