import { describe, expect, it } from 'vitest';
import { createAuthHandler, type AuthRequest } from './index.js';

describe('basic auth', () => {
  it('sends base64(username:password), UTF-8', async () => {
    const handler = createAuthHandler({ type: 'basic' }, { username: 'jöe', password: 'pä:ss word' });
    const request: AuthRequest = { method: 'GET', url: new URL('https://api.example.com/'), headers: { Authorization: 'x' } };
    await handler.apply(request);
    const encoded = Buffer.from('jöe:pä:ss word', 'utf8').toString('base64');
    expect(request.headers).toEqual({ authorization: `Basic ${encoded}` });
    expect(handler.secrets()).toEqual(['pä:ss word', encoded]);
    expect(await handler.refreshAfterUnauthorized()).toBe(false);
  });

  it('refuses a username with a colon, and missing credentials', () => {
    expect(() => createAuthHandler({ type: 'basic' }, { username: 'a:b', password: 'p' })).toThrow(
      expect.objectContaining({ reason: 'CG_AUTH_INVALID_CREDENTIALS' }),
    );
    expect(() => createAuthHandler({ type: 'basic' }, { apiKey: 'k' })).toThrow(
      expect.objectContaining({ reason: 'CG_AUTH_MISSING_CREDENTIALS', message: expect.stringContaining('username and password') }),
    );
  });

  it('an error about the credentials does not contain the password', () => {
    try {
      createAuthHandler({ type: 'basic' }, { username: 'x:y', password: 'hunter2-secret' });
    } catch (error) {
      expect(JSON.stringify(error)).not.toContain('hunter2');
      expect(String(error)).not.toContain('hunter2');
    }
  });
});
