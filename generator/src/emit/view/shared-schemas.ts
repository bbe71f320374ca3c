/**
 * Repeated subschemas of the manifest, written once. A spec inlines the same object again and again
 * (GitHub's webhook payloads repeat the same repository object dozens of times, every list action
 * repeats the same `per_page` parameter with its description), and written out in full the manifest
 * was two thirds of a generated package. Here every subschema that appears in two or more places and
 * is large enough that the `$ref`s come out shorter moves to `$defs` once, and each place points at it.
 *
 * How: the schemas are hash-consed bottom-up (a node's key is its JSON text with each subschema
 * replaced by a marker holding the subschema's id), so identical subtrees become one node and the
 * manifest a DAG; a node with two or more parents (or roots) is shared. A shared node's children are
 * counted once however often the node appears, so the outermost repeated schema is shared rather than
 * each of its parts. The output is JSON text built from the keys: each node is written once, however
 * many places hold it, and nothing is serialised twice.
 *
 * A shared schema's `$defs` name is a hint (the property or parameter it was first seen as) and a
 * hash of its content: stable across regenerations while the content is, and never equal to a
 * schema's own name (those are identifiers; shared names hold a `.`). Keys starting with `x-` (the
 * manifest's `x-in`, `x-name`, `x-media-type`) belong to the place, not to the schema, and stay there.
 */
import type { JsonSchema } from './json-schema.js';

/** Characters of a `$ref` besides its name: `{"$ref":"#/$defs/` and `"}`, or a `$defs` entry's `"": ,` and indent. */
const REF_CHARS = 19;

/** Keywords whose value is a schema, an array of schemas, or a map of schemas (all schemaOf emits). */
const SCHEMA_KEYWORDS = new Set(['items', 'additionalProperties']);
const SCHEMA_ARRAY_KEYWORDS = new Set(['anyOf', 'allOf']);
const SCHEMA_MAP_KEYWORDS = new Set(['properties']);

/**
 * A subschema's place in a key: NUL, its id, optionally SOH and the place's annotations (the inside
 * of a JSON object), NUL. JSON.stringify escapes control characters, so no spec text can forge one.
 */
const MARKER = /\u0000(\d+)(?:\u0001([^\u0000]*))?\u0000/g;

interface SchemaNode {
  /** The node's JSON text with its subschemas as markers. */
  readonly key: string;
  /** Characters of the node written out in full: what sharing it saves per extra use. */
  readonly size: number;
  /** Parents (and root places) that hold this node. */
  uses: number;
  readonly hint: string;
}

export class SharedSchemas {
  private readonly nodes: SchemaNode[] = [];
  private readonly idByKey = new Map<string, number>();
  /**
   * Ids of schema objects already interned. Interning the same object again would build the same
   * key and find the same node, with no other effect: JsonSchemaSource hands out one object per
   * TypeNode, and most of a manifest's subschemas are such repeats (56,275 interns, 7,383 nodes on
   * GitHub's spec).
   */
  private readonly idByObject = new Map<JsonSchema, number>();
  /** `$defs` name of each shared node, once named; a named schema's from the start. */
  private readonly names = new Map<number, string>();
  /** JSON text of each node written inline (shared subschemas as `$ref`s), once written. */
  private readonly texts = new Map<number, string>();
  private readonly shared = new Map<string, string>();

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

  /** A root's schema as JSON text, every shared subschema a `$ref` to its `$defs` entry. */
  write(id: number): string {
    return this.text(id);
  }

  /** A named schema's `$defs` entry: as `write`, but a second schema equal to it becomes a `$ref`. */
  writeNamed(id: number, name: string): string {
    const first = this.names.get(id)!;
    return first === name || !this.isShared(id) ? this.text(id) : refText(first);
  }

  /** The shared schemas `write` referred to, as [name, JSON text] in name order: to append to `$defs`. */
  definitions(): [string, string][] {
    return [...this.shared].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  }

  private intern(schema: JsonSchema, hint: string): number {
    const seen = this.idByObject.get(schema);
    if (seen !== undefined) return seen;
    const id = this.internNew(schema, hint);
    this.idByObject.set(schema, id);
    return id;
  }

