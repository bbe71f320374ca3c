/**
 * SARIF 2.1.0 for code-scanning dashboards (GitHub code scanning and others): one run, the rules that
 * fired under tool.driver.rules, each finding a result with its rule, level and physical location.
 * https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html
 */
import { relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic, Severity } from '../../diagnostics/diagnostic.js';

export interface SarifOptions {
  /** Artifact URIs are written relative to this directory (with `%SRCROOT%` as their base). */
  readonly cwd?: string;
  readonly toolVersion?: string;
  /** Descriptions for rule ids, where known. */
  readonly describe?: (code: string) => string | undefined;
}

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warn: 'warning', info: 'note', hint: 'note' };

export function formatSarif(diagnostics: readonly Diagnostic[], options: SarifOptions = {}): string {
  const cwd = options.cwd ?? process.cwd();
  const uri = (file: string): string => {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(file)) return file;
    const rel = relative(cwd, file);
    return rel.startsWith('..') ? pathToFileURL(file).href : rel.split(sep).map(encodeURIComponent).join('/');
  };
  const codes = [...new Set(diagnostics.map((d) => d.code))].sort();
  const rules = codes.map((code) => {
    const description = options.describe?.(code);
    return { id: code, ...(description ? { shortDescription: { text: description } } : {}) };
  });
  const results = diagnostics.map((d) => ({
    ruleId: d.code,
    ruleIndex: codes.indexOf(d.code),
    level: LEVEL[d.severity],
    message: { text: d.hint ? `${d.message}. ${d.hint}` : d.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: uri(d.file ?? ''), ...(/^[a-z]+:\/\//i.test(d.file ?? '') ? {} : { uriBaseId: '%SRCROOT%' }) },
          region: {
            startLine: d.start?.line ?? 1,
            startColumn: d.start?.column ?? 1,
            ...(d.end ? { endLine: d.end.line, endColumn: d.end.column } : {}),
          },
        },
        ...(d.pointer ? { logicalLocations: [{ fullyQualifiedName: d.pointer, kind: 'member' }] } : {}),
      },
    ],
  }));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'connectgen', informationUri: 'https://github.com/connectgen/connectgen', ...(options.toolVersion ? { version: options.toolVersion } : {}), rules } },
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
