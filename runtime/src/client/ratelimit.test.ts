/** The rate limiter seen from a real server: in-flight cap and request spacing per connector instance. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../client.js';
import type { ConnectorDefinition, OperationSpec } from '../definition.js';
import { TestClock } from '../testing/clock.js';
import { json, startServer, type TestServer } from '../testing/server.js';

let server: TestServer;
let inFlight = 0;
let maxInFlight = 0;
/** Responses are held until this many requests are in flight (or 2 s pass), so the peak does not depend on timing. */
let holdUntil = 1;
let held: (() => void)[] = [];
const arrivals: number[] = [];

beforeAll(async () => {
  server = await startServer((_req, res) => {
    arrivals.push(Date.now());
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    const answer = () => {
      inFlight--;
      json(res, 200, { ok: true });
    };
    held.push(answer);
    const release = () => held.splice(0).forEach((f) => f());
    if (inFlight >= holdUntil) release();
    else setTimeout(release, 2000);
  });
});
afterAll(() => server.close());

const get: OperationSpec = { id: 'get', method: 'GET', path: '/x', parameters: [], response: 'json' };
const definition = (rateLimit: ConnectorDefinition['rateLimit']): ConnectorDefinition => ({ name: 'rl', version: '1', servers: [], auth: {}, rateLimit });

describe('rate limits through the client', () => {
  it('caps requests in flight per connector instance', async () => {
    maxInFlight = 0;
    holdUntil = 3;
    const c = createClient(definition({ concurrency: 3 }), { baseUrl: server.origin });
    await Promise.all(Array.from({ length: 12 }, () => c.action(get)({})));
    expect(maxInFlight).toBe(3);
    await c.close();
  });

  it('the user`s settings override the definition`s, and false turns limiting off', async () => {
    maxInFlight = 0;
    holdUntil = 5;
    const c = createClient(definition({ concurrency: 1 }), { baseUrl: server.origin, rateLimit: { concurrency: 5 } });
    await Promise.all(Array.from({ length: 10 }, () => c.action(get)({})));
    expect(maxInFlight).toBe(5);
    await c.close();
    maxInFlight = 0;
    holdUntil = 8;
    const off = createClient(definition({ concurrency: 1 }), { baseUrl: server.origin, rateLimit: false });
    await Promise.all(Array.from({ length: 8 }, () => off.action(get)({})));
    expect(maxInFlight).toBe(8);
    await off.close();
  });

  it('spaces requests to requests-per-interval after the burst', async () => {
    arrivals.length = 0;
    holdUntil = 1;
    const clock = new TestClock();
    const c = createClient(definition({ requests: 5, intervalMs: 500, burst: 0 }), { baseUrl: server.origin, clock });
    await Promise.all(Array.from({ length: 8 }, () => c.action(get)({})));
    // 5 at once (no wait), then the 6th, 7th and 8th reserved the next tokens, 100 ms apart.
    expect(clock.slept).toEqual([100, 200, 300]);
    expect(arrivals).toHaveLength(8);
    await c.close();
  });
});
