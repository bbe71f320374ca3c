/**
 * OpenAPI 3.1 `webhooks` and operation `callbacks` end to end: generate -> strict tsc, with a use
 * whose handlers must type-check against the payloads -> import -> `connector.webhooks()` served on
 * 127.0.0.1 receives a signed delivery, refuses a forged one, and dispatches by event name.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { signWebhook } from '@connectgen/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateInto, importConnector } from './helpers/generate.js';
import { tsc } from './helpers/tsc.js';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
type Receiver = (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>;
interface BillingModule {
  createBillingWebhooksConnector(options?: Record<string, unknown>): {
    webhooks(options: { secret: string; handlers: Record<string, (event: { type: string; payload: unknown }) => unknown> }): Receiver;
    close(): Promise<void>;
  };
}

let dir: string;
beforeAll(async () => {
  ({ dir } = await generateInto('specs/webhooks/openapi.yaml', 'e2e-webhooks'));
}, 60_000);

describe('generated webhooks', () => {
  it('type the payload of every webhook and callback by event name, under strict', async () => {
    await writeFile(
      join(dir, 'src', 'use-webhooks.ts'),
      [
        'import { createBillingWebhooksConnector } from "./index.js";',
        'const connector = createBillingWebhooksConnector();',
        'export const receive = connector.webhooks({',
        '  secret: "whsec_x",',
        '  handlers: {',
        '    "invoice.paid": (event) => { const cents: number = event.payload.data.amount; return cents; },',
        '    "subscription.verified": (event) => event.payload.data.subscriptionId?.toUpperCase(),',
        '    // @ts-expect-error: no such event in the spec',
        '    "invoice.refunded": () => undefined,',
        '  },',
        '});',
        '',
      ].join('\n'),
    );
    expect((await tsc(dir)).errors).toEqual([]);
    const files = await import('node:fs/promises').then((fs) => fs.readFile(join(dir, 'README.md'), 'utf8'));
    expect(files).toContain('| `invoice.paid` | An invoice was paid in full |');
  }, 60_000);

  it('connector.webhooks() verifies and dispatches deliveries on a real server', async () => {
    const mod = await importConnector<BillingModule>(dir);
    const connector = mod.createBillingWebhooksConnector();
    const seen: unknown[] = [];
    const server = http.createServer(connector.webhooks({ secret: SECRET, handlers: { 'invoice.paid': (event) => void seen.push(event.payload) } }));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    try {
      const body = JSON.stringify({ type: 'invoice.paid', timestamp: '2026-11-30T08:00:00Z', data: { id: 'in_1', amount: 4200 } });
      const ok = await fetch(url, { method: 'POST', body, headers: signWebhook({ secret: SECRET, body }) });
      expect(ok.status).toBe(204);
      const forged = await fetch(url, { method: 'POST', body, headers: signWebhook({ secret: 'whsec_dGhlIG9sZCBrZXkgYmVmb3JlIHJvdGF0aW9u', body }) });
      expect(forged.status).toBe(401);
      expect(seen).toEqual([JSON.parse(body)]);
    } finally {
      server.closeAllConnections();
      server.close();
      await connector.close();
    }
  });
});
