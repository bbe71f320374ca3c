/**
 * A bidirectional run. Both sides are compared against the ledger, which holds each record's hash
 * on each side as of the last run, so a change is noticed on whichever side made it. Phases:
 * - `snapshot` (a connector destination only): its records (an incremental run: its changes since
 *   its own cursor, and its deletions) are copied into a store collection, a page per commit, so
 *   the next phases can look them up by id and page through them;
 * - `read`: each source page (an incremental run: the changes since the source's cursor, and its
 *   deletions), with the destination's copies of the same ids, decided by plan.ts;
 * - `reverse`: the destination's records (an incremental run: its changes since its cursor) the
 *   read phase did not settle: new there, changed there, deleted there, or deleted at the source;
 * - `delete`: the deletions at a connector source the read phase decided, made only now that the
 *   source has been read (deferred.ts): deleting while paging it would shift its later pages.
 * A full run takes no deletion from a record's absence on a side that returned records without an
 * id in the run: those are held and reported (../held.ts).
 * Conflicts go to the policy; `manual` keeps them in the conflicts table until a person resolves
 * one, and the run after that writes the chosen side. Deletions follow `onDelete`.
 * With a mapping, each side is kept in its own shape: `mapping` turns a source record into the
 * destination's, `reverseMapping` back; the ledger holds each side's hash in that side's shape.
 * Records are matched by the shared record id, which each side keeps at its own path (ids.ts): a
 * record without it, or a mapped copy without it where the other side reads it, is the record's error.
 * Each side has its own cursor (cursors.ts): the source's `cursor.field`, a connector destination's
 * `cursor.field` read in the source's shape, a store's write time.
 */
import { getPath } from '../../../path/index.js';
import { CONFLICT_POLICIES } from '../../conflict/registry.js';
import { maxCursor, minCursor, toCursor } from '../../cursor.js';
import { applySyncMapping, compileSyncMapping } from '../../definition/mapping.js';
import { isStoreEndpoint, type ConnectorSource, type MappingFunction } from '../../definition/types.js';
import { connectorDestination } from '../../destinations/connector.js';
import type { Destination } from '../../destinations/destination.js';
import type { Checkpoint, CursorValue, PageCommit, RunCounts } from '../../store/store.js';
import type { RunContext } from '../context.js';
import { applyPlans, type Applied } from './apply.js';
import { deferredCollection, nextDeferred } from './deferred.js';
import { isOlder, planPage, unidentified, type Planner } from './plan.js';
import { idPathsOf, mappedIdPaths } from './ids.js';
import type { Side } from './records.js';
import { addFor, heldSummary } from '../held.js';
import { connectorSide, storeSide, type SideItem, type SideReader } from './sides.js';

type Commit = (cp: Checkpoint, parts: Partial<PageCommit>) => Promise<void>;

export interface BidirectionalDeps {
  readonly ctx: RunContext;
  readonly current: () => Checkpoint;
  readonly commit: Commit;
  readonly pageSize: number;
  readonly errors: string[];
  /** Incremental: the source's committed cursor less the lookback. */
  readonly since: CursorValue | undefined;
  /** Incremental: the destination's committed cursor less the lookback. */
  readonly destinationSince: CursorValue | undefined;
}

type Settled = Applied & { maxCursor?: CursorValue; minFailedCursor?: CursorValue };

