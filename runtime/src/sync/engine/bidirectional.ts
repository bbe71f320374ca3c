/**
 * A bidirectional run. Both sides are compared against the ledger, which holds each record's hash
 * on each side as of the last run, so a change is noticed on whichever side made it:
 * - `snapshot` (a connector destination only): its records are copied into a store collection, a
 *   page per commit, so the next phases can look records up by id and page through them;
 * - `read`: each source page, with the destination's copies of the same ids, decided by decide.ts;
 * - `reverse`: destination records the source did not have this run (new there, or deleted at the
 *   source).
 * Conflicts go to the policy; `manual` keeps them in the conflicts table until a person resolves
 * one, and the run after that writes the chosen side.
 * With a mapping, each side is kept in its own shape: `mapping` turns a source record into the
 * destination's, `reverseMapping` back; the ledger holds each side's hash in that side's shape, and a
 * new pair counts as in step when the source record, mapped, hashes like the destination's.
 * Incremental mode reads the source from the cursor (less the lookback) and the destination whole:
 * a record the source did not return counts as unchanged there, so its destination changes are
 * copied back; deletions at the source are not seen (that takes a full run).
 */
import { getPath } from '../../path/index.js';
import { CONFLICT_POLICIES } from '../conflict/registry.js';
import { decide, resolveTo, type Decision, type SideNow } from '../conflict/decide.js';
import { applySyncMapping, compileSyncMapping } from '../definition/mapping.js';
import type { ConnectorSource, MappingFunction } from '../definition/types.js';
import { isStoreEndpoint } from '../definition/types.js';
import { connectorDestination } from '../destinations/connector.js';
import type { Destination, WriteOp } from '../destinations/destination.js';
import { describeError } from '../errors.js';
import { recordHash } from '../hash.js';
import { connectorSource } from '../sources/connector.js';
import type { Source } from '../sources/source.js';
import { storeSource } from '../sources/store.js';
import { compareCursors, maxCursor, minCursor, toCursor } from '../cursor.js';
import type { AuditEntry, Checkpoint, CollectionWrites, Conflict, CursorValue, DeadLetter, LedgerEntry, PageCommit, RunCounts } from '../store/store.js';
import type { RunContext } from './context.js';
import { idempotencyKey } from './page.js';
import { mapLimit, withRetry } from './retry.js';

type Side = 'source' | 'destination';
type Commit = (cp: Checkpoint, parts: Partial<PageCommit>) => Promise<void>;

/** One side's record now, and as the other side holds it: mapped (the same record without a mapping). */
interface SideRecord extends SideNow {
  readonly mapped: unknown;
  readonly mappedHash: string;
}

interface Plan {
  readonly id: string;
  readonly entry: LedgerEntry | undefined;
  readonly source: SideRecord | undefined;
  readonly destination: SideRecord | undefined;
  /** Absent when `error` is set. */
  readonly decision: Decision | undefined;
  readonly conflictId?: number;
  /** A record a mapping refused: it is dead-lettered, nothing is written. */
  readonly error?: string;
  readonly raw?: unknown;
}

export interface BidirectionalDeps {
  readonly ctx: RunContext;
  readonly current: () => Checkpoint;
  readonly commit: Commit;
  readonly pageSize: number;
  readonly errors: string[];
  /** Incremental: the committed cursor less the lookback; source records older than it are not read again. */
  readonly since: CursorValue | undefined;
}

type Settled = Partial<PageCommit> & { counts: Partial<RunCounts>; maxCursor?: CursorValue; minFailedCursor?: CursorValue };

