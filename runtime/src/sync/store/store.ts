/**
 * What a sync keeps between pages and between runs, behind one interface so the embedded SQLite file
 * and a shared PostgreSQL database are interchangeable.
 *
 * The unit of durability is `commitPage`: the records a page wrote to a store destination, the
 * ledger of what the destination holds, the audit rows, dead letters and the checkpoint that says
 * where to resume all land in one transaction. A run killed at any instant either committed a page
 * or did not; on resume the page is read again and written again, and writes are upserts keyed by
 * the record id, so nothing is lost or doubled.
 */
import type { PageState } from '../../client-api.js';

/** Names one stream of records: a sync, for one connection, optionally one child stream of it. */
export interface StreamKey {
  readonly syncId: string;
  /** The tenant's connection; `''` when the sync does not run per connection. */
  readonly connectionId: string;
}

/** A cursor field's value: an ISO date string, a number, or any string that sorts. */
export type CursorValue = string | number;

export type RunStatus = 'running' | 'succeeded' | 'partial' | 'failed' | 'stalled';

export interface RunCounts {
  pages: number;
  read: number;
  created: number;
  updated: number;
  deleted: number;
  skipped: number;
  conflicts: number;
  /** Records that went to the dead-letter table, and page failures. */
  errors: number;
  /**
   * Full runs: deletions not made because the side the records were missing from also returned
   * records without an id (CG_SYNC_DELETIONS_HELD); the next full run that reads it cleanly makes them.
   */
  held?: number;
}

export interface RunRecord extends StreamKey {
  readonly id: string;
  readonly status: RunStatus;
  readonly mode: string;
  /** Epoch ms. */
  readonly startedAt: number;
  readonly finishedAt?: number;
  readonly durationMs?: number;
  readonly counts: RunCounts;
  /** The first errors of the run, redacted, as `CODE: message`. */
  readonly errors: readonly string[];
}

/** Where an unfinished run stands; cleared when the run finishes. */
export interface Checkpoint {
  readonly runId: string;
  /**
   * `read` pages from the source; `delete` removes what a full run did not see; `finish` only
   * records the end. Bidirectional runs: `snapshot` copies a connector destination into the store,
   * `read` settles every source record, `reverse` the destination records the source lacks.
   */
  readonly phase: 'read' | 'delete' | 'finish' | 'snapshot' | 'reverse';
  /** The paginator's state after the last committed page; absent before the first. */
  readonly page?: PageState;
  readonly pagesDone: number;
  /** The highest cursor among records written so far in this run. */
  readonly maxCursor?: CursorValue;
  /** The lowest cursor among records that failed in this run: the cursor never passes it. */
  readonly minFailedCursor?: CursorValue;
  /** Bidirectional: the same two for the destination's own cursor. */
  readonly destinationMaxCursor?: CursorValue;
  readonly destinationMinFailedCursor?: CursorValue;
  /**
   * Records read without their id in this run, per side (bidirectional: `source` and `destination`;
   * one-way: `source`). A full run infers no deletion from a record's absence on a side that
   * returned any: the missing record may be one of them.
   */
  readonly unidentified?: Readonly<Partial<Record<'source' | 'destination', number>>>;
  /** Deletions held for that reason so far, by the side the record was missing from. */
  readonly held?: Readonly<Partial<Record<'source' | 'destination', number>>>;
  readonly counts: RunCounts;
  /** Epoch ms of the last page that wrote something, for stall detection across resumes. */
  readonly progressAt: number;
}

export interface SyncState {
  /** The committed cursor: everything up to it has been written. */
  readonly cursor?: CursorValue;
  readonly checkpoint?: Checkpoint;
}

/** What the sync knows the destination holds for one record. */
export interface LedgerEntry {
  readonly recordId: string;
  /** Hash of the record as last written (after mapping). */
  readonly hash: string;
  /** The run that last saw this record at the source. */
  readonly seenRun: string;
  readonly deleted: boolean;
  /** Hash of the destination's copy as last read, for change detection on the other side. */
  readonly destinationHash?: string;
  /** The source record's cursor value, for parent-child and bidirectional syncs. */
  readonly cursor?: CursorValue;
  /** A child stream's record: the parent it was read under, so a parent re-read finds children that left. */
  readonly parentId?: string;
  /**
   * A connector destination's record as last written (mapped, sensitive fields masked): the
   * `before` of the next update or delete audit row. Store destinations read the collection instead.
   */
  readonly written?: unknown;
}

