/**
 * `runSync`: one run of a sync, from its checkpoint if a previous run was cut short.
 *
 * 1. Take the sync's lease, so two runs of one sync never overlap.
 * 2. Resume the unfinished run (same run id, counts, page state), or start one.
 * 3. Read: page by page, write what changed, commit the page with its checkpoint. A page fetch that
 *    fails is retried from the checkpoint with backoff; one that keeps failing ends the run `failed`
 *    with its checkpoint kept for the next run.
 * 4. Full runs: delete (or flag) what the source no longer has.
 * 5. Finish: the cursor advances to the highest written record's, never past a failed one; the run
 *    ends `succeeded`, or `partial` when records went to the dead-letter table; audit retention runs.
 */
import { randomUUID } from 'node:crypto';
import { createMasker } from '../audit/mask.js';
import { systemClock, type Clock } from '../clock.js';
import { lookBack, maxCursor, minCursor, parseDuration } from '../cursor.js';
import { compileSyncMapping } from '../definition/mapping.js';
import { isStoreEndpoint, type SyncDefinition } from '../definition/types.js';
import { parseSyncDefinition } from '../definition/validate.js';
import { connectorDestination } from '../destinations/connector.js';
import type { Destination } from '../destinations/destination.js';
import { storeDestination } from '../destinations/store.js';
import { describeError, SyncError } from '../errors.js';
import { newHolder, syncLeaseName } from '../lease.js';
import { connectorSource } from '../sources/connector.js';
import type { Source } from '../sources/source.js';
import { storeSource } from '../sources/store.js';
import { emptyCounts, type Checkpoint, type RunRecord, type RunStatus, type SyncStore } from '../store/store.js';
import type { RunContext } from './context.js';
import { runBidirectional } from './bidirectional/index.js';
import { destinationSince, saveDestinationCursor } from './bidirectional/cursors.js';
import { childRunner } from './children.js';
import { deleteUnseen } from './deletions.js';
import { addFor, heldChildrenSummary, heldSummary } from './held.js';
import { writePage } from './page.js';
import { DEFAULT_RETRY } from './retry.js';

export interface SyncProgress {
  readonly runId: string;
  readonly pages: number;
  readonly read: number;
  readonly written: number;
  readonly skipped: number;
  readonly errors: number;
  readonly elapsedMs: number;
}

export interface RunSyncOptions {
  readonly store: SyncStore;
  /** The tenant connection this run is for; `''` (default) when the sync is not per connection. */
  readonly connectionId?: string;
  readonly clock?: Clock;
  /** Names this process in the lease; default host:pid:nonce. */
  readonly holder?: string;
  /** How long the lease lasts without a page committed; default 10 minutes. */
  readonly leaseMs?: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: SyncProgress) => void;
  /** Overrides the source built from the definition (tests, custom sources). */
  readonly source?: Source;
  readonly destination?: Destination;
}

const DEFAULT_LEASE_MS = 10 * 60_000;
const DEFAULT_PAGE_SIZE = 100;
const MAX_RUN_ERRORS = 20;

