/**
 * Auth through the client: one refresh and one replay after a 401 (never a loop), single-flight
 * OAuth token requests under load, secrets absent from every serialized error and hook event,
 * and testConnection().
 */
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../client.js';
import type { AuthConfig, ConnectorDefinition, OperationSpec } from '../definition.js';
import { ConnectorAuthError, ConnectorError, ConnectorHttpError, ConnectorTimeoutError } from '../http/errors.js';
import { json, startServer, type TestServer } from '../testing/server.js';

const SECRET = 'sk_test_5up3r-s3cr3t-value';
let api: TestServer;
let tokenRequests = 0;
let flaky = 0;

beforeAll(async () => {
  api = await startServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const auth = req.headers['authorization'] ?? '';
    switch (url.pathname) {
      case '/flaky-token':
        // Down for the first request of each pair, then up.
        if (++flaky % 2 === 1) return json(res, 503, { error: 'temporarily_unavailable' });
        return json(res, 200, { access_token: 'fresh-flaky', expires_in: 3600 });
      case '/api/oauth/token': // a token endpoint under the API's own path, for relative token URLs
      case '/token':
        tokenRequests++;
        // Slow enough that concurrent callers pile up behind the one request.
        return void setTimeout(() => json(res, 200, { access_token: `fresh-${tokenRequests}`, expires_in: 3600, token_type: 'bearer' }), 50);
      case '/v2-only':
        return auth === 'Bearer v2' ? json(res, 200, { ok: true }) : json(res, 401, { error: 'invalid_token' });
      case '/always-401':
        return json(res, 401, { error: 'nope' });
      case '/echo-secrets': // a server that quotes the credentials back in its error body
        return json(res, Number(url.searchParams.get('status') ?? 400), {
          message: `bad request with key ${SECRET}`,
          echoed: { authorization: auth, query: req.url, cookie: req.headers['cookie'] ?? '' },
          api_key: SECRET,
        });
      case '/hang':
        return;
      case '/me':
      case '/api/me':
        return auth.startsWith('Bearer fresh') || req.headers['x-api-key'] === SECRET ? json(res, 200, { me: true }) : json(res, 401, {});
      default:
        return json(res, 200, { ok: true });
    }
  });
});
afterAll(() => api.close());

const def = (auth: Record<string, AuthConfig>, extra: Partial<ConnectorDefinition> = {}): ConnectorDefinition => ({
  name: 'authy',
  version: '1.0.0',
  servers: [],
  auth,
  retry: { baseDelayMs: 1, maxDelayMs: 10 },
  ...extra,
});
const op = (path: string, extra: Partial<OperationSpec> = {}): OperationSpec => ({ id: path.slice(1), method: 'GET', path, parameters: [], response: 'json', ...extra });
const bearer: Record<string, AuthConfig> = { bearer: { type: 'bearer' } };

describe('401: one refresh, one replay', () => {
  it('replays once when the credentials changed', async () => {
    const tokens = ['v1', 'v2'];
    let i = 0;
    const c = createClient(def(bearer), { baseUrl: api.origin, auth: { token: () => tokens[Math.min(i++, 1)] ?? 'v2' } });
    const before = api.received.length;
    expect(await c.action(op('/v2-only'))({})).toEqual({ ok: true });
    expect(api.received.slice(before).map((r) => r.headers['authorization'])).toEqual(['Bearer v1', 'Bearer v2']);
    await c.close();
  });

  it('never loops: a server that always says 401 sees two requests at most', async () => {
    let n = 0;
    const c = createClient(def(bearer), { baseUrl: api.origin, auth: { token: () => `t${n++}` } });
    const before = api.received.length;
    const error = await c.action(op('/always-401'))({}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectorAuthError);
    expect(error).toMatchObject({ code: 'CG_AUTH', status: 401 });
    expect(api.received.length - before).toBe(2);
    await c.close();
  });

  it('static credentials are not replayed', async () => {
    const c = createClient(def(bearer), { baseUrl: api.origin, auth: { token: SECRET } });
    const before = api.received.length;
    await expect(c.action(op('/always-401'))({})).rejects.toBeInstanceOf(ConnectorAuthError);
    expect(api.received.length - before).toBe(1);
    await c.close();
  });

  it('a public operation (security: []) gets no credentials', async () => {
    const c = createClient(def(bearer), { baseUrl: api.origin, auth: { token: SECRET } });
    await c.action(op('/public', { security: [] }))({});
    expect(api.received.at(-1)?.headers['authorization']).toBeUndefined();
    await c.close();
  });
});

