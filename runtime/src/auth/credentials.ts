/**
 * Narrowing of the user's `AuthCredentials` union to what a scheme needs. A scheme that finds the
 * wrong shape fails here, at connector creation, with a code and a hint: never by silently sending
 * a request without auth.
 */
import type { ApiKeyCredentials, AuthCredentials, BasicCredentials, BearerCredentials, OAuth2Credentials } from '../client-api.js';
import type { AuthConfig } from '../definition.js';
import { AuthFailureError } from './errors.js';

export type { ApiKeyCredentials, BasicCredentials, BearerCredentials, OAuth2Credentials } from '../client-api.js';

const EXAMPLES: Record<Exclude<AuthConfig['type'], 'none'>, string> = {
  apiKey: "{ auth: { apiKey: process.env.API_KEY } }",
  basic: "{ auth: { username: '...', password: process.env.PASSWORD } }",
  bearer: "{ auth: { token: process.env.TOKEN } } or { auth: { token: async () => getToken() } }",
  oauth2: "{ auth: { clientId: '...', clientSecret: process.env.CLIENT_SECRET } }",
};

function has<K extends string>(value: object, key: K, type: 'string' | 'function'): boolean {
  return typeof (value as Record<string, unknown>)[key] === type;
}

export function missingCredentials(scheme: AuthConfig['type'], field: string): AuthFailureError {
  const example = scheme === 'none' ? '' : EXAMPLES[scheme];
  return new AuthFailureError('CG_AUTH_MISSING_CREDENTIALS', `The connector uses ${scheme} auth but no ${field} was given.`, {
    hint: `Pass credentials when creating the connector: ${example}.`,
  });
}

export function apiKeyCredentials(credentials: AuthCredentials | undefined): ApiKeyCredentials {
  if (!credentials || !has(credentials, 'apiKey', 'string') || (credentials as ApiKeyCredentials).apiKey === '') {
    throw missingCredentials('apiKey', 'apiKey');
  }
  return credentials as ApiKeyCredentials;
}

export function basicCredentials(credentials: AuthCredentials | undefined): BasicCredentials {
  if (!credentials || !has(credentials, 'username', 'string') || !has(credentials, 'password', 'string')) {
    throw missingCredentials('basic', 'username and password');
  }
  return credentials as BasicCredentials;
}

export function bearerCredentials(credentials: AuthCredentials | undefined): BearerCredentials {
  const ok =
    credentials !== undefined &&
    ((has(credentials, 'token', 'string') && (credentials as { token: string }).token !== '') ||
      has(credentials, 'token', 'function'));
  if (!ok) throw missingCredentials('bearer', 'token (a string or a function returning one)');
  return credentials as BearerCredentials;
}

export function oauth2Credentials(credentials: AuthCredentials | undefined): OAuth2Credentials {
  if (!credentials || !has(credentials, 'clientId', 'string') || (credentials as OAuth2Credentials).clientId === '') {
    throw missingCredentials('oauth2', 'clientId');
  }
  return credentials as OAuth2Credentials;
}
