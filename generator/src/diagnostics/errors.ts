/**
 * Errors that stop a command from running at all (exit code 2): an unreadable file, a document that
 * is not an API description, a bad flag. Each has a stable code and a hint, so the CLI can print
 * `CG_LOAD_PARSE spec.yaml:3:7: ... Try this: ...` instead of a stack trace.
 */
import type { Position } from './diagnostic.js';

export interface ConnectgenErrorOptions {
  readonly hint?: string;
  readonly file?: string;
  readonly position?: Position;
  readonly pointer?: string;
  readonly cause?: unknown;
}

export class ConnectgenError extends Error {
  override readonly name = 'ConnectgenError';
  readonly code: string;
  readonly hint: string | undefined;
  readonly file: string | undefined;
  readonly position: Position | undefined;
  readonly pointer: string | undefined;

  constructor(code: string, message: string, options: ConnectgenErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.hint = options.hint;
    this.file = options.file;
    this.position = options.position;
    this.pointer = options.pointer;
  }

  /** One line: `CG_CODE file:line:col: message`. */
  toLine(): string {
    const where = this.file
      ? this.position
        ? `${this.file}:${this.position.line}:${this.position.column}`
        : this.file
      : undefined;
    const at = this.pointer !== undefined && this.pointer !== '' ? ` (at ${this.pointer})` : '';
    return `${this.code} ${where ? where + ': ' : ''}${this.message}${at}`;
  }

  toJSON(): Record<string, unknown> {
    return {
      code: this.code,
      message: this.message,
      hint: this.hint,
      file: this.file,
      line: this.position?.line,
      column: this.position?.column,
      pointer: this.pointer,
    };
  }
}

export function isConnectgenError(error: unknown): error is ConnectgenError {
  return error instanceof ConnectgenError;
}
