/**
 * The auth module's failures. They are `ConnectorAuthError`s (code `CG_AUTH`, from http/errors.ts),
 * so callers that only care "was it auth?" need nothing else; `reason` says which auth failure it
 * was, stably, for tests and for the HTTP client (retry a `CG_AUTH_TOKEN_UNAVAILABLE`, surface a
 * `CG_AUTH_STALE`), and `hint` says what the user should do.
 */
import { ConnectorAuthError, type AuthErrorOptions } from '../http/errors.js';

export type AuthFailureReason =
  /** The credentials the scheme needs were not passed. */
  | 'CG_AUTH_MISSING_CREDENTIALS'
  /** Credentials of the right kind but unusable (a Basic username with a colon, an empty callback token). */
  | 'CG_AUTH_INVALID_CREDENTIALS'
  /** The connector's auth config cannot work (unknown type, no tokenUrl). */
  | 'CG_AUTH_INVALID_CONFIG'
  /** Authorization code flow never run: no tokens anywhere. */
  | 'CG_AUTH_NOT_AUTHORIZED'
  /** Refresh refused or impossible: the user must re-authorize; the token endpoint is not called again. */
  | 'CG_AUTH_STALE'
  /** The token endpoint refused the request (4xx other than 408/429). */
  | 'CG_AUTH_TOKEN_REFUSED'
  /** The token endpoint was unreachable, timed out, or answered 408/429/5xx: worth retrying. */
  | 'CG_AUTH_TOKEN_UNAVAILABLE'
  /** The token endpoint answered 2xx with no usable token. */
  | 'CG_AUTH_TOKEN_RESPONSE_INVALID'
  /** The user's token store failed to load or save. */
  | 'CG_AUTH_TOKEN_STORE'
  /** The user's bearer token callback threw. */
  | 'CG_AUTH_TOKEN_CALLBACK';

export interface AuthFailureOptions extends AuthErrorOptions {
  readonly hint?: string;
}

export class AuthFailureError extends ConnectorAuthError {
  readonly reason: AuthFailureReason;
  readonly hint: string | undefined;

  constructor(reason: AuthFailureReason, message: string, options: AuthFailureOptions = {}) {
    super(message, options);
    // Callers see one auth error type; the subclass only exists to carry `reason` and `hint`.
    this.name = 'ConnectorAuthError';
    this.reason = reason;
    this.hint = options.hint;
  }

  protected override details(): Record<string, unknown> {
    return { ...super.details(), reason: this.reason, hint: this.hint };
  }
}

export function isAuthFailure(error: unknown, reason: AuthFailureReason): error is AuthFailureError {
  return error instanceof AuthFailureError && error.reason === reason;
}
