/**
 * Auth through a generated connector: specs/features/auth.yaml declares several schemes; each one,
 * chosen with `authScheme`, must put the right credential on the wire, and a public operation none.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateInto, importConnector } from './helpers/generate.js';
import { startServer, type TestServer } from './helpers/server.js';
import { tsc } from './helpers/tsc.js';

type Connector = Record<string, (input?: unknown) => Promise<unknown>> & { close(): Promise<void> };
type Factory = (options: Record<string, unknown>) => Connector;

let server: TestServer;
let create: Factory;

beforeAll(async () => {
  const { dir, ir } = await generateInto('specs/features/auth.yaml', 'e2e-auth');
  expect((await tsc(dir)).errors).toEqual([]);
  const mod = await importConnector<Record<string, Factory>>(dir);
  create = mod[`create${ir.info.pascalName}Connector`]!;
  server = await startServer(() => ({ body: { ok: true } }));
}, 60_000);

afterAll(async () => {
  await server?.close();
});

async function call(options: Record<string, unknown>, action: string) {
  server.reset(() => ({ body: { ok: true } }));
  const connector = create({ baseUrl: server.url, retry: false, ...options });
  try {
    await connector[action]!({});
  } finally {
    await connector.close();
  }
  expect(server.requests).toHaveLength(1);
  return server.requests[0]!;
}

describe('auth through a generated connector', () => {
  it('bearer (the default scheme): Authorization: Bearer <token>', async () => {
    const request = await call({ auth: { token: 'tok-1' } }, 'getMe');
    expect(request.headers.authorization).toBe('Bearer tok-1');
  });

  it('basic: Authorization: Basic base64(user:pass)', async () => {
    const request = await call({ authScheme: 'basicAuth', auth: { username: 'ann', password: 'p:w' } }, 'getMe');
    expect(request.headers.authorization).toBe(`Basic ${Buffer.from('ann:p:w').toString('base64')}`);
  });

  it('API key in a header and in the query', async () => {
    expect((await call({ authScheme: 'apiKeyHeader', auth: { apiKey: 'k1' } }, 'getMe')).headers['x-api-key']).toBe('k1');
    expect((await call({ authScheme: 'apiKeyQuery', auth: { apiKey: 'k2' } }, 'getMe')).query.get('api_key')).toBe('k2');
  });

  it('a public operation (security: []) sends no credentials', async () => {
    const request = await call({ auth: { token: 'tok-1' } }, 'getPublic');
    expect(request.path).toBe('/public');
    expect(request.headers.authorization).toBeUndefined();
  });
});