export async function runBidirectional(deps: BidirectionalDeps): Promise<void> {
  const { ctx, current, commit, pageSize } = deps;
  const def = ctx.definition;
  const incremental = def.mode === 'incremental';
  const destinationStore = isStoreEndpoint(def.destination) ? def.destination.store : undefined;
  const copies = destinationStore ?? `_sync:${ctx.key.syncId}:${ctx.key.connectionId}:destination`;
  // mapping: source record -> destination record; reverseMapping: back (validate.ts wants both or neither).
  const toSource = compileSyncMapping(def.reverseMapping, '/reverseMapping');
  const sourceCursor = fieldCursor(def.cursor?.field, undefined);
  const destinationCursor = fieldCursor(def.cursor?.field, toSource);
  const ids = idPathsOf(def);
  const writers: Record<Side, Destination> = {
    source: isStoreEndpoint(def.source) ? storeWriter(def.source.store) : connectorDestination(def.source as ConnectorSource, '/source'),
    destination: ctx.destination,
  };
  const planner: Planner = {
    ctx,
    copies,
    copiesComplete: destinationStore !== undefined || !incremental,
    toDestination: ctx.map,
    toSource,
    mappedIdAt: mappedIdPaths(def, ids),
    policy: CONFLICT_POLICIES[def.conflict ?? 'manual']!,
    resolved: new Map((await ctx.store.listConflicts({ syncId: ctx.key.syncId, status: 'resolved' })).map((c) => [c.recordId, c])),
    unidentified: () => (incremental ? {} : (current().unidentified ?? {})),
  };
  const deferred = deferredCollection(ctx);
  const applier = { ctx, writers, open: new Set((await ctx.store.listConflicts({ syncId: ctx.key.syncId, status: 'open' })).map((c) => c.recordId)) };

  const settle = async (items: readonly SideItem[], from: Side, since: CursorValue | undefined): Promise<Settled> => {
    // Records older than the side's cursor, read again only because the side cannot filter by time.
    const fresh = items.filter((item) => !isOlder(item, since));
    const plans = await planPage(planner, fresh, from);
    // While the source is paged, its deletions wait for the `delete` phase (deferred.ts).
    const outcome: Settled = await applyPlans(from === 'source' ? { ...applier, defer: deferred } : applier, plans);
    outcome.counts.skipped = (outcome.counts.skipped ?? 0) + (items.length - fresh.length);
    // The cursor passes what was settled, never a record that failed or waits as a conflict.
    const held = new Set([...(outcome.deadLetters ?? []).map((d) => d.recordId), ...plans.filter((p) => p.decision?.kind === 'conflict').map((p) => p.id)]);
    for (const item of fresh) {
      if (held.has(item.id)) outcome.minFailedCursor = minCursor(outcome.minFailedCursor, item.cursor);
      else outcome.maxCursor = maxCursor(outcome.maxCursor, item.cursor);
    }
    return outcome;
  };

  const report = (outcome: Partial<PageCommit>): void => {
    for (const d of outcome.deadLetters ?? []) if (deps.errors.length < 20) deps.errors.push(`record ${d.recordId}: ${d.error}`);
  };

  const phase = async (reader: SideReader, from: Side, since: CursorValue | undefined, then: Checkpoint['phase']): Promise<void> => {
    for await (const page of reader.read(current().page)) {
      const outcome = await settle(page.items, from, since);
      const cp = current();
      const { counts: o, maxCursor: highest, minFailedCursor: lowestFailed, ...parts } = outcome;
      report(outcome);
      const counts = addCounts(cp.counts, page.items.length, o);
      const next: Checkpoint = { ...nextCheckpoint(cp, page.next, then), counts, progressAt: ctx.clock.now(), ...tally(cp, from, page.items, o.held ?? 0) };
      const [reachedKey, failedKey] = from === 'source' ? (['maxCursor', 'minFailedCursor'] as const) : (['destinationMaxCursor', 'destinationMinFailedCursor'] as const);
      const reached = maxCursor(cp[reachedKey], highest);
      const failedAt = minCursor(cp[failedKey], lowestFailed);
      await commit({ ...next, ...(reached === undefined ? {} : { [reachedKey]: reached }), ...(failedAt === undefined ? {} : { [failedKey]: failedAt }) }, parts);
    }
  };

  // A new run: no deletion noted by an earlier one is left (each is made or dropped before it finishes).
  if (current().pagesDone === 0) await ctx.store.clearCollection(deferred);
  if (current().phase === 'snapshot') {
    if (current().pagesDone === 0) await ctx.store.clearCollection(copies);
    const reader = connectorSide(def.destination as ConnectorSource, '/destination', {
      idPath: ids.destination,
      cursorOf: destinationCursor,
      since: deps.destinationSince,
      readFeed: incremental,
      pageSize,
      signal: ctx.signal,
    });
    for await (const page of reader.read(current().page)) {
      const fresh = page.items.filter((item) => !isOlder(item, deps.destinationSince));
      // A record without an id matches no source record: its error now, and the destination's cursor held before it.
      const failed = fresh.filter((item) => item.error !== undefined);
      const kept = fresh.filter((item) => item.error === undefined);
      // A deletion is kept as a flagged copy, so the next phases read it as one.
      const upserts = kept.map((item) => ({ id: item.id, data: item.record }));
      const flags = kept.filter((item) => item.deleted).map((item) => item.id);
      const cp = current();
      const next = nextCheckpoint(cp, page.next, 'read');
      if (failed.length === 0) {
        await commit(next, { writes: [{ collection: copies, upserts, deletes: [], flags }] });
        continue;
      }
      const outcome = await applyPlans(applier, failed.map(unidentified));
      report(outcome);
      const heldAt = failed.reduce<CursorValue | undefined>((low, item) => minCursor(low, item.cursor), cp.destinationMinFailedCursor);
      const counts = { ...next.counts, errors: next.counts.errors + failed.length };
      const { counts: _, ...parts } = outcome;
      await commit({ ...next, counts, ...tally(cp, 'destination', failed, 0), ...(heldAt === undefined ? {} : { destinationMinFailedCursor: heldAt }) }, { ...parts, writes: [{ collection: copies, upserts, deletes: [], flags }] });
    }
  }
  if (current().phase === 'read') {
    const reader = isStoreEndpoint(def.source)
      ? storeSide(ctx.store, def.source.store, { since: deps.since, includeDeleted: incremental, pageSize })
      : connectorSide(def.source as ConnectorSource, '/source', { idPath: ids.source, cursorOf: sourceCursor, since: deps.since, readFeed: incremental, pageSize, signal: ctx.signal });
    await phase(reader, 'source', deps.since, 'reverse');
  }
  if (current().phase === 'reverse') {
    const reader = destinationStore
      ? storeSide(ctx.store, destinationStore, { since: deps.destinationSince, includeDeleted: incremental, pageSize })
      : storeSide(ctx.store, copies, { since: undefined, includeDeleted: true, pageSize, cursorOf: destinationCursor });
    await phase(reader, 'destination', deps.destinationSince, 'delete');
  }
  if (current().phase === 'delete') {
    for (let page = await nextDeferred(ctx, writers.source, pageSize); page; page = await nextDeferred(ctx, writers.source, pageSize)) {
      const cp = current();
      const { counts: o, ...parts } = page;
      report(page);
      const counts = { ...cp.counts, deleted: cp.counts.deleted + o.deleted, errors: cp.counts.errors + o.errors };
      await commit({ ...cp, counts, progressAt: ctx.clock.now() }, parts);
    }
    await commit({ ...current(), phase: 'finish' }, {});
  }
  if (current().phase === 'finish') {
    // One line per side whose absences were not taken as deletions (held.ts), first so the run record keeps it.
    const cp = current();
    for (const missingFrom of ['destination', 'source'] as const) {
      const held = cp.held?.[missingFrom] ?? 0;
      if (held === 0) continue;
      const line = heldSummary(missingFrom, held, cp.unidentified?.[missingFrom] ?? 0, ids[missingFrom], missingFrom === 'source' ? 'destination' : 'source');
      if (!deps.errors.includes(line)) deps.errors.unshift(line);
    }
  }
}

