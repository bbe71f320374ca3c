/** The output formats of `connectgen lint`, by name. */
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { formatJson } from './json.js';
import { formatSarif } from './sarif.js';
import { formatStylish } from './stylish.js';

export const FORMATS = ['stylish', 'json', 'sarif'] as const;
export type FormatName = (typeof FORMATS)[number];

export interface FormatOptions {
  readonly color?: boolean;
  readonly cwd?: string;
  readonly toolVersion?: string;
  readonly describe?: (code: string) => string | undefined;
}

export function format(name: FormatName, diagnostics: readonly Diagnostic[], options: FormatOptions = {}): string {
  switch (name) {
    case 'json':
      return formatJson(diagnostics);
    case 'sarif':
      return formatSarif(diagnostics, options);
    case 'stylish':
      return formatStylish(diagnostics, options);
  }
}
