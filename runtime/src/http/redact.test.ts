import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ConnectorAuthError, ConnectorHttpError, ConnectorNetworkError, ConnectorTimeoutError } from './errors.js';
import { isSecretHeader, isSecretName, Redactor } from './redact.js';

const SECRET = 'tok_9f8e7d6c5b4a';
const redactor = new Redactor(() => [SECRET], () => ['x']); // too short to be replaced safely

describe('Redactor', () => {
  it.each([
    ['https://api.x.com/v1?api_key=abc&q=1', 'https://api.x.com/v1?api_key=[REDACTED]&q=1'],
    ['https://api.x.com/v1?access_token=abc&client_secret=s', 'https://api.x.com/v1?access_token=[REDACTED]&client_secret=[REDACTED]'],
    ['https://user:pw@api.x.com/', 'https://REDACTED@api.x.com/'],
    [`https://api.x.com/v1/${SECRET}/x?innocent=${SECRET}`, 'https://api.x.com/v1/[REDACTED]/x?innocent=[REDACTED]'],
    ['not a url ' + SECRET, 'not a url [REDACTED]'],
  ])('url %s', (input, expected) => {
    expect(redactor.url(input)).toBe(expected);
  });

  it('replaces known secrets, also percent-encoded, in text and nested values', () => {
    const weird = 'a/b+c=d&e';
    const r = new Redactor(() => [weird]);
    expect(r.text(`x=${encodeURIComponent(weird)}`)).toBe('x=[REDACTED]');
    expect(redactor.value({ a: [{ b: `Bearer ${SECRET}` }], password: 'p', nested: { refresh_token: 'r' }, n: 1 })).toEqual({
      a: [{ b: 'Bearer [REDACTED]' }],
      password: '[REDACTED]',
      nested: { refresh_token: '[REDACTED]' },
      n: 1,
    });
  });

  it('knows secret names and headers', () => {
    for (const n of ['api_key', 'apikey', 'token', 'access_token', 'client_secret', 'password', 'sig', 'X-Api-Key']) expect(isSecretName(n)).toBe(true);
    for (const n of ['page', 'limit', 'cursor', 'monkey', 'tokens_used', 'code', 'error_code', 'status.code']) expect(isSecretName(n)).toBe(false);
    expect(isSecretName('code_verifier')).toBe(true);
    for (const h of ['Authorization', 'cookie', 'Proxy-Authorization', 'x-api-key', 'api-key', 'X-Auth-Token']) expect(isSecretHeader(h)).toBe(true);
    expect(isSecretHeader('accept')).toBe(false);
  });
});

describe('errors', () => {
  const scan = (error: Error): string =>
    [JSON.stringify(error), inspect(error, { depth: 10 }), String(error), error.stack, inspect(error.cause)].join('\n');

  it('each class has a stable code and carries its cause', () => {
    const cause = new Error('root');
    expect(new ConnectorHttpError({ status: 500, method: 'GET', url: 'http://h/', cause })).toMatchObject({ code: 'CG_HTTP_STATUS', cause });
    expect(new ConnectorTimeoutError({ method: 'GET', url: 'http://h/', timeoutMs: 5, cause })).toMatchObject({ code: 'CG_TIMEOUT', cause });
    expect(new ConnectorNetworkError({ method: 'GET', url: 'http://h/', cause })).toMatchObject({ code: 'CG_NETWORK', cause });
    expect(new ConnectorAuthError('no', { cause, stale: true })).toMatchObject({ code: 'CG_AUTH', stale: true, cause });
  });

  it('redacts message, fields, body and cause', () => {
    const cause = Object.assign(new Error(`socket to ?key=${SECRET} closed`), { code: 'ECONNRESET' });
    const error = new ConnectorHttpError({
      status: 400,
      method: 'POST',
      url: `http://h/x?token=${SECRET}`,
      body: { message: `bad key ${SECRET}`, echo: SECRET },
      requestId: 'rid-1',
      redactor,
      cause,
    });
    const text = scan(error);
    expect(text).not.toContain(SECRET);
    expect(text).toContain('rid-1');
    expect(text).toContain('bad key [REDACTED]');
    expect((error.cause as { code?: string }).code).toBe('ECONNRESET');
  });

  it('ConnectorAuthError redacts the secrets it is given', () => {
    const error = new ConnectorAuthError(`refresh token ${SECRET} refused`, { secrets: [SECRET], cause: new Error(`had ${SECRET}`), status: 400 });
    expect(scan(error)).not.toContain(SECRET);
  });
});
