/**
 * readOnly / writeOnly and binary: one named type per schema, printed in two modes. `output`
 * (responses) drops writeOnly properties and reads binary as a string; `input` (request bodies,
 * parameters) drops readOnly ones and takes binary as the runtime's file input (`BlobLike | Uint8Array |
 * string`, as a top-level file parameter does). A schema only gets a separate input type
 * (`PetInput`) when printing it in input mode differs, i.e. it (or a schema it references) has such
 * properties, and when a request actually uses it. Linear in the schema graph.
 */
import { dedupe } from '../infer/names.js';
import type { OperationIR, SchemaIR, TypeNode } from '../types.js';

function walk(node: TypeNode, visit: (node: TypeNode) => void): void {
  visit(node);
  switch (node.kind) {
    case 'array':
      walk(node.items, visit);
      return;
    case 'object':
      for (const property of node.properties) walk(property.type, visit);
      if (typeof node.additionalProperties === 'object') walk(node.additionalProperties, visit);
      return;
    case 'union':
    case 'intersection':
      for (const member of node.members) walk(member, visit);
      return;
    default:
      return;
  }
}

export function assignInputNames(schemas: readonly SchemaIR[], operations: readonly OperationIR[]): SchemaIR[] {
  const refs = new Map<string, Set<string>>();
  const direct = new Set<string>();
  for (const schema of schemas) {
    const out = new Set<string>();
    walk(schema.type, (node) => {
      if (node.kind === 'ref') out.add(node.name);
      if (node.kind === 'object' && node.properties.some((p) => p.readOnly === true || p.writeOnly === true)) direct.add(schema.name);
      if (node.kind === 'binary') direct.add(schema.name);
    });
    refs.set(schema.name, out);
  }
  // Affected: reaches a schema with readOnly/writeOnly or binary properties (reverse reachability from `direct`).
  const referrers = new Map<string, string[]>();
  for (const [from, targets] of refs) {
    for (const to of targets) {
      const list = referrers.get(to);
      if (list === undefined) referrers.set(to, [from]);
      else list.push(from);
    }
  }
  const affected = new Set(direct);
  const queue = [...direct];
  for (let name = queue.pop(); name !== undefined; name = queue.pop()) {
    for (const from of referrers.get(name) ?? []) if (!affected.has(from)) (affected.add(from), queue.push(from));
  }
  // Used in input: reachable from request bodies and parameters, through affected schemas only.
  const used = new Set<string>();
  const pending: string[] = [];
  const seed = (node: TypeNode): void => walk(node, (n) => {
    if (n.kind === 'ref' && affected.has(n.name) && !used.has(n.name)) (used.add(n.name), pending.push(n.name));
  });
  for (const op of operations) {
    if (op.requestBody !== undefined) seed(op.requestBody.type);
    for (const p of op.parameters) seed(p.type);
  }
  for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
    for (const to of refs.get(name) ?? []) if (affected.has(to) && !used.has(to)) (used.add(to), pending.push(to));
  }
  if (used.size === 0) return [...schemas];
  const names = dedupe(
    [...used].map((name) => ({ id: name, candidate: name + 'Input' })),
    new Set(schemas.map((schema) => schema.name)),
  );
  return schemas.map((schema) => {
    const inputName = names.get(schema.name);
    return inputName === undefined ? schema : { ...schema, inputName };
  });
}
