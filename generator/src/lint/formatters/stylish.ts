/**
 * Terminal output, grouped by file like ESLint's and Spectral's "stylish":
 *   specs/pets.yaml
 *     12:7  error  CG_NO_OPERATION_ID  GET /pets has no operationId
 *                  Try this: add an operationId ...
 *   ✖ 3 problems (1 error, 2 warnings, 0 infos, 0 hints)
 */
import { relative } from 'node:path';
import { countBySeverity, type Diagnostic } from '../../diagnostics/diagnostic.js';

export interface StylishOptions {
  /** Colour with ANSI escapes (when writing to a terminal). */
  readonly color?: boolean;
  /** Paths are shown relative to this directory. */
  readonly cwd?: string;
}

const COLORS = { error: 31, warn: 33, info: 36, hint: 90 } as const;

/** Messages quote the spec: one line each, and no control characters (a spec could carry escapes). */
const clean = (text: string): string =>
  text.replace(/\s*\n\s*/g, ' ⏎ ').replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

export function formatStylish(diagnostics: readonly Diagnostic[], options: StylishOptions = {}): string {
  const paint = (code: number, text: string): string => (options.color ? `\u001b[${code}m${text}\u001b[0m` : text);
  const show = (file: string): string => (/^[a-z]+:\/\//i.test(file) ? file : relative(options.cwd ?? process.cwd(), file) || file);
  const byFile = new Map<string, Diagnostic[]>();
  for (const d of diagnostics) byFile.set(d.file ?? '', [...(byFile.get(d.file ?? '') ?? []), d]);
  const lines: string[] = [];
  for (const [file, items] of byFile) {
    lines.push(paint(4, clean(show(file))));
    const where = items.map((d) => (d.start ? `${d.start.line}:${d.start.column}` : ''));
    const width = Math.max(...where.map((w) => w.length));
    const codeWidth = Math.max(...items.map((d) => d.code.length));
    items.forEach((d, i) => {
      const severity = d.severity.padEnd(5);
      lines.push(`  ${(where[i] ?? '').padEnd(width)}  ${paint(COLORS[d.severity], severity)}  ${d.code.padEnd(codeWidth)}  ${clean(d.message)}${d.pointer ? paint(90, `  ${clean(d.pointer)}`) : ''}`);
      if (d.hint) lines.push(`  ${' '.repeat(width)}  ${' '.repeat(5)}  ${paint(90, `Try this: ${d.hint}`)}`);
    });
    lines.push('');
  }
  const counts = countBySeverity(diagnostics);
  const total = diagnostics.length;
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  lines.push(
    total === 0
      ? paint(32, '✔ no problems found')
      : paint(counts.error > 0 ? 31 : 33, `✖ ${plural(total, 'problem')} (${plural(counts.error, 'error')}, ${plural(counts.warn, 'warning')}, ${plural(counts.info, 'info')}, ${plural(counts.hint, 'hint')})`),
  );
  return lines.join('\n') + '\n';
}
