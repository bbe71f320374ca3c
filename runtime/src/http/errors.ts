/**
 * Errors the runtime throws. Each has a stable `code` (tests and callers match on it, not on the
 * wording) and an optional `hint` saying what to do. No secret may ever reach a message or a field.
 */

export interface ConnectorErrorOptions {
  readonly code?: string;
  readonly cause?: unknown;
  readonly hint?: string;
}

/** Auth could not be applied: missing or refused credentials, a token endpoint failure, a stale connection. */
export class ConnectorAuthError extends Error {
  override readonly name = 'ConnectorAuthError';
  readonly code: string;
  readonly hint: string | undefined;

  constructor(message: string, options: ConnectorErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = options.code ?? 'CG_AUTH';
    this.hint = options.hint;
  }

  toJSON(): Record<string, unknown> {
    return { name: this.name, code: this.code, message: this.message, hint: this.hint };
  }
}
