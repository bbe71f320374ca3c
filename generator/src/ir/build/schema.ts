/**
 * Schema Object -> TypeNode.
 * OpenAPI 3.0 §4.7.24 (a JSON Schema subset plus `nullable`, `discriminator`, `readOnly`/`writeOnly`)
 * and OpenAPI 3.1 §4.8.24 (JSON Schema 2020-12: `type` arrays, `const`, `examples`, boolean schemas).
 *
 * A `$ref` to `#/components/schemas/X` becomes a named `ref`, which is how recursion is expressed
 * (bundling leaves no other way to recurse). Any other `$ref` is converted inline, memoised by
 * pointer. What TypeScript cannot say (`not`, `if`/`then`) degrades to `unknown` with a
 * `CG_UNSUPPORTED_SCHEMA` warning; nothing here throws on a strange schema.
 */
import type { Constraints, JsonValue, PropertyIR, TypeNode, UnionType } from '../types.js';
import type { BuildContext, Obj } from './context.js';
import { child, isObj, own, ownBool, ownObj, ownString, refPointer, report, resolvePointer } from './context.js';
import { discriminatorMapping } from './discriminator.js';
import { convertEnum, literal, orNull } from './enum.js';

const SCHEMAS = '/components/schemas/';

const UNKNOWN: TypeNode = { kind: 'unknown' };
const NULL: TypeNode = { kind: 'null' };

/** Converts the schema at `pointer` (any JSON value; `true`/`false` are 3.1 boolean schemas). */
export function convertSchema(ctx: BuildContext, schema: unknown, pointer: string): TypeNode {
  // Shared components (parameters, responses, request bodies) are reached from many operations:
  // convert each once. Only these entry points are memoised; nested schemas are not, which keeps the
  // memo small.
  if (pointer.startsWith('/components/') && schema !== undefined) return convertAt(ctx, pointer, () => convert(ctx, schema, pointer));
  return convert(ctx, schema, pointer);
}

function convert(ctx: BuildContext, schema: unknown, pointer: string): TypeNode {
  if (schema === true || schema === undefined) return UNKNOWN;
  if (!isObj(schema)) {
    report(ctx, 'warn', 'CG_UNSUPPORTED_SCHEMA', pointer, 'a schema must be an object or a boolean', 'fix the schema; it is typed as unknown');
    return UNKNOWN;
  }
  const ref = ownString(schema, '$ref');
  if (ref !== undefined) return withNullable(ctx, schema, subtypesOf(ctx, ref, pointer) ?? convertRef(ctx, ref, pointer));
  return withNullable(ctx, schema, convertBody(ctx, schema, pointer));
}

/** An `allOf` member names its base as the base, never as the union of the base's subtypes. */
function convertAllOfMember(ctx: BuildContext, schema: unknown, pointer: string): TypeNode {
  const ref = isObj(schema) ? ownString(schema, '$ref') : undefined;
  if (ref !== undefined && isObj(schema)) return withNullable(ctx, schema, convertRef(ctx, ref, pointer));
  return convert(ctx, schema, pointer);
}

/** The converted named schema at `/components/schemas/<key>`, memoised. */
export function convertNamedSchema(ctx: BuildContext, pointer: string): TypeNode {
  return convertAt(ctx, pointer, () => {
    const schema = resolvePointer(ctx, pointer);
    // Convert the body, not the schema itself, so a named schema that is a bare `$ref` to itself
    // cannot become a ref to its own name.
    if (isObj(schema) && ownString(schema, '$ref') === undefined) return withNullable(ctx, schema, convertBody(ctx, schema, pointer));
    return convert(ctx, schema, pointer);
  });
}

