/**
 * Repeated subschemas of the manifest, written once. A spec inlines the same object again and again
 * (GitHub's webhook payloads repeat the same repository object dozens of times, every list action
 * repeats the same `per_page` parameter with its description), and written out in full the manifest
 * was two thirds of a generated package. Here every subschema that appears in two or more places and
 * is large enough to be worth a `$ref` moves to `$defs` once, and each place points at it.
 *
 * How: the schemas are hash-consed bottom-up (a node's key is its own keywords with its subschemas
 * replaced by their ids), so identical subtrees become one node and the manifest a DAG; a node with
 * two or more parents (or roots) is shared. A shared node's children are counted once however often
 * the node appears, so the outermost repeated schema is shared rather than each of its parts.
 *
 * A shared schema's `$defs` name is a hint (the property or parameter it was first seen as) and a
 * hash of its content: stable across regenerations while the content is, and never equal to a
 * schema's own name (those are identifiers; shared names hold a `.`). Keys starting with `x-` (the
 * manifest's `x-in`, `x-name`, `x-media-type`) belong to the place, not to the schema, and stay there.
 */
import { createHash } from 'node:crypto';
import type { JsonSchema } from './json-schema.js';

/** Below this many characters of JSON, a `$ref` saves too little to be worth the indirection. */
const MIN_SHARED_CHARS = 100;

/** Keywords whose value is a schema, an array of schemas, or a map of schemas (all schemaOf emits). */
const SCHEMA_KEYWORDS = new Set(['items', 'additionalProperties']);
const SCHEMA_ARRAY_KEYWORDS = new Set(['anyOf', 'allOf']);
const SCHEMA_MAP_KEYWORDS = new Set(['properties']);

interface SchemaNode {
  /** The node's keywords, subschemas replaced by node ids (plain values as they were). */
  readonly skeleton: Record<string, unknown>;
  /** Characters of the node written out in full: what sharing it saves per extra use. */
  readonly size: number;
  /** Parents (and root places) that hold this node. */
  uses: number;
  readonly hint: string;
}

export class SharedSchemas {
  private readonly nodes: SchemaNode[] = [];
  private readonly idByKey = new Map<string, number>();
  /** `$defs` name of each shared node, once named; a named schema's from the start. */
  private readonly names = new Map<number, string>();
  private readonly shared = new Map<string, JsonSchema>();

  /**
   * Registers a schema in a root place (a named schema's `$defs` entry, an action's input or
   * output); returns a handle for `write`. A root is never replaced by a `$ref` itself.
   */
  add(schema: JsonSchema, hint: string, options: { named?: boolean } = {}): number {
    const id = this.intern(withoutPlaceKeys(schema), hint);
    this.nodes[id]!.uses++;
    // A copy of a named schema elsewhere points at that schema's own entry.
    if (options.named && !this.names.has(id)) this.names.set(id, hint);
    return id;
  }

  /** A root's schema, with every shared subschema replaced by a `$ref` to its `$defs` entry. */
  write(id: number): JsonSchema {
    return this.materialise(id);
  }

  /** A named schema's `$defs` entry: as `write`, but a second schema equal to it becomes a `$ref`. */
  writeNamed(id: number, name: string): JsonSchema {
    const first = this.names.get(id)!;
    return first === name || !this.isShared(id) ? this.materialise(id) : { $ref: `#/$defs/${encodeURIComponent(first)}` };
  }

