import { describe, expect, it } from 'vitest';
import type { ApiKeyAuthConfig } from '../definition.js';
import { createAuthHandler, type AuthRequest } from './index.js';

const KEY = 'k3y-secret-123';

async function applied(config: Omit<ApiKeyAuthConfig, 'type'>, headers: Record<string, string> = {}): Promise<AuthRequest> {
  const request: AuthRequest = { method: 'GET', url: new URL('https://api.example.com/v1/items?page=2'), headers };
  await createAuthHandler({ type: 'apiKey', ...config }, { apiKey: KEY }).apply(request);
  return request;
}

describe('apiKey auth', () => {
  it('header with a preamble, replacing a differently cased existing header', async () => {
    const request = await applied({ in: 'header', name: 'Authorization', preamble: 'Token' }, { AUTHORIZATION: 'old' });
    expect(request.headers).toEqual({ authorization: `Token ${KEY}` });
  });

  it('header without a preamble, plus extra headers', async () => {
    const request = await applied({ in: 'header', name: 'X-API-Key', extraHeaders: { 'X-Account': 'acme', 'Api-Version': '2024-01' } });
    expect(request.headers).toEqual({ 'x-api-key': KEY, 'x-account': 'acme', 'api-version': '2024-01' });
  });

  it('query parameter, keeping the other parameters', async () => {
    const request = await applied({ in: 'query', name: 'api_key' });
    expect(request.url.searchParams.get('api_key')).toBe(KEY);
    expect(request.url.searchParams.get('page')).toBe('2');
    expect(request.headers).toEqual({});
  });

  it('query parameter with a preamble is encoded', async () => {
    const request = await applied({ in: 'query', name: 'auth', preamble: 'Bearer' });
    expect(request.url.search).toBe(`?page=2&auth=Bearer+${KEY}`);
  });

  it('cookie, appended to the cookies already there', async () => {
    const request = await applied({ in: 'cookie', name: 'session_key' }, { Cookie: 'theme=dark;' });
    expect(request.headers).toEqual({ cookie: `theme=dark; session_key=${KEY}` });
    expect((await applied({ in: 'cookie', name: 'k' })).headers).toEqual({ cookie: `k=${KEY}` });
  });

  it('cookie with a preamble percent-encodes the space', async () => {
    const request = await applied({ in: 'cookie', name: 'auth', preamble: 'Bearer', extraHeaders: { 'X-Client': 'cg' } });
    expect(request.headers).toEqual({ 'x-client': 'cg', cookie: `auth=Bearer%20${KEY}` });
  });

  it('reports the key as a secret and cannot refresh', async () => {
    const handler = createAuthHandler({ type: 'apiKey', in: 'header', name: 'X-Key' }, { apiKey: KEY });
    expect(handler.secrets()).toEqual([KEY]);
    expect(await handler.refreshAfterUnauthorized()).toBe(false);
  });

  it.each([
    ['no credentials', undefined],
    ['an empty key', { apiKey: '' }],
    ['credentials of another scheme', { username: 'u', password: 'p' }],
  ])('refuses %s at creation with a hint', (_name, credentials) => {
    expect(() => createAuthHandler({ type: 'apiKey', in: 'header', name: 'X-Key' }, credentials)).toThrow(
      expect.objectContaining({ reason: 'CG_AUTH_MISSING_CREDENTIALS', hint: expect.stringContaining('apiKey') }),
    );
  });
});
