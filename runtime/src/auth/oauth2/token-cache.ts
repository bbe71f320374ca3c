/**
 * The stateful half of OAuth2: holds the tokens, decides with `tokenFreshness` when to refresh, and
 * makes sure that
 * - a refresh is single-flight: however many requests wait, one token request is made;
 * - a new token set is saved to the token store (awaited) before any of it is used, so a rotated
 *   refresh token survives a crash between the refresh and the next request;
 * - a refresh the server refuses (4xx) leaves the handler `stale`: every later call fails at once
 *   with `CG_AUTH_STALE` instead of hammering the token endpoint with a dead refresh token;
 * - a token server that is merely unavailable (network, 5xx) is retried on the next call, and a token
 *   that is due for refresh but not yet expired keeps being used meanwhile.
 * How a new token is obtained (client credentials, or a refresh token) is the grant's business.
 */
import type { OAuth2Tokens, TokenStore } from '../../client-api.js';
import { AuthFailureError, isAuthFailure } from '../errors.js';
import { raceAbort } from '../abort.js';
import { setHeader } from '../headers.js';
import type { AuthHandler, AuthRequest } from '../types.js';
import { tokenFreshness, type RefreshStrategy, type TokenFreshness } from './refresh-policy.js';

export interface TokenGrant {
  /** Whether `obtain` can work from these tokens (an authorization code grant needs a refresh token). */
  canObtain(current: OAuth2Tokens | undefined): boolean;
  /** One token request; rejects with a `ConnectorAuthError` coded as in token-endpoint.ts. */
  obtain(current: OAuth2Tokens | undefined): Promise<OAuth2Tokens>;
}

export interface TokenCacheOptions {
  readonly grant: TokenGrant;
  readonly strategy: RefreshStrategy | undefined;
  readonly store?: TokenStore;
  /** Used when the store has nothing (or there is no store). */
  readonly initialTokens?: OAuth2Tokens;
  readonly now: () => number;
  /** Secrets that never change, e.g. the client secret. */
  readonly staticSecrets: readonly string[];
  /** What to do when the handler goes stale, ending the stale message ("The user must re-authorize."). */
  readonly staleAction: string;
  /** The same as a hint, e.g. how to run the authorization flow again. */
  readonly reauthorizeHint: string;
}

export type TokenCacheState = 'empty' | 'ready' | 'stale';

/**
 * A 401 that arrives this soon after a refresh, while the new token is still fresh, most likely
 * answers a request sent with the previous token: replay it with the new one rather than refresh
 * again. A 401 after the replay ends it. (A token already due, as short-lived ones soon are, is
 * refreshed instead: replaying with it would only be refused again.)
 */
const RECENT_REFRESH_MS = 5_000;

interface Obtained {
  readonly tokens: OAuth2Tokens;
  readonly obtainedAt: number;
}

export class OAuth2TokenCache implements AuthHandler {
  readonly #options: TokenCacheOptions;
  #current: Obtained | undefined;
  #refreshedAt: number | undefined;
  #previousAccessToken: string | undefined;
  /** Obtained but not yet saved; never used until the store has it. */
  #unsaved: Obtained | undefined;
  #loading: Promise<void> | undefined;
  #inflight: Promise<Obtained> | undefined;
  #stale: AuthFailureError | undefined;

  constructor(options: TokenCacheOptions) {
    this.#options = options;
  }

  get state(): TokenCacheState {
    return this.#stale ? 'stale' : this.#current ? 'ready' : 'empty';
  }

  async apply(request: AuthRequest, signal?: AbortSignal): Promise<void> {
    setHeader(request.headers, 'authorization', `Bearer ${await this.accessToken(signal)}`);
  }

