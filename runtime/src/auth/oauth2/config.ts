/** Checks of an `oauth2` config that would otherwise fail later, on the first request. */
import type { OAuth2AuthConfig } from '../../definition.js';
import { AuthFailureError } from '../errors.js';

export type OAuth2UrlField = 'tokenUrl' | 'authorizationUrl' | 'refreshUrl';

const URL_FIELDS: readonly OAuth2UrlField[] = ['tokenUrl', 'authorizationUrl', 'refreshUrl'];

/**
 * The config with its token, authorization and refresh URLs made absolute. OAS 3.x allows them
 * relative to the server URL (`tokenUrl: /oauth/token`), which only the running connector knows:
 * `/oauth/token` replaces the base URL's path, `oauth/token` extends it. `overrides` (the user's
 * connector options) replace the spec's URLs first.
 */
export function resolveOAuthUrls(config: OAuth2AuthConfig, baseUrl: string, overrides: Partial<Record<OAuth2UrlField, string>> = {}): OAuth2AuthConfig {
  let out = config;
  for (const field of URL_FIELDS) {
    const value = overrides[field] ?? config[field];
    if (value === undefined || value === '') continue;
    const resolved = /^[a-z][a-z0-9+.-]*:/i.test(value) ? value : resolveAgainst(value, baseUrl);
    if (resolved !== config[field]) out = { ...out, [field]: resolved };
  }
  return out;
}

function resolveAgainst(value: string, baseUrl: string): string {
  try {
    return new URL(value, baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`).toString();
  } catch {
    return value; // checkUrl reports it with the field's name
  }
}

export function checkUrl(config: OAuth2AuthConfig, field: OAuth2UrlField): URL {
  const value = config[field];
  let url: URL | undefined;
  try {
    url = value ? new URL(value) : undefined;
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    throw new AuthFailureError(
      'CG_AUTH_INVALID_CONFIG', value ? `The oauth2 ${field} "${value}" is not an absolute http(s) URL.` : `The oauth2 auth config has no ${field}.`,
      { hint: `Set auth.${field} in connector.yaml to the provider's URL (absolute, or relative to the API's base URL).` },
    );
  }
  return url;
}