export type AuditAction = 'create' | 'update' | 'delete' | 'skip' | 'conflict' | 'error';

export interface AuditEntry extends StreamKey {
  readonly runId: string;
  /** Which side was written, in a bidirectional sync; absent means the destination. */
  readonly side?: 'source' | 'destination';
  readonly recordId: string;
  readonly action: AuditAction;
  /** Sensitive fields already masked. */
  readonly before?: unknown;
  readonly after?: unknown;
  readonly error?: string;
  readonly at: number;
}

/**
 * A record that keeps failing. One row per (sync, connection, record): a record that fails again in
 * a later run updates its row (run, record, error, time; attempts add up) instead of adding one.
 */
export interface DeadLetter extends StreamKey {
  /** The last run it failed in. */
  readonly runId: string;
  readonly recordId: string;
  /** The source record as read (sensitive fields masked). */
  readonly record: unknown;
  /** The last error. */
  readonly error: string;
  /** Attempts in this failure; the stored row sums them over every run. */
  readonly attempts: number;
  readonly at: number;
}

export interface StoredDeadLetter extends DeadLetter {
  readonly id: number;
  /** Epoch ms of the first failure. */
  readonly firstAt: number;
  /** Epoch ms when a later run wrote the record; absent while it is still failing. */
  readonly resolvedAt?: number;
}

export interface DeadLetterQuery {
  readonly syncId?: string;
  /** `open`: still failing; `resolved`: written since. Absent: both. */
  readonly status?: 'open' | 'resolved';
  readonly limit?: number;
}

/** `resolved` by a person and waiting for the next run to write the chosen side; then `applied`. */
export type ConflictStatus = 'open' | 'resolved' | 'applied';

export interface Conflict extends StreamKey {
  readonly recordId: string;
  readonly runId: string;
  readonly source: unknown;
  readonly destination: unknown;
  readonly at: number;
}

export interface StoredConflict extends Conflict {
  readonly id: number;
  readonly status: ConflictStatus;
  /** `source` or `destination` once resolved. */
  readonly resolution?: 'source' | 'destination';
  readonly resolvedAt?: number;
}

/** A record of a store collection (a store used as a source or destination, or a custom object). */
export interface StoredRecord {
  readonly id: string;
  readonly data: unknown;
  /** Epoch ms of the last write. */
  readonly updatedAt: number;
  /** Epoch ms when flagged deleted by a full sync; absent when live. */
  readonly deletedAt?: number;
}

/** Writes to a store collection that commit together with the page. */
export interface CollectionWrites {
  readonly collection: string;
  readonly upserts: readonly { readonly id: string; readonly data: unknown }[];
  readonly deletes: readonly string[];
  /** Kept but flagged deleted (a full sync's `onDelete: flag`). */
  readonly flags: readonly string[];
}

export interface PageCommit extends StreamKey {
  /** The new checkpoint, or `null` to clear it (the run finished). */
  readonly checkpoint: Checkpoint | null;
  /** Set the committed cursor (only when a run finishes). */
  readonly cursor?: CursorValue;
  readonly ledger: readonly LedgerEntry[];
  readonly audit: readonly AuditEntry[];
  /** Upserted per (sync, connection, record): see `DeadLetter`. */
  readonly deadLetters: readonly DeadLetter[];
  /** Records this page wrote (or found in step) after all: their open dead letters are marked resolved. */
  readonly resolvedDeadLetters?: readonly string[];
  readonly conflicts?: readonly Conflict[];
  /** Writes to store collections (both sides of a bidirectional sync between two collections). */
  readonly writes?: readonly CollectionWrites[];
  /** Resolved conflicts whose chosen side this page wrote. */
  readonly appliedConflicts?: readonly number[];
  /** The run record as it stands after this page. */
  readonly run: RunRecord;
}

export interface RecordPageQuery {
  /** Resume after this position (`updatedAt` then `id`), from a previous page's `next`. */
  readonly after?: { readonly updatedAt: number; readonly id: string };
  /** Only records written at or after this time (epoch ms). */
  readonly since?: number;
  readonly limit: number;
  readonly includeDeleted?: boolean;
}

export interface AuditQuery {
  readonly syncId?: string;
  readonly recordId?: string;
  readonly runId?: string;
  readonly limit?: number;
}

