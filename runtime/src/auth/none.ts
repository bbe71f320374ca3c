/** `auth: none`: public APIs. */
import type { AuthHandler } from './types.js';

export function createNoAuth(): AuthHandler {
  return {
    apply: async () => {},
    refreshAfterUnauthorized: async () => false,
    secrets: () => [],
  };
}
