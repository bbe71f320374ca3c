/** Retries against real misbehaving servers: 503s, 429 with Retry-After, reset connections. */
import { afterEach, describe, expect, it } from 'vitest';
import { createClient } from '../client.js';
import type { ConnectorDefinition, OperationSpec } from '../definition.js';
import { ConnectorHttpError, ConnectorNetworkError } from '../http/errors.js';
import { TestClock } from '../testing/clock.js';
import { json, startServer, type TestServer } from '../testing/server.js';

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function serve(handler: Parameters<typeof startServer>[0]): Promise<TestServer> {
  const s = await startServer(handler);
  servers.push(s);
  return s;
}

const definition: ConnectorDefinition = {
  name: 'retry-test',
  version: '1.0.0',
  servers: [],
  auth: {},
  retry: { maxAttempts: 4, baseDelayMs: 5, maxDelayMs: 2000 },
};
const get: OperationSpec = { id: 'get', method: 'GET', path: '/r', parameters: [], response: 'json' };
const post: OperationSpec = { id: 'post', method: 'POST', path: '/r', parameters: [], response: 'json', requestBody: { mediaType: 'application/json', encoding: 'json' } };

describe('retry', () => {
  it('503, 503, then success', async () => {
    let n = 0;
    const s = await serve((_req, res) => (++n < 3 ? json(res, 503, { error: 'busy' }) : json(res, 200, { ok: n })));
    const c = createClient(definition, { baseUrl: s.origin });
    expect(await c.action(get)({})).toEqual({ ok: 3 });
    expect(s.received.length).toBe(3);
    await c.close();
  });

  it('gives up after maxAttempts with the last status', async () => {
    const s = await serve((_req, res) => json(res, 503, { error: 'down' }));
    const c = createClient(definition, { baseUrl: s.origin });
    await expect(c.action(get)({})).rejects.toMatchObject({ code: 'CG_HTTP_STATUS', status: 503 });
    expect(s.received.length).toBe(4);
    await c.close();
  });

  // Waits are checked on a TestClock (the client's injected time source): exact, and independent
  // of how busy the machine is.
  it('429 with Retry-After: waits as long as asked, then succeeds', async () => {
    let n = 0;
    const s = await serve((_req, res) => (++n === 1 ? json(res, 429, { error: 'slow down' }, { 'retry-after': '1' }) : json(res, 200, { ok: true })));
    const clock = new TestClock();
    const c = createClient(definition, { baseUrl: s.origin, clock });
    expect(await c.action(get)({})).toEqual({ ok: true });
    expect(clock.slept).toEqual([1000]);
    expect(s.received.length).toBe(2);
    await c.close();
  });

  it('429 with retry-after-ms pauses concurrent calls too', async () => {
    let refused = false;
    const clock = new TestClock();
    const times: number[] = [];
    const s = await serve((req, res) => {
      if (!refused) {
        refused = true;
        return json(res, 429, {}, { 'retry-after-ms': '200' });
      }
      times.push(clock.now());
      json(res, 200, { ok: true });
    });
    const c = createClient(definition, { baseUrl: s.origin, rateLimit: { concurrency: 1 }, clock });
    const started = clock.now();
    await Promise.all([c.action(get)({}), c.action(get)({}), c.action(get)({})]);
    // Every call that went out after the 429 waited for the pause.
    expect(times).toHaveLength(3);
    for (const t of times) expect(t - started).toBeGreaterThanOrEqual(200);
    await c.close();
  });

  it('a Retry-After beyond maxDelayMs is not waited out', async () => {
    const s = await serve((_req, res) => json(res, 429, {}, { 'retry-after': '120' }));
    const c = createClient(definition, { baseUrl: s.origin });
    const error = await c.action(get)({}).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 429, retryAfterMs: 120_000 });
    expect(s.received.length).toBe(1);
    await c.close();
  });

  it('connections reset by the server are retried for GET', async () => {
    let n = 0;
    const s = await serve((req, res) => {
      if (++n <= 2) return void req.socket.destroy();
      json(res, 200, { ok: n });
    });
    const c = createClient(definition, { baseUrl: s.origin });
    expect(await c.action(get)({})).toEqual({ ok: 3 });
    await c.close();
  });

  it('a server that always resets gives a ConnectorNetworkError', async () => {
    const s = await serve((req) => void req.socket.destroy());
    const c = createClient(definition, { baseUrl: s.origin });
    const error = await c.action(get)({}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectorNetworkError);
    expect((error as Error).cause).toBeDefined();
    expect(s.received.length).toBe(4);
    await c.close();
  });

  it('POST is not retried without an idempotency key header', async () => {
    const s = await serve((_req, res) => json(res, 503, {}));
    const c = createClient(definition, { baseUrl: s.origin });
    await expect(c.action(post)({ body: {} })).rejects.toBeInstanceOf(ConnectorHttpError);
    expect(s.received.length).toBe(1);
    await c.close();
  });

  it('POST is retried with one idempotency key reused across attempts', async () => {
    let n = 0;
    const s = await serve((req, res) => (++n < 3 ? void req.socket.destroy() : json(res, 201, { created: true })));
    const c = createClient(definition, { baseUrl: s.origin, retry: { idempotencyKeyHeader: 'Idempotency-Key' } });
    expect(await c.action(post)({ body: { a: 1 } })).toEqual({ created: true });
    const keys = s.received.map((r) => r.headers['idempotency-key']);
    expect(keys.length).toBe(3);
    expect(new Set(keys).size).toBe(1);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    // A second logical call gets a new key.
    await c.action(post)({ body: { a: 2 } });
    expect(s.received.at(-1)?.headers['idempotency-key']).not.toBe(keys[0]);
    await c.close();
  });

  it('retry: false sends once', async () => {
    const s = await serve((_req, res) => json(res, 503, {}));
    const c = createClient(definition, { baseUrl: s.origin, retry: false });
    await expect(c.action(get)({})).rejects.toMatchObject({ status: 503 });
    expect(s.received.length).toBe(1);
    await c.close();
  });

  it('slows down on RateLimit headers before the server refuses', async () => {
    // The server's window runs on the client's TestClock: time passes only when the client waits.
    const clock = new TestClock();
    const windowMs = 300;
    let windowStart = clock.now();
    let used = 0;
    let refusals = 0;
    const s = await serve((_req, res) => {
      const now = clock.now();
      if (now - windowStart >= windowMs) {
        windowStart = now;
        used = 0;
      }
      const reset = String(Math.max(0, (windowStart + windowMs - now) / 1000));
      if (used >= 3) {
        refusals++;
        return json(res, 429, {}, { 'ratelimit-remaining': '0', 'ratelimit-reset': reset });
      }
      used++;
      json(res, 200, {}, { 'ratelimit-remaining': String(3 - used), 'ratelimit-reset': reset });
    });
    const c = createClient(definition, { baseUrl: s.origin, rateLimit: { concurrency: 1 }, clock });
    for (let i = 0; i < 8; i++) await c.action(get)({});
    expect(refusals).toBe(0);
    expect(clock.slept.length).toBeGreaterThanOrEqual(2); // it waited for the window twice
    await c.close();
  });
});

describe('deadline across retries', () => {
  it('the timeout covers backoff waits: a call retrying 503s ends at its deadline', async () => {
    const s = await serve((_req, res) => json(res, 503, {}, { 'retry-after-ms': '80' }));
    const c = createClient({ ...definition, retry: { maxAttempts: 100, baseDelayMs: 80, maxDelayMs: 1000 } }, { baseUrl: s.origin, timeoutMs: 300 });
    const started = Date.now();
    await expect(c.action(get)({})).rejects.toMatchObject({ code: 'CG_TIMEOUT' });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(s.received.length).toBeGreaterThanOrEqual(2);
    await c.close();
  });

  it('an abort during a backoff wait rejects at once', async () => {
    const s = await serve((_req, res) => json(res, 503, {}, { 'retry-after-ms': '10000' }));
    const c = createClient({ ...definition, retry: { maxDelayMs: 20_000 } }, { baseUrl: s.origin });
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('gave up')), 100);
    const started = Date.now();
    await expect(c.action(get)({}, { signal: controller.signal })).rejects.toThrow('gave up');
    expect(Date.now() - started).toBeLessThan(5000);
    await c.close();
  });
});
