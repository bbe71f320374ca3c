/**
 * A large inline object that the schemas repeat (GitHub's webhook payloads each spell out the same
 * 7-10 KB pull request `base`/`head`, `repo`, `auto_merge`... objects, dozens of times) becomes a
 * named schema of its own, referenced where it was written. types.ts then prints it once instead of
 * every time, the type checker builds one type for it instead of one per copy, and the manifest
 * gets one `$defs` entry. Only exact repeats count (same properties, types, docs, flags), so every
 * use keeps exactly its type; a copy used once stays inline.
 *
 * The name is the first use's place: the schema it sits in and the property path to it
 * (`WebhookPullRequestOpenedPullRequestBase`; `Item` for an array's items). Walks in schema name order: deterministic.
 */
import type { ObjectType, SchemaIR, TypeNode } from '../types.js';
import { compareStrings, pascalCase } from '../infer/names.js';

/** Inline objects smaller than this (as JSON) stay inline even when repeated: a name costs too. */
const MIN_SIZE = 1500;

interface Candidate {
  readonly node: ObjectType;
  count: number;
  /** Where it was first seen: for its name and pointer. */
  readonly schema: SchemaIR;
  readonly path: readonly string[];
  readonly pointer: string;
  name?: string;
}

export function nameRepeatedObjects(schemas: readonly SchemaIR[]): SchemaIR[] {
  const candidates = new Map<string, Candidate>();
  const keys = new Map<TypeNode, string>();
  const keyOf = (node: TypeNode): string => {
    let key = keys.get(node);
    if (key === undefined) keys.set(node, (key = JSON.stringify(node)));
    return key;
  };

  // Count every inline object big enough to be worth a name (a schema's own root is named already).
  const visit = (node: TypeNode, schema: SchemaIR, path: string[], pointer: string, root: boolean): void => {
    switch (node.kind) {
      case 'object': {
        if (!root) {
          const key = keyOf(node);
          // Nothing inside a small object is large: an inner object's JSON is part of this one's.
          if (key.length < MIN_SIZE) return;
          const seen = candidates.get(key);
          if (seen !== undefined) {
            seen.count++;
            return; // its inside was counted with the first copy
          }
          candidates.set(key, { node, count: 1, schema, path: [...path], pointer });
        }
        for (const property of node.properties) visit(property.type, schema, [...path, property.name], `${pointer}/properties/${escape(property.name)}`, false);
        if (typeof node.additionalProperties === 'object') visit(node.additionalProperties, schema, path, `${pointer}/additionalProperties`, false);
        return;
      }
      case 'array':
        visit(node.items, schema, [...path, 'item'], `${pointer}/items`, false);
        return;
      case 'union':
      case 'intersection':
        node.members.forEach((member, i) => visit(member, schema, path, `${pointer}/${node.kind === 'union' ? 'anyOf' : 'allOf'}/${i}`, false));
        return;
      default:
        return;
    }
  };
  for (const schema of schemas) visit(schema.type, schema, [], schema.pointer, true);

  const names = new Set(schemas.flatMap((schema) => [schema.name, schema.specName]));
  const added: SchemaIR[] = [];
  const named = (candidate: Candidate): string => {
    if (candidate.name !== undefined) return candidate.name;
    // An object straight under the schema's union (`{...} | null`) has no path of its own.
    const base = `${candidate.schema.name}${candidate.path.map((part) => pascalCase(part, '')).join('') || 'Object'}`;
    let name = base;
    for (let n = 2; names.has(name); n++) name = `${base}${n}`;
    names.add(name);
    candidate.name = name;
    added.push({ name, specName: `${candidate.schema.specName}.${candidate.path.join('.')}`, pointer: candidate.pointer, type: replace(candidate.node, true) });
    return name;
  };
  const replace = (node: TypeNode, root: boolean): TypeNode => {
    switch (node.kind) {
      case 'object': {
        if (!root) {
          const candidate = keys.has(node) ? candidates.get(keys.get(node)!) : undefined;
          if (candidate !== undefined && candidate.count >= 2) return { kind: 'ref', name: named(candidate) };
        }
        const properties = node.properties.map((property) => ({ ...property, type: replace(property.type, false) }));
        const additionalProperties = typeof node.additionalProperties === 'object' ? replace(node.additionalProperties, false) : node.additionalProperties;
        return { ...node, properties, additionalProperties };
      }
      case 'array':
        return { ...node, items: replace(node.items, false) };
      case 'union':
      case 'intersection':
        return { ...node, members: node.members.map((member) => replace(member, false)) };
      default:
        return node;
    }
  };
  if (![...candidates.values()].some((candidate) => candidate.count >= 2)) return [...schemas];
  const rewritten = schemas.map((schema) => ({ ...schema, type: replace(schema.type, true) }));
  return [...rewritten, ...added].sort((a, b) => compareStrings(a.name, b.name));
}

function escape(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}