function convertAt(ctx: BuildContext, pointer: string, convert: () => TypeNode): TypeNode {
  const memo = ctx.schemaMemo.get(pointer);
  if (memo !== undefined) return memo;
  if (ctx.inProgress.has(pointer)) {
    report(ctx, 'warn', 'CG_UNSUPPORTED_SCHEMA', pointer, 'a schema refers to itself other than through #/components/schemas', 'move the recursive schema to components.schemas; it is typed as unknown here');
    return UNKNOWN;
  }
  ctx.inProgress.add(pointer);
  const node = convert();
  ctx.inProgress.delete(pointer);
  ctx.schemaMemo.set(pointer, node);
  return node;
}

function convertRef(ctx: BuildContext, ref: string, pointer: string): TypeNode {
  const target = refPointer(ref);
  if (target !== undefined) {
    const name = ctx.schemaNames.get(target);
    if (name !== undefined) return { kind: 'ref', name };
    const resolved = resolvePointer(ctx, target);
    if (resolved !== undefined) return convertAt(ctx, target, () => convert(ctx, resolved, target));
  }
  report(ctx, 'warn', 'CG_UNRESOLVED_REF', pointer, `cannot resolve schema $ref ${JSON.stringify(ref)}`, 'bundle the document so only internal refs remain; the schema is typed as unknown');
  return UNKNOWN;
}

/** 3.0 `nullable: true` (and Swagger's `x-nullable`) wraps the type in `| null`. */
function withNullable(_ctx: BuildContext, schema: Obj, node: TypeNode): TypeNode {
  // Honoured in 3.1 documents too: converters and hand-edited specs leave it behind, and it is unambiguous.
  const nullable = ownBool(schema, 'nullable') ?? ownBool(schema, 'x-nullable');
  return nullable === true ? orNull(node) : node;
}

function convertBody(ctx: BuildContext, schema: Obj, pointer: string): TypeNode {
  for (const keyword of ['not', 'if'] as const) {
    if (own(schema, keyword) !== undefined && !hasTypeInfo(schema)) {
      report(ctx, 'warn', 'CG_UNSUPPORTED_SCHEMA', child(pointer, keyword), `\`${keyword}\` cannot be expressed as a TypeScript type`, 'the schema is typed as unknown; describe the allowed shape with type/properties instead');
      return UNKNOWN;
    }
  }
  if (own(schema, 'const') !== undefined) return literal(ctx, own(schema, 'const'), child(pointer, 'const'));
  const enumValues = own(schema, 'enum');
  if (Array.isArray(enumValues)) return convertEnum(ctx, schema, enumValues, child(pointer, 'enum'));

  const parts: TypeNode[] = [];
  const allOf = own(schema, 'allOf');
  if (Array.isArray(allOf)) {
    const members = allOf.map((member, i) => convertAllOfMember(ctx, member, child(pointer, 'allOf', i)));
    parts.push(...members.filter((member) => member.kind !== 'unknown'));
  }
  for (const keyword of ['oneOf', 'anyOf'] as const) {
    const list = own(schema, keyword);
    if (Array.isArray(list)) parts.push(convertUnion(ctx, schema, list, pointer, keyword));
  }
  const typed = convertTyped(ctx, schema, pointer, parts.length > 0);
  // `type: object` beside allOf/oneOf adds nothing unless it declares properties of its own.
  const empty = typed?.kind === 'object' && typed.properties.length === 0 && own(schema, 'additionalProperties') === undefined;
  if (typed !== undefined && !(empty && parts.length > 0)) parts.unshift(typed);
  if (parts.length === 0) return UNKNOWN;
  if (parts.length === 1) return parts[0] ?? UNKNOWN;
  return { kind: 'intersection', members: parts };
}

/** Does the schema say anything beyond composition keywords? */
function hasTypeInfo(schema: Obj): boolean {
  return ['type', 'properties', 'items', 'allOf', 'oneOf', 'anyOf', 'enum', 'const', 'additionalProperties'].some(
    (keyword) => own(schema, keyword) !== undefined,
  );
}

/**
 * The part of a schema given by `type` (or implied by `properties`/`items`). With `composed`, a
 * schema without its own structure adds nothing to the allOf/oneOf beside it.
 */