/**
 * A page's records read without an id on the side it was read from, and the deletions held because
 * records were missing from the other side (held.ts): added to the run's checkpoint.
 */
function tally(cp: Checkpoint, from: Side, items: readonly SideItem[], held: number): Partial<Pick<Checkpoint, 'unidentified' | 'held'>> {
  const unidentified = items.filter((item) => item.error !== undefined && item.error.startsWith('CG_SYNC_NO_ID')).length;
  return {
    ...(unidentified > 0 ? { unidentified: addFor(cp.unidentified, from, unidentified) } : {}),
    ...(held > 0 ? { held: addFor(cp.held, from === 'source' ? 'destination' : 'source', held) } : {}),
  };
}

/** A record's cursor field, read in the source's shape (a destination record mapped back first). */
function fieldCursor(field: string | undefined, toSource: MappingFunction | undefined): (record: unknown) => CursorValue | undefined {
  if (field === undefined) return () => undefined;
  return (record) => {
    if (!toSource) return toCursor(getPath(record, field));
    const mapped = applySyncMapping(toSource, record);
    return mapped.ok ? toCursor(getPath(mapped.value, field)) : undefined;
  };
}

function addCounts(c: RunCounts, read: number, o: Partial<RunCounts>): RunCounts {
  return {
    ...c,
    pages: c.pages + 1,
    read: c.read + read,
    created: c.created + (o.created ?? 0),
    updated: c.updated + (o.updated ?? 0),
    deleted: c.deleted + (o.deleted ?? 0),
    skipped: c.skipped + (o.skipped ?? 0),
    conflicts: c.conflicts + (o.conflicts ?? 0),
    errors: c.errors + (o.errors ?? 0),
    ...(c.held || o.held ? { held: (c.held ?? 0) + (o.held ?? 0) } : {}),
  };
}

function storeWriter(collection: string): Destination {
  return { collection, apply: async () => undefined };
}

/** The checkpoint after a page: the same phase with the page's state, or the next phase from its start. */
function nextCheckpoint(cp: Checkpoint, next: Checkpoint['page'], then: Checkpoint['phase']): Checkpoint {
  const { page: _, ...rest } = cp;
  return next ? { ...rest, page: next, pagesDone: cp.pagesDone + 1 } : { ...rest, phase: then, pagesDone: cp.pagesDone + 1 };
}