  /** The access token to send now, refreshed first when the strategy says so. */
  async accessToken(signal?: AbortSignal): Promise<string> {
    this.#throwIfStale();
    await raceAbort(this.#load(), signal);
    const current = this.#current;
    const freshness = this.#freshness(current);
    if (freshness === 'fresh' && current) return current.tokens.accessToken;
    if (freshness === 'refresh-soon' && current && !this.#options.grant.canObtain(current.tokens)) {
      return current.tokens.accessToken;
    }
    try {
      return (await raceAbort(this.#refresh(), signal)).tokens.accessToken;
    } catch (error) {
      const unavailable = isAuthFailure(error, 'CG_AUTH_TOKEN_UNAVAILABLE');
      if (freshness === 'refresh-soon' && current && unavailable && !signal?.aborted) return current.tokens.accessToken;
      throw error;
    }
  }

  async refreshAfterUnauthorized(signal?: AbortSignal): Promise<boolean> {
    this.#throwIfStale();
    await raceAbort(this.#load(), signal);
    if (this.#inflight) {
      await raceAbort(this.#inflight, signal);
      return true;
    }
    const recent = this.#refreshedAt !== undefined && this.#options.now() - this.#refreshedAt < RECENT_REFRESH_MS;
    if (recent && this.#freshness(this.#current) === 'fresh') return true;
    if (!this.#options.grant.canObtain(this.#current?.tokens)) return false;
    await raceAbort(this.#refresh(), signal);
    return true;
  }

  secrets(): string[] {
    const values = [
      ...this.#options.staticSecrets,
      this.#current?.tokens.accessToken,
      this.#current?.tokens.refreshToken,
      this.#unsaved?.tokens.accessToken,
      this.#unsaved?.tokens.refreshToken,
      this.#previousAccessToken,
    ];
    return [...new Set(values.filter((v): v is string => typeof v === 'string' && v !== ''))];
  }

  #freshness(obtained: Obtained | undefined): TokenFreshness {
    return tokenFreshness({
      accessToken: obtained?.tokens.accessToken,
      expiresAt: obtained?.tokens.expiresAt,
      obtainedAt: obtained?.obtainedAt ?? 0,
      now: this.#options.now(),
      strategy: this.#options.strategy,
    });
  }

  #throwIfStale(): void {
    if (this.#stale) throw this.#stale;
  }

  #load(): Promise<void> {
    this.#loading ??= this.#loadOnce().catch((error: unknown) => {
      this.#loading = undefined; // a store that failed to load is asked again on the next call
      throw error;
    });
    return this.#loading;
  }

  async #loadOnce(): Promise<void> {
    let stored: OAuth2Tokens | undefined;
    try {
      stored = (await this.#options.store?.load()) ?? undefined;
    } catch (error) {
      throw new AuthFailureError('CG_AUTH_TOKEN_STORE', 'The OAuth2 token store failed to load tokens.', {
        cause: error,
        secrets: this.secrets(),
        hint: 'Check the tokenStore.load() passed in the connector auth options.',
      });
    }
    const tokens = stored ?? this.#options.initialTokens;
    if (tokens) this.#current = { tokens, obtainedAt: this.#options.now() };
  }

  /** Single-flight: callers that arrive while a refresh runs share its result. */
  #refresh(): Promise<Obtained> {
    this.#inflight ??= this.#refreshOnce().finally(() => {
      this.#inflight = undefined;
    });
    return this.#inflight;
  }

  async #refreshOnce(): Promise<Obtained> {
    // A token set whose save failed last time: save it now rather than spend another refresh token.
    if (this.#unsaved) return this.#save(this.#unsaved);
    const store = this.#options.store;
    if (store?.refreshLock) return store.refreshLock(() => this.#refreshShared(store));
    return this.#obtain();
  }

  /** Under the cross-process lock: adopt what another process stored meanwhile, else refresh from the newest tokens. */
  async #refreshShared(store: TokenStore): Promise<Obtained> {
    const stored = (await store.load()) ?? undefined;
    if (stored && stored.accessToken !== this.#current?.tokens.accessToken) {
      this.#previousAccessToken = this.#current?.tokens.accessToken;
      this.#current = { tokens: stored, obtainedAt: this.#options.now() };
      if (this.#freshness(this.#current) === 'fresh') {
        this.#refreshedAt = this.#options.now();
        return this.#current;
      }
    }
    return this.#obtain();
  }

  async #obtain(): Promise<Obtained> {
    const current = this.#current?.tokens;
    if (!this.#options.grant.canObtain(current)) throw this.#cannotObtain(current);
    let next: OAuth2Tokens;
    try {
      next = await this.#options.grant.obtain(current);
    } catch (error) {
      if (isAuthFailure(error, 'CG_AUTH_TOKEN_REFUSED')) throw this.#goStale(error);
      throw error;
    }
    // RFC 6749 section 6: a refresh response without a refresh token leaves the old one valid.
    const refreshToken = next.refreshToken ?? current?.refreshToken;
    const tokens: OAuth2Tokens = { ...next, ...(refreshToken === undefined ? {} : { refreshToken }) };
    return this.#save({ tokens, obtainedAt: this.#options.now() });
  }

  async #save(obtained: Obtained): Promise<Obtained> {
    this.#unsaved = obtained;
    try {
      await this.#options.store?.save(obtained.tokens);
    } catch (error) {
      throw new AuthFailureError('CG_AUTH_TOKEN_STORE', 'The OAuth2 token store failed to save refreshed tokens; they are not used until saved.', {
        cause: error,
        secrets: this.secrets(),
        hint: 'Check tokenStore.save(); the save is retried on the next call.',
      });
    }
    this.#unsaved = undefined;
    if (this.#current?.tokens.accessToken !== obtained.tokens.accessToken) {
      this.#previousAccessToken = this.#current?.tokens.accessToken;
    }
    this.#current = obtained;
    this.#refreshedAt = this.#options.now();
    return obtained;
  }

  #cannotObtain(current: OAuth2Tokens | undefined): AuthFailureError {
    if (!current) {
      return new AuthFailureError('CG_AUTH_NOT_AUTHORIZED', 'No OAuth2 tokens: the user has not authorized this connection yet.', {
        hint: this.#options.reauthorizeHint,
      });
    }
    return this.#goStale(undefined);
  }

  #goStale(cause: AuthFailureError | undefined): AuthFailureError {
    const why = cause ? 'the token server refused to issue a new token' : 'the access token expired and there is no refresh token';
    this.#stale = new AuthFailureError('CG_AUTH_STALE', `The OAuth2 connection is stale: ${why}. ${this.#options.staleAction}`, {
      cause,
      stale: true,
      ...(cause?.status === undefined ? {} : { status: cause.status }),
      secrets: this.secrets(),
      hint: this.#options.reauthorizeHint,
    });
    return this.#stale;
  }
}
