/**
 * What Spectral's runner does with one node a rule's `given` selected (spectral-core's lintNode and
 * getLintTargets): pick the `then.field` targets, call the rule function with the node's path, and
 * default each result's path to the target's. The rewired rules (deep-rules.ts, shallow-rules.ts)
 * select nodes themselves and hand them here, so the functions see exactly what they saw before.
 */
import type { IFunctionResult, RulesetFunctionContext } from '@stoplight/spectral-core';
import type { Path } from '../walk.js';

export type RuleFunction = (input: unknown, options: unknown, context: RulesetFunctionContext) => IFunctionResult[] | void | Promise<IFunctionResult[] | void>;
export interface Then {
  readonly field?: string;
  readonly function: RuleFunction;
  readonly functionOptions?: unknown;
}

/** A rule as the ruleset defines it (the parts the rewiring reads). */
export interface RuleDefinition {
  readonly given: string | readonly string[];
  readonly then: Then | readonly Then[];
  readonly [key: string]: unknown;
}

/** A `field` this module resolves as getLintTargets does: `@key` or a dotted name (not a JSONPath). */
export const supportedField = (field: string | undefined): boolean => field === undefined || field === '@key' || /^[A-Za-z0-9_$-]+(\.[A-Za-z0-9_$-]+)*$/.test(field);

/** Results so far, and those of functions that answered with a promise. */
export interface Collected {
  readonly results: IFunctionResult[];
  readonly pending: Promise<void>[];
}

export function applyThen(then: Then, path: Path, value: unknown, context: RulesetFunctionContext, out: Collected): void {
  for (const target of lintTargets(value, then.field)) {
    const targetPath = target.path.length > 0 ? [...path, ...target.path] : path;
    const found = then.function(target.value, then.functionOptions ?? null, { ...context, path: targetPath });
    const keep = (results: IFunctionResult[] | void): void => {
      if (Array.isArray(results)) for (const result of results) out.results.push(result.path ? result : { ...result, path: targetPath });
    };
    if (found && 'then' in found) out.pending.push(found.then(keep));
    else keep(found);
  }
}

/** What a rewired rule answers: its results, or a promise of them when a function was asynchronous. */
export function settle(out: Collected): IFunctionResult[] | Promise<IFunctionResult[]> {
  return out.pending.length === 0 ? out.results : Promise.all(out.pending).then(() => out.results);
}

/** spectral-core's getLintTargets for the fields `supportedField` accepts. */
function lintTargets(value: unknown, field: string | undefined): { path: Path; value: unknown }[] {
  if (field === undefined || value === null || (typeof value !== 'object' && typeof value !== 'function')) return [{ path: [], value }];
  if (field === '@key') {
    const keys = Object.keys(value);
    return keys.length > 0 ? keys.map((key) => ({ path: [key], value: key })) : [{ path: [], value: undefined }];
  }
  const path = field.split('.');
  let node: unknown = value;
  for (const segment of path) node = node === null || node === undefined ? undefined : (node as Record<string, unknown>)[segment];
  return [{ path, value: node }];
}
