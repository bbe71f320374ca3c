/**
 * What a bidirectional sync does with one record, from the ledger (both sides' hashes at the last
 * sync) and both sides now. A pure decision, table-tested:
 * - changed on one side only: copy it to the other (a deletion deletes);
 * - the same on both sides (in either side's shape), or changed on neither: nothing to do;
 * - changed on both sides differently: a conflict, for the policy.
 * A record never synced before counts as changed on every side that has it.
 */
import type { LedgerEntry } from '../store/store.js';

export interface SideNow {
  readonly record: unknown;
  readonly hash: string;
  /**
   * The record mapped into the other side's shape, hashed. Absent without a mapping. Two records
   * are in step when either side's mapped copy hashes like the other side's record: a destination
   * record with fields the source has no place for (the app's own id, say) is in step with a source
   * record it maps back to.
   */
  readonly comparable?: string;
}

export type Decision =
  | { readonly kind: 'in-sync' }
  | { readonly kind: 'copy'; readonly from: 'source' | 'destination' }
  | { readonly kind: 'delete'; readonly at: 'source' | 'destination' }
  | { readonly kind: 'gone' }
  | { readonly kind: 'conflict' };

export function decide(entry: LedgerEntry | undefined, source: SideNow | undefined, destination: SideNow | undefined): Decision {
  const known = entry && !entry.deleted ? entry : undefined;
  const sourceChanged = source ? source.hash !== known?.hash : known !== undefined;
  const destinationChanged = destination ? destination.hash !== known?.destinationHash : known !== undefined;
  if (!source && !destination) return { kind: 'gone' };
  if (source && destination && ((source.comparable ?? source.hash) === destination.hash || destination.comparable === source.hash)) return { kind: 'in-sync' };
  if (!sourceChanged && !destinationChanged) return { kind: 'in-sync' };
  if (sourceChanged && !destinationChanged) return source ? { kind: 'copy', from: 'source' } : { kind: 'delete', at: 'destination' };
  if (!sourceChanged && destinationChanged) return destination ? { kind: 'copy', from: 'destination' } : { kind: 'delete', at: 'source' };
  return { kind: 'conflict' };
}

/** The decision a conflict's winner turns into. */
export function resolveTo(winner: 'source' | 'destination', source: SideNow | undefined, destination: SideNow | undefined): Decision {
  if (winner === 'source') return source ? { kind: 'copy', from: 'source' } : { kind: 'delete', at: 'destination' };
  return destination ? { kind: 'copy', from: 'destination' } : { kind: 'delete', at: 'source' };
}
