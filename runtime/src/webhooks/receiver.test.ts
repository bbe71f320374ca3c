import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterEach, describe, expect, it } from 'vitest';
import { createWebhookReceiver, type ReceiverLogEntry, type ReceiverOptions, type WebhookEvent } from './receiver.js';
import { signWebhook } from './verify.js';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const NOW = Date.UTC(2026, 10, 30, 8, 0, 0);

interface Events {
  'invoice.paid': { type: 'invoice.paid'; data: { id: string; amount: number } };
  'invoice.failed': { type: 'invoice.failed'; data: { id: string } };
}

const servers: http.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => { s.closeAllConnections(); s.close(resolve); })));
});

async function serve<E extends object>(options: ReceiverOptions<E>): Promise<string> {
  const server = http.createServer(createWebhookReceiver(options));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
}

async function post(url: string, body: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  const response = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
  return { status: response.status, body: await response.text() };
}

describe('createWebhookReceiver', () => {
  it('dispatches a delivery signed by the standardwebhooks package to the typed handler', async () => {
    const seen: Array<WebhookEvent<'invoice.paid', Events['invoice.paid']>> = [];
    const url = await serve<Events>({
      secret: SECRET,
      now: () => NOW,
      handlers: { 'invoice.paid': (event) => void seen.push(event) },
    });
    const body = JSON.stringify({ type: 'invoice.paid', data: { id: 'in_1', amount: 4200 } });
    const signature = new Webhook(SECRET).sign('msg_1', new Date(NOW), body);
    const result = await post(url, body, { 'webhook-id': 'msg_1', 'webhook-timestamp': String(NOW / 1000), 'webhook-signature': signature });
    expect(result.status).toBe(204);
    expect(seen).toHaveLength(1);
    expect(seen[0]!.payload.data.amount).toBe(4200);
    expect(seen[0]!.id).toBe('msg_1');
  });

  it('answers 401 tampered, 400 stale, 400 replayed, 202 unknown (logged), 500 handler error then accepts the retry', async () => {
    const log: ReceiverLogEntry[] = [];
    let fail = true;
    const handled: string[] = [];
    const url = await serve<Events>({
      secret: SECRET,
      now: () => NOW,
      log: (entry) => log.push(entry),
      handlers: {
        'invoice.paid': (event) => void handled.push(event.id ?? ''),
        'invoice.failed': () => {
          if (fail) throw new Error('database down');
          handled.push('failed-ok');
        },
      },
    });
    const sign = (id: string, body: string, timestamp = NOW / 1000) => signWebhook({ secret: SECRET, body, id, timestamp });
    const paid = JSON.stringify({ type: 'invoice.paid', data: { id: 'in_2', amount: 1 } });

    expect((await post(url, paid.replace('"amount":1', '"amount":1000'), sign('msg_t', paid))).status).toBe(401);
    expect((await post(url, paid, {})).status).toBe(401);
    expect((await post(url, paid, sign('msg_s', paid, NOW / 1000 - 3600))).status).toBe(400);
    expect((await post(url, paid, sign('msg_ok', paid))).status).toBe(204);
    const replayed = await post(url, paid, sign('msg_ok', paid));
    expect(replayed.status).toBe(400);
    expect(JSON.parse(replayed.body).code).toBe('CG_WEBHOOK_REPLAYED');

    const unknown = JSON.stringify({ type: 'customer.created', data: {} });
    expect((await post(url, unknown, sign('msg_u', unknown))).status).toBe(202);
    expect(log.find((e) => e.status === 202)).toMatchObject({ code: 'CG_WEBHOOK_UNHANDLED', type: 'customer.created' });

    const failed = JSON.stringify({ type: 'invoice.failed', data: { id: 'in_3' } });
    expect((await post(url, failed, sign('msg_f', failed))).status).toBe(500);
    fail = false;
    expect((await post(url, failed, sign('msg_f', failed))).status).toBe(204);
    expect(handled).toEqual(['msg_ok', 'failed-ok']);

    const notJson = 'not json';
    expect((await post(url, notJson, sign('msg_j', notJson))).status).toBe(400);
    expect((await fetch(url)).status).toBe(405);
  });

  it('refuses a body over the cap with 413 whether or not a length was declared', async () => {
    const url = await serve({ secret: SECRET, now: () => NOW, maxBodyBytes: 1000, onEvent: () => undefined });
    const big = JSON.stringify({ type: 'x', data: 'a'.repeat(2000) });
    expect((await post(url, big, signWebhook({ secret: SECRET, body: big, timestamp: NOW / 1000 }))).status).toBe(413);

    const { port } = new URL(url);
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: '/hooks', headers: { 'transfer-encoding': 'chunked' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      for (let i = 0; i < 4; i++) req.write('a'.repeat(400));
      req.end();
    });
    expect(status).toBe(413);
  });

  it('uses the event header of a vendor scheme (GitHub) to pick the handler', async () => {
    const events: string[] = [];
    const url = await serve<{ push: { ref: string }; issues: { action: string } }>({
      secret: 'gh-secret',
      scheme: 'github',
      handlers: { push: (e) => void events.push(`push ${e.payload.ref}`), issues: (e) => void events.push(`issues ${e.payload.action}`) },
    });
    const body = JSON.stringify({ ref: 'refs/heads/main' });
    const headers = { ...signWebhook({ scheme: 'github', secret: 'gh-secret', body, id: 'd-1' }), 'x-github-event': 'push' };
    expect((await post(url, body, headers)).status).toBe(204);
    expect(events).toEqual(['push refs/heads/main']);
  });
});