describe('OAuth2 through the client', () => {
  it('a token endpoint that is briefly down is retried, even for POST', async () => {
    const oauth: Record<string, AuthConfig> = { oauth: { type: 'oauth2', grant: 'client_credentials', tokenUrl: `${api.origin}/flaky-token` } };
    const c = createClient(def(oauth), { baseUrl: api.origin, auth: { clientId: 'id', clientSecret: SECRET } });
    expect(await c.action(op('/me', { method: 'POST' }))({})).toEqual({ me: true });
    await c.close();
  });

  it.each([
    ['/token', '/api'],
    ['oauth/token', '/api'],
  ])('a relative tokenUrl %s is resolved against the base URL %s', async (tokenUrl, path) => {
    const oauth: Record<string, AuthConfig> = { oauth: { type: 'oauth2', grant: 'client_credentials', tokenUrl } };
    const c = createClient(def(oauth), { baseUrl: `${api.origin}${path}`, auth: { clientId: 'id', clientSecret: SECRET } });
    const before = tokenRequests;
    expect(await c.action(op('/me'))({})).toEqual({ me: true });
    expect(tokenRequests - before).toBe(1);
    await c.close();
  });

  it('the token URL can be overridden in the connector options, relative or absolute', async () => {
    const oauth: Record<string, AuthConfig> = { oauth: { type: 'oauth2', grant: 'client_credentials', tokenUrl: 'https://login.invalid/token' } };
    for (const tokenUrl of ['/token', `${api.origin}/token`]) {
      const c = createClient(def(oauth), { baseUrl: api.origin, auth: { clientId: 'id', clientSecret: SECRET, tokenUrl } });
      const before = tokenRequests;
      expect(await c.action(op('/me'))({})).toEqual({ me: true });
      expect(tokenRequests - before).toBe(1);
      await c.close();
    }
  });

  it('100 concurrent calls with an expired token make exactly 1 token request', async () => {
    const oauth: Record<string, AuthConfig> = { oauth: { type: 'oauth2', grant: 'client_credentials', tokenUrl: `${api.origin}/token` } };
    const c = createClient(def(oauth), {
      baseUrl: api.origin,
      auth: { clientId: 'id', clientSecret: SECRET, tokens: { accessToken: 'expired', expiresAt: Date.now() - 60_000 } },
    });
    const before = tokenRequests;
    const results = await Promise.all(Array.from({ length: 100 }, () => c.action(op('/me'))({})));
    expect(results.every((r) => (r as { me: boolean }).me)).toBe(true);
    expect(tokenRequests - before).toBe(1);
    await c.close();
  });
});

/** Every way an error gets turned into text. */
function serializations(error: unknown): string {
  const e = error as Error;
  const parts = [JSON.stringify(error), inspect(error, { depth: 10 }), String(error), e.stack ?? '', e.message];
  for (let cause = e.cause; cause; cause = (cause as Error).cause) parts.push(inspect(cause, { depth: 10 }), JSON.stringify(cause));
  return parts.join('\n');
}

