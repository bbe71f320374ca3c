/**
 * spectral:oas's deep-scan rules (`given: $..`), rewired onto one walk of the resolved document
 * (resolved-walk.ts). Each rule keeps its id, message, severity, formats and its own function; only
 * where the function is applied changes: Spectral calls the rewired rule once, at `$`, and it applies
 * the rule's original `then` to the nodes the walk selected, returning results with their resolved
 * paths, which Spectral maps back to the source exactly as it does for any rule.
 */
import type { IFunctionResult, RulesetFunctionContext } from '@stoplight/spectral-core';
import { type DeepTargets, GIVEN, refsMapCleanly, type Target, walkResolved } from './resolved-walk.js';
import { mediaFlags } from './valid-example.js';

type RuleFunction = (input: unknown, options: unknown, context: RulesetFunctionContext) => IFunctionResult[] | void | Promise<IFunctionResult[] | void>;
interface Then {
  readonly field?: string;
  readonly function: RuleFunction;
  readonly functionOptions?: unknown;
}
export interface RuleDefinition {
  readonly given: string | readonly string[];
  readonly then: Then | readonly Then[];
  readonly [key: string]: unknown;
}

const FAMILY: Readonly<Record<string, keyof DeepTargets>> = {
  'duplicated-entry-in-enum': 'enums',
  'typed-enum': 'typedEnums',
  'no-eval-in-markdown': 'markdown',
  'no-script-tags-in-markdown': 'markdown',
  'oas3-valid-media-example': 'oas3MediaExamples',
  'oas3-valid-schema-example': 'oas3SchemaExamples',
  'oas2-valid-media-example': 'oas2MediaExamples',
  'oas2-valid-schema-example': 'oas2SchemaExamples',
};

/** The ids this module rewires (the rest run as spectral:oas defines them). */
export const DEEP_RULE_IDS: readonly string[] = Object.keys(FAMILY);

/** `rules` with each deep-scan rule rewired; a rule whose `given` differs from what the walk mirrors is left alone. */
export function rewireDeepRules<R extends RuleDefinition>(rules: Readonly<Record<string, R>>): Record<string, R> {
  const byDocument = new WeakMap<object, DeepTargets>();
  const targetsOf = (resolved: object, unresolved: unknown): DeepTargets => {
    let found = byDocument.get(resolved);
    if (!found) byDocument.set(resolved, (found = walkResolved(resolved, (path) => mediaFlags(path, 3) + mediaFlags(path, 2), refsMapCleanly(unresolved))));
    return found;
  };
  const out: Record<string, R> = { ...rules };
  for (const [id, family] of Object.entries(FAMILY)) {
    const rule = rules[id];
    if (!rule || !sameGiven(rule.given, GIVEN[id] ?? [])) continue;
    const thens = Array.isArray(rule.then) ? (rule.then as readonly Then[]) : [rule.then as Then];
    const deepScan: RuleFunction = (root, _options, context) => {
      if (typeof root !== 'object' || root === null) return;
      const results: IFunctionResult[] = [];
      for (const target of targetsOf(root, context.document.data)[family]) {
        if (id === 'duplicated-entry-in-enum' && distinctScalars((target.node as { enum: unknown[] }).enum)) continue;
        for (const then of thens) apply(then, target, context, results);
      }
      return results;
    };
    out[id] = { ...rule, given: '$', then: { function: deepScan } };
  }
  return out;
}

/** What Spectral's lintNode does for one `then` on one given node (a plain `field` only). */
function apply(then: Then, target: Target, context: RulesetFunctionContext, results: IFunctionResult[]): void {
  const path = then.field === undefined ? target.path : [...target.path, then.field];
  const value = then.field === undefined ? target.node : (target.node as Record<string, unknown>)[then.field];
  const found = then.function(value, then.functionOptions ?? null, { ...context, path });
  if (!Array.isArray(found)) return;
  for (const result of found) results.push(result.path ? result : { ...result, path });
}

/**
 * An enum of distinct strings, numbers, booleans and nulls passes duplicated-entry-in-enum's
 * `uniqueItems` schema in every dialect, so Ajv need not be asked (it is, once per enum, otherwise).
 */
function distinctScalars(values: unknown[]): boolean {
  return values.every((v) => v === null || typeof v !== 'object') && new Set(values).size === values.length;
}

function sameGiven(given: string | readonly string[], expected: readonly string[]): boolean {
  const list = typeof given === 'string' ? [given] : given;
  return list.length === expected.length && list.every((g, i) => g === expected[i]);
}