export async function runSync(input: SyncDefinition, options: RunSyncOptions): Promise<RunRecord> {
  const definition = parseSyncDefinition(input);
  const { store } = options;
  const clock = options.clock ?? systemClock;
  const key = { syncId: definition.id, connectionId: options.connectionId ?? '' };
  const holder = options.holder ?? newHolder();
  const leaseName = syncLeaseName(key);
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  if (!(await store.acquireLease(leaseName, holder, clock.now() + leaseMs, clock.now()))) {
    throw new SyncError('CG_SYNC_BUSY', `sync "${key.syncId}" is already running${key.connectionId ? ` for connection "${key.connectionId}"` : ''}`, {
      hint: 'wait for the other run to finish; a run whose process died gives its lease up when it expires',
    });
  }
  try {
    const map = compileSyncMapping(definition.mapping);
    const source = options.source ?? buildSource(definition, store);
    const destination = options.destination ?? buildDestination(definition);
    const state = await store.getState(key);
    let run: RunRecord;
    let checkpoint: Checkpoint;
    if (state.checkpoint) {
      checkpoint = state.checkpoint;
      run = (await store.getRun(checkpoint.runId)) ?? newRun(checkpoint.runId, definition, key, clock.now());
    } else {
      run = newRun(randomUUID(), definition, key, clock.now());
      const phase = definition.direction === 'both' && !isStoreEndpoint(definition.destination) ? 'snapshot' : 'read';
      checkpoint = { runId: run.id, phase, pagesDone: 0, counts: emptyCounts(), progressAt: clock.now() };
      // The run record and its first checkpoint in one transaction: a process killed right after
      // starting leaves a run the next one resumes, never a run record stuck at `running`.
      await store.commitPage({ ...key, checkpoint, ledger: [], audit: [], deadLetters: [], run });
    }
    const ctx: RunContext = {
      definition,
      key,
      runId: run.id,
      store,
      destination,
      clock,
      map,
      mask: createMasker(definition.audit?.sensitive),
      retry: { ...DEFAULT_RETRY, ...definition.retry },
      concurrency: definition.concurrency ?? 4,
      auditSkips: definition.audit?.skips ?? true,
      signal: options.signal,
    };
    const errors = [...run.errors];
    const renew = () => store.acquireLease(leaseName, holder, clock.now() + leaseMs, clock.now());
    const progress = (cp: Checkpoint): void => {
      const c = cp.counts;
      options.onProgress?.({ runId: run.id, pages: c.pages, read: c.read, written: c.created + c.updated + c.deleted, skipped: c.skipped, errors: c.errors, elapsedMs: clock.now() - run.startedAt });
    };
    const commit = async (cp: Checkpoint | null, parts: Partial<Parameters<SyncStore['commitPage']>[0]>, status: RunStatus = 'running'): Promise<void> => {
      const counts = cp?.counts ?? checkpoint.counts;
      run = { ...run, status, counts, errors: errors.slice(0, MAX_RUN_ERRORS) };
      await store.commitPage({ ...key, checkpoint: cp, ledger: [], audit: [], deadLetters: [], run, ...parts });
      if (cp) checkpoint = cp;
      await renew();
    };

    const since = definition.mode === 'incremental' && state.cursor !== undefined ? lookBack(state.cursor, parseDuration(definition.cursor?.lookback ?? 0) ?? 0) : undefined;
    let stopped: RunStatus | undefined;
    if (definition.direction === 'both') {
      try {
        const pageCommit = async (cp: Checkpoint, parts: Partial<Parameters<SyncStore['commitPage']>[0]>) => {
          await commit(cp, parts);
          progress(cp);
        };
        const pageSize = definition.pageSize ?? DEFAULT_PAGE_SIZE;
        await runBidirectional({ ctx, current: () => checkpoint, commit: pageCommit, pageSize, errors, since, destinationSince: await destinationSince(store, key, definition) });
      } catch (error) {
        if (error instanceof SyncError) throw error;
        errors.push(`page ${checkpoint.pagesDone + 1}: ${describeError(error)}`);
        stopped = 'failed'; // the checkpoint stays: the next run resumes from it
      }
    } else if (checkpoint.phase === 'read') {
      stopped = await readPages(ctx, source, since, () => checkpoint, commit, errors, progress, () => run);
    }
    if (!stopped && checkpoint.phase === 'delete') {
      const children = childRunner(ctx, definition.pageSize ?? DEFAULT_PAGE_SIZE);
      // A source that returned records without an id has not shown that any record left it (held.ts).
      const unidentified = checkpoint.unidentified?.source ?? 0;
      const hold = unidentified > 0 ? { unidentified } : undefined;
      for (;;) {
        const batch = await deleteUnseen(ctx, definition.pageSize ?? DEFAULT_PAGE_SIZE, undefined, hold);
        if (!batch) break;
        // Children go first: killed before the parents' batch commits, a resumed run repeats both.
        const kids = children && batch.resolved.length > 0 ? await children.remove(batch.resolved, () => run) : {};
        const counts = {
          ...checkpoint.counts,
          deleted: checkpoint.counts.deleted + batch.deleted + (kids.deleted ?? 0),
          errors: checkpoint.counts.errors + batch.errors + (kids.errors ?? 0),
          ...withHeld(checkpoint.counts.held, batch.held + (kids.held ?? 0)),
        };
        const held = batch.held > 0 ? { held: addFor(checkpoint.held, 'source', batch.held) } : {};
        await commit({ ...checkpoint, counts, ...held }, { ledger: batch.ledger, audit: batch.audit, deadLetters: batch.deadLetters, resolvedDeadLetters: batch.resolved, ...(batch.writes ? { writes: [batch.writes] } : {}) });
        progress(checkpoint);
      }
    }

    if (!stopped && definition.direction !== 'both') reportHeld(checkpoint, definition, errors);

    const finishedAt = clock.now();
    const status: RunStatus = stopped ?? (checkpoint.counts.errors > 0 ? 'partial' : 'succeeded');
    const endRun = { finishedAt, durationMs: finishedAt - run.startedAt };
    if (status === 'failed' || status === 'stalled') {
      // Keep the checkpoint: the next run resumes from it. The run record says why this one stopped.
      run = { ...run, ...endRun };
      await commit(checkpoint, {}, status);
      return run;
    }
    const reached = minCursor(checkpoint.maxCursor, checkpoint.minFailedCursor);
    const cursor = maxCursor(state.cursor, reached);
    run = { ...run, ...endRun };
    if (definition.direction === 'both') await saveDestinationCursor(store, key, checkpoint, run);
    await commit(null, cursor === undefined ? {} : { cursor }, status);
    const retention = definition.audit?.retention;
    if (retention) {
      const maxAgeMs = retention.maxAge === undefined ? undefined : parseDuration(retention.maxAge);
      await store.pruneAudit(key.syncId, { ...(maxAgeMs === undefined ? {} : { maxAgeMs }), ...(retention.maxRows === undefined ? {} : { maxRows: retention.maxRows }) }, finishedAt);
    }
    return run;
  } finally {
    await store.releaseLease(leaseName, holder);
  }
}

