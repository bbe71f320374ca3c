/**
 * What is wrong with a job definition, said the way the CLI says it everywhere: a stable code, a
 * JSON pointer into the job, a hint, and (for files) the line and column.
 */
import { ConnectorError } from '../../http/errors.js';

export interface RpaDiagnostic {
  readonly code: string;
  readonly message: string;
  /** JSON pointer into the job definition, e.g. `/steps/3/fill`. */
  readonly pointer: string;
  readonly hint?: string;
  readonly line?: number;
  readonly column?: number;
}

/** A job definition that cannot run; `diagnostics` lists every problem found, not just the first. */
export class RpaJobError extends ConnectorError {
  readonly code: string;
  readonly diagnostics: readonly RpaDiagnostic[];
  readonly file: string | undefined;

  constructor(diagnostics: readonly RpaDiagnostic[], file?: string) {
    const first = diagnostics[0];
    const more = diagnostics.length > 1 ? ` (and ${diagnostics.length - 1} more)` : '';
    super(first ? `${formatDiagnostic(first, file)}${more}` : 'invalid RPA job');
    this.code = first?.code ?? 'CG_RPA_JOB';
    this.diagnostics = diagnostics;
    this.file = file;
  }

  protected override details(): Record<string, unknown> {
    return { file: this.file, diagnostics: this.diagnostics };
  }
}

/** `CG_CODE file:line:col: message (at /pointer)`, the hint on the next line. */
export function formatDiagnostic(d: RpaDiagnostic, file?: string): string {
  const position = d.line === undefined ? '' : `:${d.line}:${d.column ?? 1}`;
  const where = file ? `${file}${position}: ` : '';
  const hint = d.hint ? `\n  Try this: ${d.hint}` : '';
  return `${d.code} ${where}${d.message} (at ${d.pointer || '/'})${hint}`;
}

/** Appends a key to a JSON pointer, escaping `~` and `/` (RFC 6901). */
export function pointerTo(parent: string, key: string | number): string {
  return `${parent}/${String(key).replaceAll('~', '~0').replaceAll('/', '~1')}`;
}
