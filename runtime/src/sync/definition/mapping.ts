/**
 * The sync's mapping step: a function as given, or a declarative mapping (runtime/src/mapping)
 * compiled once before the first page. A mapping that does not compile stops the run before it
 * starts, with the pointer into the sync definition.
 */
import { compileMapping, MappingDefinitionError } from '../../mapping/index.js';
import type { MappingDefinition } from '../../mapping/index.js';
import { describeError, SyncError } from '../errors.js';
import type { MappingFunction, SyncDefinition } from './types.js';

export function compileSyncMapping(mapping: SyncDefinition['mapping'], pointer = '/mapping'): MappingFunction | undefined {
  if (mapping === undefined) return undefined;
  if (typeof mapping === 'function') return mapping as MappingFunction;
  try {
    return compileMapping(mapping as unknown as MappingDefinition) as MappingFunction;
  } catch (error) {
    if (!(error instanceof MappingDefinitionError)) throw error;
    throw new SyncError(error.code, error.message, { pointer: `${pointer}${error.pointer}`, ...(error.hint ? { hint: error.hint } : {}), cause: error });
  }
}

/** One record through a mapping: its value, or the mapping's errors as one line (a throw counts as one). */
export function applySyncMapping(map: MappingFunction | undefined, raw: unknown): { ok: true; value: unknown } | { ok: false; errors: string } {
  if (!map) return { ok: true, value: raw };
  let result: unknown;
  try {
    result = map(raw);
  } catch (error) {
    return { ok: false, errors: describeError(error) };
  }
  if (result !== null && typeof result === 'object' && typeof (result as { ok?: unknown }).ok === 'boolean' && ('value' in result || 'errors' in result)) {
    const r = result as { ok: boolean; value?: unknown; errors?: readonly unknown[] };
    if (r.ok) return { ok: true, value: r.value };
    return { ok: false, errors: (r.errors ?? []).map((e) => (typeof e === 'string' ? e : JSON.stringify(e))).join('; ') };
  }
  return { ok: true, value: result };
}