type Commit = (cp: Checkpoint | null, parts: Partial<Parameters<SyncStore['commitPage']>[0]>, status?: RunStatus) => Promise<void>;

/** The read phase; returns a status when the run has to stop early. */
async function readPages(
  ctx: RunContext,
  source: Source,
  since: string | number | undefined,
  current: () => Checkpoint,
  commit: Commit,
  errors: string[],
  progress: (cp: Checkpoint) => void,
  run: () => RunRecord,
): Promise<RunStatus | undefined> {
  const { definition, clock } = ctx;
  const children = childRunner(ctx, definition.pageSize ?? DEFAULT_PAGE_SIZE);
  const noProgressMs = definition.stall?.noProgress === undefined ? undefined : parseDuration(definition.stall.noProgress);
  const repeatLimit = definition.stall?.repeatedPages ?? 3;
  let failures = 0;
  let previousIds: string | undefined;
  let repeats = 0;
  for (;;) {
    const start = current();
    const pages = source.read({
      ...(start.page ? { resumeFrom: start.page } : {}),
      ...(since === undefined ? {} : { since }),
      pageSize: definition.pageSize ?? DEFAULT_PAGE_SIZE,
      ...(ctx.signal ? { signal: ctx.signal } : {}),
    })[Symbol.asyncIterator]();
    for (;;) {
      let next: IteratorResult<{ records: readonly unknown[]; next: Checkpoint['page'] }>;
      try {
        next = await pages.next();
      } catch (error) {
        failures++;
        if (failures >= ctx.retry.maxAttempts) {
          // Not counted as a record error: the page is read again by the next run, nothing is lost.
          errors.push(`page ${current().pagesDone + 1}: ${describeError(error)}`);
          return 'failed';
        }
        await clock.sleep(Math.min(ctx.retry.maxDelayMs, ctx.retry.baseDelayMs * 2 ** (failures - 1)));
        break; // re-open the source from the checkpoint
      }
      if (next.done) {
        await commit({ ...current(), phase: afterRead(definition) }, {});
        return undefined;
      }
      failures = 0;
      const page = next.value;
      const outcome = await writePage(ctx, page.records, since);
      const kids = children && outcome.changed.length > 0 ? await children.read(outcome.changed, run) : {};
      const before = current();
      const c = before.counts;
      const counts = {
        ...c,
        pages: c.pages + 1,
        read: c.read + outcome.counts.read + (kids.read ?? 0),
        created: c.created + outcome.counts.created + (kids.created ?? 0),
        updated: c.updated + outcome.counts.updated + (kids.updated ?? 0),
        deleted: c.deleted + (kids.deleted ?? 0),
        skipped: c.skipped + outcome.counts.skipped + (kids.skipped ?? 0),
        errors: c.errors + outcome.counts.errors + (kids.errors ?? 0),
        ...withHeld(c.held, kids.held ?? 0),
      };
      for (const d of outcome.deadLetters) if (errors.length < MAX_RUN_ERRORS) errors.push(`record ${d.recordId}: ${d.error}`);
      const now = clock.now();
      const cp: Checkpoint = {
        ...before,
        phase: page.next ? 'read' : afterRead(definition),
        ...(page.next ? { page: page.next } : {}),
        pagesDone: before.pagesDone + 1,
        maxCursor: maxCursor(before.maxCursor, outcome.maxCursor),
        minFailedCursor: minCursor(before.minFailedCursor, outcome.minFailedCursor),
        ...(outcome.counts.unidentified > 0 ? { unidentified: addFor(before.unidentified, 'source', outcome.counts.unidentified) } : {}),
        counts,
        progressAt: outcome.wrote || outcome.counts.skipped > 0 ? now : before.progressAt,
      };
      if (cp.maxCursor === undefined) delete (cp as { maxCursor?: unknown }).maxCursor;
      if (cp.minFailedCursor === undefined) delete (cp as { minFailedCursor?: unknown }).minFailedCursor;
      await commit(cp, { ledger: outcome.ledger, audit: outcome.audit, deadLetters: outcome.deadLetters, resolvedDeadLetters: outcome.resolved, ...(outcome.writes ? { writes: [outcome.writes] } : {}) });
      progress(cp);

      repeats = outcome.ids !== '' && outcome.ids === previousIds ? repeats + 1 : 0;
      previousIds = outcome.ids;
      if (repeats >= repeatLimit) {
        errors.push(`CG_SYNC_STALLED: the source returned the same page ${repeats + 1} times in a row`);
        return 'stalled';
      }
      if (noProgressMs !== undefined && now - cp.progressAt > noProgressMs) {
        errors.push(`CG_SYNC_STALLED: nothing written for ${now - cp.progressAt} ms`);
        return 'stalled';
      }
      if (!page.next) return undefined;
    }
  }
}

