import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OAuth2AuthConfig } from '../../definition.js';
import { AuthFailureError } from '../errors.js';
import { requestToken } from './token-endpoint.js';
import { serializeError, startTokenServer, type TokenServer } from '../../testing/token-server.js';

let server: TokenServer;
beforeAll(async () => {
  server = await startTokenServer({ clientId: 'my app+1', clientSecret: 'p@ss:word/secret' });
});
afterAll(() => server.close());

const config = (extra: Partial<OAuth2AuthConfig> = {}): OAuth2AuthConfig => ({
  type: 'oauth2',
  grant: 'client_credentials',
  tokenUrl: server.tokenUrl,
  ...extra,
});
const client = () => ({ clientId: server.clientId, clientSecret: server.clientSecret });
const grant = { grant_type: 'client_credentials' };

async function failure(promise: Promise<unknown>): Promise<AuthFailureError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AuthFailureError);
  return error as AuthFailureError;
}

describe('requestToken', () => {
  it.each([
    ['POST form, Basic client auth (the defaults)', {}, 'POST', 'application/x-www-form-urlencoded', 'basic'],
    ['POST form, client auth in the body', { clientAuth: 'body' }, 'POST', 'application/x-www-form-urlencoded', 'body'],
    ['POST json, Basic', { tokenRequestContentType: 'json' }, 'POST', 'application/json', 'basic'],
    ['POST json, body', { tokenRequestContentType: 'json', clientAuth: 'body' }, 'POST', 'application/json', 'body'],
    ['GET with a query string, body client auth', { tokenRequestMethod: 'GET', clientAuth: 'body' }, 'GET', undefined, 'body'],
    ['GET, Basic', { tokenRequestMethod: 'GET' }, 'GET', undefined, 'basic'],
  ] as const)('%s', async (_name, extra, method, contentType, clientAuth) => {
    const before = server.requests.length;
    const tokens = await requestToken(config(extra), client(), grant, { now: () => 1_000 });
    expect(server.isValidAccessToken(tokens.accessToken)).toBe(true);
    expect(tokens.expiresAt).toBe(1_000 + 3600 * 1000);
    const seen = server.requests.slice(before);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ method, contentType, clientAuth, params: { grant_type: 'client_credentials' } });
  });

  it('a public client (no secret) sends client_id in the body even with Basic configured', async () => {
    server.queue({ status: 200, body: { access_token: 'public-token' } });
    const before = server.requests.length;
    await requestToken(config(), { clientId: 'public' }, grant);
    expect(server.requests[before]).toMatchObject({ clientAuth: 'none', params: { client_id: 'public' } });
  });

  it('reads custom and nested response keys, and a string expires_in', async () => {
    server.queue({ status: 200, body: { data: { token: 'nested-at' }, renew: 'nested-rt', ttl: '120' } });
    const tokens = await requestToken(
      config({ tokenKey: 'data.token', refreshTokenKey: 'renew', expiresInKey: 'ttl' }),
      client(),
      grant,
      { now: () => 0 },
    );
    expect(tokens).toEqual({ accessToken: 'nested-at', refreshToken: 'nested-rt', expiresAt: 120_000 });
  });

  it('accepts a form-encoded token response', async () => {
    server.queue({ status: 200, body: 'access_token=form-at&token_type=bearer', contentType: 'application/x-www-form-urlencoded' });
    expect((await requestToken(config(), client(), grant)).accessToken).toBe('form-at');
  });

  it('a 200 that is not JSON is CG_AUTH_TOKEN_RESPONSE_INVALID, naming the content type', async () => {
    server.queue({ status: 200, body: '<html>login</html>', contentType: 'text/html' });
    const error = await failure(requestToken(config(), client(), grant));
    expect(error.reason).toBe('CG_AUTH_TOKEN_RESPONSE_INVALID');
    expect(error.message).toContain('text/html');
  });

  it('a JSON answer without the token key is CG_AUTH_TOKEN_RESPONSE_INVALID, naming the key', async () => {
    server.queue({ status: 200, body: { token: 'x' } });
    const error = await failure(requestToken(config(), client(), grant));
    expect(error.reason).toBe('CG_AUTH_TOKEN_RESPONSE_INVALID');
    expect(error.message).toContain('"access_token"');
    expect(error.hint).toContain('tokenKey');
  });

  it.each([
    [400, 'CG_AUTH_TOKEN_REFUSED'],
    [401, 'CG_AUTH_TOKEN_REFUSED'],
    [408, 'CG_AUTH_TOKEN_UNAVAILABLE'],
    [429, 'CG_AUTH_TOKEN_UNAVAILABLE'],
    [500, 'CG_AUTH_TOKEN_UNAVAILABLE'],
    [503, 'CG_AUTH_TOKEN_UNAVAILABLE'],
  ] as const)('status %i is %s', async (status, reason) => {
    server.queue({ status, body: { error: 'some_error' } });
    const error = await failure(requestToken(config(), client(), grant));
    expect(error.reason).toBe(reason);
    expect(error.status).toBe(status);
    expect(error.code).toBe('CG_AUTH');
  });

  it('a wrong client secret is refused (the server really checks it)', async () => {
    const error = await failure(requestToken(config(), { clientId: server.clientId, clientSecret: 'wrong-secret' }, grant));
    expect(error.reason).toBe('CG_AUTH_TOKEN_REFUSED');
    expect(error.message).toContain('invalid_client');
  });

  it('echoed secrets in error_description never reach the error', async () => {
    const refreshToken = 'rt-very-secret-value';
    server.queue({ status: 400, body: { error: 'invalid_grant', error_description: `bad ${refreshToken} for ${server.clientSecret}` } });
    const error = await failure(
      requestToken(config({ clientAuth: 'body' }), client(), { grant_type: 'refresh_token', refresh_token: refreshToken }),
    );
    expect(error.message).toContain('invalid_grant');
    const text = serializeError(error);
    expect(text).not.toContain(refreshToken);
    expect(text).not.toContain(server.clientSecret);
  });

  it('a refused connection is CG_AUTH_TOKEN_UNAVAILABLE and leaks no secret from a GET query', async () => {
    const port = await closedPort();
    const error = await failure(
      requestToken(
        config({ tokenUrl: `http://127.0.0.1:${port}/token`, tokenRequestMethod: 'GET', clientAuth: 'body' }),
        client(),
        { grant_type: 'refresh_token', refresh_token: 'rt-network-secret' },
      ),
    );
    expect(error.reason).toBe('CG_AUTH_TOKEN_UNAVAILABLE');
    expect(error.message).toContain('ECONNREFUSED');
    const text = serializeError(error);
    expect(text).not.toContain('rt-network-secret');
    expect(text).not.toContain(server.clientSecret);
    expect(text).not.toContain(encodeURIComponent(server.clientSecret));
  });

  it('stops when the caller aborts', async () => {
    const controller = new AbortController();
    controller.abort(new Error('caller gave up'));
    await expect(requestToken(config(), client(), grant, { signal: controller.signal })).rejects.toThrow('caller gave up');
  });
});

/** A port that nothing listens on: bind one, note it, close it. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
