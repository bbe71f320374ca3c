import { createHash } from 'node:crypto';
import { request } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OAuth2Tokens, TokenStore } from '../../client-api.js';
import type { OAuth2AuthConfig } from '../../definition.js';
import { AuthFailureError } from '../errors.js';
import { buildAuthorizationUrl, createAuthHandler, exchangeAuthorizationCode, type AuthHandler } from '../index.js';
import { serializeError, startTokenServer, type TokenServer } from '../../testing/token-server.js';

const T0 = 1_700_000_000_000;
const REDIRECT = 'https://app.example.com/callback';
let server: TokenServer;
let clock: number;
const now = (): number => clock;

beforeEach(async () => {
  clock = T0;
  server = await startTokenServer({ delayMs: 5 });
});
afterEach(() => server.close());

const config = (extra: Partial<OAuth2AuthConfig> = {}): OAuth2AuthConfig => ({
  type: 'oauth2',
  grant: 'authorization_code',
  tokenUrl: server.tokenUrl,
  authorizationUrl: server.authorizationUrl,
  scopes: ['repo', 'user'],
  ...extra,
});

/** Plays the user's browser: follows the authorization URL to the redirect and reads code and state. */
async function authorize(url: string): Promise<{ code: string; state: string }> {
  const response = await request(url);
  await response.body.dump();
  expect(response.statusCode).toBe(302);
  const location = new URL(String(response.headers.location));
  return { code: location.searchParams.get('code') ?? '', state: location.searchParams.get('state') ?? '' };
}

async function runFlow(): Promise<OAuth2Tokens> {
  const { url, state, codeVerifier } = buildAuthorizationUrl(config(), { clientId: server.clientId, redirectUri: REDIRECT });
  const redirect = await authorize(url);
  expect(redirect.state).toBe(state);
  return exchangeAuthorizationCode(
    config(),
    { clientId: server.clientId, clientSecret: server.clientSecret, code: redirect.code, redirectUri: REDIRECT, ...(codeVerifier ? { codeVerifier } : {}) },
    { now },
  );
}

async function bearerOf(auth: AuthHandler): Promise<string> {
  const req = { method: 'GET', url: new URL('https://api.example.com/me'), headers: {} as Record<string, string> };
  await auth.apply(req);
  return (req.headers.authorization ?? '').replace(/^Bearer /, '');
}

async function rejection(promise: Promise<unknown>): Promise<AuthFailureError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(AuthFailureError);
  return error as AuthFailureError;
}

/** A store that logs, and whose save takes a while, so ordering bugs show. */
function loggingStore(log: string[], initial?: OAuth2Tokens): TokenStore & { saved: OAuth2Tokens[] } {
  const saved: OAuth2Tokens[] = [];
  return {
    saved,
    load: async () => initial,
    async save(tokens) {
      log.push(`save-start ${tokens.refreshToken}`);
      await new Promise((r) => setTimeout(r, 30));
      saved.push(tokens);
      log.push(`save-end ${tokens.refreshToken}`);
    },
  };
}

