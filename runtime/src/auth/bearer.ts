/**
 * Bearer token (RFC 6750), static or from a user callback. The callback is asked on every request,
 * so the user's own cache decides when a token changes (a vault lease, a token another process
 * refreshes); after a 401 it is asked once more, and the request is replayed only when the token changed.
 */
import type { AuthCredentials } from '../client-api.js';
import type { BearerAuthConfig } from '../definition.js';
import { AuthFailureError } from './errors.js';
import { bearerCredentials } from './credentials.js';
import { setHeader, withPreamble } from './headers.js';
import { raceAbort } from './abort.js';
import type { AuthHandler } from './types.js';

export function createBearerAuth(config: BearerAuthConfig, credentials: AuthCredentials | undefined): AuthHandler {
  const { token } = bearerCredentials(credentials);
  const headerName = config.headerName ?? 'authorization';
  const preamble = config.preamble ?? 'Bearer';
  // The last two tokens: a request sent with the previous one may still fail after a change.
  let recent: string[] = typeof token === 'string' ? [token] : [];

  async function current(signal: AbortSignal | undefined): Promise<string> {
    if (typeof token === 'string') return token;
    let value: unknown;
    try {
      value = await raceAbort(Promise.resolve().then(token), signal);
    } catch (error) {
      if (signal?.aborted) throw error;
      throw new AuthFailureError('CG_AUTH_TOKEN_CALLBACK', 'The bearer token callback threw.', {
        cause: error,
        secrets: recent,
        hint: 'Check the function passed as auth.token.',
      });
    }
    if (typeof value !== 'string' || value === '') {
      throw new AuthFailureError('CG_AUTH_INVALID_CREDENTIALS', `The bearer token callback returned ${value === '' ? 'an empty string' : typeof value}, not a token.`, {
        hint: 'auth.token must return (or resolve to) a non-empty string.',
      });
    }
    if (recent[0] !== value) recent = [value, ...recent].slice(0, 2);
    return value;
  }

  return {
    async apply(request, signal) {
      setHeader(request.headers, headerName, withPreamble(preamble, await current(signal)));
    },
    async refreshAfterUnauthorized(signal) {
      if (typeof token === 'string') return false;
      const before = recent[0];
      return (await current(signal)) !== before;
    },
    secrets: () => [...recent],
  };
}
