/**
 * JSON Schema (2020-12) for the manifest, from IR TypeNodes. Named schemas become `$defs` entries
 * referenced as `#/$defs/<Name>`; `input` mode drops read-only properties and points at input
 * variants, `output` mode drops write-only properties.
 */
import type { ConnectorIR, SchemaIR, TypeNode } from '../../ir/types.js';

export type JsonSchema = { readonly [key: string]: unknown };
export type Mode = 'input' | 'output';

export class JsonSchemaSource {
  private readonly inputNames: ReadonlyMap<string, string>;
  /**
   * Each TypeNode's schema, once per mode. The IR shares one node wherever a component is used
   * (GitHub's `per_page` parameter, its common responses), so the manifest asks for the same schema
   * again and again; the same object back also lets SharedSchemas skip it by identity.
   */
  private readonly memo: Record<Mode, Map<TypeNode, JsonSchema>> = { input: new Map(), output: new Map() };

  constructor(private readonly ir: ConnectorIR) {
    this.inputNames = new Map(ir.schemas.filter(hasInput).map((schema) => [schema.name, schema.inputName]));
  }

  /** `$defs` of the manifest: every schema in output form, and input variants where they exist. */
  definitions(): Record<string, JsonSchema> {
    const entries: [string, JsonSchema][] = [];
    for (const schema of this.ir.schemas) {
      entries.push([schema.name, withDocs(this.schemaOf(schema.type, 'output'), schema)]);
      if (schema.inputName !== undefined) entries.push([schema.inputName, this.schemaOf(schema.type, 'input')]);
    }
    return Object.fromEntries(entries);
  }

  /** The node's schema; the same object for the same node and mode. Callers must not modify it. */
  schemaOf(node: TypeNode, mode: Mode): JsonSchema {
    const memo = this.memo[mode];
    let schema = memo.get(node);
    if (schema === undefined) {
      schema = this.build(node, mode);
      memo.set(node, schema);
    }
    return schema;
  }

  private build(node: TypeNode, mode: Mode): JsonSchema {
    switch (node.kind) {
      case 'ref': {
        const name = mode === 'input' ? (this.inputNames.get(node.name) ?? node.name) : node.name;
        return { $ref: `#/$defs/${encodeURIComponent(name)}` };
      }
      case 'string':
        return { type: 'string', format: node.format, enum: node.enum && [...node.enum], ...node.constraints };
      case 'number':
      case 'integer':
        return { type: node.kind, format: node.format, enum: node.enum && [...node.enum], ...node.constraints };
      case 'boolean':
      case 'null':
        return { type: node.kind };
      case 'unknown':
        return {};
      case 'binary':
        return { type: 'string', contentEncoding: 'binary' };
      case 'literal':
        return { const: node.value };
      case 'array':
        return { type: 'array', items: this.schemaOf(node.items, mode), ...node.constraints };
      case 'object': {
        const properties = node.properties.filter((p) => !(mode === 'input' ? p.readOnly : p.writeOnly));
        return {
          type: 'object',
          properties: Object.fromEntries(properties.map((p) => [p.name, withDocs(this.schemaOf(p.type, mode), p)])),
          required: properties.filter((p) => p.required).map((p) => p.name),
          // A closed object stays open here: TypeScript accepts extra properties on any value that
          // is not a literal, and `allOf` of closed objects (`Animal & { meow }`) would accept nothing.
          additionalProperties:
            node.additionalProperties === false
              ? undefined
              : node.additionalProperties === true
                ? true
                : this.schemaOf(node.additionalProperties, mode),
        };
      }
      case 'union':
        return {
          anyOf: node.members.map((member) => this.schemaOf(member, mode)),
          discriminator: node.discriminator && {
            propertyName: node.discriminator.propertyName,
            mapping: Object.fromEntries(
              node.discriminator.mapping.map((entry) => [entry.value, `#/$defs/${encodeURIComponent(entry.type.name)}`]),
            ),
          },
        };
      case 'intersection':
        return { allOf: node.members.map((member) => this.schemaOf(member, mode)) };
    }
  }
}

function hasInput(schema: SchemaIR): schema is SchemaIR & { inputName: string } {
  return schema.inputName !== undefined;
}

function withDocs(
  schema: JsonSchema,
  docs: { readonly description?: string; readonly deprecated?: boolean; readonly default?: unknown; readonly readOnly?: boolean; readonly writeOnly?: boolean },
): JsonSchema {
  // Only the keys that are set: a spread with five mostly-undefined keys per property was the
  // manifest's single most expensive line on GitHub's spec.
  if (docs.description === undefined && !docs.deprecated && docs.default === undefined && !docs.readOnly && !docs.writeOnly) return schema;
  const out: Record<string, unknown> = { ...schema };
  if (docs.description !== undefined) out['description'] = docs.description;
  if (docs.deprecated) out['deprecated'] = true;
  if (docs.default !== undefined) out['default'] = docs.default;
  if (docs.readOnly) out['readOnly'] = true;
  if (docs.writeOnly) out['writeOnly'] = true;
  return out;
}