function convertTyped(ctx: BuildContext, schema: Obj, pointer: string, composed: boolean): TypeNode | undefined {
  const type = own(schema, 'type');
  if (Array.isArray(type)) {
    const members = type.map((t) => convertType(ctx, schema, t, pointer)).filter((m): m is TypeNode => m !== undefined);
    if (members.length === 0) return undefined;
    return members.length === 1 ? members[0] : { kind: 'union', members };
  }
  if (type !== undefined) return convertType(ctx, schema, type, pointer);
  if (own(schema, 'properties') !== undefined || own(schema, 'additionalProperties') !== undefined) return convertObject(ctx, schema, pointer);
  if (own(schema, 'items') !== undefined) return convertArray(ctx, schema, pointer);
  return composed ? undefined : UNKNOWN;
}

function convertType(ctx: BuildContext, schema: Obj, type: unknown, pointer: string): TypeNode | undefined {
  switch (type) {
    case 'string': {
      const format = ownString(schema, 'format');
      if (format === 'binary' || isBinaryMedia(ownString(schema, 'contentMediaType'))) return { kind: 'binary' };
      const checks = constraints(schema, STRING_CONSTRAINTS);
      return { kind: 'string', ...(format !== undefined ? { format } : {}), ...(checks ? { constraints: checks } : {}) };
    }
    case 'integer':
    case 'number': {
      const format = ownString(schema, 'format');
      const checks = numberConstraints(schema);
      return { kind: type, ...(format !== undefined ? { format } : {}), ...(checks ? { constraints: checks } : {}) };
    }
    case 'boolean':
      return { kind: 'boolean' };
    case 'null':
      return NULL;
    case 'array':
      return convertArray(ctx, schema, pointer);
    case 'object':
      return convertObject(ctx, schema, pointer);
    case 'file': // Swagger 2.0 leftovers that a converter did not rewrite.
      return { kind: 'binary' };
    default:
      report(ctx, 'warn', 'CG_UNSUPPORTED_SCHEMA', child(pointer, 'type'), `unknown schema type ${JSON.stringify(type)}`, 'use one of string, number, integer, boolean, array, object, null; typed as unknown');
      return UNKNOWN;
  }
}

function isBinaryMedia(mediaType: string | undefined): boolean {
  return mediaType !== undefined && !/^(text\/|application\/(json|xml)|.*\+json)/i.test(mediaType);
}

const STRING_CONSTRAINTS = ['pattern', 'minLength', 'maxLength'] as const;
const ARRAY_CONSTRAINTS = ['minItems', 'maxItems', 'uniqueItems'] as const;

/** The validation keywords of `keys` that the schema sets with a value of the right type. */
function constraints<K extends keyof Constraints>(schema: Obj, keys: readonly K[]): Pick<Constraints, K> | undefined {
  let out: Record<string, unknown> | undefined;
  for (const key of keys) {
    const value = own(schema, key);
    const ok = key === 'pattern' ? typeof value === 'string' : key === 'uniqueItems' ? value === true : typeof value === 'number' && Number.isFinite(value);
    if (ok) (out ??= {})[key] = value;
  }
  return out as Pick<Constraints, K> | undefined;
}

/** Numeric bounds in JSON Schema 2020-12 form: 3.0's boolean exclusiveMinimum/Maximum become numbers. */
function numberConstraints(schema: Obj): Record<string, number> | undefined {
  const out: Record<string, number> = {};
  const num = (key: string) => {
    const value = own(schema, key);
    return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
  };
  for (const [bound, exclusive] of [['minimum', 'exclusiveMinimum'], ['maximum', 'exclusiveMaximum']] as const) {
    const value = num(bound);
    const flag = own(schema, exclusive);
    if (flag === true && value !== undefined) out[exclusive] = value;
    else {
      if (value !== undefined) out[bound] = value;
      const numeric = num(exclusive);
      if (numeric !== undefined) out[exclusive] = numeric;
    }
  }
  const multipleOf = num('multipleOf');
  if (multipleOf !== undefined && multipleOf > 0) out['multipleOf'] = multipleOf;
  return Object.keys(out).length > 0 ? out : undefined;
}