describe('buildAuthorizationUrl', () => {
  it('carries client, redirect, scopes, state, extra params and an S256 PKCE challenge', () => {
    const result = buildAuthorizationUrl(config({ extraAuthorizationParams: { access_type: 'offline', prompt: 'consent' } }), {
      clientId: 'cid',
      redirectUri: REDIRECT,
    });
    const url = new URL(result.url);
    expect(url.origin + url.pathname).toBe(server.authorizationUrl);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: 'cid',
      redirect_uri: REDIRECT,
      scope: 'repo user',
      state: result.state,
      code_challenge_method: 'S256',
      access_type: 'offline',
      prompt: 'consent',
    });
    expect(result.codeVerifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const challenge = createHash('sha256').update(result.codeVerifier ?? '').digest('base64url');
    expect(url.searchParams.get('code_challenge')).toBe(challenge);
    expect(result.state.length).toBeGreaterThanOrEqual(16);
  });

  it('uses a given state and scopes, makes a new state and verifier each time, and can skip PKCE', () => {
    const given = buildAuthorizationUrl(config(), { clientId: 'c', redirectUri: REDIRECT, state: 'xyz', scopes: ['a'] });
    expect(given.state).toBe('xyz');
    expect(new URL(given.url).searchParams.get('scope')).toBe('a');
    const a = buildAuthorizationUrl(config(), { clientId: 'c', redirectUri: REDIRECT });
    const b = buildAuthorizationUrl(config(), { clientId: 'c', redirectUri: REDIRECT });
    expect(a.state).not.toBe(b.state);
    expect(a.codeVerifier).not.toBe(b.codeVerifier);
    const plain = buildAuthorizationUrl(config({ pkce: false }), { clientId: 'c', redirectUri: REDIRECT });
    expect(plain.codeVerifier).toBeUndefined();
    expect(new URL(plain.url).searchParams.has('code_challenge')).toBe(false);
  });

  it('keeps query parameters already in the authorization URL', () => {
    const { url } = buildAuthorizationUrl(config({ authorizationUrl: `${server.authorizationUrl}?tenant=t1` }), { clientId: 'c', redirectUri: REDIRECT });
    expect(new URL(url).searchParams.get('tenant')).toBe('t1');
  });

  it('needs an authorization URL', () => {
    expect(() => buildAuthorizationUrl(config({ authorizationUrl: undefined }), { clientId: 'c', redirectUri: REDIRECT })).toThrow(
      expect.objectContaining({ reason: 'CG_AUTH_INVALID_CONFIG' }),
    );
  });
});

