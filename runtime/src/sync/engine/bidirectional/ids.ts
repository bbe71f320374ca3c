/**
 * Where each side of a bidirectional sync keeps the shared record id, and the checks that keep a
 * record from being lost or doubled on the way across. A source record keeps it at `idPath`; a
 * connector destination record at its own `idPath` (a CRM contact's `id` is an app record's
 * `externalId`); a store collection keeps each record under it. A connector side's record without
 * an id cannot be matched with its other copy, and a mapped copy without the id where the other side
 * reads it would come back as a record nobody knows: both are the record's error, never written.
 */
import { getPath } from '../../../path/index.js';
import { isStoreEndpoint, type ConnectorDestination, type SyncDefinition } from '../../definition/types.js';
import type { Side } from './records.js';

export type IdPaths = Readonly<Record<Side, string>>;

export function idPathsOf(def: SyncDefinition): IdPaths {
  const destination = isStoreEndpoint(def.destination) ? undefined : (def.destination as ConnectorDestination).idPath;
  return { source: def.idPath, destination: destination ?? def.idPath };
}

/**
 * For a record read from each side: the path its mapped copy must hold the id at, or undefined when
 * nothing reads it there (no mapping: the record crosses as it is; or the other side is a store
 * collection, which keeps the record under the id whatever the record holds).
 */
export function mappedIdPaths(def: SyncDefinition, paths: IdPaths): Readonly<Record<Side, string | undefined>> {
  const mapped = def.mapping !== undefined;
  return {
    source: mapped && !isStoreEndpoint(def.destination) ? paths.destination : undefined,
    destination: mapped && !isStoreEndpoint(def.source) ? paths.source : undefined,
  };
}

/** The id at `path`, as a string; undefined unless it is a string or a number. */
export function idAt(record: unknown, path: string): string | undefined {
  const value = getPath(record, path);
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

export function noIdError(where: string, path: string): string {
  return `CG_SYNC_NO_ID: no string or number at ${where}'s idPath "${path}"`;
}

/** Undefined when the mapped copy holds `id` at `path`; else the record's error. */
export function mappedIdError(mapped: unknown, id: string, path: string, to: Side): string | undefined {
  const found = idAt(mapped, path);
  if (found === id) return undefined;
  const what = found === undefined ? 'no id' : `id "${found}"`;
  const mappingKey = to === 'destination' ? 'mapping' : 'reverseMapping';
  return `CG_SYNC_NO_ID: record "${id}" mapped for the ${to} has ${what} at "${path}" (${mappingKey} must write the record id there)`;
}
