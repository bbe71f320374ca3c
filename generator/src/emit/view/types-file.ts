/** View of `src/types.ts`: every schema as an exported type, and its input variant when it has one. */
import type { ConnectorIR, SchemaIR, TypeNode } from '../../ir/types.js';
import { docBlock, valueTag } from './doc.js';
import { importStatement, RUNTIME_ENTRY } from './imports.js';
import { identifier } from './safe.js';
import type { TypeSource } from './type-source.js';

export interface TypesView {
  readonly sourceTitle: string;
  readonly imports: string[];
  readonly schemas: { readonly doc: string[]; readonly name: string; readonly type: string }[];
}

export function typesView(ir: ConnectorIR, types: TypeSource, sourceTitle: string): TypesView {
  const schemas: TypesView['schemas'] = [];
  let blob = false;
  for (const schema of ir.schemas) {
    if (schema.inputName !== undefined && types.namesBlobLike(schema.type, 'input')) blob = true;
    schemas.push({ doc: schemaDoc(schema), name: identifier(schema.name), type: types.print(schema.type, 'output') });
    if (schema.inputName !== undefined) {
      schemas.push({
        doc: docBlock([inputDoc(schema)]),
        name: identifier(schema.inputName),
        type: types.print(schema.type, 'input'),
      });
    }
  }
  return { sourceTitle, imports: blob ? [importStatement(['BlobLike'], RUNTIME_ENTRY, true)] : [], schemas };
}

/** Why the input variant differs, from what its own type holds (refs only: their input forms). */
function inputDoc(schema: SchemaIR): string {
  const found = { readOnly: false, binary: false };
  const visit = (node: TypeNode): void => {
    if (node.kind === 'binary') found.binary = true;
    else if (node.kind === 'array') visit(node.items);
    else if (node.kind === 'union' || node.kind === 'intersection') node.members.forEach(visit);
    else if (node.kind === 'object') {
      for (const property of node.properties) {
        if (property.readOnly === true) found.readOnly = true;
        visit(property.type);
      }
    }
  };
  visit(schema.type);
  const how = [found.readOnly ? 'without its read-only properties' : '', found.binary ? 'files as `BlobLike | Uint8Array`' : ''].filter(Boolean);
  return `${schema.name} as sent in a request: ${how.length > 0 ? how.join(', ') : 'the input forms of the types it uses'}.`;
}

function schemaDoc(schema: SchemaIR): string[] {
  const tags = [
    schema.deprecated ? '@deprecated' : undefined,
    valueTag('default', schema.default),
    valueTag('example', schema.example),
  ].filter((tag): tag is string => tag !== undefined);
  return docBlock([schema.description], tags);
}
