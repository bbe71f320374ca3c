/**
 * View of `src/mappings.ts`, written when connector.yaml has `mappings`: one compiled mapping per
 * entry, typed by its action through the connector's own interface (`ActionRecord` of the action
 * for `output`, `ActionInput` for `input`), so the types follow the spec without naming them here.
 */
import type { ConnectorIR } from '../../ir/types.js';
import { docBlock } from './doc.js';
import { importStatement } from './imports.js';
import { dataLiteral, type Data } from './literal.js';
import { propertyKey, stringLiteral } from './safe.js';

export interface MappingsView {
  readonly sourceTitle: string;
  readonly imports: string[];
  readonly mappings: Array<{ readonly doc: string[]; readonly key: string; readonly type: string; readonly definition: string }>;
}

export function mappingsView(ir: ConnectorIR, connectorType: string, sourceTitle: string): MappingsView {
  const mappings = ir.mappings ?? [];
  const directions = new Set(mappings.map((m) => m.direction));
  return {
    sourceTitle,
    imports: [
      importStatement(['compileMapping'], '@connectgen/runtime', false),
      importStatement(['MappingFunction', ...(directions.has('output') ? ['ActionRecord'] : []), ...(directions.has('input') ? ['ActionInput'] : [])], '@connectgen/runtime', true),
      importStatement([connectorType], './index.js', true),
    ],
    mappings: mappings.map((m) => {
      const action = `${connectorType}[${stringLiteral(m.action)}]`;
      const type =
        m.direction === 'output'
          ? `MappingFunction<ActionRecord<${action}>, Record<string, unknown>>`
          : `MappingFunction<Record<string, unknown>, ActionInput<${action}>>`;
      const what = m.direction === 'output' ? `Maps a record of \`${m.action}\` to your shape.` : `Maps your record to the input of \`${m.action}\`.`;
      return {
        doc: docBlock([m.description, what], ['Returns `{ ok: true, value }` or `{ ok: false, errors }`; never throws for bad data.']).map((line) => `  ${line}`),
        key: propertyKey(m.name),
        type,
        definition: dataLiteral({ mappings: m.entries as unknown as Data } as Data, '  ', `  ${propertyKey(m.name)}: (`.length),
      };
    }),
  };
}