describe('secrets never appear in errors or hook events', () => {
  const schemes: Array<[string, AuthConfig]> = [
    ['header', { type: 'apiKey', in: 'header', name: 'X-API-Key' }],
    ['query', { type: 'apiKey', in: 'query', name: 'key' }],
    ['cookie', { type: 'apiKey', in: 'cookie', name: 'session' }],
    ['bearer', { type: 'bearer' }],
  ];

  it.each(schemes)('apiKey/bearer in the %s: HTTP, auth, timeout and network errors', async (_where, scheme) => {
    const events: unknown[] = [];
    const auth = scheme.type === 'bearer' ? { token: SECRET } : { apiKey: SECRET };
    const hooks = { onRequest: (e: unknown) => events.push(e), onResponse: (e: unknown) => events.push(e) };
    const c = createClient(def({ s: scheme }, { timeoutMs: 100 }), { baseUrl: api.origin, auth, hooks });
    const errors: unknown[] = [];
    for (const status of [400, 401, 500]) {
      errors.push(await c.action(op('/echo-secrets'))({}, { }).catch((e: unknown) => e));
      errors.push(await c.action(op(`/echo-secrets`, { parameters: [{ name: 'status', key: 'status', in: 'query' }] }))({ status }).catch((e: unknown) => e));
    }
    errors.push(await c.action(op('/hang'))({}).catch((e: unknown) => e));
    await c.close();

    const offline = createClient(def({ s: scheme }), { baseUrl: 'http://127.0.0.1:1', auth, hooks, retry: false });
    errors.push(await offline.action(op('/x'))({}).catch((e: unknown) => e));

    expect(errors.some((e) => e instanceof ConnectorHttpError)).toBe(true);
    expect(errors.some((e) => e instanceof ConnectorTimeoutError)).toBe(true);
    for (const error of errors) {
      expect(error).toBeInstanceOf(ConnectorError);
      const text = serializations(error);
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain(encodeURIComponent(SECRET));
    }
    expect(events.length).toBeGreaterThan(0);
    expect(JSON.stringify(events)).not.toContain(SECRET);
  });

  it('keeps the useful parts: status, request id slot, and the redacted body', async () => {
    const c = createClient(def({ s: { type: 'apiKey', in: 'query', name: 'key' } }), { baseUrl: api.origin, auth: { apiKey: SECRET } });
    const error = (await c.action(op('/echo-secrets'))({}).catch((e: unknown) => e)) as ConnectorHttpError;
    expect(error.status).toBe(400);
    expect(error.url).toBe(`${api.origin}/echo-secrets?key=[REDACTED]`);
    expect(error.body).toMatchObject({ message: 'bad request with key [REDACTED]', api_key: '[REDACTED]' });
    await c.close();
  });

  it('a secret passed as a per-call header is redacted too', async () => {
    const c = createClient(def({}), { baseUrl: api.origin });
    const callSecret = 'per-call-token-123456';
    const error = await c.action(op('/echo-secrets'))({}, { headers: { Authorization: `Bearer ${callSecret}` } }).catch((e: unknown) => e);
    expect(serializations(error)).not.toContain(callSecret);
    await c.close();
  });
});

describe('testConnection', () => {
  const me = op('/me');

  it('reports ok with latency for good credentials', async () => {
    const c = createClient(def({ k: { type: 'apiKey', in: 'header', name: 'X-API-Key' } }), { baseUrl: api.origin, auth: { apiKey: SECRET } });
    const result = await c.testConnection(me);
    expect(result).toMatchObject({ ok: true, auth: 'ok', action: 'me', status: 200 });
    expect(result.latencyMs).toBeGreaterThanOrEqual(0);
    await c.close();
  });

  it('reports failed auth without throwing or leaking', async () => {
    const c = createClient(def({ k: { type: 'apiKey', in: 'header', name: 'X-API-Key' } }), { baseUrl: api.origin, auth: { apiKey: 'wrong-key-value' } });
    const result = await c.testConnection(me);
    expect(result).toMatchObject({ ok: false, auth: 'failed', status: 401 });
    expect(JSON.stringify(result)).not.toContain('wrong-key-value');
    await c.close();
  });

  it('uses the definition`s testAction when registered, and says not-required without auth', async () => {
    const c = createClient(def({}, { testAction: 'public' }), { baseUrl: api.origin });
    c.action(op('/public'));
    expect(await c.testConnection(me)).toMatchObject({ ok: true, auth: 'not-required', action: 'public' });
    await c.close();
  });

  it('reports an unreachable server as not ok with auth unknown', async () => {
    const c = createClient(def(bearer), { baseUrl: 'http://127.0.0.1:1', auth: { token: SECRET }, retry: false });
    const result = await c.testConnection(me);
    expect(result).toMatchObject({ ok: false, auth: 'unknown' });
    expect(result.error).toMatch(/ECONNREFUSED/);
    await c.close();
  });
});
