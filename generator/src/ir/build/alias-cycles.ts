/**
 * TypeScript rejects a type alias that refers to itself "eagerly" (not under an object property or an
 * array): `type A = A | null`, or `type Cat = Animal & {...}` with `type Animal = Cat | Dog` (a base
 * schema whose oneOf lists the schemas that allOf it). Recursion under properties and arrays is fine
 * and common, so only eager edges count. Each cycle is broken where the depth-first walk (in name
 * order, so deterministically) closes it: that ref becomes `unknown`, with a warning.
 */
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { SchemaIR, TypeNode } from '../types.js';

/** Names referenced at the top of `node`, through unions and intersections only. */
function eagerRefs(node: TypeNode, out: string[]): string[] {
  if (node.kind === 'ref') out.push(node.name);
  else if (node.kind === 'union' || node.kind === 'intersection') for (const member of node.members) eagerRefs(member, out);
  return out;
}

function without(node: TypeNode, names: ReadonlySet<string>): TypeNode {
  if (node.kind === 'ref') return names.has(node.name) ? { kind: 'unknown' } : node;
  if (node.kind === 'union' || node.kind === 'intersection') {
    const members = node.members.map((member) => without(member, names));
    // `unknown & X` is X: drop it from intersections rather than print noise.
    const kept = node.kind === 'intersection' ? members.filter((member) => member.kind !== 'unknown') : members;
    if (kept.length === 0) return { kind: 'unknown' };
    if (kept.length === 1 && node.kind === 'intersection') return kept[0] ?? { kind: 'unknown' };
    return { ...node, members: kept };
  }
  return node;
}

export function breakAliasCycles(schemas: readonly SchemaIR[], diagnostics: Diagnostic[]): SchemaIR[] {
  const byName = new Map(schemas.map((schema) => [schema.name, schema]));
  const state = new Map<string, 'open' | 'done'>();
  const cut = new Map<string, Set<string>>();
  const visit = (name: string): void => {
    state.set(name, 'open');
    const schema = byName.get(name);
    for (const target of schema === undefined ? [] : eagerRefs(schema.type, [])) {
      const seen = state.get(target);
      if (seen === 'open') {
        const set = cut.get(name) ?? new Set<string>();
        set.add(target);
        cut.set(name, set);
      } else if (seen === undefined && byName.has(target)) visit(target);
    }
    state.set(name, 'done');
  };
  for (const schema of schemas) if (!state.has(schema.name)) visit(schema.name);
  if (cut.size === 0) return [...schemas];
  return schemas.map((schema) => {
    const names = cut.get(schema.name);
    if (names === undefined) return schema;
    diagnostics.push({
      code: 'CG_CIRCULAR_ALIAS',
      severity: 'warn',
      message: `${schema.specName} refers to itself through ${[...names].join(', ')} without an object in between; that reference is typed as unknown`,
      pointer: schema.pointer,
      hint: 'wrap the recursive part in an object property, or drop the oneOf from the base schema',
    });
    return { ...schema, type: without(schema.type, names) };
  });
}
