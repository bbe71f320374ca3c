import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OAuth2AuthConfig } from '../../definition.js';
import { AuthFailureError } from '../errors.js';
import { createAuthHandler, type AuthHandler, type AuthRequest } from '../index.js';
import { serializeError, startTokenServer, type TokenServer } from '../../testing/token-server.js';

const T0 = 1_700_000_000_000;
let server: TokenServer;
let clock: number;
const now = (): number => clock;

beforeEach(async () => {
  clock = T0;
  server = await startTokenServer({ delayMs: 20 });
});
afterEach(() => server.close());

function handler(extra: Partial<OAuth2AuthConfig> = {}): AuthHandler {
  const config: OAuth2AuthConfig = { type: 'oauth2', grant: 'client_credentials', tokenUrl: server.tokenUrl, ...extra };
  return createAuthHandler(config, { clientId: server.clientId, clientSecret: server.clientSecret }, { now });
}

function request(): AuthRequest {
  return { method: 'GET', url: new URL('https://api.example.com/things'), headers: {} };
}

async function bearerOf(auth: AuthHandler, signal?: AbortSignal): Promise<string> {
  const req = request();
  await auth.apply(req, signal);
  const header = req.headers.authorization ?? '';
  expect(header).toMatch(/^Bearer /);
  return header.slice('Bearer '.length);
}

async function rejection(promise: Promise<unknown>): Promise<AuthFailureError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(AuthFailureError);
  return error as AuthFailureError;
}

describe('OAuth2 client credentials', () => {
  it('fetches a token on first use, sends the scopes, and reuses the token', async () => {
    const auth = handler({ scopes: ['read', 'write'] });
    const token = await bearerOf(auth);
    expect(server.isValidAccessToken(token)).toBe(true);
    expect(await bearerOf(auth)).toBe(token);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]?.params).toMatchObject({ grant_type: 'client_credentials', scope: 'read write' });
    expect(auth.secrets()).toEqual(expect.arrayContaining([server.clientSecret, token]));
  });

  it('refreshes bufferSeconds before expiry, not earlier', async () => {
    const auth = handler({ refresh: { strategy: 'automatic', bufferSeconds: 120 } });
    const first = await bearerOf(auth);
    clock = T0 + (3600 - 121) * 1000;
    expect(await bearerOf(auth)).toBe(first);
    expect(server.requests).toHaveLength(1);
    clock = T0 + (3600 - 120) * 1000;
    const second = await bearerOf(auth);
    expect(second).not.toBe(first);
    expect(server.requests).toHaveLength(2);
  });

  it('interval strategy refreshes every intervalSeconds even though the token has not expired', async () => {
    const auth = handler({ refresh: { strategy: 'interval', intervalSeconds: 600 } });
    const first = await bearerOf(auth);
    clock = T0 + 599_000;
    expect(await bearerOf(auth)).toBe(first);
    clock = T0 + 600_000;
    const second = await bearerOf(auth);
    expect(second).not.toBe(first);
    clock = T0 + 1_199_000;
    expect(await bearerOf(auth)).toBe(second);
    clock = T0 + 1_200_000;
    expect(await bearerOf(auth)).not.toBe(second);
    expect(server.requests).toHaveLength(3);
  });

  it('100 concurrent apply() with an expired token make exactly 1 token request', async () => {
    const auth = handler();
    const old = await bearerOf(auth);
    clock = T0 + 3601 * 1000;
    const tokens = await Promise.all(Array.from({ length: 100 }, () => bearerOf(auth)));
    expect(server.requests).toHaveLength(2);
    expect(new Set(tokens).size).toBe(1);
    expect(tokens[0]).not.toBe(old);
    expect(server.isValidAccessToken(tokens[0] ?? '')).toBe(true);
  });

  it('100 concurrent first calls make exactly 1 token request', async () => {
    const auth = handler();
    await Promise.all(Array.from({ length: 100 }, () => bearerOf(auth)));
    expect(server.requests).toHaveLength(1);
  });

  it('refreshAfterUnauthorized forces one refresh, shared by concurrent 401s', async () => {
    const auth = handler();
    const first = await bearerOf(auth);
    clock += 60_000; // the token is fresh by its expiry: only the 401 says otherwise
    const results = await Promise.all(Array.from({ length: 10 }, () => auth.refreshAfterUnauthorized()));
    expect(results.every(Boolean)).toBe(true);
    expect(server.requests).toHaveLength(2);
    const second = await bearerOf(auth);
    expect(second).not.toBe(first);
    // A 401 right after that refresh answers a request sent with the old token: replay, no new request.
    expect(await auth.refreshAfterUnauthorized()).toBe(true);
    expect(server.requests).toHaveLength(2);
    expect(auth.secrets()).toEqual(expect.arrayContaining([first, second]));
  });

  it('refused client credentials make the handler stale: later calls do not reach the token server', async () => {
    const auth = createAuthHandler(
      { type: 'oauth2', grant: 'client_credentials', tokenUrl: server.tokenUrl },
      { clientId: server.clientId, clientSecret: 'not-the-secret' },
      { now },
    );
    const first = await rejection(bearerOf(auth));
    expect(first).toMatchObject({ reason: 'CG_AUTH_STALE', stale: true, status: 401 });
    expect(first.message).toMatch(/client id, client secret/);
    for (let i = 0; i < 5; i++) expect((await rejection(bearerOf(auth))).reason).toBe('CG_AUTH_STALE');
    expect((await rejection(auth.refreshAfterUnauthorized())).reason).toBe('CG_AUTH_STALE');
    expect(server.requests).toHaveLength(1);
    expect(serializeError(first)).not.toContain('not-the-secret');
  });

  it('a 5xx on first use is retryable, not stale', async () => {
    const auth = handler();
    server.queue({ status: 503, body: { error: 'temporarily_unavailable' } });
    const error = await rejection(bearerOf(auth));
    expect(error).toMatchObject({ reason: 'CG_AUTH_TOKEN_UNAVAILABLE', stale: false, status: 503 });
    expect(server.isValidAccessToken(await bearerOf(auth))).toBe(true);
    expect(server.requests).toHaveLength(2);
  });

  it('a 5xx while the token is due but still valid keeps using the current token', async () => {
    const auth = handler();
    const first = await bearerOf(auth);
    clock = T0 + (3600 - 30) * 1000; // inside the 60 s buffer, not expired
    server.queue({ status: 500, body: 'oops', contentType: 'text/plain' });
    expect(await bearerOf(auth)).toBe(first);
    expect(await bearerOf(auth)).not.toBe(first); // the next call refreshes successfully
    expect(server.requests).toHaveLength(3);
  });

  it('a caller that aborts stops waiting without cancelling the shared refresh', async () => {
    const auth = handler();
    const controller = new AbortController();
    const aborted = bearerOf(auth, controller.signal);
    const others = Promise.all([bearerOf(auth), bearerOf(auth)]);
    controller.abort(new Error('user cancelled'));
    await expect(aborted).rejects.toThrow('user cancelled');
    const [a, b] = await others;
    expect(a).toBe(b);
    expect(server.requests).toHaveLength(1);
  });

  it('requires a client secret', () => {
    expect(() =>
      createAuthHandler({ type: 'oauth2', grant: 'client_credentials', tokenUrl: server.tokenUrl }, { clientId: 'x' }),
    ).toThrow(expect.objectContaining({ reason: 'CG_AUTH_MISSING_CREDENTIALS' }));
  });
});
