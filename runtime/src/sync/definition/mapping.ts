/**
 * The sync's mapping step: a function as given, or a declarative mapping (runtime/src/mapping)
 * compiled once before the first page. A mapping that does not compile stops the run before it
 * starts, with the pointer into the sync definition.
 */
import { compileMapping, MappingDefinitionError } from '../../mapping/index.js';
import type { MappingDefinition } from '../../mapping/index.js';
import { SyncError } from '../errors.js';
import type { MappingFunction, SyncDefinition } from './types.js';

export function compileSyncMapping(mapping: SyncDefinition['mapping']): MappingFunction | undefined {
  if (mapping === undefined) return undefined;
  if (typeof mapping === 'function') return mapping as MappingFunction;
  try {
    return compileMapping(mapping as unknown as MappingDefinition) as MappingFunction;
  } catch (error) {
    if (!(error instanceof MappingDefinitionError)) throw error;
    throw new SyncError(error.code, error.message, { pointer: `/mapping${error.pointer}`, ...(error.hint ? { hint: error.hint } : {}), cause: error });
  }
}