  /** The shared schemas `write` referred to, by name in name order: to append to `$defs`. */
  definitions(): Record<string, JsonSchema> {
    return Object.fromEntries([...this.shared].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }

  private intern(schema: JsonSchema, hint: string): number {
    const skeleton: Record<string, unknown> = {};
    const children: number[] = [];
    const child = (value: unknown, childHint: string): number => {
      const id = this.intern(value as JsonSchema, childHint);
      children.push(id);
      return id;
    };
    for (const key in schema) {
      const value = schema[key];
      if (value === undefined) continue;
      if (SCHEMA_KEYWORDS.has(key) && typeof value === 'object' && value !== null) {
        skeleton[key] = child(value, hint);
      } else if (SCHEMA_ARRAY_KEYWORDS.has(key) && Array.isArray(value)) {
        skeleton[key] = value.map((member) => child(member, hint));
      } else if (SCHEMA_MAP_KEYWORDS.has(key) && typeof value === 'object' && value !== null) {
        // A property keeps its place's annotations (`x-in`) beside its schema or its `$ref`.
        const members: Record<string, unknown> = {};
        for (const name in value) {
          const member = (value as Record<string, JsonSchema>)[name]!;
          const place = placeKeys(member);
          members[name] = place === undefined ? child(member, name) : [child(withoutPlaceKeys(member), name), place];
        }
        skeleton[key] = members;
      } else {
        skeleton[key] = value;
      }
    }
    const key = JSON.stringify(skeleton);
    const known = this.idByKey.get(key);
    if (known !== undefined) return known;
    const id = this.nodes.length;
    // The key's own length (ids stand in for subschemas) plus the subschemas written out in full.
    let size = key.length;
    for (const c of children) size += this.nodes[c]!.size;
    this.nodes.push({ skeleton, size, uses: 0, hint });
    this.idByKey.set(key, id);
    // Counted only when the node is new: a repeated parent's children are held once, by it.
    for (const c of children) this.nodes[c]!.uses++;
    return id;
  }

  private isShared(id: number): boolean {
    const node = this.nodes[id]!;
    return node.uses >= 2 && node.size >= MIN_SHARED_CHARS;
  }

  private materialise(id: number): JsonSchema {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(this.nodes[id]!.skeleton)) {
      if (SCHEMA_KEYWORDS.has(key) && typeof value === 'number') out[key] = this.place(value);
      else if (SCHEMA_ARRAY_KEYWORDS.has(key)) out[key] = (value as number[]).map((member) => this.place(member));
      else if (SCHEMA_MAP_KEYWORDS.has(key)) {
        const members = Object.entries(value as Record<string, number | [number, JsonSchema]>);
        out[key] = Object.fromEntries(
          members.map(([name, member]) => [name, typeof member === 'number' ? this.place(member) : { ...this.place(member[0]), ...member[1] }]),
        );
      } else out[key] = value;
    }
    return out;
  }

  /** A subschema in its place: a `$ref` when shared, else written inline. */
  private place(id: number): JsonSchema {
    if (!this.isShared(id)) return this.materialise(id);
    let name = this.names.get(id);
    if (name === undefined) {
      const body = this.materialise(id);
      name = this.nameFor(this.nodes[id]!.hint, JSON.stringify(body));
      this.names.set(id, name);
      this.shared.set(name, body);
    }
    return { $ref: `#/$defs/${encodeURIComponent(name)}` };
  }

  private nameFor(hint: string, text: string): string {
    const stem = hint.replace(/[^A-Za-z0-9_]+/g, '_').slice(0, 40) || 'schema';
    const hash = createHash('sha256').update(text).digest('hex');
    // Two different bodies under one stem and 8 hex digits: lengthen the hash until they differ.
    for (let length = 8; ; length += 4) {
      const name = `${stem}.${hash.slice(0, length)}`;
      if (!this.shared.has(name)) return name;
    }
  }
}

/** The schema without its place's `x-` annotations. */
function withoutPlaceKeys(schema: JsonSchema): JsonSchema {
  const out: Record<string, unknown> = {};
  for (const key in schema) if (!isPlaceKey(key)) out[key] = schema[key];
  return out;
}

/** The place's `x-` annotations of a schema, to keep beside a `$ref` that replaces it; undefined if none. */
function placeKeys(schema: JsonSchema): JsonSchema | undefined {
  let out: Record<string, unknown> | undefined;
  for (const key in schema) if (isPlaceKey(key) && schema[key] !== undefined) (out ??= {})[key] = schema[key];
  return out;
}

function isPlaceKey(key: string): boolean {
  return key.startsWith('x-');
}
