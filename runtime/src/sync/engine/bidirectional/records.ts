/**
 * One record on one side of a bidirectional sync, as the engine compares it: hashed in its own
 * shape, and mapped (and hashed) in the other side's shape. The ledger keeps both hashes of the
 * last sync, so a side an incremental run did not read can stand in as "unchanged since then".
 */
import type { Decision, SideNow } from '../../conflict/decide.js';
import { applySyncMapping } from '../../definition/mapping.js';
import type { MappingFunction, SyncDefinition } from '../../definition/types.js';
import type { WriteOp } from '../../destinations/destination.js';
import { recordHash } from '../../hash.js';
import type { LedgerEntry } from '../../store/store.js';
import { idempotencyKey } from '../page.js';

export type Side = 'source' | 'destination';

/** One side's record now, and as the other side holds it: mapped (the same record without a mapping). */
export interface SideRecord extends SideNow {
  readonly mapped: unknown;
  readonly mappedHash: string;
}

export interface Plan {
  readonly id: string;
  readonly entry: LedgerEntry | undefined;
  readonly source: SideRecord | undefined;
  readonly destination: SideRecord | undefined;
  /** Absent when `error` is set. */
  readonly decision: Decision | undefined;
  readonly conflictId?: number;
  /** A record a mapping refused, or one without an id: it is dead-lettered, nothing is written. */
  readonly error?: string;
  /** The record had no id (`id` is only a label): the ledger gets no entry for it. */
  readonly unidentified?: boolean;
  /**
   * A full run found the record missing from a side that also returned records without an id: the
   * deletion (or conflict) that absence would mean is held (../held.ts); nothing is written.
   */
  readonly held?: { readonly missingFrom: Side; readonly unidentified: number };
  readonly raw?: unknown;
}

/** One side's record, hashed and mapped for the other side; a string when the mapping refuses it. */
export function sideOf(record: unknown, map: MappingFunction | undefined): SideRecord | string | undefined {
  if (record === undefined) return undefined;
  const hash = recordHash(record);
  if (!map) return { record, hash, mapped: record, mappedHash: hash };
  const mapped = applySyncMapping(map, record);
  if (!mapped.ok) return `CG_SYNC_MAPPING: ${mapped.errors}`;
  const mappedHash = recordHash(mapped.value);
  return { record, hash, mapped: mapped.value, mappedHash, comparable: mappedHash };
}

/**
 * A side of a synced record that an incremental run did not read: as the ledger last saw it. Its
 * hashes say "unchanged", so decide() copies the other side's change over, or its deletion.
 */
export function unchanged(entry: LedgerEntry, side: Side): SideRecord | undefined {
  const destinationHash = entry.destinationHash ?? entry.hash;
  // '' is a side whose deletion was not carried over (onDelete: keep): it has no record.
  if ((side === 'source' ? entry.hash : destinationHash) === '') return undefined;
  if (side === 'source') return { record: undefined, hash: entry.hash, mapped: undefined, mappedHash: destinationHash, comparable: destinationHash };
  return { record: undefined, hash: destinationHash, mapped: undefined, mappedHash: entry.hash };
}

/**
 * The write a decision needs: which side, and the operation (the winner's record as the other side
 * holds it). A deletion follows `onDelete`: deleted, flagged, or left alone (`keep`: no write).
 */
export function writeFor(plan: Plan, onDelete: SyncDefinition['onDelete']): { side: Side; op: WriteOp } | undefined {
  const d = plan.decision;
  if (!d) return undefined;
  if (d.kind === 'copy') {
    const from = d.from === 'source' ? plan.source! : plan.destination!;
    const side: Side = d.from === 'source' ? 'destination' : 'source';
    const exists = side === 'destination' ? plan.destination !== undefined : plan.source !== undefined;
    return { side, op: { kind: exists ? 'update' : 'create', id: plan.id, record: from.mapped, idempotencyKey: idempotencyKey(side, plan.id, from.mappedHash) } };
  }
  if (d.kind === 'delete' && onDelete !== 'keep') {
    return { side: d.at, op: { kind: onDelete === 'flag' ? 'flag' : 'delete', id: plan.id, idempotencyKey: idempotencyKey(d.at, plan.id, 'delete') } };
  }
  return undefined;
}
