/**
 * JSON Reference / OpenAPI 3.1 §4.8.23 Reference Object: a `$ref` whose target is itself, or a chain
 * of `$ref`s that comes back to where it started, never reaches a real object; resolving it loops
 * forever. (A schema that refers to itself *inside* properties or items is fine: that is recursion.)
 */
import { toPointer } from '../../diagnostics/diagnostic.js';
import { defineRule, type RuleFinding } from '../rule.js';
import type { Located } from '../walk.js';

const key = (node: Located): string => `${node.file}#${toPointer(node.path)}`;

export default defineRule({
  id: 'ref-cycle',
  code: 'CG_REF_CYCLE',
  description: 'A $ref must not lead back to itself through nothing but $refs.',
  given: "$..[?(@property === '$ref')]",
  target: 'document',
  severity: 'error',
  hint: 'point one $ref of the cycle at a real schema (an object with a type or properties)',
  check(index) {
    // Each ref node is settled once: `done` holds nodes whose chain is known to end (or to loop).
    const done = new Set<string>();
    const findings: RuleFinding[] = [];
    for (const start of index.refs) {
      const chain: Located[] = [];
      const onChain = new Map<string, number>();
      let current: Located | undefined = start;
      while (current && typeof current.node['$ref'] === 'string' && !done.has(key(current))) {
        const at = onChain.get(key(current));
        if (at !== undefined) {
          const cycle = chain.slice(at);
          const names = [...cycle, current].map((n) => (n.file === index.file ? '#' : n.file + '#') + toPointer(n.path));
          const first = cycle[0] ?? current;
          findings.push({ path: [...first.path, '$ref'], file: first.file, message: `$ref cycle with no schema in it: ${names.join(' -> ')}` });
          break;
        }
        onChain.set(key(current), chain.length);
        chain.push(current);
        current = index.resolve(current.file, current.node['$ref']);
      }
      for (const node of chain) done.add(key(node));
    }
    return findings;
  },
});
