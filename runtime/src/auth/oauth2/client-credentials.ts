/**
 * OAuth 2.0 client credentials grant (RFC 6749 section 4.4): the connector authenticates as itself,
 * so a new token is simply requested again when needed; no refresh token is involved (4.4.3).
 */
import type { AuthCredentials } from '../../client-api.js';
import type { OAuth2AuthConfig } from '../../definition.js';
import { missingCredentials, oauth2Credentials } from '../credentials.js';
import type { AuthDeps, AuthHandler } from '../types.js';
import { checkUrl } from './config.js';
import { OAuth2TokenCache, type TokenGrant } from './token-cache.js';
import { requestToken, type OAuth2Client } from './token-endpoint.js';

export function clientCredentialsGrant(config: OAuth2AuthConfig, client: OAuth2Client, deps: AuthDeps = {}): TokenGrant {
  const params: Record<string, string> = { grant_type: 'client_credentials' };
  if (config.scopes?.length) params.scope = config.scopes.join(' ');
  return {
    canObtain: () => true,
    obtain: () => requestToken(config, client, params, deps),
  };
}

export function createClientCredentialsAuth(
  config: OAuth2AuthConfig,
  credentials: AuthCredentials | undefined,
  deps: AuthDeps = {},
): OAuth2TokenCache {
  const { clientId, clientSecret, tokenStore, tokens } = oauth2Credentials(credentials);
  if (!clientSecret) throw missingCredentials('oauth2', 'clientSecret (the client credentials grant needs one)');
  checkUrl(config, 'tokenUrl');
  return new OAuth2TokenCache({
    grant: clientCredentialsGrant(config, { clientId, clientSecret }, deps),
    strategy: config.refresh,
    ...(tokenStore ? { store: tokenStore } : {}),
    ...(tokens ? { initialTokens: tokens } : {}),
    now: deps.now ?? Date.now,
    staticSecrets: [clientSecret],
    staleAction: 'Check the client id, client secret and scopes.',
    reauthorizeHint: 'The client credentials were refused: fix clientId/clientSecret (or the app registration) and create the connector again.',
  });
}
