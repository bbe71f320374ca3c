/**
 * Compact diagnostics for commands other than `lint` (which has its own formatters): one line
 * each, `file:line:col severity CODE message (at pointer)` and the hint indented below.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';

export function formatDiagnosticLine(d: Diagnostic): string {
  const where = d.file ? `${d.file}${d.start ? `:${d.start.line}:${d.start.column}` : ''} ` : '';
  const at = d.pointer ? ` (at ${d.pointer})` : '';
  const hint = d.hint ? `\n  Try this: ${d.hint}` : '';
  return `${where}${d.severity} ${d.code} ${d.message}${at}${hint}`;
}
