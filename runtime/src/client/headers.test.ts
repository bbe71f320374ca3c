/** Default headers against a real 127.0.0.1 server: the User-Agent, connector.yaml's headers, the options'. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectorOptions } from '../client-api.js';
import { createClient } from '../client.js';
import type { ConnectorDefinition, OperationSpec } from '../definition.js';
import { json, startServer, type TestServer } from '../testing/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startServer((req, res) => json(res, 200, { headers: req.headers }));
});
afterAll(() => server.close());

const get: OperationSpec = { id: 'echo', method: 'GET', path: '/echo', parameters: [{ name: 'X-Trace', key: 'trace', in: 'header' }], response: 'json' };

async function sent(definition: Partial<ConnectorDefinition>, options: ConnectorOptions = {}, input: Record<string, unknown> = {}, call?: Record<string, string>): Promise<Record<string, string>> {
  const client = createClient({ name: 'pets', version: '1.2.0', servers: [{ url: server.origin }], auth: {}, ...definition }, options);
  try {
    const body = await client.action<Record<string, unknown>, { headers: Record<string, string> }>(get)(input, call ? { headers: call } : undefined);
    return body.headers;
  } finally {
    await client.close();
  }
}

describe('default headers', () => {
  it('sends a User-Agent naming the connector and its version', async () => {
    expect((await sent({}))['user-agent']).toBe('pets/1.2.0');
    expect((await sent({ userAgent: '@acme/pets-connector/1.2.0' }))['user-agent']).toBe('@acme/pets-connector/1.2.0');
  });

  it('the options replace it, or with false send none', async () => {
    expect((await sent({ userAgent: 'a/1' }, { userAgent: 'my-app/3.0 (ops@example.com)' }))['user-agent']).toBe('my-app/3.0 (ops@example.com)');
    expect((await sent({ userAgent: 'a/1', headers: { 'User-Agent': 'from-config/1' } }, { userAgent: false }))['user-agent']).toBeUndefined();
  });

  it("connector.yaml's headers, then the options', then parameters and per-call headers win", async () => {
    const headers = await sent(
      { headers: { 'X-Api-Version': '2024-01-01', 'X-Tenant': 'config', Accept: 'application/vnd.pets+json' } },
      { headers: { 'x-tenant': 'options', 'X-Env': 'test' } },
      { trace: 'from-input' },
      { 'X-Env': 'call' },
    );
    expect(headers).toMatchObject({ 'x-api-version': '2024-01-01', 'x-tenant': 'options', 'x-env': 'call', 'x-trace': 'from-input', accept: 'application/vnd.pets+json' });
  });
});
