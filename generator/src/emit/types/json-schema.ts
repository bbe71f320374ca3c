/**
 * TypeNode -> JSON Schema (2020-12) for the manifest (`connector.json`): each action's input and
 * output. Named types become `$defs` entries referenced by `#/$defs/<Name>`, collected transitively,
 * so a manifest schema stands alone. `mode` drops readOnly (input) or writeOnly (output) properties,
 * as print-type does, and an input variant gets its own `$defs` entry under its `inputName`.
 * Property names are JSON object keys, built with Object.fromEntries so `__proto__` stays a key.
 */
import type { JsonValue, SchemaIR, TypeNode } from '../../ir/types.js';

export type JsonSchema = { [key: string]: JsonValue };

export interface JsonSchemaOptions {
  readonly mode: 'input' | 'output';
}

export function toJsonSchema(
  node: TypeNode,
  schemas: ReadonlyMap<string, SchemaIR> | readonly SchemaIR[],
  options: JsonSchemaOptions,
): JsonSchema {
  const byName = schemas instanceof Map ? (schemas as ReadonlyMap<string, SchemaIR>) : new Map((schemas as readonly SchemaIR[]).map((s) => [s.name, s]));
  const defs = new Map<string, JsonSchema>();
  const pending: SchemaIR[] = [];
  const defName = (schema: SchemaIR): string => (options.mode === 'input' ? (schema.inputName ?? schema.name) : schema.name);

  const convert = (type: TypeNode): JsonSchema => {
    switch (type.kind) {
      case 'ref': {
        const schema = byName.get(type.name);
        if (schema === undefined) return {};
        const name = defName(schema);
        if (!defs.has(name)) {
          defs.set(name, {});
          pending.push(schema);
        }
        return { $ref: `#/$defs/${encodeURIComponent(name)}` };
      }
      case 'string':
        return { type: 'string', ...(type.format !== undefined ? { format: type.format } : {}), ...(type.enum !== undefined ? { enum: [...type.enum] } : {}) };
      case 'number':
      case 'integer':
        return { type: type.kind, ...(type.format !== undefined ? { format: type.format } : {}), ...(type.enum !== undefined ? { enum: [...type.enum] } : {}) };
      case 'boolean':
      case 'null':
        return { type: type.kind };
      case 'unknown':
        return {};
      case 'binary':
        return { type: 'string', format: 'binary', contentMediaType: 'application/octet-stream' };
      case 'literal':
        return { const: type.value };
      case 'array':
        return { type: 'array', items: convert(type.items) };
      case 'union': {
        const out: JsonSchema = { anyOf: type.members.map(convert) };
        if (type.discriminator !== undefined) out['discriminator'] = { propertyName: type.discriminator.propertyName };
        return out;
      }
      case 'intersection':
        return { allOf: type.members.map(convert) };
      case 'object': {
        const properties = type.properties.filter((p) => !(options.mode === 'input' ? p.readOnly : p.writeOnly));
        const out: JsonSchema = {
          type: 'object',
          properties: Object.fromEntries(
            properties.map((p) => {
              const schema = convert(p.type);
              const annotated: JsonSchema = {
                ...schema,
                ...(p.description !== undefined ? { description: p.description } : {}),
                ...(p.deprecated === true ? { deprecated: true } : {}),
                ...(p.default !== undefined ? { default: p.default } : {}),
              };
              return [p.name, annotated];
            }),
          ),
        };
        const required = properties.filter((p) => p.required).map((p) => p.name);
        if (required.length > 0) out['required'] = required;
        const extra = type.additionalProperties;
        out['additionalProperties'] = typeof extra === 'boolean' ? extra : convert(extra);
        return out;
      }
    }
  };

  const root = convert(node);
  for (let schema = pending.shift(); schema !== undefined; schema = pending.shift()) {
    const body = convert(schema.type);
    defs.set(defName(schema), schema.description !== undefined ? { ...body, description: schema.description } : body);
  }
  if (defs.size === 0) return root;
  const sorted = [...defs.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return { ...root, $defs: Object.fromEntries(sorted.map((name) => [name, defs.get(name) ?? {}])) };
}
