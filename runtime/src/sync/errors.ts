/**
 * Sync errors carry a stable code, and where the problem is (a JSON pointer into the sync
 * definition) and how to fix it, so the CLI prints one line and a hint instead of a stack trace.
 */
export interface SyncIssue {
  readonly code: string;
  /** RFC 6901 pointer into the sync definition, `''` for the whole of it. */
  readonly pointer: string;
  readonly message: string;
  readonly hint?: string;
}

export class SyncError extends Error {
  override readonly name = 'SyncError';
  readonly code: string;
  readonly pointer: string | undefined;
  readonly hint: string | undefined;
  /** Every problem found, when the error reports several (a definition with three mistakes). */
  readonly issues: readonly SyncIssue[];

  constructor(code: string, message: string, options: { pointer?: string; hint?: string; issues?: readonly SyncIssue[]; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.pointer = options.pointer;
    this.hint = options.hint;
    this.issues = options.issues ?? [{ code, pointer: options.pointer ?? '', message, ...(options.hint ? { hint: options.hint } : {}) }];
  }
}

/** `CODE: message` of any error, for run records and dead letters (connector errors are already redacted). */
export function describeError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' ? `${code}: ${error.message}` : error.message;
  }
  return String(error);
}
