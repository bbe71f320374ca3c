/** View of `src/types.ts`: every schema as an exported type, and its input variant when it has one. */
import type { ConnectorIR, SchemaIR } from '../../ir/types.js';
import { docBlock, valueTag } from './doc.js';
import { identifier } from './safe.js';
import type { TypeSource } from './type-source.js';

export interface TypesView {
  readonly sourceTitle: string;
  readonly schemas: { readonly doc: string[]; readonly name: string; readonly type: string }[];
}

export function typesView(ir: ConnectorIR, types: TypeSource, sourceTitle: string): TypesView {
  const schemas: TypesView['schemas'] = [];
  for (const schema of ir.schemas) {
    schemas.push({ doc: schemaDoc(schema), name: identifier(schema.name), type: types.print(schema.type, 'output') });
    if (schema.inputName !== undefined) {
      schemas.push({
        doc: docBlock([`${schema.name} as sent in a request: without read-only properties, files as \`Blob | Uint8Array\`.`]),
        name: identifier(schema.inputName),
        type: types.print(schema.type, 'input'),
      });
    }
  }
  return { sourceTitle, schemas };
}

function schemaDoc(schema: SchemaIR): string[] {
  const tags = [
    schema.deprecated ? '@deprecated' : undefined,
    valueTag('default', schema.default),
    valueTag('example', schema.example),
  ].filter((tag): tag is string => tag !== undefined);
  return docBlock([schema.description], tags);
}
