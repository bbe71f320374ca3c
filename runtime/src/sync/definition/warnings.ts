/**
 * Definitions that run but will not do what their author likely expects. Not errors: the sync is
 * still useful, and the author may have chosen it. The CLI prints them before a run.
 *
 * - `CG_SYNC_DELETIONS_UNSEEN`: an incremental bidirectional run reads only what changed since a
 *   side's cursor, so a record deleted on a connector side is noticed only when that side says so
 *   (`tombstone` or `deletions`); without either, its deletions are not propagated (a full run
 *   still finds them by their absence). A store side reports deletions it flagged.
 */
import type { SyncIssue } from '../errors.js';
import { isStoreEndpoint, type DeletionSignals, type SyncDefinition } from './types.js';

export function syncWarnings(definition: SyncDefinition): SyncIssue[] {
  const warnings: SyncIssue[] = [];
  const propagates = (definition.onDelete ?? 'delete') !== 'keep';
  if (definition.direction !== 'both' || definition.mode !== 'incremental' || !propagates) return warnings;
  for (const side of ['source', 'destination'] as const) {
    const endpoint = definition[side];
    if (isStoreEndpoint(endpoint)) continue;
    const signals = endpoint as DeletionSignals;
    if (signals.tombstone || signals.deletions) continue;
    warnings.push({
      code: 'CG_SYNC_DELETIONS_UNSEEN',
      pointer: `/${side}`,
      message: `records deleted at the ${side} are not seen by an incremental run (onDelete: ${definition.onDelete ?? 'delete'} applies only to deletions it sees)`,
      hint: `give the ${side} "tombstone: { path: deleted }" (a field that marks deleted records) or "deletions: { action: listDeleted... }" (a deletions feed), run in full mode now and then, or set onDelete: keep`,
    });
  }
  return warnings;
}