export async function runBidirectional(deps: BidirectionalDeps): Promise<void> {
  const { ctx, current, commit, pageSize } = deps;
  const def = ctx.definition;
  const policy = CONFLICT_POLICIES[def.conflict ?? 'manual']!;
  const snapshot = isStoreEndpoint(def.destination) ? def.destination.store : `_sync:${ctx.key.syncId}:${ctx.key.connectionId}:destination`;
  // mapping: source record -> destination record; reverseMapping: back (validate.ts wants both or neither).
  const toDestination = ctx.map;
  const toSource = compileSyncMapping(def.reverseMapping, '/reverseMapping');
  const writers: Record<Side, Destination> = {
    source: isStoreEndpoint(def.source) ? storeWriter(def.source.store) : connectorDestination(def.source as ConnectorSource, '/source'),
    destination: ctx.destination,
  };

  if (current().phase === 'snapshot') {
    if (current().pagesDone === 0) await ctx.store.clearCollection(snapshot);
    const reader = connectorSource({ ...(def.destination as ConnectorSource) }, '/destination');
    for await (const page of pagesFrom(reader, current().page, pageSize)) {
      const upserts = page.records.map((r) => ({ id: String(getPath(r, def.idPath)), data: r }));
      const cp = current();
      await commit(nextCheckpoint(cp, page.next, 'read'), { writes: [{ collection: snapshot, upserts, deletes: [], flags: [] }] });
    }
  }

  const settled = new Map((await ctx.store.listConflicts({ syncId: ctx.key.syncId, status: 'resolved' })).map((c) => [c.recordId, c]));
  const open = new Set((await ctx.store.listConflicts({ syncId: ctx.key.syncId, status: 'open' })).map((c) => c.recordId));

  const settle = async (records: readonly unknown[], from: 'source' | 'destination'): Promise<Settled> => {
    const byId = new Map<string, unknown>();
    const cursors = new Map<string, CursorValue | undefined>();
    let older = 0;
    for (const r of records) {
      const id = String(getPath(r, def.idPath));
      const cursor = from === 'source' && def.cursor ? toCursor(getPath(r, def.cursor.field)) : undefined;
      // Incremental without a since parameter at the source: what did not change since the cursor is passed over.
      if (deps.since !== undefined && cursor !== undefined && compareCursors(cursor, deps.since) < 0) {
        older++;
        continue;
      }
      byId.set(id, r);
      cursors.set(id, cursor);
    }
    const ids = [...byId.keys()];
    const ledger = await ctx.store.getLedger(ctx.key, ids);
    const other = from === 'source' ? await ctx.store.getRecords(snapshot, ids) : undefined;
    const plans: Plan[] = [];
    for (const id of ids) {
      const entry = ledger.get(id);
      if (from === 'destination' && entry?.seenRun === ctx.runId) continue; // settled in the read phase
      const sourceRecord = from === 'source' ? byId.get(id) : undefined;
      const destinationRecord = from === 'source' ? other?.get(id)?.data : byId.get(id);
      // Incremental: a synced record the source did not return has not changed there since the cursor.
      const unread = from === 'destination' && def.mode === 'incremental' && entry && !entry.deleted ? unchangedSource(entry) : undefined;
      const source = unread ?? sideOf(sourceRecord, toDestination, true);
      const destination = sideOf(destinationRecord, toSource, false);
      if (typeof source === 'string' || typeof destination === 'string') {
        const error = typeof source === 'string' ? source : (destination as string);
        plans.push({ id, entry, source: undefined, destination: undefined, decision: undefined, error, raw: typeof source === 'string' ? sourceRecord : destinationRecord });
        continue;
      }
      let decision = decide(entry, source, destination);
      let conflictId: number | undefined;
      if (decision.kind === 'conflict') {
        const resolved = settled.get(id);
        // Both in the source's shape, where the cursor field's path points.
        const winner = resolved?.resolution ?? policy.decide({ source: source?.record, destination: destination?.mapped, updatedAtPath: def.cursor?.field });
        if (winner !== 'manual') decision = resolveTo(winner, source, destination);
        if (resolved) conflictId = resolved.id;
      }
      plans.push({ id, entry, source, destination, decision, ...(conflictId === undefined ? {} : { conflictId }) });
    }
    const outcome: Settled = await apply(plans);
    outcome.counts.skipped = (outcome.counts.skipped ?? 0) + older;
    // The cursor passes what was settled, never a record that failed or waits as a conflict.
    const held = new Set([...(outcome.deadLetters ?? []).map((d) => d.recordId), ...plans.filter((p) => p.decision?.kind === 'conflict').map((p) => p.id)]);
    for (const [id, cursor] of cursors) {
      if (held.has(id)) outcome.minFailedCursor = minCursor(outcome.minFailedCursor, cursor);
      else outcome.maxCursor = maxCursor(outcome.maxCursor, cursor);
    }
    return outcome;
  };

  const apply = async (plans: readonly Plan[]): Promise<Partial<PageCommit> & { counts: Partial<RunCounts> }> => {
    const now = ctx.clock.now();
    const key = ctx.key;
    const ledger: LedgerEntry[] = [];
    const audit: AuditEntry[] = [];
    const deadLetters: DeadLetter[] = [];
    const conflicts: Conflict[] = [];
    const applied: number[] = [];
    const resolved: string[] = [];
    const writes = new Map<string, CollectionWrites>();
    const counts = { created: 0, updated: 0, deleted: 0, skipped: 0, conflicts: 0, errors: 0 };
    const results = await mapLimit(plans, ctx.concurrency, async (plan) => {
      if (plan.error !== undefined) return { ok: false, attempts: 1, error: plan.error };
      const op = writeFor(plan);
      if (!op) return { ok: true, attempts: 0 };
      const writer = writers[op.side];
      if (writer.collection) {
        const w = writes.get(writer.collection) ?? { collection: writer.collection, upserts: [], deletes: [], flags: [] };
        writes.set(writer.collection, w);
        if (op.op.kind === 'delete') (w.deletes as string[]).push(op.op.id);
        else (w.upserts as { id: string; data: unknown }[]).push({ id: op.op.id, data: op.op.record });
        return { ok: true, attempts: 0 };
      }
      return withRetry(ctx.retry, ctx.clock, () => writer.apply(op.op, ctx.signal));
    });
    plans.forEach((plan, i) => {
      const result = results[i]!;
      const op = plan.error === undefined ? writeFor(plan) : undefined;
      if (!result.ok) {
        counts.errors++;
        const error = describeError(result.error);
        deadLetters.push({ ...key, runId: ctx.runId, recordId: plan.id, record: ctx.mask(plan.raw ?? plan.source?.record ?? plan.destination?.record), error, attempts: result.attempts, at: now });
        audit.push({ ...key, runId: ctx.runId, recordId: plan.id, action: 'error', error, at: now, ...(op ? { side: op.side } : {}) });
        ledger.push(keepEntry(plan));
        return;
      }
      const d = plan.decision!;
      if (plan.conflictId !== undefined && d.kind !== 'conflict') applied.push(plan.conflictId);
      if (d.kind !== 'conflict') resolved.push(plan.id);
      if (d.kind === 'conflict') {
        counts.conflicts++;
        if (!open.has(plan.id)) {
          open.add(plan.id);
          conflicts.push({ ...key, runId: ctx.runId, recordId: plan.id, source: ctx.mask(plan.source?.record), destination: ctx.mask(plan.destination?.record), at: now });
          audit.push({ ...key, runId: ctx.runId, recordId: plan.id, action: 'conflict', before: ctx.mask(plan.destination?.record), after: ctx.mask(plan.source?.record), at: now });
        }
        ledger.push(keepEntry(plan));
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
      const target = op!.side;
      const before = target === 'source' ? plan.source?.record : plan.destination?.record;
      if (d.kind === 'delete') {
        counts.deleted++;
        ledger.push({ recordId: plan.id, hash: '', destinationHash: '', seenRun: ctx.runId, deleted: true });
        audit.push({ ...key, runId: ctx.runId, recordId: plan.id, action: 'delete', side: target, before: ctx.mask(before), at: now });
        return;
      }
      const winner = d.from === 'source' ? plan.source! : plan.destination!;
      if (op!.op.kind === 'create') counts.created++;
      else counts.updated++;
      // The ledger holds each side's hash in that side's shape: the winner's own, and its mapped copy's.
      const hashes = d.from === 'source' ? { hash: winner.hash, destinationHash: winner.mappedHash } : { hash: winner.mappedHash, destinationHash: winner.hash };
      ledger.push({ recordId: plan.id, ...hashes, seenRun: ctx.runId, deleted: false });
      audit.push({ ...key, runId: ctx.runId, recordId: plan.id, action: op!.op.kind as 'create' | 'update', side: target, ...(before === undefined ? {} : { before: ctx.mask(before) }), after: ctx.mask(winner.mapped), at: now });
    });
    return { ledger, audit, deadLetters, resolvedDeadLetters: resolved, conflicts, appliedConflicts: applied, writes: [...writes.values()], counts };
  };

  /**
   * A record left as it was (a manual conflict, a failed write): seen by this run, so the reverse
   * phase passes it by, with what the ledger knew kept so the next run decides it again. A record
   * the ledger did not know is marked deleted, which decide.ts reads as "never synced".
   */
  const keepEntry = (plan: Plan): LedgerEntry =>
    plan.entry ? { ...plan.entry, seenRun: ctx.runId } : { recordId: plan.id, hash: '', destinationHash: '', seenRun: ctx.runId, deleted: true };

  const phase = async (reader: Source, from: Side, then: Checkpoint['phase']): Promise<void> => {
    for await (const page of pagesFrom(reader, current().page, pageSize, from === 'source' ? deps.since : undefined)) {
      const outcome = await settle(page.records, from);
      const cp = current();
      const c = cp.counts;
      const o = outcome.counts;
      const counts: RunCounts = {
        ...c,
        pages: c.pages + 1,
        read: c.read + page.records.length,
        created: c.created + (o.created ?? 0),
        updated: c.updated + (o.updated ?? 0),
        deleted: c.deleted + (o.deleted ?? 0),
        skipped: c.skipped + (o.skipped ?? 0),
        conflicts: c.conflicts + (o.conflicts ?? 0),
        errors: c.errors + (o.errors ?? 0),
      };
      for (const d of outcome.deadLetters ?? []) if (deps.errors.length < 20) deps.errors.push(`record ${d.recordId}: ${d.error}`);
      const { counts: _, maxCursor: highest, minFailedCursor: lowestFailed, ...parts } = outcome;
      const next: Checkpoint = { ...nextCheckpoint(cp, page.next, then), counts, progressAt: ctx.clock.now() };
      const reached = maxCursor(cp.maxCursor, highest);
      const failedAt = minCursor(cp.minFailedCursor, lowestFailed);
      await commit({ ...next, ...(reached === undefined ? {} : { maxCursor: reached }), ...(failedAt === undefined ? {} : { minFailedCursor: failedAt }) }, parts);
    }
  };

  if (current().phase === 'read') {
    const reader = isStoreEndpoint(def.source) ? storeSource(ctx.store, def.source.store) : connectorSource(def.source as ConnectorSource);
    await phase(reader, 'source', 'reverse');
  }
  if (current().phase === 'reverse') await phase(storeSource(ctx.store, snapshot), 'destination', 'finish');
}

/** One side's record, hashed and mapped for the other side; a string when the mapping refuses it. */
function sideOf(record: unknown, map: MappingFunction | undefined, isSource: boolean): SideRecord | string | undefined {
  if (record === undefined) return undefined;
  const hash = recordHash(record);
  if (!map) return { record, hash, mapped: record, mappedHash: hash };
  const mapped = applySyncMapping(map, record);
  if (!mapped.ok) return `CG_SYNC_MAPPING: ${mapped.errors}`;
  const mappedHash = recordHash(mapped.value);
  return { record, hash, mapped: mapped.value, mappedHash, ...(isSource ? { comparable: mappedHash } : {}) };
}

/** The write a decision needs: which side, and the operation (the winner's record as the other side holds it). */
function writeFor(plan: Plan): { side: Side; op: WriteOp } | undefined {
  const d = plan.decision;
  if (!d) return undefined;
  if (d.kind === 'copy') {
    const from = d.from === 'source' ? plan.source! : plan.destination!;
    const side: Side = d.from === 'source' ? 'destination' : 'source';
    const exists = side === 'destination' ? plan.destination !== undefined : plan.source !== undefined;
    return { side, op: { kind: exists ? 'update' : 'create', id: plan.id, record: from.mapped, idempotencyKey: idempotencyKey(side, plan.id, from.mappedHash) } };
  }
  if (d.kind === 'delete') return { side: d.at, op: { kind: 'delete', id: plan.id, idempotencyKey: idempotencyKey(d.at, plan.id, 'delete') } };
  return undefined;
}

function storeWriter(collection: string): Destination {
  return { collection, apply: async () => undefined };
}

/** Pages of a reader from a checkpoint; when a phase begins afresh its first page has no state. */
async function* pagesFrom(reader: Source, resumeFrom: Checkpoint['page'], pageSize: number, since?: CursorValue) {
  yield* reader.read({ ...(resumeFrom ? { resumeFrom } : {}), ...(since === undefined ? {} : { since }), pageSize });
}

/**
 * The source side of a record an incremental run did not read: as the ledger last saw it. Its hashes
 * say "unchanged", so decide() copies a destination change back and leaves the rest in step.
 */
function unchangedSource(entry: LedgerEntry): SideRecord {
  const mappedHash = entry.destinationHash ?? entry.hash;
  return { record: undefined, hash: entry.hash, mapped: undefined, mappedHash, comparable: mappedHash };
}

/** The checkpoint after a page: the same phase with the page's state, or the next phase from its start. */
function nextCheckpoint(cp: Checkpoint, next: Checkpoint['page'], then: Checkpoint['phase']): Checkpoint {
  const { page: _, ...rest } = cp;
  return next ? { ...rest, page: next, pagesDone: cp.pagesDone + 1 } : { ...rest, phase: then, pagesDone: cp.pagesDone + 1 };
}