  private internNew(schema: JsonSchema, hint: string): number {
    const children: number[] = [];
    const marker = (value: unknown, childHint: string, place?: string): string => {
      const id = this.intern(value as JsonSchema, childHint);
      children.push(id);
      return place === undefined ? `\u0000${id}\u0000` : `\u0000${id}\u0001${place}\u0000`;
    };
    const parts: string[] = [];
    for (const key in schema) {
      const value = schema[key];
      if (value === undefined) continue;
      let text: string;
      if (SCHEMA_KEYWORDS.has(key) && typeof value === 'object' && value !== null) {
        text = marker(value, hint);
      } else if (SCHEMA_ARRAY_KEYWORDS.has(key) && Array.isArray(value)) {
        text = `[${value.map((member) => marker(member, hint)).join(',')}]`;
      } else if (SCHEMA_MAP_KEYWORDS.has(key) && typeof value === 'object' && value !== null) {
        // A property keeps its place's annotations (`x-in`) beside its schema or its `$ref`.
        const members: string[] = [];
        for (const name in value) {
          const member = (value as Record<string, JsonSchema>)[name]!;
          const place = placeKeys(member);
          members.push(`${JSON.stringify(name)}:${place === undefined ? marker(member, name) : marker(withoutPlaceKeys(member), name, place)}`);
        }
        text = `{${members.join(',')}}`;
      } else {
        text = JSON.stringify(value);
      }
      parts.push(`${JSON.stringify(key)}:${text}`);
    }
    const key = `{${parts.join(',')}}`;
    const known = this.idByKey.get(key);
    if (known !== undefined) return known;
    const id = this.nodes.length;
    // The key's own length (markers stand in for subschemas) plus the subschemas written out in full.
    let size = key.length;
    for (const c of children) size += this.nodes[c]!.size;
    this.nodes.push({ key, size, uses: 0, hint });
    this.idByKey.set(key, id);
    // Counted only when the node is new: a repeated parent's children are held once, by it.
    for (const c of children) this.nodes[c]!.uses++;
    return id;
  }

  /**
   * Shared when that makes the manifest smaller: written once in `$defs` under its name plus a `$ref`
   * in each place, rather than in full in each place. Microsoft Graph's `$top` (74 characters) in
   * 5,000 list actions is worth it; a `{"type":"string"}` never is.
   */
  private isShared(id: number): boolean {
    const node = this.nodes[id]!;
    if (node.uses < 2) return false;
    const ref = REF_CHARS + stemOf(node.hint).length + 1 + HASH_CHARS;
    return node.uses * node.size > node.size + ref + node.uses * ref;
  }

  private text(id: number): string {
    let text = this.texts.get(id);
    if (text === undefined) {
      text = this.nodes[id]!.key.replace(MARKER, (_, child: string, place?: string) => this.place(Number(child), place));
      this.texts.set(id, text);
    }
    return text;
  }

  /** A subschema in its place: a `$ref` when shared, else written inline; the place's annotations after. */
  private place(id: number, place: string | undefined): string {
    const schema = this.isShared(id) ? refText(this.nameOf(id)) : this.text(id);
    if (place === undefined) return schema;
    return schema === '{}' ? `{${place}}` : `${schema.slice(0, -1)},${place}}`;
  }

  private nameOf(id: number): string {
    let name = this.names.get(id);
    if (name === undefined) {
      const text = this.text(id);
      name = this.nameFor(this.nodes[id]!.hint, text);
      this.names.set(id, name);
      this.shared.set(name, text);
    }
    return name;
  }

  private nameFor(hint: string, text: string): string {
    const stem = stemOf(hint);
    // node:crypto on first use, not at import: loading it is ~10 ms, and most specs share no schema.
    const hash = process.getBuiltinModule('node:crypto').createHash('sha256').update(text).digest('hex');
    // Two different bodies under one stem and 8 hex digits: lengthen the hash until they differ.
    for (let length = HASH_CHARS; ; length += 4) {
      const name = `${stem}.${hash.slice(0, length)}`;
      if (!this.shared.has(name)) return name;
    }
  }
}

const HASH_CHARS = 8;

/** The readable part of a shared schema's `$defs` name. */
function stemOf(hint: string): string {
  return hint.replace(/[^A-Za-z0-9_]+/g, '_').slice(0, 40) || 'schema';
}

function refText(name: string): string {
  return `{"$ref":${JSON.stringify(`#/$defs/${encodeURIComponent(name)}`)}}`;
}

/** The schema without its place's `x-` annotations. */
function withoutPlaceKeys(schema: JsonSchema): JsonSchema {
  const out: Record<string, unknown> = {};
  for (const key in schema) if (!isPlaceKey(key)) out[key] = schema[key];
  return out;
}

/** The place's `x-` annotations of a schema as the inside of a JSON object; undefined if none. */
function placeKeys(schema: JsonSchema): string | undefined {
  let out: string | undefined;
  for (const key in schema) {
    const value = schema[key];
    if (!isPlaceKey(key) || value === undefined) continue;
    out = `${out === undefined ? '' : `${out},`}${JSON.stringify(key)}:${JSON.stringify(value)}`;
  }
  return out;
}

function isPlaceKey(key: string): boolean {
  return key.startsWith('x-');
}
