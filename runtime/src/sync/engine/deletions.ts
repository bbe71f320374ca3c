/**
 * The end of a full run: records the ledger holds that the run did not see have left the source, and
 * are deleted (or flagged) at the destination, a batch per commit. A record whose delete keeps
 * failing is marked seen by this run, so the loop moves on; the next full run tries it again.
 * When the source returned records without an id in this run, its absences prove nothing (held.ts):
 * the same batches are held instead, each record marked seen with an audit row, nothing deleted.
 */
import { describeError } from '../errors.js';
import type { AuditEntry, CollectionWrites, DeadLetter, LedgerEntry } from '../store/store.js';
import type { RunContext } from './context.js';
import { heldRecordError } from './held.js';
import { mapLimit, withRetry } from './retry.js';
import { idempotencyKey } from './page.js';

export interface DeletionBatch {
  readonly ledger: LedgerEntry[];
  readonly audit: AuditEntry[];
  readonly deadLetters: DeadLetter[];
  /** Records deleted after all: their dead letters are resolved. */
  readonly resolved: string[];
  readonly writes: CollectionWrites | undefined;
  readonly deleted: number;
  readonly errors: number;
  readonly held: number;
}

/**
 * The next batch of deletions, or undefined when none are left. With `parentId`, only a child
 * stream's records read under that parent before and missing from its children now.
 */
export async function deleteUnseen(ctx: RunContext, batchSize: number, parentId?: string, hold?: { readonly unidentified: number }): Promise<DeletionBatch | undefined> {
  const { key, runId, clock } = ctx;
  const unseen = await ctx.store.unseenLedger(key, runId, batchSize, parentId);
  if (unseen.length === 0) return undefined;
  if (hold) return holdBatch(ctx, unseen, hold.unidentified);
  const flag = ctx.definition.onDelete === 'flag';
  const now = clock.now();
  const collection = ctx.destination.collection;
  const writes: CollectionWrites | undefined = collection ? { collection, upserts: [], deletes: flag ? [] : unseen.map((e) => e.recordId), flags: flag ? unseen.map((e) => e.recordId) : [] } : undefined;
  const before = collection ? await ctx.store.getRecords(collection, unseen.map((e) => e.recordId)) : undefined;

  const results = await mapLimit(unseen, collection ? 1 : ctx.concurrency, async (entry) => {
    if (collection) return { ok: true, attempts: 0 };
    const op = { kind: flag ? ('flag' as const) : ('delete' as const), id: entry.recordId, idempotencyKey: idempotencyKey(key.syncId, entry.recordId, 'delete') };
    return withRetry(ctx.retry, clock, () => ctx.destination.apply(op, ctx.signal));
  });

  const batch: DeletionBatch = { ledger: [], audit: [], deadLetters: [], resolved: [], writes, deleted: 0, errors: 0, held: 0 };
  const counts = batch as { deleted: number; errors: number };
  unseen.forEach((entry, i) => {
    const result = results[i]!;
    if (result.ok) {
      counts.deleted++;
      batch.ledger.push({ ...entry, seenRun: runId, deleted: true });
      batch.resolved.push(entry.recordId);
      // A store collection's copy as it was; a connector's, as this sync last wrote it (masked).
      const stored = before?.get(entry.recordId)?.data;
      const previous = before ? (stored === undefined ? undefined : ctx.mask(stored)) : entry.written;
      batch.audit.push({ ...key, runId, recordId: entry.recordId, action: 'delete', before: previous, at: now });
      return;
    }
    counts.errors++;
    const error = describeError(result.error);
    batch.ledger.push({ ...entry, seenRun: runId });
    batch.deadLetters.push({ ...key, runId, recordId: entry.recordId, record: { delete: entry.recordId }, error, attempts: result.attempts, at: now });
    batch.audit.push({ ...key, runId, recordId: entry.recordId, action: 'error', error, at: now });
  });
  return batch;
}

/** Records the source seemed to lack, kept: seen by this run (so the loop moves on), as they were. */
function holdBatch(ctx: RunContext, unseen: readonly LedgerEntry[], unidentified: number): DeletionBatch {
  const { key, runId } = ctx;
  const now = ctx.clock.now();
  const error = heldRecordError('source', unidentified);
  return {
    ledger: unseen.map((entry) => ({ ...entry, seenRun: runId })),
    audit: unseen.map((entry) => ({ ...key, runId, recordId: entry.recordId, action: 'skip' as const, ...(entry.written === undefined ? {} : { before: entry.written }), error, at: now })),
    deadLetters: [],
    resolved: [],
    writes: undefined,
    deleted: 0,
    errors: 0,
    held: unseen.length,
  };
}
