import { describe, expect, it } from 'vitest';
import { serializeError } from '../testing/token-server.js';
import { createAuthHandler, type AuthRequest } from './index.js';
import { AuthFailureError } from './errors.js';

const request = (): AuthRequest => ({ method: 'GET', url: new URL('https://api.example.com/'), headers: {} });

describe('bearer auth', () => {
  it('static token, default header and preamble', async () => {
    const handler = createAuthHandler({ type: 'bearer' }, { token: 'static-tok' });
    const req = request();
    await handler.apply(req);
    expect(req.headers).toEqual({ authorization: 'Bearer static-tok' });
    expect(await handler.refreshAfterUnauthorized()).toBe(false);
    expect(handler.secrets()).toEqual(['static-tok']);
  });

  it('custom header name and preamble', async () => {
    const handler = createAuthHandler({ type: 'bearer', headerName: 'X-Auth', preamble: 'JWT' }, { token: 't' });
    const req = request();
    await handler.apply(req);
    expect(req.headers).toEqual({ 'x-auth': 'JWT t' });
  });

  it('callback token: asked per request; after a 401 replays only when the token changed', async () => {
    let current = 'cb-token-1';
    let calls = 0;
    const handler = createAuthHandler({ type: 'bearer' }, { token: async () => (calls++, current) });
    const req = request();
    await handler.apply(req);
    expect(req.headers.authorization).toBe('Bearer cb-token-1');
    expect(await handler.refreshAfterUnauthorized()).toBe(false); // same token: a replay would fail the same way
    current = 'cb-token-2';
    expect(await handler.refreshAfterUnauthorized()).toBe(true);
    const again = request();
    await handler.apply(again);
    expect(again.headers.authorization).toBe('Bearer cb-token-2');
    expect(calls).toBe(4);
    expect(handler.secrets()).toEqual(['cb-token-2', 'cb-token-1']);
  });

  it('a sync callback works too', async () => {
    const handler = createAuthHandler({ type: 'bearer' }, { token: () => 'sync-tok' });
    const req = request();
    await handler.apply(req);
    expect(req.headers.authorization).toBe('Bearer sync-tok');
  });

  it('a throwing callback is CG_AUTH_TOKEN_CALLBACK, with the cause and no leaked token', async () => {
    let first = true;
    const handler = createAuthHandler({ type: 'bearer' }, {
      token: () => {
        if (first) return (first = false), 'leaky-token-value';
        throw new Error('vault said no to leaky-token-value');
      },
    });
    await handler.apply(request());
    const error = await Promise.resolve(handler.apply(request())).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(AuthFailureError);
    expect(error).toMatchObject({ reason: 'CG_AUTH_TOKEN_CALLBACK' });
    expect(serializeError(error)).not.toContain('leaky-token-value');
  });

  it('a callback returning nothing is CG_AUTH_INVALID_CREDENTIALS, never a request without auth', async () => {
    const handler = createAuthHandler({ type: 'bearer' }, { token: async () => '' });
    await expect(handler.apply(request())).rejects.toMatchObject({ reason: 'CG_AUTH_INVALID_CREDENTIALS' });
  });

  it('refuses missing or empty tokens at creation', () => {
    for (const credentials of [undefined, { token: '' }, { apiKey: 'k' }]) {
      expect(() => createAuthHandler({ type: 'bearer' }, credentials)).toThrow(expect.objectContaining({ reason: 'CG_AUTH_MISSING_CREDENTIALS' }));
    }
  });
});
