/**
 * Mapping files: YAML or JSON (YAML 1.2 reads both). Duplicate keys are refused rather than the
 * last one silently winning, and a syntax error says where. The text is only parsed here; the
 * checks are compileMapping's, so a definition built in code gets exactly the same ones.
 */
import { readFile } from 'node:fs/promises';
import { yaml } from './lazy.js';
import { MappingDefinitionError } from './errors.js';
import type { MappingDefinition } from './types.js';

export function parseMapping(text: string, file = 'mapping'): MappingDefinition {
  const doc = yaml().parseDocument(text, { uniqueKeys: true });
  const [error] = doc.errors;
  if (error) {
    const at = error.linePos?.[0];
    throw new MappingDefinitionError('CG_MAPPING_PARSE', '', `${file}${at ? `:${at.line}:${at.col}` : ''}: ${error.message.split('\n')[0]}`, {
      hint: error.code === 'DUPLICATE_KEY' ? 'give each key once' : 'check the YAML/JSON syntax around that line',
    });
  }
  return doc.toJS({ maxAliasCount: 100 }) as MappingDefinition;
}

export async function loadMapping(file: string): Promise<MappingDefinition> {
  return parseMapping(await readFile(file, 'utf8'), file);
}
