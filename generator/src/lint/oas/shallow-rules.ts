/**
 * spectral:oas's remaining rules, whose `given` paths are plain (`$.paths[*][get,put]`,
 * `#OperationObject.parameters`, `$.servers[*].url`), rewired to be evaluated here. Left to nimma they
 * cost a walk of the whole resolved document: nimma confines a walk to the given paths' zones with
 * proxies, but gives up on frozen objects, and Spectral's resolved document is frozen, so every
 * rule with a path below `$` made it visit every node of every inlined subtree (~2 million on
 * GitHub's spec). Here each path is followed directly, aliases resolved for the document's formats as
 * spectral-core resolves them, and the rule's own `then` applied as Spectral's runner would.
 *
 * A rule whose paths or fields use more than this evaluates (filters, `..`, JSONPath fields) is left
 * as it is.
 */
import type { IFunctionResult, RulesetFunctionContext } from '@stoplight/spectral-core';
import type { Path } from '../walk.js';
import { applyThen, type Collected, type RuleDefinition, type RuleFunction, settle, supportedField, type Then } from './lint-node.js';

type Segment = { readonly name: string } | { readonly names: readonly string[] } | 'all';
type Formats = ReadonlySet<unknown> | null;
type Alias = readonly string[] | { readonly targets: readonly { readonly formats: readonly unknown[]; readonly given: readonly string[] }[] };
export type Aliases = Readonly<Record<string, Alias>>;

const NAME = '[A-Za-z0-9_$-]+';
const SEGMENT = new RegExp(`^(?:\\.(${NAME})|\\[\\*\\]|\\.\\*|\\[(${NAME}(?:,${NAME})*)\\])`);

/** `$`, `.name`, `[*]`, `.*`, `[a,b]`; undefined for anything else. */
export function parsePath(expression: string): Segment[] | undefined {
  if (!expression.startsWith('$')) return undefined;
  const segments: Segment[] = [];
  let rest = expression.slice(1);
  while (rest.length > 0) {
    const match = SEGMENT.exec(rest);
    if (!match) return undefined;
    if (match[1] !== undefined) segments.push({ name: match[1] });
    else if (match[2] !== undefined) segments.push({ names: match[2].split(',') });
    else segments.push('all');
    rest = rest.slice(match[0].length);
  }
  return segments;
}

/** The nodes a plain path selects, as nimma emits them: members that exist, array indices as numbers. */
export function select(root: unknown, segments: readonly Segment[]): { path: Path; value: unknown }[] {
  let current: { path: Path; value: unknown }[] = [{ path: [], value: root }];
  for (const segment of segments) {
    const next: { path: Path; value: unknown }[] = [];
    for (const { path, value } of current) {
      if (typeof value !== 'object' || value === null) continue;
      const node = value as Record<string | number, unknown>;
      const keys: readonly (string | number)[] = segment === 'all' ? (Array.isArray(node) ? node.map((_, i) => i) : Object.keys(node)) : 'name' in segment ? [segment.name] : segment.names;
      for (const key of keys) if (node[key] !== undefined) next.push({ path: [...path, key], value: node[key] });
    }
    current = next;
  }
  return current;
}

/**
 * spectral-core's alias resolution (not exported by it): `#Name.rest` becomes each of the alias's
 * paths + `.rest`; a scoped alias uses its last target naming one of the document's formats.
 */
export function resolveAlias(aliases: Aliases, expression: string, formats: Formats): string[] {
  const name = /^#([A-Za-z0-9_-]+)/.exec(expression)?.[1];
  if (name === undefined) return [expression];
  const alias = aliases[name];
  if (alias === undefined) throw new ReferenceError(`Alias "${name}" does not exist`);
  let paths: readonly string[] | undefined;
  if (!('targets' in alias)) paths = alias;
  else if (formats && formats.size > 0) paths = [...alias.targets].reverse().find((t) => t.formats.some((f) => formats.has(f)))?.given;
  return (paths ?? []).flatMap((path) => resolveAlias(aliases, path + expression.slice(name.length + 1), formats));
}

/** Every path the rule's `given` may stand for, whatever the document's format. */
function allExpansions(aliases: Aliases, given: readonly string[]): string[] {
  const formats = Object.values(aliases).flatMap((a) => ('targets' in a ? a.targets.flatMap((t) => t.formats) : []));
  return given.flatMap((g) => [null, ...formats.map((f) => new Set([f]))].flatMap((f) => resolveAlias(aliases, g, f)));
}

/** `rules` with each rule whose paths and fields are plain evaluated here; the rest unchanged. */
export function rewireShallowRules<R extends RuleDefinition>(rules: Readonly<Record<string, R>>, aliases: Aliases): Record<string, R> {
  const out: Record<string, R> = { ...rules };
  for (const [id, rule] of Object.entries(rules)) {
    const given = typeof rule.given === 'string' ? [rule.given] : [...rule.given];
    const thens = Array.isArray(rule.then) ? (rule.then as readonly Then[]) : [rule.then as Then];
    if (given.length === 1 && given[0] === '$') continue; // nimma answers `$` without walking
    if (!thens.every((t) => supportedField(t.field))) continue;
    if (!allExpansions(aliases, given).every((expression) => parsePath(expression) !== undefined)) continue;
    const evaluate: RuleFunction = (root, _options, context: RulesetFunctionContext) => {
      const out: Collected = { results: [] as IFunctionResult[], pending: [] };
      const formats = (context.document.formats ?? null) as Formats;
      for (const expression of given.flatMap((g) => resolveAlias(aliases, g, formats))) {
        for (const node of select(root, parsePath(expression) ?? [])) for (const then of thens) applyThen(then, node.path, node.value, context, out);
      }
      return settle(out);
    };
    out[id] = { ...rule, given: '$', then: { function: evaluate } };
  }
  return out;
}
