/**
 * What to do with each record of a page read from one side: that side's record now, the other
 * side's, and the ledger (both hashes as of the last sync) go to decide.ts; a conflict goes to the
 * policy, or to the person who resolved it.
 *
 * The other side of a record: read from the destination's copy (a store destination, or this
 * run's snapshot of a connector destination) when the source was read; in incremental runs, when
 * that copy holds only the destination's changes, a synced record absent from it is unchanged
 * there, and so is a synced record's source when the destination was read.
 */
import { decide, resolveTo } from '../../conflict/decide.js';
import { compareCursors } from '../../cursor.js';
import type { ConflictPolicy } from '../../conflict/policy.js';
import type { MappingFunction } from '../../definition/types.js';
import type { CursorValue, LedgerEntry, StoredConflict } from '../../store/store.js';
import type { RunContext } from '../context.js';
import { mappedIdError } from './ids.js';
import { sideOf, unchanged, type Plan, type Side, type SideRecord } from './records.js';
import type { SideItem } from './sides.js';

export interface Planner {
  readonly ctx: RunContext;
  /** The collection holding the destination's records, or this run's copy of its changes. */
  readonly copies: string;
  /** The copies are every destination record (a store destination, or a full run's snapshot). */
  readonly copiesComplete: boolean;
  readonly toDestination: MappingFunction | undefined;
  readonly toSource: MappingFunction | undefined;
  /** For a record read from each side, where its mapped copy must hold the record id (ids.ts). */
  readonly mappedIdAt: Readonly<Record<Side, string | undefined>>;
  readonly policy: ConflictPolicy;
  /** Conflicts a person resolved, by record id: the run writes the side they chose. */
  readonly resolved: ReadonlyMap<string, StoredConflict>;
  /** A full run's records read without their id so far, per side (held.ts); nothing in an incremental run. */
  readonly unidentified: () => Readonly<Partial<Record<Side, number>>>;
}

export async function planPage(p: Planner, items: readonly SideItem[], from: Side): Promise<Plan[]> {
  const { ctx } = p;
  const def = ctx.definition;
  const incremental = def.mode === 'incremental';
  const byId = new Map(items.map((item) => [item.id, item])); // the last word on a record read twice wins
  const ids = [...byId.keys()];
  const ledger = await ctx.store.getLedger(ctx.key, ids);
  const copies = from === 'source' ? await ctx.store.getRecords(p.copies, ids) : undefined;
  const plans: Plan[] = [];
  for (const [id, item] of byId) {
    if (item.error !== undefined) {
      plans.push(unidentified(item));
      continue;
    }
    const entry = ledger.get(id);
    if (from === 'destination' && entry?.seenRun === ctx.runId) continue; // settled when the source was read
    const synced = entry && !entry.deleted ? entry : undefined;
    let source: SideRecord | string | undefined;
    let destination: SideRecord | string | undefined;
    let raw: unknown;
    let copied = false;
    if (from === 'source') {
      source = item.deleted ? undefined : withId(sideOf(item.record, p.toDestination), id, p.mappedIdAt.source, 'destination');
      const copy = copies!.get(id);
      copied = copy !== undefined;
      raw = typeof source === 'string' ? item.record : copy?.data;
      if (copy) destination = copy.deletedAt === undefined ? withId(sideOf(copy.data, p.toSource), id, p.mappedIdAt.destination, 'source') : undefined;
      else if (!p.copiesComplete && synced) destination = unchanged(synced, 'destination');
    } else {
      destination = item.deleted ? undefined : withId(sideOf(item.record, p.toSource), id, p.mappedIdAt.destination, 'source');
      raw = item.record;
      if (incremental && synced) source = unchanged(synced, 'source');
    }
    if (typeof source === 'string' || typeof destination === 'string') {
      const error = typeof source === 'string' ? source : (destination as string);
      plans.push({ id, entry, source: undefined, destination: undefined, decision: undefined, error, raw });
      continue;
    }
    let decision = decide(entry, source, destination);
    let conflictId: number | undefined;
    if (decision.kind === 'conflict') {
      const resolved = p.resolved.get(id);
      // Both in the source's shape, where the cursor field's path points.
      const winner = resolved?.resolution ?? p.policy.decide({ source: source?.record, destination: destination?.mapped, updatedAtPath: def.cursor?.field });
      if (winner !== 'manual') decision = resolveTo(winner, source, destination);
      if (resolved) conflictId = resolved.id;
    }
    // A full run reads a record missing from a side as deleted there: from the source's side, no copy
    // of it at the destination; from the destination's, the source's records were all read already.
    const missing: Side | undefined = incremental ? undefined : from === 'source' ? (copied || !p.copiesComplete ? undefined : 'destination') : 'source';
    const unproved = missing === undefined ? 0 : (p.unidentified()[missing] ?? 0);
    if (missing && unproved > 0 && wasOn(synced, missing) && decision.kind !== 'gone' && decision.kind !== 'in-sync') {
      plans.push({ id, entry, source, destination, decision: undefined, held: { missingFrom: missing, unidentified: unproved } });
      continue;
    }
    plans.push({ id, entry, source, destination, decision, ...(conflictId === undefined ? {} : { conflictId }) });
  }
  return plans;
}

/** The ledger knew the record on this side ('' is a side whose deletion was already settled). */
function wasOn(synced: LedgerEntry | undefined, side: Side): boolean {
  if (!synced) return false;
  return (side === 'source' ? synced.hash : (synced.destinationHash ?? synced.hash)) !== '';
}

/** A record read without its id: it matches nothing, so it is only its error (under its label). */
export function unidentified(item: SideItem): Plan {
  return { id: item.id, entry: undefined, source: undefined, destination: undefined, decision: undefined, error: item.error ?? 'CG_SYNC_NO_ID', raw: item.record, unidentified: true };
}

/** A side's record whose mapped copy lacks the record id where the other side reads it becomes the record's error. */
function withId(side: SideRecord | string | undefined, id: string, path: string | undefined, to: Side): SideRecord | string | undefined {
  if (path === undefined || side === undefined || typeof side === 'string') return side;
  return mappedIdError(side.mapped, id, path, to) ?? side;
}

/** A side's records older than its cursor (less the lookback): read again only because the side cannot filter by time. */
export function isOlder(item: SideItem, since: CursorValue | undefined): boolean {
  return since !== undefined && item.cursor !== undefined && compareCursors(item.cursor, since) < 0;
}