describe('exchangeAuthorizationCode', () => {
  it('trades the code for tokens; the server verifies code_verifier against the challenge', async () => {
    const tokens = await runFlow();
    expect(server.isValidAccessToken(tokens.accessToken)).toBe(true);
    expect(tokens.refreshToken).toMatch(/^rt-/);
    expect(tokens.expiresAt).toBe(T0 + 3600_000);
    const exchange = server.requests.at(-1);
    expect(exchange?.params).toMatchObject({ grant_type: 'authorization_code', redirect_uri: REDIRECT });
    expect(exchange?.params.code_verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('a wrong code_verifier is refused by the server', async () => {
    const { url } = buildAuthorizationUrl(config(), { clientId: server.clientId, redirectUri: REDIRECT });
    const { code } = await authorize(url);
    const error = await rejection(
      exchangeAuthorizationCode(config(), {
        clientId: server.clientId,
        clientSecret: server.clientSecret,
        code,
        redirectUri: REDIRECT,
        codeVerifier: 'x'.repeat(43),
      }),
    );
    expect(error).toMatchObject({ reason: 'CG_AUTH_TOKEN_REFUSED', status: 400 });
    expect(error.message).toContain('PKCE verification failed');
    expect(serializeError(error)).not.toContain(code);
  });
});

describe('OAuth2 authorization code handler', () => {
  it('uses the exchanged tokens, then refreshes with rotation, saving each new refresh token before it is used', async () => {
    const initial = await runFlow();
    const log: string[] = [];
    const store = loggingStore(log);
    const auth = createAuthHandler(config(), { clientId: server.clientId, clientSecret: server.clientSecret, tokens: initial, tokenStore: store }, { now });
    expect(await bearerOf(auth)).toBe(initial.accessToken);

    clock = T0 + 3600_000; // expired
    const requestsBefore = server.requests.length;
    const second = await bearerOf(auth);
    log.push(`applied ${second}`);
    const rt2 = store.saved[0]?.refreshToken ?? '';
    expect(server.requests[requestsBefore]?.params).toMatchObject({ grant_type: 'refresh_token', refresh_token: initial.refreshToken });
    expect(rt2).not.toBe(initial.refreshToken);
    expect(log).toEqual([`save-start ${rt2}`, `save-end ${rt2}`, `applied ${second}`]);

    // The next refresh presents the rotated token, which was saved first; the old one is revoked.
    clock += 3600_000;
    const third = await bearerOf(auth);
    const rt3 = store.saved[1]?.refreshToken ?? '';
    expect(server.requests.at(-1)?.params.refresh_token).toBe(rt2);
    expect(log.indexOf(`save-end ${rt2}`)).toBeLessThan(log.indexOf(`save-start ${rt3}`));
    expect(server.isValidAccessToken(third)).toBe(true);
    expect(store.saved).toHaveLength(2);
  });

  it('keeps the refresh token when the server does not rotate it', async () => {
    await server.close();
    server = await startTokenServer({ rotateRefreshTokens: false });
    const initial = await runFlow();
    const auth = createAuthHandler(config(), { clientId: server.clientId, clientSecret: server.clientSecret, tokens: initial }, { now });
    clock = T0 + 3600_000;
    await bearerOf(auth);
    clock += 3600_000;
    await bearerOf(auth);
    expect(server.requests.slice(-2).map((r) => r.params.refresh_token)).toEqual([initial.refreshToken, initial.refreshToken]);
  });

  it('prefers the token store over credentials.tokens', async () => {
    const stored = await runFlow();
    const older = await runFlow();
    const auth = createAuthHandler(
      config(),
      { clientId: server.clientId, clientSecret: server.clientSecret, tokens: older, tokenStore: loggingStore([], stored) },
      { now },
    );
    expect(await bearerOf(auth)).toBe(stored.accessToken);
  });

  it('a failed save keeps the new tokens unused, and the next call saves them without a new token request', async () => {
    const initial = await runFlow();
    let fail = true;
    const saved: OAuth2Tokens[] = [];
    const store: TokenStore = {
      load: () => undefined,
      save: (tokens) => {
        if (fail) throw new Error(`disk full while writing ${JSON.stringify(tokens)}`);
        saved.push(tokens);
      },
    };
    const auth = createAuthHandler(config(), { clientId: server.clientId, clientSecret: server.clientSecret, tokens: initial, tokenStore: store }, { now });
    clock = T0 + 3600_000;
    const error = await rejection(bearerOf(auth));
    expect(error.reason).toBe('CG_AUTH_TOKEN_STORE');
    const text = serializeError(error);
    for (const secret of [...server.issued(), server.clientSecret]) expect(text).not.toContain(secret);

    const requests = server.requests.length;
    fail = false;
    const token = await bearerOf(auth);
    expect(server.requests).toHaveLength(requests);
    expect(saved[0]?.accessToken).toBe(token);
  });

  it('a refresh refused with 400 invalid_grant makes the handler stale; later calls do not reach the token server', async () => {
    const initial = await runFlow();
    const auth = createAuthHandler(config(), { clientId: server.clientId, clientSecret: server.clientSecret, tokens: initial }, { now });
    clock = T0 + 3600_000;
    server.queue({ status: 400, body: { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' } });
    const error = await rejection(bearerOf(auth));
    expect(error).toMatchObject({ code: 'CG_AUTH', reason: 'CG_AUTH_STALE', stale: true, status: 400 });
    expect(error.message).toMatch(/re-authorize/);
    expect(error.hint).toMatch(/buildAuthorizationUrl/);

    const requests = server.requests.length;
    for (let i = 0; i < 3; i++) expect((await rejection(bearerOf(auth))).reason).toBe('CG_AUTH_STALE');
    expect((await rejection(auth.refreshAfterUnauthorized())).reason).toBe('CG_AUTH_STALE');
    expect(server.requests).toHaveLength(requests);
  });

  it('refreshAfterUnauthorized uses the refresh token once', async () => {
    const initial = await runFlow();
    const auth = createAuthHandler(config(), { clientId: server.clientId, clientSecret: server.clientSecret, tokens: initial }, { now });
    expect(await bearerOf(auth)).toBe(initial.accessToken);
    const requests = server.requests.length;
    expect(await auth.refreshAfterUnauthorized()).toBe(true);
    expect(server.requests).toHaveLength(requests + 1);
    expect(server.requests.at(-1)?.params.grant_type).toBe('refresh_token');
    expect(await bearerOf(auth)).not.toBe(initial.accessToken);
  });

  it('a 401 soon after a refresh replays while the new token is fresh, and refreshes once it is due (2 s tokens)', async () => {
    const initial = await runFlow();
    const auth = createAuthHandler(config(), { clientId: server.clientId, clientSecret: server.clientSecret, tokens: initial }, { now });
    const refreshes = () => server.requests.filter((r) => r.params.grant_type === 'refresh_token').length;
    server.queue({ status: 200, body: { access_token: 'at-a', refresh_token: 'rt-a', expires_in: 2, token_type: 'Bearer' } });
    expect(await auth.refreshAfterUnauthorized()).toBe(true);
    expect(await bearerOf(auth)).toBe('at-a');
    clock += 500; // a late 401 for the previous token: at-a is fresh, replay with it
    expect(await auth.refreshAfterUnauthorized()).toBe(true);
    expect(refreshes()).toBe(1);
    clock += 700; // 1.2 s into a 2 s token: due, so a 401 now means at-a itself is refused
    server.queue({ status: 200, body: { access_token: 'at-b', refresh_token: 'rt-b', expires_in: 2, token_type: 'Bearer' } });
    expect(await auth.refreshAfterUnauthorized()).toBe(true);
    expect(refreshes()).toBe(2);
    expect(await bearerOf(auth)).toBe('at-b');
  });

  it('without a refresh token: fresh tokens are used, a 401 cannot refresh, an expired token is stale', async () => {
    const auth = createAuthHandler(
      config(),
      { clientId: server.clientId, tokens: { accessToken: 'at-no-refresh', expiresAt: T0 + 3600_000 } },
      { now },
    );
    expect(await bearerOf(auth)).toBe('at-no-refresh');
    expect(await auth.refreshAfterUnauthorized()).toBe(false);
    clock = T0 + 3600_000;
    expect((await rejection(bearerOf(auth))).reason).toBe('CG_AUTH_STALE');
    expect(server.requests).toHaveLength(0);
  });

  // Regression: Azure's specs declare an implicit flow with no token URL; a user with an access
  // token could not make a single call because the handler demanded the URL up front.
  it('without a token URL, given tokens are used; only refreshing needs the URL', async () => {
    // Plain JavaScript callers can leave the (typed as required) field out altogether.
    const { tokenUrl: _omitted, ...rest } = config();
    const withoutTokenUrl = rest as OAuth2AuthConfig;
    const auth = createAuthHandler(
      withoutTokenUrl,
      { clientId: server.clientId, tokens: { accessToken: 'at-azure', refreshToken: 'rt-azure', expiresAt: T0 + 3600_000 } },
      { now },
    );
    expect(await bearerOf(auth)).toBe('at-azure');
    clock = T0 + 3600_000;
    expect((await rejection(bearerOf(auth))).reason).toBe('CG_AUTH_STALE');
    expect(server.requests).toHaveLength(0);
    expect(() => createAuthHandler(withoutTokenUrl, { clientId: server.clientId })).toThrow(/no tokenUrl/);
    // The generator writes an empty string where the spec gives no URL.
    const emptyTokenUrl = createAuthHandler(config({ tokenUrl: '' }), { clientId: server.clientId, tokens: { accessToken: 'at-empty' } }, { now });
    expect(await bearerOf(emptyTokenUrl)).toBe('at-empty');
  });

  it('with no tokens at all it says the user has not authorized yet', async () => {
    const auth = createAuthHandler(config(), { clientId: server.clientId }, { now });
    const error = await rejection(bearerOf(auth));
    expect(error.reason).toBe('CG_AUTH_NOT_AUTHORIZED');
    expect(error.hint).toMatch(/exchangeAuthorizationCode/);
    expect(server.requests).toHaveLength(0);
  });

  it('no secret appears in any serialized error of the flow', async () => {
    const initial = await runFlow();
    const auth = createAuthHandler(config(), { clientId: server.clientId, clientSecret: server.clientSecret, tokens: initial }, { now });
    await bearerOf(auth);
    clock = T0 + 3600_000;
    server.queue({
      status: 400,
      body: { error: 'invalid_grant', error_description: `refresh token ${initial.refreshToken} revoked; access ${initial.accessToken}` },
    });
    const error = await rejection(bearerOf(auth));
    const text = serializeError(error);
    expect(text).toContain('CG_AUTH');
    for (const secret of [...server.issued(), server.clientSecret, ...auth.secrets()]) expect(text).not.toContain(secret);
  });
});
