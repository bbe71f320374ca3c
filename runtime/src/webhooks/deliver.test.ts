import { afterEach, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../testing/server.js';
import { createWebhookSender, type WebhookSenderOptions } from './deliver.js';
import { verifyWebhook } from './verify.js';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A clock the sender's waits advance, so no test sleeps. */
function fakeTime(start = Date.UTC(2026, 10, 30, 8)): Pick<WebhookSenderOptions, 'now' | 'sleep' | 'random'> & { waits: number[] } {
  let now = start;
  const waits: number[] = [];
  return {
    waits,
    now: () => now,
    sleep: async (ms) => {
      waits.push(ms);
      now += ms;
    },
    random: () => 0.5,
  };
}

describe('createWebhookSender', () => {
  it('retries a receiver that fails twice, with backoff, the same id, and a fresh signature each time', async () => {
    let calls = 0;
    server = await startServer((_req, res) => {
      calls++;
      res.statusCode = calls <= 2 ? 503 : 200;
      res.end();
    });
    const time = fakeTime();
    const sender = createWebhookSender({ url: `${server.origin}/in`, secret: SECRET, baseDelayMs: 2000, ...time });
    const result = await sender.send({ id: 'msg_42', type: 'order.created', data: { id: 7, apiToken: 'tok_live_123', card: 'x' } });
    await sender.close();

    expect(result).toEqual({ messageId: 'msg_42', delivered: true, attempts: 3, status: 200 });
    expect(time.waits).toEqual([1000, 2000]);
    expect(sender.log.map((e) => [e.attempt, e.status, e.outcome])).toEqual([
      [1, 503, 'retrying'],
      [2, 503, 'retrying'],
      [3, 200, 'delivered'],
    ]);
    expect(sender.log[0]!.payload).toEqual({ id: 7, apiToken: '[REDACTED]', card: 'x' });
    expect(sender.deadLetters).toEqual([]);
    const times = new Set<string>();
    for (const req of server.received) {
      expect(req.headers['webhook-id']).toBe('msg_42');
      times.add(String(req.headers['webhook-timestamp']));
      const headers = req.headers as Record<string, string>;
      expect(verifyWebhook({ headers, body: req.body }, { secret: SECRET, now: () => Number(headers['webhook-timestamp']) * 1000 }).id).toBe('msg_42');
    }
    expect(times.size).toBe(3);
    // The real payload went over the wire; only the log is redacted.
    expect(JSON.parse(server.received[0]!.body.toString()).data.apiToken).toBe('tok_live_123');
  });

  it('dead-letters after the last attempt and on a refusing 4xx at once; a dead letter can be redelivered', async () => {
    let status = 500;
    server = await startServer((_req, res) => {
      res.statusCode = status;
      res.end();
    });
    const sender = createWebhookSender({ url: server.origin, secret: SECRET, maxAttempts: 3, ...fakeTime() });
    expect(await sender.send({ id: 'a', type: 't', data: 1 })).toMatchObject({ delivered: false, attempts: 3, status: 500 });
    status = 400;
    expect(await sender.send({ id: 'b', type: 't', data: 2 })).toMatchObject({ delivered: false, attempts: 1, status: 400 });
    expect(sender.deadLetters.map((d) => [d.message.id, d.attempts, d.lastStatus])).toEqual([
      ['a', 3, 500],
      ['b', 1, 400],
    ]);
    status = 204;
    expect(await sender.redeliver('a')).toMatchObject({ delivered: true, attempts: 1 });
    expect(sender.deadLetters.map((d) => d.message.id)).toEqual(['b']);
    await sender.close();
  });

  it('gives each attempt its own timeout and honours Retry-After', async () => {
    let calls = 0;
    server = await startServer((_req, res) => {
      calls++;
      if (calls === 1) return; // never answers: the attempt times out
      if (calls === 2) {
        res.writeHead(429, { 'retry-after': '7' });
        res.end();
        return;
      }
      res.end();
    });
    const time = fakeTime();
    // The attempt timeout is real time (it bounds a socket), so it must be long enough that the later
    // attempts' answers arrive in time on a loaded machine; only the first is meant to time out.
    const sender = createWebhookSender({ url: server.origin, secret: SECRET, timeoutMs: 2000, ...time });
    const result = await sender.send({ type: 't', data: {} });
    await sender.close();
    expect(result.delivered).toBe(true);
    expect(sender.log[0]!.error).toBe('timed out after 2000 ms');
    expect(time.waits[1]).toBe(7000);
  });

  it('logs a refused connection and retries it', async () => {
    server = await startServer((_req, res) => void res.end());
    const origin = server.origin;
    await server.close();
    server = undefined;
    const sender = createWebhookSender({ url: origin, secret: SECRET, maxAttempts: 2, ...fakeTime() });
    const result = await sender.send({ type: 't', data: {} });
    await sender.close();
    expect(result).toMatchObject({ delivered: false, attempts: 2 });
    expect(sender.log[0]!.error).toBe('ECONNREFUSED');
  });
});
