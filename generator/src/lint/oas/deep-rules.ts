/**
 * spectral:oas's deep-scan rules (`given: $..`), rewired onto one walk of the resolved document
 * (resolved-walk.ts). Each rule keeps its id, message, severity, formats and its own function; only
 * where the function is applied changes: Spectral calls the rewired rule once, at `$`, and it applies
 * the rule's original `then` to the nodes the walk selected, returning results with their resolved
 * paths, which Spectral maps back to the source exactly as it does for any rule.
 */
import { oas2, oas3_0, oas3_1, oas3_2 } from '@stoplight/spectral-formats';
import { applyThen, type Collected, type RuleDefinition, type RuleFunction, settle, type Then } from './lint-node.js';
import { type DeepTargets, GIVEN, refsMapCleanly, walkResolved } from './resolved-walk.js';
import { type UnresolvedTargets, walkUnresolved } from './unresolved-walk.js';
import { mediaFlags } from './valid-example.js';


const FAMILY: Readonly<Record<string, keyof DeepTargets>> = {
  'duplicated-entry-in-enum': 'enums',
  'typed-enum': 'typedEnums',
  'no-eval-in-markdown': 'markdown',
  'no-script-tags-in-markdown': 'markdown',
  'oas3-valid-media-example': 'oas3MediaExamples',
  'oas3-valid-schema-example': 'oas3SchemaExamples',
  'oas2-valid-media-example': 'oas2MediaExamples',
  'oas2-valid-schema-example': 'oas2SchemaExamples',
  'oas3-examples-value-or-externalValue': 'exampleObjects',
};
// Rules Spectral runs on the document as written (`resolved: false`).
const UNRESOLVED_FAMILY: Readonly<Record<string, (formats: ReadonlySet<unknown> | null | undefined) => keyof UnresolvedTargets | undefined>> = {
  'no-$ref-siblings': () => 'refValues',
  // The ruleset's ArrayProperties alias: the target naming one of the document's formats.
  'array-items': (formats) => (formats?.has(oas2) || formats?.has(oas3_0) ? 'arrays' : formats?.has(oas3_1) || formats?.has(oas3_2) ? 'arraysOrTypeLists' : undefined),
};
// What the ArrayProperties alias stands for, as the walk mirrors it (checked like GIVEN).
export const ARRAY_PROPERTIES_TARGETS = [
  { formats: ['oas2', 'oas3_0'], given: ['$..[?(@ && @.type=="array")]'] },
  { formats: ['oas3_1', 'oas3_2'], given: ['$..[?(@ && @.type=="array")]', '$..[?(@ && @.type && @.type.constructor.name === "Array" && @.type.includes("array"))]'] },
];

/** `rules` with each deep-scan rule rewired; a rule whose `given` differs from what the walk mirrors is left alone. */
export function rewireDeepRules<R extends RuleDefinition>(rules: Readonly<Record<string, R>>): Record<string, R> {
  const byDocument = new WeakMap<object, DeepTargets>();
  const targetsOf = (resolved: object, unresolved: unknown): DeepTargets => {
    let found = byDocument.get(resolved);
    if (!found) byDocument.set(resolved, (found = walkResolved(resolved, (path) => mediaFlags(path, 3) + mediaFlags(path, 2), refsMapCleanly(unresolved))));
    return found;
  };
  const unresolvedByDocument = new WeakMap<object, UnresolvedTargets>();
  const unresolvedOf = (document: object): UnresolvedTargets => {
    let found = unresolvedByDocument.get(document);
    if (!found) unresolvedByDocument.set(document, (found = walkUnresolved(document)));
    return found;
  };
  const out: Record<string, R> = { ...rules };
  for (const [id, family] of Object.entries(UNRESOLVED_FAMILY)) {
    const rule = rules[id];
    if (!rule || rule['resolved'] !== false || !sameGiven(rule.given, GIVEN[id] ?? [])) continue;
    const thens = Array.isArray(rule.then) ? (rule.then as readonly Then[]) : [rule.then as Then];
    const deepScan: RuleFunction = (root, _options, context) => {
      const which = family(context.document.formats);
      if (typeof root !== 'object' || root === null || which === undefined) return;
      const out: Collected = { results: [], pending: [] };
      for (const target of unresolvedOf(root)[which]) for (const then of thens) applyThen(then, target.path, target.node, context, out);
      return settle(out);
    };
    out[id] = { ...rule, given: '$', then: { function: deepScan } };
  }
  for (const [id, family] of Object.entries(FAMILY)) {
    const rule = rules[id];
    if (!rule || !sameGiven(rule.given, GIVEN[id] ?? [])) continue;
    const thens = Array.isArray(rule.then) ? (rule.then as readonly Then[]) : [rule.then as Then];
    const deepScan: RuleFunction = (root, _options, context) => {
      if (typeof root !== 'object' || root === null) return;
      const out: Collected = { results: [], pending: [] };
      for (const target of targetsOf(root, context.document.data)[family]) {
        if (id === 'duplicated-entry-in-enum' && distinctScalars((target.node as { enum: unknown[] }).enum)) continue;
        for (const then of thens) applyThen(then, target.path, target.node, context, out);
      }
      return settle(out);
    };
    out[id] = { ...rule, given: '$', then: { function: deepScan } };
  }
  return out;
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
