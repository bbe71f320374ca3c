/**
 * The spectral:oas half of `connectgen lint`: Stoplight Spectral with the OAS ruleset's recommended
 * rules, as `spectral lint` runs them, with changes that keep the findings and drop the cost:
 * - the example-validation rules use `valid-example.ts` (compile each distinct schema once);
 * - the deep-scan rules (`given: $..`: enums, examples, markdown) run over one walk of the resolved
 *   document that visits a shared node once, instead of once per path to it (`deep-rules.ts`);
 * - the other rules' plain paths are followed directly (`shallow-rules.ts`), so nimma, which cannot
 *   confine its walk on Spectral's frozen resolved document, has nothing left to walk;
 * - a JSON spec is handed over already parsed (`load` used JSON.parse), with positions found by our
 *   lazy locator, instead of being re-parsed into Spectral's JSON syntax tree (~1 s and ~200 MB on
 *   GitHub's spec). YAML goes through Spectral's own parser, which keeps its positions.
 */
import { Document, Spectral, type ParsedDocument, type RulesetDefinition } from '@stoplight/spectral-core';
import spectralParsers from '@stoplight/spectral-parsers';
import type { Resolver } from '@stoplight/spectral-ref-resolver';
import { oas } from '@stoplight/spectral-rulesets';
import { toPointer, type Diagnostic, type Severity } from '../../diagnostics/diagnostic.js';
import { lineIndex, type Locate } from '../locate.js';
import type { SourceFile } from '../walk.js';
import { rewireDeepRules } from './deep-rules.js';
import type { RuleDefinition } from './lint-node.js';
import { type Aliases, rewireShallowRules } from './shallow-rules.js';
import { createValidExample, disableAjvOptimiser } from './valid-example.js';

export type RuleSetting = Severity | 'off';

const EXAMPLE_RULES = ['oas2-valid-media-example', 'oas2-valid-schema-example', 'oas3-valid-media-example', 'oas3-valid-schema-example'];
const SEVERITIES: readonly Severity[] = ['error', 'warn', 'info', 'hint'];

/** The ids of the spectral:oas rules, so configuration can tell a typo from a rule. */
export const OAS_RULE_IDS: ReadonlySet<string> = new Set(Object.keys((oas as { rules: object }).rules));

function ruleset(settings: Readonly<Record<string, RuleSetting>>): RulesetDefinition {
  const base = oas as { rules: Record<string, { then: object | object[] }> };
  const validExample = createValidExample();
  const rules = { ...base.rules };
  for (const id of EXAMPLE_RULES) {
    const rule = rules[id];
    if (rule && !Array.isArray(rule.then)) rules[id] = { ...rule, then: { ...rule.then, function: validExample } };
  }
  const deep = rewireDeepRules(rules as unknown as Record<string, RuleDefinition>);
  const fast = { ...oas, rules: rewireShallowRules(deep, (oas as unknown as { aliases: Aliases }).aliases) } as unknown as RulesetDefinition;
  return { extends: [[fast, 'recommended']], rules: { ...settings } } as RulesetDefinition;
}

export async function runOasRules(spec: SourceFile, locate: Locate, settings: Readonly<Record<string, RuleSetting>>, resolver: Resolver): Promise<Diagnostic[]> {
  disableAjvOptimiser();
  const spectral = new Spectral({ resolver });
  spectral.setRuleset(ruleset(settings));
  const results = await spectral.run(spec.format === 'json' ? parsedJson(spec, locate) : new Document(spec.text, spectralParsers.Yaml, spec.uri));
  return results.map((r) => ({
    code: String(r.code),
    severity: SEVERITIES[r.severity] ?? 'error',
    message: r.message,
    pointer: toPointer(r.path),
    file: r.source ?? spec.uri,
    start: { line: r.range.start.line + 1, column: r.range.start.character + 1 },
    end: { line: r.range.end.line + 1, column: r.range.end.character + 1 },
  }));
}

/** Spectral wraps a plain parsed result itself (a ParsedDocument instance would be re-serialised). */
function parsedJson(spec: SourceFile, locate: Locate): ConstructorParameters<typeof ParsedDocument>[0] {
  const position = lineIndex(spec.text);
  const at = (offset: number): { line: number; character: number } => {
    const p = position(offset);
    return { line: p.line - 1, character: p.column - 1 };
  };
  type Parsed = ConstructorParameters<typeof ParsedDocument>[0];
  const parsed: Parsed = {
    source: spec.uri,
    parsed: { data: spec.document, ast: {}, lineMap: undefined, diagnostics: [] },
    getLocationForJsonPath: (_result, path, closest) => {
      const range = locate(path, closest);
      return range ? { range: { start: at(range.start), end: at(range.end) } } : undefined;
    },
  };
  return parsed;
}
