/**
 * Where emit views meet the type printer: TypeScript source for a TypeNode, indented to sit inside
 * the surrounding declaration, and the schema names it refers to (for the import list).
 */
import type { ConnectorIR, SchemaIR, TypeNode } from '../../ir/types.js';
import { printType } from '../types/print-type.js';

export type TypeMode = 'input' | 'output';

export class TypeSource {
  private readonly schemas: ReadonlyMap<string, SchemaIR>;

  constructor(ir: ConnectorIR) {
    this.schemas = new Map(ir.schemas.map((schema) => [schema.name, schema]));
  }

  /** Source of `node`, for a position nested `level` indents deep (continuation lines follow it). */
  print(node: TypeNode, mode: TypeMode, level = 0): string {
    return printType(node, { mode, schemas: this.schemas, indent: '  ' }, level);
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

  /** Whether `node` printed in `mode` names the runtime's `BlobLike` (a file in a request), to import it. */
  namesBlobLike(node: TypeNode, mode: TypeMode): boolean {
    if (mode === 'output') return false;
    switch (node.kind) {
      case 'binary':
        return true;
      case 'array':
        return this.namesBlobLike(node.items, mode);
      case 'object':
        return (
          node.properties.some((property) => !property.readOnly && this.namesBlobLike(property.type, mode)) ||
          (typeof node.additionalProperties === 'object' && this.namesBlobLike(node.additionalProperties, mode))
        );
      case 'union':
      case 'intersection':
        return node.members.some((member) => this.namesBlobLike(member, mode));
      default:
        return false;
    }
  }
}
