/**
 * Where emit views meet the type printer: TypeScript source for a TypeNode, indented to sit inside
 * the surrounding declaration, and the schema names it refers to (for the import list).
 */
import type { ConnectorIR, SchemaIR, TypeNode } from '../../ir/types.js';
import { propertyKey, stringLiteral } from './safe.js';

export type TypeMode = 'input' | 'output';

export class TypeSource {
  private readonly schemas: ReadonlyMap<string, SchemaIR>;

  constructor(ir: ConnectorIR) {
    this.schemas = new Map(ir.schemas.map((schema) => [schema.name, schema]));
  }

  /** Source of `node`; continuation lines are shifted right by `indent`. */
  print(node: TypeNode, mode: TypeMode, indent = ''): string {
    const text = this.printNode(node, mode, '');
    return indent === '' ? text : text.replace(/\n/g, '\n' + indent);
  }

  /** Names of the schema types `node` mentions when printed in `mode`, into `into`. */
  collectRefs(node: TypeNode, mode: TypeMode, into: Set<string>): void {
    switch (node.kind) {
      case 'ref': {
        const schema = this.schemas.get(node.name);
        into.add(mode === 'input' && schema?.inputName !== undefined ? schema.inputName : node.name);
        return;
      }
      case 'array':
        this.collectRefs(node.items, mode, into);
        return;
      case 'object':
        for (const property of node.properties) {
          if (mode === 'input' && property.readOnly) continue;
          if (mode === 'output' && property.writeOnly) continue;
          this.collectRefs(property.type, mode, into);
        }
        if (typeof node.additionalProperties === 'object') this.collectRefs(node.additionalProperties, mode, into);
        return;
      case 'union':
      case 'intersection':
        for (const member of node.members) this.collectRefs(member, mode, into);
        return;
      default:
        return;
    }
  }

  // TEMPORARY until emit/types/print-type.ts lands: a plain printer so the emit stage runs end to end.
  private printNode(node: TypeNode, mode: TypeMode, indent: string): string {
    switch (node.kind) {
      case 'ref': {
        const schema = this.schemas.get(node.name);
        return mode === 'input' && schema?.inputName !== undefined ? schema.inputName : node.name;
      }
      case 'string':
        return node.enum && node.enum.length > 0 ? node.enum.map(stringLiteral).join(' | ') : 'string';
      case 'number':
      case 'integer':
        return node.enum && node.enum.length > 0 ? node.enum.map(String).join(' | ') : 'number';
      case 'boolean':
      case 'null':
      case 'unknown':
        return node.kind;
      case 'binary':
        return mode === 'input' ? 'Blob | Uint8Array' : 'NodeJS.ReadableStream';
      case 'literal':
        return typeof node.value === 'string' ? stringLiteral(node.value) : String(node.value);
      case 'array': {
        const item = this.printNode(node.items, mode, indent);
        return /^[A-Za-z0-9_$.]+$/.test(item) ? `${item}[]` : `Array<${item}>`;
      }
      case 'object': {
        const inner = indent + '  ';
        const lines = node.properties
          .filter((p) => !(mode === 'input' ? p.readOnly : p.writeOnly))
          .map((p) => `${inner}${propertyKey(p.name).replace(/^\[(.*)\]$/, '$1')}${p.required ? '' : '?'}: ${this.printNode(p.type, mode, inner)};`);
        if (node.additionalProperties !== false) {
          const extra = node.additionalProperties === true ? 'unknown' : this.printNode(node.additionalProperties, mode, inner);
          lines.push(`${inner}[key: string]: ${lines.length > 0 ? 'unknown' : extra};`);
        }
        return lines.length === 0 ? 'Record<string, never>' : `{\n${lines.join('\n')}\n${indent}}`;
      }
      case 'union':
        return node.members.map((m) => this.printNode(m, mode, indent)).join(' | ') || 'never';
      case 'intersection':
        return node.members.map((m) => `(${this.printNode(m, mode, indent)})`).join(' & ') || 'unknown';
    }
  }
}
