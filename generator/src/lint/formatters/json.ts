/** Machine output: the Diagnostic array as is (code, severity, message, pointer, hint, file, start, end). */
import type { Diagnostic } from '../../diagnostics/diagnostic.js';

export function formatJson(diagnostics: readonly Diagnostic[]): string {
  return JSON.stringify(diagnostics, null, 2) + '\n';
}
