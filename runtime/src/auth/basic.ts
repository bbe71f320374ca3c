/** HTTP Basic (RFC 7617): `Authorization: Basic base64(username:password)`, UTF-8 encoded. */
import type { AuthCredentials } from '../client-api.js';
import { AuthFailureError } from './errors.js';
import { basicCredentials } from './credentials.js';
import { setHeader } from './headers.js';
import type { AuthHandler } from './types.js';

export function basicAuthorization(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
}

export function createBasicAuth(credentials: AuthCredentials | undefined): AuthHandler {
  const { username, password } = basicCredentials(credentials);
  // The first colon separates the fields, so a username with one cannot be sent (RFC 7617 section 2).
  if (username.includes(':')) {
    throw new AuthFailureError('CG_AUTH_INVALID_CREDENTIALS', 'The Basic auth username contains a colon, which the scheme cannot carry.', {
      hint: 'Check the username; if the vendor really expects one, use apiKey auth with a custom header.',
    });
  }
  const header = basicAuthorization(username, password);
  return {
    apply: (request) => setHeader(request.headers, 'authorization', header),
    refreshAfterUnauthorized: async () => false,
    // The encoded header is as secret as the password: base64 is not encryption.
    secrets: () => [password, header.slice('Basic '.length)].filter((s) => s !== ''),
  };
}
