/**
 * Carrying out a page's plans: the writes (a store side's go into the page's transaction, a
 * connector side's are called with retries), then what the page commits: ledger, audit rows,
 * conflicts, dead letters and counts.
 */
import type { Destination } from '../../destinations/destination.js';
import { describeError } from '../../errors.js';
import type { AuditEntry, CollectionWrites, Conflict, DeadLetter, LedgerEntry, PageCommit, RunCounts } from '../../store/store.js';
import type { RunContext } from '../context.js';
import { heldRecordError } from '../held.js';
import { mapLimit, withRetry } from '../retry.js';
import { writeFor, type Plan, type Side } from './records.js';

export type Applied = Partial<PageCommit> & { counts: Partial<RunCounts> };

export interface Applier {
  readonly ctx: RunContext;
  readonly writers: Record<Side, Destination>;
  /** Records with an open conflict: recorded once, however many runs find them. */
  readonly open: Set<string>;
}

export async function applyPlans(a: Applier, plans: readonly Plan[]): Promise<Applied> {
  const { ctx } = a;
  const onDelete = ctx.definition.onDelete;
  const now = ctx.clock.now();
  const key = ctx.key;
  const ledger: LedgerEntry[] = [];
  const audit: AuditEntry[] = [];
  const deadLetters: DeadLetter[] = [];
  const conflicts: Conflict[] = [];
  const applied: number[] = [];
  const resolved: string[] = [];
  const writes = new Map<string, CollectionWrites>();
  const counts = { created: 0, updated: 0, deleted: 0, skipped: 0, conflicts: 0, errors: 0, held: 0 };
  const ops = plans.map((plan) => (plan.error === undefined && !plan.held ? writeFor(plan, onDelete) : undefined));
  const results = await mapLimit(plans.map((plan, i) => ({ plan, op: ops[i] })), ctx.concurrency, async ({ plan, op }) => {
    if (plan.error !== undefined) return { ok: false, attempts: 1, error: plan.error };
    if (!op) return { ok: true, attempts: 0 };
    const writer = a.writers[op.side];
    if (writer.collection) {
      const w = writes.get(writer.collection) ?? { collection: writer.collection, upserts: [], deletes: [], flags: [] };
      writes.set(writer.collection, w);
      const list = op.op.kind === 'delete' ? w.deletes : op.op.kind === 'flag' ? w.flags : undefined;
      if (list) (list as string[]).push(op.op.id);
      else (w.upserts as { id: string; data: unknown }[]).push({ id: op.op.id, data: op.op.record });
      return { ok: true, attempts: 0 };
    }
    return withRetry(ctx.retry, ctx.clock, () => writer.apply(op.op, ctx.signal));
  });
  plans.forEach((plan, i) => {
    const result = results[i]!;
    const op = ops[i];
    if (!result.ok) {
      counts.errors++;
      const error = describeError(result.error);
      deadLetters.push({ ...key, runId: ctx.runId, recordId: plan.id, record: ctx.mask(plan.raw ?? plan.source?.record ?? plan.destination?.record), error, attempts: result.attempts, at: now });
      audit.push({ ...key, runId: ctx.runId, recordId: plan.id, action: 'error', error, at: now, ...(op ? { side: op.side } : {}) });
      if (!plan.unidentified) ledger.push(keepEntry(ctx, plan));
      return;
    }
    if (plan.held) {
      // Left as the ledger had it, seen by this run: the next full run decides it again.
      counts.held++;
      ledger.push(keepEntry(ctx, plan));
      const present = plan.held.missingFrom === 'source' ? plan.destination : plan.source;
      const side: Side = plan.held.missingFrom === 'source' ? 'destination' : 'source';
      const before = present?.record === undefined ? {} : { before: ctx.mask(present.record) };
      audit.push({ ...key, runId: ctx.runId, recordId: plan.id, action: 'skip', side, ...before, error: heldRecordError(plan.held.missingFrom, plan.held.unidentified), at: now });
      return;
    }
    const d = plan.decision!;
    if (plan.conflictId !== undefined && d.kind !== 'conflict') applied.push(plan.conflictId);
    if (d.kind !== 'conflict') resolved.push(plan.id);
    if (d.kind === 'conflict') {
      counts.conflicts++;
      if (!a.open.has(plan.id)) {
        a.open.add(plan.id);
        conflicts.push({ ...key, runId: ctx.runId, recordId: plan.id, source: ctx.mask(plan.source?.record), destination: ctx.mask(plan.destination?.record), at: now });
        audit.push({ ...key, runId: ctx.runId, recordId: plan.id, action: 'conflict', before: ctx.mask(plan.destination?.record), after: ctx.mask(plan.source?.record), at: now });
      }
      ledger.push(keepEntry(ctx, plan));
      return;
    }
    if (d.kind === 'in-sync' || d.kind === 'gone') {
      counts.skipped++;
      const hash = plan.source?.hash ?? plan.destination?.mappedHash ?? '';
      const destinationHash = plan.destination?.hash ?? plan.source?.mappedHash ?? '';
      ledger.push({ recordId: plan.id, hash, destinationHash, seenRun: ctx.runId, deleted: d.kind === 'gone' });
      if (ctx.auditSkips && d.kind === 'in-sync') audit.push({ ...key, runId: ctx.runId, recordId: plan.id, action: 'skip', at: now });
      return;
    }
    if (d.kind === 'delete') {
      const other = d.at === 'source' ? plan.source : plan.destination;
      const before = other?.record === undefined ? {} : { before: ctx.mask(other.record) };
      if (op) {
        counts.deleted++;
        ledger.push({ recordId: plan.id, hash: '', destinationHash: '', seenRun: ctx.runId, deleted: true });
        audit.push({ ...key, runId: ctx.runId, recordId: plan.id, action: 'delete', side: d.at, ...before, at: now });
        return;
      }
      // onDelete: keep. The ledger remembers the deletion ('' for the deleted side) and the kept
      // copy, so reading either again decides the same; a later change to the copy is a conflict.
      counts.skipped++;
      const keptHash = other?.hash ?? (d.at === 'source' ? plan.entry?.hash : plan.entry?.destinationHash) ?? '';
      const hashes = d.at === 'source' ? { hash: keptHash, destinationHash: '' } : { hash: '', destinationHash: keptHash };
      ledger.push({ recordId: plan.id, ...hashes, seenRun: ctx.runId, deleted: false });
      audit.push({ ...key, runId: ctx.runId, recordId: plan.id, action: 'skip', side: d.at, ...before, at: now });
      return;
    }
    const target = op!.side;
    const before = target === 'source' ? plan.source?.record : plan.destination?.record;
    const winner = d.from === 'source' ? plan.source! : plan.destination!;
    if (op!.op.kind === 'create') counts.created++;
    else counts.updated++;
    // The ledger holds each side's hash in that side's shape: the winner's own, and its mapped copy's.
    const hashes = d.from === 'source' ? { hash: winner.hash, destinationHash: winner.mappedHash } : { hash: winner.mappedHash, destinationHash: winner.hash };
    ledger.push({ recordId: plan.id, ...hashes, seenRun: ctx.runId, deleted: false });
    audit.push({ ...key, runId: ctx.runId, recordId: plan.id, action: op!.op.kind as 'create' | 'update', side: target, ...(before === undefined ? {} : { before: ctx.mask(before) }), after: ctx.mask(winner.mapped), at: now });
  });
  return { ledger, audit, deadLetters, resolvedDeadLetters: resolved, conflicts, appliedConflicts: applied, writes: [...writes.values()], counts };
}

/**
 * A record left as it was (a manual conflict, a failed write): seen by this run, so the reverse
 * phase passes it by, with what the ledger knew kept so the next run decides it again. A record
 * the ledger did not know is marked deleted, which decide.ts reads as "never synced".
 */
function keepEntry(ctx: RunContext, plan: Plan): LedgerEntry {
  return plan.entry ? { ...plan.entry, seenRun: ctx.runId } : { recordId: plan.id, hash: '', destinationHash: '', seenRun: ctx.runId, deleted: true };
}
