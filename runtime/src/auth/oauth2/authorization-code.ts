/**
 * OAuth 2.0 authorization code grant (RFC 6749 section 4.1) with PKCE (RFC 7636).
 *
 * The connector cannot open a browser, so the flow is split: the app calls `buildAuthorizationUrl`,
 * sends the user there, keeps `state` and `codeVerifier`, and on the redirect calls
 * `exchangeAuthorizationCode`. The tokens it returns go into the connector's credentials (`tokens`)
 * or its token store; from then on the handler refreshes them with the refresh token (section 6).
 */
import type { AuthCredentials, OAuth2Tokens } from '../../client-api.js';
import type { OAuth2AuthConfig } from '../../definition.js';
import type { HttpDispatcher } from '../../http/dispatcher.js';
import { oauth2Credentials } from '../credentials.js';
import type { AuthDeps } from '../types.js';
import { checkUrl, resolveOAuthUrls } from './config.js';
import { codeChallengeS256, createCodeVerifier, createState } from './pkce.js';
import { OAuth2TokenCache, type TokenGrant } from './token-cache.js';
import { requestToken, type OAuth2Client } from './token-endpoint.js';

export interface AuthorizationUrlOptions {
  readonly clientId: string;
  readonly redirectUri: string;
  /** Random when absent; compare it with the `state` on the redirect to stop CSRF. */
  readonly state?: string;
  /** Overrides the config's scopes. */
  readonly scopes?: readonly string[];
  /** The API's base URL, when the config's authorizationUrl is relative to it. */
  readonly baseUrl?: string;
}

export interface AuthorizationUrl {
  /** Where to send the user. */
  readonly url: string;
  readonly state: string;
  /** Keep it (server side) for `exchangeAuthorizationCode`; absent when the config sets `pkce: false`. */
  readonly codeVerifier?: string;
}

export function buildAuthorizationUrl(config: OAuth2AuthConfig, options: AuthorizationUrlOptions): AuthorizationUrl {
  const url = checkUrl(options.baseUrl === undefined ? config : resolveOAuthUrls(config, options.baseUrl), 'authorizationUrl');
  const state = options.state ?? createState();
  const scopes = options.scopes ?? config.scopes ?? [];
  const params = url.searchParams;
  for (const [key, value] of Object.entries(config.extraAuthorizationParams ?? {})) params.set(key, value);
  params.set('response_type', 'code');
  params.set('client_id', options.clientId);
  params.set('redirect_uri', options.redirectUri);
  if (scopes.length > 0) params.set('scope', scopes.join(' '));
  params.set('state', state);
  if (config.pkce === false) return { url: url.toString(), state };

  const codeVerifier = createCodeVerifier();
  params.set('code_challenge', codeChallengeS256(codeVerifier));
  params.set('code_challenge_method', 'S256');
  return { url: url.toString(), state, codeVerifier };
}

export interface CodeExchangeOptions {
  readonly clientId: string;
  /** Absent for a public client, which relies on PKCE. */
  readonly clientSecret?: string;
  /** The `code` query parameter of the redirect. */
  readonly code: string;
  /** The same redirect URI the authorization URL was built with. */
  readonly redirectUri: string;
  readonly codeVerifier?: string;
  /** The API's base URL, when the config's tokenUrl is relative to it. */
  readonly baseUrl?: string;
}

export interface CodeExchangeDeps {
  readonly dispatcher?: HttpDispatcher;
  readonly now?: () => number;
  readonly signal?: AbortSignal;
}

/** Trades the redirect's code for tokens (RFC 6749 4.1.3). Rejects with a `ConnectorAuthError`. */
export function exchangeAuthorizationCode(
  config: OAuth2AuthConfig,
  options: CodeExchangeOptions,
  deps: CodeExchangeDeps = {},
): Promise<OAuth2Tokens> {
  if (options.baseUrl !== undefined) config = resolveOAuthUrls(config, options.baseUrl);
  checkUrl(config, 'tokenUrl');
  const params: Record<string, string> = {
    grant_type: 'authorization_code',
    code: options.code,
    redirect_uri: options.redirectUri,
  };
  if (options.codeVerifier !== undefined) params.code_verifier = options.codeVerifier;
  return requestToken(config, client(options.clientId, options.clientSecret), params, deps);
}

export function refreshTokenGrant(config: OAuth2AuthConfig, oauthClient: OAuth2Client, deps: AuthDeps = {}): TokenGrant {
  if (config.refreshUrl) config = { ...config, tokenUrl: config.refreshUrl };
  return {
    canObtain: (current) => Boolean(config.tokenUrl) && current?.refreshToken !== undefined && current.refreshToken !== '',
    obtain: (current) =>
      requestToken(config, oauthClient, { grant_type: 'refresh_token', refresh_token: current?.refreshToken ?? '' }, deps),
  };
}

export function createAuthorizationCodeAuth(
  config: OAuth2AuthConfig,
  credentials: AuthCredentials | undefined,
  deps: AuthDeps = {},
): OAuth2TokenCache {
  const { clientId, clientSecret, tokenStore, tokens } = oauth2Credentials(credentials);
  // Specs often leave the token URL out (implicit flows, Azure's login host). A user who brings an
  // access token can still call the API; only refreshing needs the URL, and says so when it happens.
  if (config.tokenUrl || (tokens === undefined && tokenStore === undefined)) checkUrl(config, 'tokenUrl');
  if (config.refreshUrl) checkUrl(config, 'refreshUrl');
  return new OAuth2TokenCache({
    grant: refreshTokenGrant(config, client(clientId, clientSecret), deps),
    strategy: config.refresh,
    ...(tokenStore ? { store: tokenStore } : {}),
    ...(tokens ? { initialTokens: tokens } : {}),
    now: deps.now ?? Date.now,
    staticSecrets: clientSecret ? [clientSecret] : [],
    staleAction: 'The user must re-authorize.',
    reauthorizeHint:
      'Run the authorization flow again (buildAuthorizationUrl, then exchangeAuthorizationCode) and pass the new tokens as auth.tokens or through auth.tokenStore.',
  });
}

function client(clientId: string, clientSecret: string | undefined): OAuth2Client {
  return clientSecret ? { clientId, clientSecret } : { clientId };
}
