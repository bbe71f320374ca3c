/**
 * API key in a header, query parameter or cookie (OpenAPI `apiKey` security scheme), with an
 * optional preamble (`Authorization: Token abc`) and static extra headers some vendors require next
 * to the key (`X-Account-Id`, a version header).
 */
import type { AuthCredentials } from '../client-api.js';
import type { ApiKeyAuthConfig } from '../definition.js';
import { AuthFailureError } from './errors.js';
import { apiKeyCredentials } from './credentials.js';
import { appendCookie, setHeader, withPreamble } from './headers.js';
import type { AuthHandler, AuthRequest } from './types.js';

export function createApiKeyAuth(config: ApiKeyAuthConfig, credentials: AuthCredentials | undefined): AuthHandler {
  const { apiKey } = apiKeyCredentials(credentials);
  if (!config.name) {
    throw new AuthFailureError('CG_AUTH_INVALID_CONFIG', 'The apiKey auth config has no parameter name.', {
      hint: "Set auth.name in connector.yaml, e.g. name: X-API-Key.",
    });
  }
  const value = withPreamble(config.preamble, apiKey);
  const place: (request: AuthRequest) => void =
    config.in === 'query'
      ? (request) => request.url.searchParams.set(config.name, value)
      : config.in === 'cookie'
        ? (request) => appendCookie(request.headers, config.name, value)
        : (request) => setHeader(request.headers, config.name, value);
  const extra = Object.entries(config.extraHeaders ?? {});

  return {
    // Synchronous: nothing to wait for, and the client skips an await when apply returns nothing.
    apply(request) {
      for (const [name, headerValue] of extra) setHeader(request.headers, name, headerValue);
      place(request);
    },
    refreshAfterUnauthorized: async () => false,
    secrets: () => [apiKey],
  };
}