function convertArray(ctx: BuildContext, schema: Obj, pointer: string): TypeNode {
  const items = own(schema, 'items');
  const checks = constraints(schema, ARRAY_CONSTRAINTS);
  if (items !== undefined && !Array.isArray(items)) {
    return { kind: 'array', items: convert(ctx, items, child(pointer, 'items')), ...(checks ? { constraints: checks } : {}) };
  }
  // 3.1 tuples (`prefixItems`, or a draft-4 `items` array): an array of any of the listed types.
  const tuple = Array.isArray(items) ? items : own(schema, 'prefixItems');
  if (Array.isArray(tuple) && tuple.length > 0) {
    const key = Array.isArray(items) ? 'items' : 'prefixItems';
    const members = tuple.map((member, i) => convert(ctx, member, child(pointer, key, i)));
    return { kind: 'array', items: members.length === 1 ? (members[0] ?? UNKNOWN) : { kind: 'union', members } };
  }
  return { kind: 'array', items: UNKNOWN };
}

function convertObject(ctx: BuildContext, schema: Obj, pointer: string): TypeNode {
  const properties: PropertyIR[] = [];
  const declared = ownObj(schema, 'properties');
  const requiredList = own(schema, 'required');
  const required = new Set(Array.isArray(requiredList) ? requiredList.filter((r): r is string => typeof r === 'string') : []);
  if (declared !== undefined) {
    for (const name of Object.keys(declared)) {
      const propertySchema = declared[name];
      const at = child(pointer, 'properties', name);
      properties.push(convertProperty(ctx, name, propertySchema, required.has(name), at));
    }
  }
  return { kind: 'object', properties, additionalProperties: additional(ctx, schema, pointer, properties.length > 0) };
}

/**
 * `additionalProperties`: absent means "anything" in JSON Schema, but a TypeScript index signature on
 * every object would make all property typos compile. So: absent on an object with properties ->
 * no index signature; absent on an object without properties -> a dictionary of unknown.
 */
function additional(ctx: BuildContext, schema: Obj, pointer: string, hasProperties: boolean): TypeNode | boolean {
  const value = own(schema, 'additionalProperties');
  if (value === undefined) {
    const patterns = ownObj(schema, 'patternProperties');
    if (patterns !== undefined) {
      const members = Object.keys(patterns).map((key) => convert(ctx, patterns[key], child(pointer, 'patternProperties', key)));
      return members.length === 1 ? (members[0] ?? true) : members.length === 0 ? true : { kind: 'union', members };
    }
    return !hasProperties;
  }
  if (typeof value === 'boolean') return value;
  if (isObj(value) && Object.keys(value).length === 0) return true;
  const node = convert(ctx, value, child(pointer, 'additionalProperties'));
  return node.kind === 'unknown' ? true : node;
}

function convertProperty(ctx: BuildContext, name: string, schema: unknown, required: boolean, pointer: string): PropertyIR {
  const type = convert(ctx, schema, pointer);
  const obj = isObj(schema) ? schema : undefined;
  // Built field by field rather than by spreads: this runs once per property of every schema.
  const property: { -readonly [K in keyof PropertyIR]: PropertyIR[K] } = { name, type, required };
  if (obj === undefined) return property;
  if (obj['readOnly'] === true && Object.hasOwn(obj, 'readOnly')) property.readOnly = true;
  if (obj['writeOnly'] === true && Object.hasOwn(obj, 'writeOnly')) property.writeOnly = true;
  return Object.assign(property, docsOf(obj, ctx.openapi));
}

type Docs = { description?: string; deprecated?: boolean; default?: JsonValue; example?: JsonValue };

