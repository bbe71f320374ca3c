/**
 * One page of source records through the sync: identify, map, compare with the ledger, write what
 * changed (with retries), and collect what the page commit records: ledger entries, audit rows,
 * dead letters, and for a store destination the writes themselves.
 */
import { createHash } from 'node:crypto';
import { getPath } from '../../path/index.js';
import { compareCursors, maxCursor, minCursor, toCursor } from '../cursor.js';
import { applySyncMapping } from '../definition/mapping.js';
import type { WriteOp } from '../destinations/destination.js';
import { describeError } from '../errors.js';
import { recordHash } from '../hash.js';
import type { AuditEntry, CollectionWrites, CursorValue, DeadLetter, LedgerEntry } from '../store/store.js';
import type { RunContext } from './context.js';
import { mapLimit, withRetry, type Attempted } from './retry.js';

const DONE: Attempted = { ok: true, attempts: 0 };

export interface PageOutcome {
  readonly ledger: LedgerEntry[];
  readonly audit: AuditEntry[];
  readonly deadLetters: DeadLetter[];
  readonly writes: CollectionWrites | undefined;
  /** `unidentified`: records read without an id (a full run deletes nothing when there are any: held.ts). */
  readonly counts: { read: number; created: number; updated: number; skipped: number; errors: number; unidentified: number };
  /** Highest cursor among records written or unchanged, and lowest among failed ones. */
  readonly maxCursor: CursorValue | undefined;
  readonly minFailedCursor: CursorValue | undefined;
  /** The page's record ids in order, to notice a server serving the same page again. */
  readonly ids: string;
  readonly wrote: boolean;
  /** Ids of the records this page created or changed: parents whose child streams are read. */
  readonly changed: string[];
  /** Ids of the records written or found in step: their dead letters, if any, are resolved. */
  readonly resolved: string[];
}

interface Candidate {
  readonly id: string;
  readonly raw: unknown;
  readonly record: unknown;
  readonly cursor: CursorValue | undefined;
}