export interface RetentionPolicy {
  /** Delete audit rows older than this many ms. */
  readonly maxAgeMs?: number;
  /** Keep at most this many rows per sync (the newest). */
  readonly maxRows?: number;
}

/** A tenant's connection: a connector with that tenant's credentials, sealed (connections/secret-box.ts). */
export interface ConnectionRecord {
  readonly id: string;
  /** Which connector it is for (a package name), for listings. */
  readonly connector: string;
  /** Sealed connector options (credentials, baseUrl...). */
  readonly credentials: string;
  /** Sealed OAuth2 tokens, once obtained. */
  readonly tokens?: string;
  /** Bumped by every token save: the compare-and-set guard. */
  readonly tokenVersion: number;
  readonly state: 'active' | 'stale';
  readonly staleReason?: string;
  readonly updatedAt: number;
}

export interface SyncStore {
  /** State and checkpoint of a stream. */
  getState(key: StreamKey): Promise<SyncState>;
  /** One page's effects, atomically. */
  commitPage(commit: PageCommit): Promise<void>;
  getRun(runId: string): Promise<RunRecord | undefined>;
  listRuns(query?: { readonly syncId?: string; readonly limit?: number }): Promise<RunRecord[]>;

  /** The ledger entries of these records (missing ones are absent from the map). */
  getLedger(key: StreamKey, recordIds: readonly string[]): Promise<Map<string, LedgerEntry>>;
  /**
   * Ledger entries not seen by `runId` and not deleted, at most `limit`: what a full run removes.
   * With `parentId`, only the entries read under that parent (a child stream's children that left).
   */
  unseenLedger(key: StreamKey, runId: string, limit: number, parentId?: string): Promise<LedgerEntry[]>;

  listAudit(query: AuditQuery): Promise<(AuditEntry & { readonly id: number })[]>;
  /** Applies a retention policy to a sync's audit rows; returns how many were deleted. */
  pruneAudit(syncId: string, policy: RetentionPolicy, now: number): Promise<number>;

  /** Dead letters, oldest first. */
  listDeadLetters(query?: DeadLetterQuery): Promise<StoredDeadLetter[]>;

  listConflicts(query?: { readonly syncId?: string; readonly status?: ConflictStatus }): Promise<StoredConflict[]>;
  /** Marks a conflict resolved; false when it does not exist or was already resolved. */
  resolveConflict(id: number, resolution: 'source' | 'destination', now: number): Promise<boolean>;

  /** A page of a collection ordered by (updatedAt, id). */
  listRecords(collection: string, query: RecordPageQuery): Promise<StoredRecord[]>;
  getRecords(collection: string, ids: readonly string[]): Promise<Map<string, StoredRecord>>;
  /** Removes every record of a collection (a bidirectional sync's snapshot of the destination). */
  clearCollection(collection: string): Promise<void>;
  /** Upserts outside a sync (custom objects, tests); `now` stamps `updatedAt`. */
  putRecords(collection: string, records: readonly { readonly id: string; readonly data: unknown }[], now: number): Promise<void>;

  /**
   * Takes or renews a named lease until `expiresAt`. Succeeds when the lease is free, expired, held
   * by `holder` already, or held by a holder `isDead` says is gone (a killed process on this host).
   */
  acquireLease(name: string, holder: string, expiresAt: number, now: number): Promise<boolean>;

  /** Creates or replaces a connection's credentials; it becomes active again, its tokens dropped. */
  putConnection(connection: { readonly id: string; readonly connector: string; readonly credentials: string; readonly tokens?: string }, now: number): Promise<void>;
  getConnection(id: string): Promise<ConnectionRecord | undefined>;
  listConnections(): Promise<ConnectionRecord[]>;
  /** Saves tokens only while the version is still `expectedVersion` (compare-and-set); false when another process saved first. */
  saveTokens(id: string, expectedVersion: number, tokens: string, now: number): Promise<boolean>;
  markConnectionStale(id: string, reason: string, now: number): Promise<void>;
  releaseLease(name: string, holder: string): Promise<void>;

  close(): Promise<void>;
}

export function emptyCounts(): RunCounts {
  return { pages: 0, read: 0, created: 0, updated: 0, deleted: 0, skipped: 0, conflicts: 0, errors: 0 };
}
