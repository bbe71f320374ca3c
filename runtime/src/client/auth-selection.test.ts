/**
 * Connectors with several auth schemes against a real server: each operation carries the scheme
 * its `security` names (or two together), public operations carry none, and the extra credentials'
 * secrets are redacted like the default's.
 */
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../client.js';
import type { ConnectorDefinition, OperationSpec } from '../definition.js';
import { json, startServer, type TestServer } from '../testing/server.js';

const KEY = 'key_0f3a9c77b1';
const PASSWORD = 'pw_e41d8cd98f';
let api: TestServer;

beforeAll(async () => {
  // Echoes which credentials arrived; /basic-only refuses anything but Basic.
  api = await startServer((req, res) => {
    const got = { key: req.headers['x-api-key'] ?? null, authorization: req.headers['authorization'] ?? null };
    if (req.url === '/basic-only' && !String(got.authorization).startsWith('Basic ')) return json(res, 401, { got });
    if (req.url === '/echo-401') return json(res, 401, { message: `refused ${got.key} with ${got.authorization}`, got, password: PASSWORD });
    json(res, 200, got);
  });
});
afterAll(() => api.close());

const definition: ConnectorDefinition = {
  name: 'multi',
  version: '1.0.0',
  servers: [],
  auth: { key: { type: 'apiKey', in: 'header', name: 'X-API-Key' }, login: { type: 'basic' } },
  retry: { maxAttempts: 1 },
};
const op = (id: string, security?: OperationSpec['security']): OperationSpec => ({
  id,
  method: 'GET',
  path: `/${id}`,
  parameters: [],
  response: 'json',
  ...(security !== undefined ? { security } : {}),
});
const basic = `Basic ${Buffer.from(`user:${PASSWORD}`).toString('base64')}`;

describe('several auth schemes in one connector', () => {
  const client = () =>
    createClient(definition, { baseUrl: api.origin, auth: { apiKey: KEY }, credentials: { login: { username: 'user', password: PASSWORD } } });

  it('sends each operation the scheme it names, both for an AND requirement, none when public', async () => {
    const c = client();
    expect(await c.action(op('default'))({})).toEqual({ key: KEY, authorization: null });
    expect(await c.action(op('basic-only', ['login']))({})).toEqual({ key: null, authorization: basic });
    expect(await c.action(op('first-configured', ['oauth', 'login']))({})).toEqual({ key: null, authorization: basic });
    expect(await c.action(op('both', [['key', 'login']]))({})).toEqual({ key: KEY, authorization: basic });
    expect(await c.action(op('public', []))({})).toEqual({ key: null, authorization: null });
    await c.close();
  });

  it('falls back to the default scheme when no requirement is configured, as a one-scheme connector does', async () => {
    const c = createClient(definition, { baseUrl: api.origin, auth: { apiKey: KEY } });
    expect(await c.action(op('wants-login', ['login']))({})).toEqual({ key: KEY, authorization: null });
    await c.close();
  });

  it('refuses credentials for a scheme the connector does not have', () => {
    expect(() => createClient(definition, { baseUrl: api.origin, auth: { apiKey: KEY }, credentials: { nope: { token: 'x' } } })).toThrow(/unknown auth scheme "nope"/);
  });

  it('redacts every configured scheme secret in errors, even when the server echoes them', async () => {
    const c = client();
    const error = await c.action(op('echo-401', [['key', 'login']]))({}).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Error);
    for (const text of [JSON.stringify(error), inspect(error, { depth: 10 }), String(error), String((error as Error).stack)]) {
      expect(text).not.toContain(PASSWORD);
      expect(text).not.toContain(KEY);
      expect(text).not.toContain(basic.slice('Basic '.length));
    }
    await c.close();
  });
});
