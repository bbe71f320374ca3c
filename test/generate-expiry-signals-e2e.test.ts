/**
 * connector.yaml `auth.expirySignals` reach the generated connector: specs/features/expiry-signals
 * describes a vendor that answers an expired token with 200 and an error body, or with 403. The
 * generated package compiles, and against a real 127.0.0.1 server (token endpoint and API) each
 * signal gets one refresh and one replay with the new token.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateInto, importConnector } from './helpers/generate.js';
import { startServer, type TestServer } from './helpers/server.js';
import { tsc } from './helpers/tsc.js';

type Connector = { getBalance(input?: unknown): Promise<unknown>; close(): Promise<void> };
type Factory = (options: Record<string, unknown>) => Connector;

let server: TestServer;
let create: Factory;
let indexSource: string;

beforeAll(async () => {
  const { dir, ir } = await generateInto('specs/features/expiry-signals/connector.yaml', 'e2e-expiry-signals');
  expect((await tsc(dir)).errors).toEqual([]);
  indexSource = readFileSync(join(dir, 'src/index.ts'), 'utf8');
  create = (await importConnector<Record<string, Factory>>(dir))[`create${ir.info.pascalName}Connector`]!;
  server = await startServer();
}, 60_000);

afterAll(async () => {
  await server?.close();
});

/** The token endpoint hands out at-2; the API accepts only at-2 and answers anything else as `expired`. */
function vendor(expired: { status: number; body: unknown }): void {
  server.reset((r) => {
    if (r.path === '/token') return { body: { access_token: 'at-2', refresh_token: 'rt-2', expires_in: 3600, token_type: 'Bearer' } };
    return r.headers.authorization === 'Bearer at-2' ? { body: { account: 'a1', amount: 5 } } : expired;
  });
}

async function balance(): Promise<unknown> {
  const connector = create({
    baseUrl: server.url,
    retry: false,
    auth: { clientId: 'c', clientSecret: 's', tokenUrl: `${server.url}/token`, tokens: { accessToken: 'at-1', refreshToken: 'rt-1', expiresAt: Date.now() + 3_600_000 } },
  });
  try {
    return await connector.getBalance();
  } finally {
    await connector.close();
  }
}

describe('expiry signals from connector.yaml through a generated connector', () => {
  it('the definition carries the signals', () => {
    expect(indexSource).toContain('expirySignals');
    expect(indexSource).toContain('token_expired');
  });

  it('a 200 with { error: { code: token_expired } } refreshes once and replays', async () => {
    vendor({ status: 200, body: { error: { code: 'token_expired' } } });
    expect(await balance()).toEqual({ account: 'a1', amount: 5 });
    expect(server.requests.map((r) => r.path)).toEqual(['/balance', '/token', '/balance']);
  });

  it('a 403 refreshes once and replays', async () => {
    vendor({ status: 403, body: { message: 'forbidden' } });
    expect(await balance()).toEqual({ account: 'a1', amount: 5 });
    expect(server.requests.map((r) => r.path)).toEqual(['/balance', '/token', '/balance']);
  });
});
