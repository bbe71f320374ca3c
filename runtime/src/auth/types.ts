/** The shapes every auth scheme implements; index.ts re-exports them. */
import type { HttpDispatcher } from '../http/dispatcher.js';

/** The outgoing request as auth sees it: a scheme edits `url.searchParams` and `headers` in place. */
export interface AuthRequest {
  method: string;
  url: URL;
  /** Cookies go in `headers.cookie`, appended to any cookie header already there. */
  headers: Record<string, string>;
}

export interface AuthHandler {
  /** Adds credentials to the request; may first fetch or refresh a token. */
  apply(request: AuthRequest, signal?: AbortSignal): Promise<void> | void;
  /**
   * After a 401: obtain new credentials if possible (OAuth refresh / callback bearer re-fetch).
   * true => caller replays the request once. false => nothing new to try (static credentials).
   * Rejects with a `ConnectorAuthError` when the refresh itself fails (e.g. `CG_AUTH_STALE`).
   */
  refreshAfterUnauthorized(signal?: AbortSignal): Promise<boolean>;
  /** Secret values currently in use (keys, passwords, tokens), for redaction in errors/logs. */
  secrets(): string[];
}

export interface AuthDeps {
  /** Sends token endpoint requests; the global dispatcher when absent. */
  readonly dispatcher?: HttpDispatcher;
  /** Clock in epoch ms, for token expiry; `Date.now` when absent. */
  readonly now?: () => number;
}
