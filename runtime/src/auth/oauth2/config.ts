/** Checks of an `oauth2` config that would otherwise fail later, on the first request. */
import type { OAuth2AuthConfig } from '../../definition.js';
import { AuthFailureError } from '../errors.js';

export function checkUrl(config: OAuth2AuthConfig, field: 'tokenUrl' | 'authorizationUrl'): URL {
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
      { hint: `Set auth.${field} in connector.yaml to the provider's absolute URL.` },
    );
  }
  return url;
}