/** `description` (else `title`), `deprecated`, `default`, `example` (3.1: the first of `examples`). */
export function docsOf(schema: Obj | undefined, openapi: '3.0' | '3.1'): Docs {
  const out: Docs = {};
  if (schema === undefined) return out;
  const description = ownString(schema, 'description') ?? ownString(schema, 'title');
  if (description !== undefined && description.trim() !== '') out.description = description;
  if (ownBool(schema, 'deprecated') === true) out.deprecated = true;
  const fallback = own(schema, 'default');
  if (fallback !== undefined && isJson(fallback)) out.default = fallback;
  const examples = own(schema, 'examples');
  const example = own(schema, 'example') ?? (openapi === '3.1' && Array.isArray(examples) ? examples[0] : undefined);
  if (example !== undefined && isJson(example)) out.example = example;
  return out;
}

function isJson(value: unknown): value is JsonValue {
  return value === null || ['string', 'number', 'boolean', 'object'].includes(typeof value);
}

function convertUnion(ctx: BuildContext, schema: Obj, list: readonly unknown[], pointer: string, keyword: string): TypeNode {
  const members = list.map((member, i) => convert(ctx, member, child(pointer, keyword, i)));
  if (members.some((member) => member.kind === 'unknown')) return UNKNOWN;
  const discriminator = ownObj(schema, 'discriminator');
  const propertyName = ownString(discriminator, 'propertyName');
  if (propertyName === undefined) return members.length === 1 ? (members[0] ?? UNKNOWN) : { kind: 'union', members };
  const union: UnionType = {
    kind: 'union',
    members,
    discriminator: { propertyName, mapping: discriminatorMapping(ctx, discriminator, list, members, child(pointer, 'discriminator')) },
  };
  return union;
}


/**
 * OpenAPI 3.0 §4.7.25 / 3.1 §4.8.25, discriminator on a base schema: `Pet` lists no `oneOf`, but
 * names a `discriminator`, and `Cat` and `Dog` are `allOf: [Pet, ...]`. A value typed `Pet` is then
 * one of its subtypes, told apart by the property: where the spec says `Pet`, the type is the
 * discriminated union of the mapped subtypes (the `mapping`, then every schema whose `allOf` names
 * `Pet`, by its schema name). Undefined when `ref` is no such base or no subtype exists.
 */
function subtypesOf(ctx: BuildContext, ref: string, pointer: string): TypeNode | undefined {
  const target = refPointer(ref);
  if (target === undefined || !target.startsWith(SCHEMAS) || ctx.schemaNames.get(target) === undefined) return undefined;
  const known = ctx.subtypeUnions.get(target);
  if (known !== undefined) return known ?? undefined;
  const resolved = resolvePointer(ctx, target);
  const base = isObj(resolved) ? resolved : undefined;
  const discriminator = ownObj(base, 'discriminator');
  let union: TypeNode | null = null;
  if (base !== undefined && ownString(discriminator, 'propertyName') !== undefined && own(base, 'oneOf') === undefined && own(base, 'anyOf') === undefined) {
    const schemas = ownObj(ownObj(ctx.document, 'components'), 'schemas') ?? {};
    const implicit = Object.keys(schemas)
      .filter((key) => {
        const schema = schemas[key];
        const allOf = isObj(schema) ? own(schema, 'allOf') : undefined;
        return Array.isArray(allOf) && allOf.some((member) => isObj(member) && refPointer(ownString(member, '$ref') ?? '') === target);
      })
      .map((key) => ({ $ref: `#${child(SCHEMAS.slice(0, -1), key)}` }));
    const mapping = discriminatorMapping(ctx, discriminator, implicit, implicit.map((member) => convertRef(ctx, member.$ref, pointer)), child(target, 'discriminator'));
    const members = mapping.filter((entry, i) => entry.type.name !== ctx.schemaNames.get(target) && mapping.findIndex((other) => other.type.name === entry.type.name) === i);
    if (members.length > 0) {
      union = { kind: 'union', members: members.map((entry) => entry.type), discriminator: { propertyName: ownString(discriminator, 'propertyName')!, mapping } };
    }
  }
  ctx.subtypeUnions.set(target, union);
  return union ?? undefined;
}
