/**
 * Deletions at a connector source, made after the source has been read. The read phase pages
 * through the source; deleting one of its records in the middle would shift every later page of an
 * offset-paginated list by one, so a record would never be read, look missing from the source, and
 * be deleted at the destination too. So the read phase only notes such a deletion (a row of a store
 * collection, committed with its page) and the `delete` phase, after the reverse pass, makes them:
 * a page of notes per commit, each note removed as its deletion is recorded.
 */
import type { Destination, WriteOp } from '../../destinations/destination.js';
import { describeError } from '../../errors.js';
import type { AuditEntry, DeadLetter, LedgerEntry, PageCommit, RunCounts } from '../../store/store.js';
import type { RunContext } from '../context.js';
import { mapLimit, withRetry } from '../retry.js';

/** What the read phase notes for a deletion it leaves to the `delete` phase. */
export interface DeferredDeletion {
  readonly op: WriteOp;
  /** The source record as read (masked): the audit row's `before`. */
  readonly before?: unknown;
  /** The resolved conflict this deletion carries out. */
  readonly conflictId?: number;
}

export function deferredCollection(ctx: RunContext): string {
  return `_sync:${ctx.key.syncId}:${ctx.key.connectionId}:source-deletions`;
}

export type DeferredPage = Partial<PageCommit> & { counts: Pick<RunCounts, 'deleted' | 'errors'> };

/** Makes the next page of noted deletions; undefined when none are left. */
export async function nextDeferred(ctx: RunContext, source: Destination, pageSize: number): Promise<DeferredPage | undefined> {
  const collection = deferredCollection(ctx);
  const rows = await ctx.store.listRecords(collection, { limit: pageSize });
  if (rows.length === 0) return undefined;
  const notes = rows.map((row) => ({ id: row.id, note: row.data as DeferredDeletion }));
  const results = await mapLimit(notes, ctx.concurrency, ({ note }) => withRetry(ctx.retry, ctx.clock, () => source.apply(note.op, ctx.signal)));
  const now = ctx.clock.now();
  const { key, runId } = ctx;
  const ledger: LedgerEntry[] = [];
  const audit: AuditEntry[] = [];
  const deadLetters: DeadLetter[] = [];
  const resolved: string[] = [];
  const applied: number[] = [];
  const counts = { deleted: 0, errors: 0 };
  notes.forEach(({ id, note }, i) => {
    const result = results[i]!;
    if (!result.ok) {
      // The ledger keeps the pair as it was (seen by this run): the next run decides it again.
      counts.errors++;
      const error = describeError(result.error);
      deadLetters.push({ ...key, runId, recordId: id, record: { delete: id }, error, attempts: result.attempts, at: now });
      audit.push({ ...key, runId, recordId: id, action: 'error', side: 'source', error, at: now });
      return;
    }
    counts.deleted++;
    ledger.push({ recordId: id, hash: '', destinationHash: '', seenRun: runId, deleted: true });
    audit.push({ ...key, runId, recordId: id, action: 'delete', side: 'source', ...(note.before === undefined ? {} : { before: note.before }), at: now });
    resolved.push(id);
    if (note.conflictId !== undefined) applied.push(note.conflictId);
  });
  const writes = [{ collection, upserts: [], deletes: notes.map((n) => n.id), flags: [] }];
  return { ledger, audit, deadLetters, resolvedDeadLetters: resolved, appliedConflicts: applied, writes, counts };
}
