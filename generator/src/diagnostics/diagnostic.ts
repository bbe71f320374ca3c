/**
 * A finding about an input document: what, where, and how to fix it. Every stage reports problems
 * with this one shape so the CLI can print, filter and serialise them the same way.
 */
export type Severity = 'error' | 'warn' | 'info' | 'hint';

export const SEVERITY_RANK: Readonly<Record<Severity, number>> = { error: 0, warn: 1, info: 2, hint: 3 };

export interface Position {
  /** 1-based line. */
  readonly line: number;
  /** 1-based column. */
  readonly column: number;
}

export interface Diagnostic {
  /** Stable id, e.g. `CG_NO_OPERATION_ID` or a Spectral rule id such as `oas3-schema`. Tests assert this. */
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  /** RFC 6901 JSON pointer into the document, `''` for the root. */
  readonly pointer: string;
  /** How to fix it, in one sentence. */
  readonly hint?: string;
  /** File (path or URL) the finding is in. */
  readonly file?: string;
  /** Start and end of the offending node in `file`, when known. */
  readonly start?: Position;
  readonly end?: Position;
}

/** `['paths', '/pets/{id}', 'get']` -> `/paths/~1pets~1{id}/get` */
export function toPointer(path: readonly (string | number)[]): string {
  return path.map((segment) => '/' + String(segment).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

/** `/paths/~1pets/get` -> `['paths', '/pets', 'get']` */
export function fromPointer(pointer: string): string[] {
  if (pointer === '' || pointer === '#') return [];
  const body = pointer.startsWith('#') ? pointer.slice(1) : pointer;
  return body
    .slice(1)
    .split('/')
    .map((segment) => decodeURIComponent(segment).replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function countBySeverity(diagnostics: readonly Diagnostic[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warn: 0, info: 0, hint: 0 };
  for (const d of diagnostics) counts[d.severity]++;
  return counts;
}