/** `parentId`: the page is a child stream's, read under this parent. */
export async function writePage(ctx: RunContext, records: readonly unknown[], since: CursorValue | undefined, parentId?: string): Promise<PageOutcome> {
  const { definition, key, runId, clock } = ctx;
  const now = clock.now();
  const out: PageOutcome = {
    ledger: [],
    audit: [],
    deadLetters: [],
    writes: ctx.destination.collection ? { collection: ctx.destination.collection, upserts: [], deletes: [], flags: [] } : undefined,
    counts: { read: records.length, created: 0, updated: 0, skipped: 0, errors: 0, unidentified: 0 },
    maxCursor: undefined,
    minFailedCursor: undefined,
    ids: '',
    wrote: false,
    changed: [],
    resolved: [],
  };
  const mutable = out as { -readonly [K in keyof PageOutcome]: PageOutcome[K] };
  const failed: string[] = [];
  const fail = (id: string, raw: unknown, cursor: CursorValue | undefined, error: string, attempts: number): void => {
    failed.push(id);
    out.counts.errors++;
    mutable.minFailedCursor = minCursor(out.minFailedCursor, cursor);
    out.deadLetters.push({ ...key, runId, recordId: id, record: ctx.mask(raw), error, attempts, at: now });
    out.audit.push({ ...key, runId, recordId: id, action: 'error', before: undefined, after: ctx.mask(raw), error, at: now });
  };

  // Identify and map; a later copy of the same id in one page wins.
  const byId = new Map<string, Candidate>();
  const ids: string[] = [];
  for (const raw of records) {
    const idValue = getPath(raw, definition.idPath);
    const cursor = definition.cursor ? toCursor(getPath(raw, definition.cursor.field)) : undefined;
    if (typeof idValue !== 'string' && typeof idValue !== 'number') {
      out.counts.unidentified++;
      fail(`(no id #${ids.length})`, raw, cursor, `CG_SYNC_NO_ID: no string or number at idPath "${definition.idPath}"`, 1);
      continue;
    }
    const id = String(idValue);
    ids.push(id);
    if (since !== undefined && cursor !== undefined && compareCursors(cursor, since) < 0) {
      out.counts.skipped++; // older than the cursor: already synced by an earlier run
      continue;
    }
    const mapped = applySyncMapping(ctx.map, raw);
    if (!mapped.ok) {
      fail(id, raw, cursor, `CG_SYNC_MAPPING: ${mapped.errors}`, 1);
      continue;
    }
    byId.set(id, { id, raw, record: mapped.value, cursor });
  }
  mutable.ids = ids.join('\u0000');

  const candidates = [...byId.values()];
  const ledger = await ctx.store.getLedger(key, [...candidates.map((c) => c.id), ...failed]);

  const decided = candidates.map((c) => {
    const hash = recordHash(c.record);
    const entry = ledger.get(c.id);
    const kind = entry && !entry.deleted ? (entry.hash === hash ? 'skip' : 'update') : 'create';
    return { ...c, hash, kind } as const;
  });
  // A store collection's copies of what is written, for the audit's `before` (unchanged records need none).
  const before = out.writes ? await ctx.store.getRecords(out.writes.collection, decided.filter((d) => d.kind !== 'skip').map((d) => d.id)) : undefined;

  // A store collection's writes commit with the page: only its schema check can fail them here.
  const results: readonly Attempted[] = ctx.destination.collection
    ? decided.map((d) => {
        const problem = d.kind === 'skip' ? undefined : ctx.destination.validate?.(d.record);
        return problem === undefined ? DONE : { ok: false, attempts: 1, error: problem };
      })
    : await mapLimit(decided, ctx.concurrency, async (d) => {
        if (d.kind === 'skip') return DONE;
        const op: WriteOp = { kind: d.kind, id: d.id, record: d.record, idempotencyKey: idempotencyKey(key.syncId, d.id, d.hash) };
        return withRetry(ctx.retry, clock, () => ctx.destination.apply(op, ctx.signal ?? undefined));
      });

  decided.forEach((d, i) => {
    const result = results[i]!;
    if (!result.ok) {
      fail(d.id, d.raw, d.cursor, describeError(result.error), result.attempts);
      return;
    }
    mutable.maxCursor = maxCursor(out.maxCursor, d.cursor);
    out.resolved.push(d.id);
    // Built by assignment rather than conditional spreads: this runs for every record of every page.
    const entry: { -readonly [K in keyof LedgerEntry]: LedgerEntry[K] } = { recordId: d.id, hash: d.hash, seenRun: runId, deleted: false };
    if (d.cursor !== undefined) entry.cursor = d.cursor;
    if (parentId !== undefined) entry.parentId = parentId;
    if (d.kind === 'skip') {
      const written = ledger.get(d.id)?.written;
      if (written !== undefined) entry.written = written;
      out.ledger.push(entry);
      out.counts.skipped++;
      if (ctx.auditSkips) out.audit.push({ syncId: key.syncId, connectionId: key.connectionId, runId, recordId: d.id, action: 'skip', at: now });
      return;
    }
    if (d.kind === 'create') out.counts.created++;
    else out.counts.updated++;
    mutable.wrote = true;
    out.changed.push(d.id);
    (out.writes?.upserts as { id: string; data: unknown }[] | undefined)?.push({ id: d.id, data: d.record });
    // The `before` of an update: a store collection's current copy; for a connector, the copy the
    // ledger kept when this sync last wrote it (already masked).
    const previous = before ? maskedOrUndefined(ctx, before.get(d.id)?.data) : d.kind === 'update' ? ledger.get(d.id)?.written : undefined;
    const after = ctx.mask(d.record);
    if (!before) entry.written = after;
    out.ledger.push(entry);
    out.audit.push({ syncId: key.syncId, connectionId: key.connectionId, runId, recordId: d.id, action: d.kind, before: previous, after, at: now });
  });
  // A record that failed is still at the source: seen by this run, so a full run does not delete
  // it, with its old hash kept so the next run tries the write again.
  for (const id of failed) {
    const entry = ledger.get(id);
    if (entry && !entry.deleted) out.ledger.push({ ...entry, seenRun: runId });
  }
  return out;
}

function maskedOrUndefined(ctx: RunContext, value: unknown): unknown {
  return value === undefined ? undefined : ctx.mask(value);
}

/** Same sync, record and content: same key, however often the write is replayed. */
export function idempotencyKey(syncId: string, recordId: string, hash: string): string {
  return createHash('sha256').update(`${syncId}\u0000${recordId}\u0000${hash}`).digest('base64url').slice(0, 32);
}
