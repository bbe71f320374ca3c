/**
 * `enum` and `const` -> TypeNode (OpenAPI 3.0 §4.7.24 via JSON Schema Validation §6.1.2-3; 3.1 adds
 * `const`). String enums stay a `string` node with its values (printed as a union of literals);
 * numbers likewise; anything else becomes a union of literals. `null` among the values, or in a 3.1
 * `type` array, makes the result nullable.
 */
import type { TypeNode } from '../types.js';
import type { BuildContext, Obj } from './context.js';
import { child, own, ownString, report } from './context.js';

const NULL: TypeNode = { kind: 'null' };
const UNKNOWN: TypeNode = { kind: 'unknown' };

export function orNull(node: TypeNode): TypeNode {
  if (node.kind === 'null' || node.kind === 'unknown') return node;
  if (node.kind === 'union') {
    if (node.members.some((member) => member.kind === 'null')) return node;
    return { ...node, members: [...node.members, NULL] };
  }
  return { kind: 'union', members: [node, NULL] };
}

export function literal(ctx: BuildContext, value: unknown, pointer: string): TypeNode {
  if (value === null) return NULL;
  if (typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))) {
    return { kind: 'literal', value };
  }
  report(ctx, 'warn', 'CG_UNSUPPORTED_SCHEMA', pointer, 'only string, number, boolean and null constants can be typed', 'typed as unknown');
  return UNKNOWN;
}

export function convertEnum(ctx: BuildContext, schema: Obj, values: readonly unknown[], pointer: string): TypeNode {
  const hasNull = values.includes(null);
  const rest = values.filter((value) => value !== null);
  let node: TypeNode;
  const type = own(schema, 'type');
  const declared = Array.isArray(type) ? type.find((t) => t !== 'null') : type;
  if (rest.length > 0 && rest.every((value): value is string => typeof value === 'string') && declared !== 'number' && declared !== 'integer') {
    const format = ownString(schema, 'format');
    node = { kind: 'string', enum: unique(rest), ...(format === undefined ? {} : { format }) };
  } else if (rest.length > 0 && rest.every((value): value is number => typeof value === 'number' && Number.isFinite(value))) {
    node = { kind: declared === 'integer' ? 'integer' : 'number', enum: unique(rest) };
  } else if (rest.length === 0) {
    node = hasNull ? NULL : { kind: 'unknown' };
  } else {
    node = { kind: 'union', members: unique(rest).map((value, i) => literal(ctx, value, child(pointer, i))) };
  }
  const nullable = hasNull || (Array.isArray(type) && type.includes('null'));
  return nullable && node.kind !== 'null' ? orNull(node) : node;
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

