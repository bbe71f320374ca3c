/**
 * Token expiry told by configured signals instead of a 401: a 403, or a 200 whose body says
 * `token_expired`. Real servers on 127.0.0.1: a token server that answers the refresh, an API that
 * accepts only the refreshed token. Each signal gives one refresh and one replay, never a loop.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OAuth2Credentials } from '../client-api.js';
import { createClient } from '../client.js';
import type { ConnectorDefinition, OperationSpec, TokenExpirySignal } from '../definition.js';
import { ConnectorAuthError, ConnectorHttpError } from '../http/errors.js';
import { json, startServer, type TestServer } from '../testing/server.js';
import { startTokenServer, type TokenServer } from '../testing/token-server.js';

const FAR = Date.now() + 3_600_000;
const get = (path: string): OperationSpec => ({ id: path.slice(1), method: 'GET', path, parameters: [], response: 'json' });

let tokens: TokenServer;
let api: TestServer;
let apiCalls: string[];

beforeEach(async () => {
  tokens = await startTokenServer();
  apiCalls = [];
  api = await startServer((req, res) => {
    const auth = String(req.headers.authorization);
    apiCalls.push(`${req.url} ${auth}`);
    const fresh = auth === 'Bearer at-2';
    switch (req.url) {
      case '/forbidden-when-expired': // a vendor that answers an expired token with 403
        return fresh ? json(res, 200, { ok: 1 }) : json(res, 403, { message: 'forbidden' });
      case '/ok-but-expired': // a vendor that answers 200 with the error in the body
        return fresh ? json(res, 200, { ok: 2 }) : json(res, 200, { error: { code: 'token_expired' } });
      case '/always-expired':
        return json(res, 200, { error: { code: 'token_expired' } });
      default:
        return json(res, 404, {});
    }
  });
});
afterEach(async () => {
  await api.close();
  await tokens.close();
});

function connector(signals: readonly TokenExpirySignal[] | undefined, credentials: Partial<OAuth2Credentials> = {}) {
  const definition: ConnectorDefinition = {
    name: 'vendor',
    version: '1',
    servers: [{ url: api.origin }],
    auth: {
      oauth: {
        type: 'oauth2',
        grant: 'authorization_code',
        tokenUrl: tokens.tokenUrl,
        authorizationUrl: `${tokens.origin}/authorize`,
        ...(signals ? { expirySignals: signals } : {}),
      },
    },
    retry: { maxAttempts: 1 },
  };
  const auth: OAuth2Credentials = { clientId: tokens.clientId, clientSecret: tokens.clientSecret, tokens: { accessToken: 'at-1', refreshToken: 'rt-1', expiresAt: FAR }, ...credentials };
  const client = createClient(definition, { auth });
  return { client, call: (path: string) => client.action(get(path))({}) };
}

const refreshes = () => tokens.requests.filter((r) => r.params['grant_type'] === 'refresh_token').length;
const answer = { status: 200, body: { access_token: 'at-2', refresh_token: 'rt-2', expires_in: 3600, token_type: 'Bearer' } };

describe('token expiry signals', () => {
  it('a configured 403 refreshes once and replays the call with the new token', async () => {
    const { client, call } = connector([{ status: 403 }]);
    tokens.queue(answer);
    expect(await call('/forbidden-when-expired')).toEqual({ ok: 1 });
    expect(refreshes()).toBe(1);
    expect(apiCalls).toEqual(['/forbidden-when-expired Bearer at-1', '/forbidden-when-expired Bearer at-2']);
    await client.close();
  });

  it('a 200 whose body matches the path refreshes once; the error body never reaches the caller as data', async () => {
    const { client, call } = connector([{ path: 'error.code', equals: 'token_expired' }]);
    tokens.queue(answer);
    expect(await call('/ok-but-expired')).toEqual({ ok: 2 });
    expect(refreshes()).toBe(1);
    expect(apiCalls).toHaveLength(2);
    await client.close();
  });

  it('a signal that persists after the replay fails the call as an auth error, after one refresh only', async () => {
    const { client, call } = connector([{ status: 200, path: '/error/code', equals: 'token_expired' }]);
    tokens.queue(answer);
    const error = await call('/always-expired').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectorAuthError);
    expect(error).toMatchObject({ status: 200 });
    expect(refreshes()).toBe(1);
    expect(apiCalls).toHaveLength(2);
    await client.close();
  });

  it("a connection's own signals replace the connector's", async () => {
    const { client, call } = connector([{ status: 403 }], { expirySignals: [{ path: 'error.code', equals: 'token_expired' }] });
    // The connector's 403 signal no longer applies to this connection: a plain HTTP error, no refresh.
    await expect(call('/forbidden-when-expired')).rejects.toMatchObject({ status: 403 });
    expect(refreshes()).toBe(0);
    tokens.queue(answer);
    expect(await call('/ok-but-expired')).toEqual({ ok: 2 });
    expect(refreshes()).toBe(1);
    await client.close();
  });

  it('without signals a 403 is an HTTP error and a 200 body is data, as before', async () => {
    const { client, call } = connector(undefined);
    const error = await call('/forbidden-when-expired').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectorHttpError);
    expect(error).not.toBeInstanceOf(ConnectorAuthError);
    expect(await call('/ok-but-expired')).toEqual({ error: { code: 'token_expired' } });
    expect(refreshes()).toBe(0);
    await client.close();
  });

  it('a signal whose path does not parse is refused when the connector is created, naming the field', () => {
    expect(() => connector([{ path: 'error..code', equals: 'x' }])).toThrow(expect.objectContaining({ reason: 'CG_AUTH_INVALID_CONFIG', message: expect.stringContaining('expirySignals[0].path') }));
    expect(() => connector([{ equals: 'x' }])).toThrow(expect.objectContaining({ reason: 'CG_AUTH_INVALID_CONFIG' }));
    expect(() => connector([{ status: 1000 }])).toThrow(expect.objectContaining({ reason: 'CG_AUTH_INVALID_CONFIG' }));
  });
});
