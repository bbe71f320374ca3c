/**
 * lint: a loaded spec -> the problems in it, as Diagnostics. Two halves, one result:
 *   1. connectgen's rules (`rules/`), run over one walk of the document (`walk.ts`);
 *   2. Spectral's spectral:oas rules (`oas/run.ts`), made fast enough for 10 MB vendor specs.
 * Findings carry the file they are in (a referenced file names itself) and a line:column found in the
 * text the user wrote. Nothing here writes; the command prints.
 */
import { fromPointer, SEVERITY_RANK, toPointer, type Diagnostic } from '../diagnostics/diagnostic.js';
import { createRefPolicy, type LoadedSpec, type LoadOptions } from '../load/index.js';
import { createLocator, lineIndex, type Locate } from './locate.js';
import { runOasRules, type RuleSetting } from './oas/run.js';
import type { Rule, TargetTypes } from './rule.js';
import { LOAD_CODES } from './load-codes.js';
import { checkRemoteAddresses, policyReader, policyResolver, refusedRefFindings, type Refusals } from './refs.js';
import { CG_RULES } from './rules/index.js';
import { indexSpec, type ReadSource, type SourceFile, type SpecIndex } from './walk.js';

export type { RuleSetting } from './oas/run.js';
export { CG_RULES } from './rules/index.js';

export interface LintOptions {
  /** Per-rule settings by code (`CG_NO_SERVER`), connectgen rule id (`no-server`) or Spectral rule id. */
  readonly rules?: Readonly<Record<string, RuleSetting>>;
  /** Run the spectral:oas rules too (default true). */
  readonly oas?: boolean;
  /** How `$ref`s are read: remote refs, private addresses, timeouts (see load/ref-policy.ts). */
  readonly refs?: LoadOptions;
}

export async function lintSpec(spec: LoadedSpec, options: LintOptions = {}): Promise<Diagnostic[]> {
  const source: SourceFile = { uri: spec.uri, text: spec.text, format: spec.format, document: spec.document };
  const settings = options.rules ?? {};
  const refOptions = options.refs ?? {};
  const policy = createRefPolicy(spec.uri, refOptions);
  const refusals: Refusals = new Map();
  const index = indexSpec(source, spec.version, policyReader(policy, refOptions, refusals));
  await checkRemoteAddresses(index, policy, refusals);
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
    const oasFindings = await runOasRules(source, root ? root.locate : () => undefined, oasSettings, policyResolver(policy, refOptions, refusals));
    // A refused $ref is reported once, with its own code, not again as Spectral's unresolved ref.
    const refused = new Set([...refusals.values()].map((e) => e.message));
    diagnostics.push(...oasFindings.filter((d) => !(d.code === 'invalid-ref' && [...refused].some((m) => d.message.includes(m)))));
  }
  for (const finding of refusedRefFindings(index, refusals)) {
    const where = locatorFor(finding.file ?? index.file);
    const range = where?.locate(fromPointer(finding.pointer), true);
    diagnostics.push(range && where ? { ...finding, start: where.position(range.start), end: where.position(range.end) } : finding);
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
