/**
 * TypeNode -> TypeScript type source. Safe by construction: the only spec text that reaches the output
 * is property names (identifiers printed bare, everything else as a JSON string literal, `__proto__`
 * always quoted), literal values and JSDoc text, both through view/safe.ts (quotes, line separators
 * and bidi controls escaped, `*\/` broken). Refs print the IR's names, which are identifiers
 * already. Same node in, same text out: no map iteration order, no randomness.
 *
 * `mode` decides readOnly/writeOnly (see ir/build/input-variants.ts): `output` drops writeOnly
 * properties, `input` drops readOnly ones and prints refs to a schema's input variant when it has one.
 */
import type { SchemaIR, TypeNode } from '../../ir/types.js';
import { neutraliseComment, stringLiteral } from '../view/safe.js';

export interface PrintOptions {
  readonly mode: 'input' | 'output';
  /** Schemas by name: in `input` mode a ref prints as the schema's `inputName` when it has one. */
  readonly schemas?: ReadonlyMap<string, SchemaIR>;
  /** Indent unit; continuation lines of multi-line objects are indented by it per level. */
  readonly indent?: string;
  /** Property JSDoc comments (default true). */
  readonly docs?: boolean;
}

const PLAIN_KEY = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

export { stringLiteral };

/** A property name in a type literal. */
export function propertyName(name: string): string {
  return PLAIN_KEY.test(name) && name !== '__proto__' ? name : stringLiteral(name);
}

/** Text safe inside a `/** ... *\/` comment (see neutraliseComment), one line per line. */
export function commentText(text: string): string[] {
  const lines = neutraliseComment(text).split(/\r\n|[\r\n\u2028\u2029]/).map((line) => line.trimEnd());
  while (lines.length > 0 && lines[0] === '') lines.shift();
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function literal(value: string | number | boolean | null): string {
  if (typeof value === 'string') return stringLiteral(value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'number';
  return String(value);
}

export function printType(node: TypeNode, options: PrintOptions, level = 0): string {
  return print(node, options, level, false);
}

/** `nested`: inside an object or array, where a binary string is a JSON string or a multipart file part, not a whole body. */
function print(node: TypeNode, options: PrintOptions, level: number, nested: boolean): string {
  const indent = options.indent ?? '  ';
  switch (node.kind) {
    case 'ref': {
      const schema = options.mode === 'input' ? options.schemas?.get(node.name) : undefined;
      return schema?.inputName ?? node.name;
    }
    case 'string':
      return node.enum !== undefined && node.enum.length > 0 ? node.enum.map(literal).join(' | ') : 'string';
    case 'number':
    case 'integer':
      return node.enum !== undefined && node.enum.length > 0 ? node.enum.map(literal).join(' | ') : 'number';
    case 'boolean':
    case 'null':
    case 'unknown':
      return node.kind;
    case 'binary':
      // A whole body: what the runtime accepts, and what it hands back (a stream, unread). Inside a
      // JSON document "binary" can only be a string; in a multipart body, a file part or a string.
      // A Blob is the runtime's BlobLike: the global Blob needs DOM or Node declarations.
      if (nested) return options.mode === 'input' ? 'BlobLike | Uint8Array | string' : 'string';
      return options.mode === 'input' ? 'BlobLike | Uint8Array' : 'AsyncIterable<Uint8Array>';
    case 'literal':
      return literal(node.value);
    case 'array': {
      const items = print(node.items, options, level, true);
      return needsParens(node.items) ? `(${items})[]` : `${items}[]`;
    }
    case 'union': {
      const members = node.members.map((member) => printMember(member, node, options, level, nested));
      return dedupeText(members).join(' | ');
    }
    case 'intersection':
      return dedupeText(node.members.map((member) => wrap(member, print(member, options, level, nested)))).join(' & ');
    case 'object':
      return printObject(node, options, level, indent);
  }
}

/** A discriminated member prints as `Cat & { "petType": "cat" }` so TypeScript can narrow on it. */
function printMember(member: TypeNode, union: Extract<TypeNode, { kind: 'union' }>, options: PrintOptions, level: number, nested: boolean): string {
  const text = wrap(member, print(member, options, level, nested));
  const discriminator = union.discriminator;
  if (discriminator === undefined || member.kind !== 'ref') return text;
  const values = discriminator.mapping.filter((entry) => entry.type.name === member.name).map((entry) => stringLiteral(entry.value));
  if (values.length === 0) return text;
  return `(${text} & { ${propertyName(discriminator.propertyName)}: ${values.join(' | ')} })`;
}

function needsParens(node: TypeNode): boolean {
  return (
    node.kind === 'union' ||
    node.kind === 'intersection' ||
    node.kind === 'binary' ||
    ((node.kind === 'string' || node.kind === 'number' || node.kind === 'integer') && (node.enum?.length ?? 0) > 1)
  );
}

function wrap(node: TypeNode, text: string): string {
  return needsParens(node) ? `(${text})` : text;
}

function dedupeText(parts: readonly string[]): string[] {
  return [...new Set(parts)];
}

function printObject(node: Extract<TypeNode, { kind: 'object' }>, options: PrintOptions, level: number, indent: string): string {
  const properties = node.properties.filter((p) => !(options.mode === 'input' ? p.readOnly : p.writeOnly));
  const extra = node.additionalProperties;
  if (properties.length === 0) {
    if (extra === false) return '{ [key: string]: never }';
    return `{ [key: string]: ${extra === true ? 'unknown' : print(extra, options, level, true)} }`;
  }
  const inner = indent.repeat(level + 1);
  const lines: string[] = [];
  for (const property of properties) {
    if (options.docs !== false) lines.push(...docComment(property, inner));
    const optional = property.required ? '' : '?';
    lines.push(`${inner}${propertyName(property.name)}${optional}: ${print(property.type, options, level + 1, true)};`);
  }
  // With declared properties an index signature must admit all of them: `unknown` does, a narrower
  // additionalProperties type usually would not.
  if (extra !== false) lines.push(`${inner}[key: string]: unknown;`);
  return `{\n${lines.join('\n')}\n${indent.repeat(level)}}`;
}

function docComment(property: Extract<TypeNode, { kind: 'object' }>['properties'][number], indent: string): string[] {
  const body: string[] = property.description !== undefined ? commentText(property.description) : [];
  if (property.deprecated === true) body.push('@deprecated');
  if (property.type.kind === 'string' && property.type.format !== undefined) body.push(...commentText(`Format: ${property.type.format}`));
  if (property.default !== undefined) body.push(...commentText(`@default ${JSON.stringify(property.default)}`));
  if (body.length === 0) return [];
  if (body.length === 1) return [`${indent}/** ${body[0]} */`];
  return [`${indent}/**`, ...body.map((line) => (line === '' ? `${indent} *` : `${indent} * ${line}`)), `${indent} */`];
}
