/**
 * When to refresh an OAuth2 access token: a pure decision, table-tested, that the token cache
 * consults before every request.
 *
 * - `automatic`: refresh `bufferSeconds` (default 60) before `expiresAt`. The buffer is capped at half
 *   the token's lifetime, so a server that issues 30-second tokens against a 60-second buffer does not
 *   get a token request on every call.
 * - `interval`: refresh every `intervalSeconds` since the token was obtained, for vendors whose tokens
 *   carry no expiry but are revoked on a schedule.
 * Under both, a token past its `expiresAt` is expired; one without `expiresAt` lives until a 401.
 */
import type { OAuth2AuthConfig } from '../../definition.js';

export type RefreshStrategy = NonNullable<OAuth2AuthConfig['refresh']>;

/**
 * - `missing`: no access token yet; one must be obtained before the request.
 * - `fresh`: use the token.
 * - `refresh-soon`: still valid, but due for refresh; refresh now and, if the token server is
 *   unavailable, fall back to this token.
 * - `expired`: must be refreshed before use.
 */
export type TokenFreshness = 'missing' | 'fresh' | 'refresh-soon' | 'expired';

export interface FreshnessInput {
  readonly accessToken: string | undefined;
  /** Epoch ms; absent when the server gave no lifetime. */
  readonly expiresAt: number | undefined;
  /** Epoch ms when this token was obtained (or loaded). */
  readonly obtainedAt: number;
  readonly now: number;
  /** Default `{ strategy: 'automatic', bufferSeconds: 60 }`. */
  readonly strategy: RefreshStrategy | undefined;
}

export const DEFAULT_BUFFER_SECONDS = 60;

export function tokenFreshness(input: FreshnessInput): TokenFreshness {
  const { accessToken, expiresAt, obtainedAt, now } = input;
  const strategy = input.strategy ?? { strategy: 'automatic' };
  if (!accessToken) return 'missing';
  if (expiresAt !== undefined && now >= expiresAt) return 'expired';

  if (strategy.strategy === 'interval') {
    const intervalMs = strategy.intervalSeconds * 1000;
    return intervalMs > 0 && now >= obtainedAt + intervalMs ? 'refresh-soon' : 'fresh';
  }
  if (expiresAt === undefined) return 'fresh';
  const bufferMs = Math.max(0, (strategy.bufferSeconds ?? DEFAULT_BUFFER_SECONDS) * 1000);
  const lifetimeMs = Math.max(0, expiresAt - obtainedAt);
  return now >= expiresAt - Math.min(bufferMs, lifetimeMs / 2) ? 'refresh-soon' : 'fresh';
}
