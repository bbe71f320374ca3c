import { describe, expect, it } from 'vitest';
import type { AuthConfig } from '../definition.js';
import { ConnectorAuthError } from '../http/errors.js';
import { createAuthHandler } from './index.js';

describe('createAuthHandler', () => {
  it('none: leaves the request alone', async () => {
    const handler = createAuthHandler({ type: 'none' }, undefined);
    const request = { method: 'GET', url: new URL('https://api.example.com/?a=1'), headers: { accept: 'application/json' } };
    await handler.apply(request);
    expect(request.headers).toEqual({ accept: 'application/json' });
    expect(request.url.search).toBe('?a=1');
    expect(handler.secrets()).toEqual([]);
    expect(await handler.refreshAfterUnauthorized()).toBe(false);
  });

  it.each([
    ['an unknown type', { type: 'kerberos' }],
    ['an unknown oauth2 grant', { type: 'oauth2', grant: 'password', tokenUrl: 'https://x.test/token' }],
    ['an oauth2 config without tokenUrl', { type: 'oauth2', grant: 'client_credentials', tokenUrl: '' }],
    ['a relative tokenUrl', { type: 'oauth2', grant: 'client_credentials', tokenUrl: '/token' }],
    ['an apiKey config without a name', { type: 'apiKey', in: 'header', name: '' }],
  ])('rejects %s as CG_AUTH_INVALID_CONFIG', (_name, config) => {
    const credentials = { apiKey: 'k', clientId: 'c', clientSecret: 's' };
    expect(() => createAuthHandler(config as unknown as AuthConfig, credentials as never)).toThrow(
      expect.objectContaining({ reason: 'CG_AUTH_INVALID_CONFIG', code: 'CG_AUTH' }),
    );
  });

  it('oauth2 without a clientId is CG_AUTH_MISSING_CREDENTIALS, a ConnectorAuthError', () => {
    let error: unknown;
    try {
      createAuthHandler({ type: 'oauth2', grant: 'authorization_code', tokenUrl: 'https://x.test/token' }, { token: 't' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConnectorAuthError);
    expect(error).toMatchObject({ reason: 'CG_AUTH_MISSING_CREDENTIALS', name: 'ConnectorAuthError' });
    expect((error as { hint: string }).hint).toContain('clientId');
  });
});
