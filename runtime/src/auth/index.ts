/**
 * Auth for generated connectors: turns the connector's auth config (connector.yaml `auth`) and the
 * user's credentials into an `AuthHandler` that the HTTP client calls before each request and
 * after a 401. One file per scheme; this table picks one.
 */
import type { AuthCredentials } from '../client-api.js';
import type { AuthConfig, OAuth2AuthConfig } from '../definition.js';
import { AuthFailureError } from './errors.js';
import { createApiKeyAuth } from './api-key.js';
import { createBasicAuth } from './basic.js';
import { createBearerAuth } from './bearer.js';
import { createNoAuth } from './none.js';
import { createAuthorizationCodeAuth } from './oauth2/authorization-code.js';
import { createClientCredentialsAuth } from './oauth2/client-credentials.js';
import type { AuthDeps, AuthHandler } from './types.js';

export type { AuthDeps, AuthHandler, AuthRequest } from './types.js';
export {
  buildAuthorizationUrl,
  exchangeAuthorizationCode,
  type AuthorizationUrl,
  type AuthorizationUrlOptions,
  type CodeExchangeDeps,
  type CodeExchangeOptions,
} from './oauth2/authorization-code.js';
export { OAuth2TokenCache, type TokenCacheState } from './oauth2/token-cache.js';
export { tokenFreshness, type TokenFreshness } from './oauth2/refresh-policy.js';

type SchemeFactory<C extends AuthConfig> = (config: C, credentials: AuthCredentials | undefined, deps: AuthDeps) => AuthHandler;

const OAUTH2_GRANTS: Record<OAuth2AuthConfig['grant'], SchemeFactory<OAuth2AuthConfig>> = {
  client_credentials: createClientCredentialsAuth,
  authorization_code: createAuthorizationCodeAuth,
};

const SCHEMES: { [T in AuthConfig['type']]: SchemeFactory<Extract<AuthConfig, { type: T }>> } = {
  none: () => createNoAuth(),
  apiKey: (config, credentials) => createApiKeyAuth(config, credentials),
  basic: (_config, credentials) => createBasicAuth(credentials),
  bearer: (config, credentials) => createBearerAuth(config, credentials),
  oauth2: (config, credentials, deps) => {
    const create = Object.hasOwn(OAUTH2_GRANTS, config.grant) ? OAUTH2_GRANTS[config.grant] : undefined;
    if (!create) throw invalidConfig(`oauth2 grant "${String(config.grant)}"`, 'grant: client_credentials or grant: authorization_code');
    return create(config, credentials, deps);
  },
};

/**
 * Validates `credentials` against `config` and returns the scheme's handler. Throws a
 * `ConnectorAuthError` (`CG_AUTH_MISSING_CREDENTIALS`, `CG_AUTH_INVALID_CREDENTIALS`,
 * `CG_AUTH_INVALID_CONFIG`) rather than return a handler that would send requests without auth.
 */
export function createAuthHandler(config: AuthConfig, credentials: AuthCredentials | undefined, deps: AuthDeps = {}): AuthHandler {
  const type = (config as { type?: unknown } | undefined)?.type;
  if (typeof type !== 'string' || !Object.hasOwn(SCHEMES, type)) {
    throw invalidConfig(`auth type "${String(type)}"`, 'type: none, apiKey, basic, bearer or oauth2');
  }
  const create = SCHEMES[type as AuthConfig['type']] as SchemeFactory<AuthConfig>;
  return create(config, credentials, deps);
}

function invalidConfig(what: string, expected: string): AuthFailureError {
  return new AuthFailureError('CG_AUTH_INVALID_CONFIG', `Unknown ${what} in the connector's auth config.`, {
    hint: `Use ${expected} in connector.yaml.`,
  });
}
