/**
 * The walk for spectral:oas's deep-scan rules that Spectral runs on the document as written
 * (`resolved: false`): no-$ref-siblings and array-items. That document is a tree, so this is a plain
 * walk that gives the same nodes, at the same paths, as nimma's; the rules' own functions then run on
 * them (deep-rules.ts). The mirrored `given`s are in resolved-walk.ts's GIVEN.
 */
import type { Path } from '../walk.js';
import { isNode, type Node, type Target } from './resolved-walk.js';
/** The nodes the unresolved deep-scan rules are given (Spectral runs them on the document as written). */
export interface UnresolvedTargets {
  /** no-$ref-siblings: "$..[?(@property === '$ref')]", the `$ref` values. */
  readonly refValues: Target[];
  /** array-items, `#ArrayProperties` for 2.0 and 3.0: '$..[?(@ && @.type=="array")]'. */
  readonly arrays: Target[];
  /** ... and for 3.1 and 3.2 also '$..[?(@ && @.type && @.type.constructor.name === "Array" && @.type.includes("array"))]'. */
  readonly arraysOrTypeLists: Target[];
}

/** A plain tree walk (the document as written is a tree, as nimma walks it). */
export function walkUnresolved(root: unknown): UnresolvedTargets {
  const targets: UnresolvedTargets = { refValues: [], arrays: [], arraysOrTypeLists: [] };
  const onStack = new Set<object>();
  const walk = (container: Node, path: Path): void => {
    if (onStack.has(container)) return;
    onStack.add(container);
    const keys: (string | number)[] = Array.isArray(container) ? container.map((_, i) => i) : Object.keys(container);
    for (const key of keys) {
      const value = container[key];
      const childPath = [...path, key];
      if (key === '$ref') targets.refValues.push({ path: childPath, node: value });
      if (!isNode(value)) continue;
      const type = value['type'];
      // `@.type=="array"` is loose: a list whose text is "array" (["array"]) matches too.
      const loose = isNode(type) ? String(type) === 'array' : type === 'array';
      if (loose) targets.arrays.push({ path: childPath, node: value });
      if (loose || (Array.isArray(type) && type.includes('array'))) targets.arraysOrTypeLists.push({ path: childPath, node: value });
      walk(value, childPath);
    }
    onStack.delete(container);
  };
  if (isNode(root)) walk(root, []);
  return targets;
}
