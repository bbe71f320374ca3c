/**
 * lint: a loaded spec -> the problems in it, as Diagnostics. Two halves, one result:
 *   1. connectgen's rules (`rules/`), run over one walk of the document (`walk.ts`);
 *   2. Spectral's spectral:oas rules (`oas/run.ts`), made fast enough for 10 MB vendor specs.
 * Findings carry the file they are in (a referenced file names itself) and a line:column found in the
 * text the user wrote. Nothing here writes; the command prints.
 */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { SEVERITY_RANK, toPointer, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { LoadedSpec } from '../load/index.js';
import { createLocator, lineIndex, type Locate } from './locate.js';
import { runOasRules, type RuleSetting } from './oas/run.js';
import type { Rule, TargetTypes } from './rule.js';
import { LOAD_CODES } from './load-codes.js';
import { CG_RULES } from './rules/index.js';
import { indexSpec, type ReadSource, type SourceFile, type SpecIndex } from './walk.js';

export type { RuleSetting } from './oas/run.js';
export { CG_RULES } from './rules/index.js';

export interface LintOptions {
  /** Per-rule settings by code (`CG_NO_SERVER`), connectgen rule id (`no-server`) or Spectral rule id. */
  readonly rules?: Readonly<Record<string, RuleSetting>>;
  /** Run the spectral:oas rules too (default true). */
  readonly oas?: boolean;
  /** Reads files the spec references; the default reads local files and skips URLs. */
  readonly readSource?: ReadSource;
}

export async function lintSpec(spec: LoadedSpec, options: LintOptions = {}): Promise<Diagnostic[]> {
  const source: SourceFile = { uri: spec.uri, text: spec.text, format: spec.format, document: spec.document };
  const settings = options.rules ?? {};
  const index = indexSpec(source, spec.version, options.readSource ?? readLocalSource);
  const locators = new Map<string, { locate: Locate; position: ReturnType<typeof lineIndex> }>();
  const locatorFor = (file: string) => {
    let entry = locators.get(file);
    const text = index.files.get(file);
    if (!entry && text) {
      entry = { locate: createLocator(text.text, text.format), position: lineIndex(text.text) };
      locators.set(file, entry);
    }
    return entry;
  };

  const diagnostics: Diagnostic[] = [];
  for (const rule of CG_RULES) {
    const setting = settings[rule.code] ?? settings[rule.id];
    if (setting === 'off') continue;
    for (const finding of runRule(rule, index)) {
      const file = finding.file ?? index.file;
      const where = locatorFor(file);
      const range = where?.locate(finding.path, true);
      diagnostics.push({
        code: rule.code,
        severity: setting ?? finding.severity ?? rule.severity,
        message: finding.message,
        pointer: toPointer(finding.path),
        hint: rule.hint,
        file,
        ...(range && where ? { start: where.position(range.start), end: where.position(range.end) } : {}),
      });
    }
  }
  // What reading the file found (a JSON key given twice), under the same per-code settings.
  for (const found of spec.diagnostics ?? []) {
    const setting = settings[found.code];
    if (setting !== 'off') diagnostics.push(setting ? { ...found, severity: setting } : found);
  }
  if (options.oas !== false) {
    const oasSettings = Object.fromEntries(Object.entries(settings).filter(([id]) => !CG_RULES.some((r) => r.code === id || r.id === id) && !LOAD_CODES.has(id)));
    const root = locatorFor(index.file);
    diagnostics.push(...(await runOasRules(source, root ? root.locate : () => undefined, oasSettings)));
  }
  return diagnostics.sort(compareDiagnostics);
}

/** Hands the rule each node of its target kind. */
function runRule(rule: Rule, index: SpecIndex): { path: readonly (string | number)[]; message: string; file?: string; severity?: Diagnostic['severity'] }[] {
  const targets: Record<keyof TargetTypes, readonly unknown[]> = {
    document: [index],
    operation: index.operations,
    pathItem: index.pathItems,
    schema: index.schemas,
    securityScheme: index.securitySchemes,
  };
  const check = rule.check as (target: unknown, index: SpecIndex) => ReturnType<Rule['check']>;
  return targets[rule.target].flatMap((target) => {
    const findings = check(target, index) ?? [];
    const file = (target as { file?: string }).file;
    return findings.map((f) => (f.file || !file ? f : { ...f, file }));
  });
}

/** By file (the spec first), then position, then severity and code: stable output for tests and diffs. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    (a.file ?? '').localeCompare(b.file ?? '') ||
    (a.start?.line ?? 0) - (b.start?.line ?? 0) ||
    (a.start?.column ?? 0) - (b.start?.column ?? 0) ||
    SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
    a.code.localeCompare(b.code) ||
    a.pointer.localeCompare(b.pointer)
  );
}

/** Local files a spec references; `undefined` (unreadable, a URL) leaves the ref to Spectral's checks. */
export const readLocalSource: ReadSource = (uri) => {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(uri)) return undefined;
  try {
    const text = readFileSync(uri, 'utf8');
    const json = /^\s*[{[]/.test(text);
    return { uri, text, format: json ? 'json' : 'yaml', document: json ? JSON.parse(text) : parseYaml(text, { merge: true }) };
  } catch {
    return undefined;
  }
};