function withHeld(so: number | undefined, more: number): { held?: number } {
  return so || more ? { held: (so ?? 0) + more } : {};
}

/** The run record's lines for deletions held (held.ts): the stream's own, and its child streams'. */
function reportHeld(checkpoint: Checkpoint, definition: SyncDefinition, errors: string[]): void {
  const own = checkpoint.held?.source ?? 0;
  const children = (checkpoint.counts.held ?? 0) - own;
  const lines = [
    ...(own > 0 ? [heldSummary('source', own, checkpoint.unidentified?.source ?? 0, definition.idPath, 'destination')] : []),
    ...(children > 0 ? [heldChildrenSummary(children)] : []),
  ];
  for (const line of lines.reverse()) if (!errors.includes(line)) errors.unshift(line);
}

function afterRead(definition: SyncDefinition): Checkpoint['phase'] {
  return definition.mode === 'full' && (definition.onDelete ?? 'delete') !== 'keep' ? 'delete' : 'finish';
}

function newRun(id: string, definition: SyncDefinition, key: { syncId: string; connectionId: string }, now: number): RunRecord {
  return { ...key, id, mode: definition.mode, status: 'running', startedAt: now, counts: emptyCounts(), errors: [] };
}

function buildSource(definition: SyncDefinition, store: SyncStore): Source {
  return isStoreEndpoint(definition.source) ? storeSource(store, definition.source.store) : connectorSource(definition.source);
}

function buildDestination(definition: SyncDefinition): Destination {
  if (isStoreEndpoint(definition.destination)) return storeDestination(definition.destination.store, definition.destination.schema);
  return connectorDestination(definition.destination);
}
