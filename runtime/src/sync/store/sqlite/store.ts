/**
 * The embedded store: one SQLite file (WAL), better-sqlite3's synchronous calls behind the async
 * `SyncStore` interface. A page commit is one transaction, so a killed process leaves either the
 * whole page or none of it.
 */
import type Database from 'better-sqlite3';
import type { Statement } from 'better-sqlite3';
import { isHolderAlive } from '../../lease.js';
import type {
  AuditEntry,
  AuditQuery,
  ConflictStatus,
  ConnectionRecord,
  DeadLetterQuery,
  LedgerEntry,
  PageCommit,
  RecordPageQuery,
  RetentionPolicy,
  RunRecord,
  StoredConflict,
  StoredDeadLetter,
  StoredRecord,
  StreamKey,
  SyncState,
  SyncStore,
} from '../store.js';
import { json, toAudit, toConflict, toConnection, toDeadLetter, toLedger, toRun, toState, toStoredRecord, type Row } from '../rows.js';
import { BatchInsert } from './batch.js';
import { migrate, openDatabase, type SqliteDatabase } from './open.js';
import { SYNC_MIGRATIONS } from './schema.js';

export interface SqliteStoreOptions {
  /** Whether a lease holder is still running; default: a process on this host that still exists. */
  readonly isHolderAlive?: (holder: string) => boolean;
}


/** Opens (and migrates) the store in `file`; `:memory:` for a throwaway one. */
export function openSqliteStore(file: string, options: SqliteStoreOptions = {}): SqliteSyncStore {
  const db = openDatabase(file);
  migrate(db, 'sync', SYNC_MIGRATIONS);
  return new SqliteSyncStore(db, options);
}

export class SqliteSyncStore implements SyncStore {
  readonly db: SqliteDatabase;
  readonly #alive: (holder: string) => boolean;
  readonly #q: Record<string, Statement>;
  readonly #commit: Database.Transaction<(commit: PageCommit) => void>;
  readonly #ledger: BatchInsert<LedgerEntry, StreamKey>;
  readonly #audit: BatchInsert<AuditEntry, StreamKey>;
  readonly #upsert: BatchInsert<{ readonly id: string; readonly data: unknown }, { readonly collection: string; readonly at: number }>;

  constructor(db: SqliteDatabase, options: SqliteStoreOptions = {}) {
    this.db = db;
    this.#alive = options.isHolderAlive ?? isHolderAlive;
    const p = (sql: string): Statement => db.prepare(sql);
    this.#q = {
      state: p('SELECT cursor, checkpoint FROM sync_state WHERE sync_id = ? AND connection_id = ?'),
      setCheckpoint: p(`INSERT INTO sync_state (sync_id, connection_id, checkpoint) VALUES (?, ?, ?)
        ON CONFLICT (sync_id, connection_id) DO UPDATE SET checkpoint = excluded.checkpoint`),
      setCursor: p('UPDATE sync_state SET cursor = ? WHERE sync_id = ? AND connection_id = ?'),
      putRun: p(`INSERT INTO sync_runs (id, sync_id, connection_id, mode, status, started_at, finished_at, duration_ms, counts, errors)
        VALUES (@id, @syncId, @connectionId, @mode, @status, @startedAt, @finishedAt, @durationMs, @counts, @errors)
        ON CONFLICT (id) DO UPDATE SET status = excluded.status, finished_at = excluded.finished_at,
          duration_ms = excluded.duration_ms, counts = excluded.counts, errors = excluded.errors`),
      getRun: p('SELECT * FROM sync_runs WHERE id = ?'),
      // One statement for any number of ids (a JSON array), so a page's lookup is prepared once.
      getLedger: p(`SELECT * FROM sync_ledger WHERE sync_id = ? AND connection_id = ? AND record_id IN (SELECT value FROM json_each(?))`),
      getRecords: p(`SELECT * FROM records WHERE collection = ? AND id IN (SELECT value FROM json_each(?))`),
      unseen: p(`SELECT * FROM sync_ledger WHERE sync_id = ? AND connection_id = ? AND seen_run <> ? AND deleted = 0
        ORDER BY record_id LIMIT ?`),
      unseenChildren: p(`SELECT * FROM sync_ledger WHERE sync_id = ? AND connection_id = ? AND parent_id = ? AND seen_run <> ? AND deleted = 0
        ORDER BY record_id LIMIT ?`),
      applied: p(`UPDATE sync_conflicts SET status = 'applied' WHERE id = ? AND status = 'resolved'`),
      deadLetter: p(`INSERT INTO sync_dead_letters (sync_id, connection_id, run_id, record_id, record, error, attempts, at, first_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (sync_id, connection_id, record_id) DO UPDATE SET run_id = excluded.run_id,
        record = excluded.record, error = excluded.error, attempts = sync_dead_letters.attempts + excluded.attempts,
        at = excluded.at, resolved_at = NULL`),
      resolveDeadLetters: p(`UPDATE sync_dead_letters SET resolved_at = ? WHERE sync_id = ? AND connection_id = ? AND resolved_at IS NULL
        AND record_id IN (SELECT value FROM json_each(?))`),
      conflict: p(`INSERT INTO sync_conflicts (sync_id, connection_id, run_id, record_id, source, destination, status, at)
        VALUES (?, ?, ?, ?, ?, ?, 'open', ?)`),
      deleteRecord: p('DELETE FROM records WHERE collection = ? AND id = ?'),
      flagRecord: p('UPDATE records SET deleted_at = ?, updated_at = ? WHERE collection = ? AND id = ? AND deleted_at IS NULL'),
      lease: p('SELECT holder, expires_at FROM leases WHERE name = ?'),
      putLease: p(`INSERT INTO leases (name, holder, expires_at) VALUES (?, ?, ?)
        ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at`),
      releaseLease: p('DELETE FROM leases WHERE name = ? AND holder = ?'),
    };
    this.#ledger = new BatchInsert(
      db,
      'INSERT INTO sync_ledger (sync_id, connection_id, record_id, hash, seen_run, deleted, destination_hash, cursor, parent_id, written)',
      10,
      (e: LedgerEntry, k: StreamKey) => [k.syncId, k.connectionId, e.recordId, e.hash, e.seenRun, e.deleted ? 1 : 0, e.destinationHash ?? null, json(e.cursor), e.parentId ?? null, json(e.written)],
      `ON CONFLICT (sync_id, connection_id, record_id) DO UPDATE SET hash = excluded.hash, seen_run = excluded.seen_run,
        deleted = excluded.deleted, destination_hash = excluded.destination_hash, cursor = excluded.cursor,
        parent_id = excluded.parent_id, written = excluded.written`,
    );
    this.#audit = new BatchInsert(
      db,
      'INSERT INTO sync_audit (sync_id, connection_id, run_id, record_id, action, before, after, error, at, side)',
      10,
      (a: AuditEntry, k: StreamKey) => [k.syncId, k.connectionId, a.runId, a.recordId, a.action, json(a.before), json(a.after), a.error ?? null, a.at, a.side ?? null],
    );
    this.#upsert = new BatchInsert(
      db,
      'INSERT INTO records (collection, id, data, updated_at, deleted_at)',
      5,
      (r: { readonly id: string; readonly data: unknown }, to: { readonly collection: string; readonly at: number }) => [to.collection, r.id, JSON.stringify(r.data), to.at, null],
      'ON CONFLICT (collection, id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at, deleted_at = NULL',
    );
    this.#commit = db.transaction((c: PageCommit) => this.#apply(c));
  }

  async getState(key: StreamKey): Promise<SyncState> {
    return toState(this.#q['state']!.get(key.syncId, key.connectionId) as Row | undefined);
  }

  async commitPage(commit: PageCommit): Promise<void> {
    this.#commit.immediate(commit);
  }

  #apply(c: PageCommit): void {
    const q = this.#q;
    const { syncId, connectionId } = c;
    this.#ledger.run(c.ledger, c);
    this.#audit.run(c.audit, c);
    for (const d of c.deadLetters) {
      q['deadLetter']!.run(syncId, connectionId, d.runId, d.recordId, json(d.record), d.error, d.attempts, d.at, d.at);
    }
    const now = c.run.finishedAt ?? c.checkpoint?.progressAt ?? c.run.startedAt;
    if (c.resolvedDeadLetters?.length) q['resolveDeadLetters']!.run(now, syncId, connectionId, JSON.stringify(c.resolvedDeadLetters));
    for (const x of c.conflicts ?? []) {
      q['conflict']!.run(syncId, connectionId, x.runId, x.recordId, json(x.source), json(x.destination), x.at);
    }
    for (const w of c.writes ?? []) {
      this.#upsert.run(w.upserts, { collection: w.collection, at: now });
      for (const id of w.deletes) q['deleteRecord']!.run(w.collection, id);
      for (const id of w.flags) q['flagRecord']!.run(now, now, w.collection, id);
    }
    for (const id of c.appliedConflicts ?? []) q['applied']!.run(id);
    q['setCheckpoint']!.run(syncId, connectionId, json(c.checkpoint ?? undefined));
    if (c.cursor !== undefined) q['setCursor']!.run(JSON.stringify(c.cursor), syncId, connectionId);
    q['putRun']!.run(runParams(c.run));
  }

  async getRun(runId: string): Promise<RunRecord | undefined> {
    const row = this.#q['getRun']!.get(runId) as Row | undefined;
    return row ? toRun(row) : undefined;
  }

  async listRuns(query: { readonly syncId?: string; readonly limit?: number } = {}): Promise<RunRecord[]> {
    const where = query.syncId === undefined ? '' : 'WHERE sync_id = @syncId';
    const rows = this.db.prepare(`SELECT * FROM sync_runs ${where} ORDER BY started_at DESC, rowid DESC LIMIT @limit`).all({ syncId: query.syncId, limit: query.limit ?? 20 });
    return (rows as Row[]).map(toRun);
  }

  async getLedger(key: StreamKey, recordIds: readonly string[]): Promise<Map<string, LedgerEntry>> {
    const found = new Map<string, LedgerEntry>();
    if (recordIds.length === 0) return found;
    for (const row of this.#q['getLedger']!.all(key.syncId, key.connectionId, JSON.stringify(recordIds)) as Row[]) {
      found.set(String(row['record_id']), toLedger(row));
    }
    return found;
  }

  async unseenLedger(key: StreamKey, runId: string, limit: number, parentId?: string): Promise<LedgerEntry[]> {
    const rows = parentId === undefined
      ? this.#q['unseen']!.all(key.syncId, key.connectionId, runId, limit)
      : this.#q['unseenChildren']!.all(key.syncId, key.connectionId, parentId, runId, limit);
    return (rows as Row[]).map(toLedger);
  }

  async listAudit(query: AuditQuery): Promise<(AuditEntry & { readonly id: number })[]> {
    const clauses: string[] = [];
    if (query.syncId !== undefined) clauses.push('sync_id = @syncId');
    if (query.recordId !== undefined) clauses.push('record_id = @recordId');
    if (query.runId !== undefined) clauses.push('run_id = @runId');
    const where = clauses.length ? `WHERE ${clauses.join(' AND ')}` : '';
    const rows = this.db.prepare(`SELECT * FROM sync_audit ${where} ORDER BY id DESC LIMIT @limit`).all({ ...query, limit: query.limit ?? 100 }) as Row[];
    return rows.map(toAudit);
  }

  async pruneAudit(syncId: string, policy: RetentionPolicy, now: number): Promise<number> {
    let deleted = 0;
    if (policy.maxAgeMs !== undefined) {
      deleted += this.db.prepare('DELETE FROM sync_audit WHERE sync_id = ? AND at < ?').run(syncId, now - policy.maxAgeMs).changes;
    }
    if (policy.maxRows !== undefined) {
      const sql = `DELETE FROM sync_audit WHERE sync_id = ? AND id <= (SELECT id FROM sync_audit WHERE sync_id = ? ORDER BY id DESC LIMIT 1 OFFSET ?)`;
      deleted += this.db.prepare(sql).run(syncId, syncId, policy.maxRows).changes;
    }
    return deleted;
  }

  async listDeadLetters(query: DeadLetterQuery = {}): Promise<StoredDeadLetter[]> {
    const clauses: string[] = [];
    if (query.syncId !== undefined) clauses.push('sync_id = @syncId');
    if (query.status === 'open') clauses.push('resolved_at IS NULL');
    if (query.status === 'resolved') clauses.push('resolved_at IS NOT NULL');
    const where = clauses.length ? `WHERE ${clauses.join(' AND ')}` : '';
    const rows = this.db.prepare(`SELECT * FROM sync_dead_letters ${where} ORDER BY first_at, id LIMIT @limit`).all({ syncId: query.syncId, limit: query.limit ?? 100 }) as Row[];
    return rows.map(toDeadLetter);
  }

  async listConflicts(query: { readonly syncId?: string; readonly status?: ConflictStatus } = {}): Promise<StoredConflict[]> {
    const clauses: string[] = [];
    if (query.syncId !== undefined) clauses.push('sync_id = @syncId');
    if (query.status !== undefined) clauses.push('status = @status');
    const where = clauses.length ? `WHERE ${clauses.join(' AND ')}` : '';
    const rows = this.db.prepare(`SELECT * FROM sync_conflicts ${where} ORDER BY id`).all({ ...query }) as Row[];
    return rows.map(toConflict);
  }

  async resolveConflict(id: number, resolution: 'source' | 'destination', now: number): Promise<boolean> {
    const sql = `UPDATE sync_conflicts SET status = 'resolved', resolution = ?, resolved_at = ? WHERE id = ? AND status = 'open'`;
    return this.db.prepare(sql).run(resolution, now, id).changes === 1;
  }

  async listRecords(collection: string, query: RecordPageQuery): Promise<StoredRecord[]> {
    const clauses = ['collection = @collection'];
    if (!query.includeDeleted) clauses.push('deleted_at IS NULL');
    if (query.since !== undefined) clauses.push('updated_at >= @since');
    if (query.after) clauses.push('(updated_at > @afterAt OR (updated_at = @afterAt AND id > @afterId))');
    const sql = `SELECT * FROM records WHERE ${clauses.join(' AND ')} ORDER BY updated_at, id LIMIT @limit`;
    const rows = this.db.prepare(sql).all({ collection, since: query.since, afterAt: query.after?.updatedAt, afterId: query.after?.id, limit: query.limit }) as Row[];
    return rows.map(toStoredRecord);
  }

  async getRecords(collection: string, ids: readonly string[]): Promise<Map<string, StoredRecord>> {
    const found = new Map<string, StoredRecord>();
    if (ids.length === 0) return found;
    for (const row of this.#q['getRecords']!.all(collection, JSON.stringify(ids)) as Row[]) found.set(String(row['id']), toStoredRecord(row));
    return found;
  }

  async clearCollection(collection: string): Promise<void> {
    this.db.prepare('DELETE FROM records WHERE collection = ?').run(collection);
  }

  async putRecords(collection: string, records: readonly { readonly id: string; readonly data: unknown }[], now: number): Promise<void> {
    this.db.transaction(() => {
      this.#upsert.run(records, { collection, at: now });
    })();
  }

  async acquireLease(name: string, holder: string, expiresAt: number, now: number): Promise<boolean> {
    const take = this.db.transaction(() => {
      const row = this.#q['lease']!.get(name) as Row | undefined;
      const current = row ? String(row['holder']) : undefined;
      const free = !row || current === holder || Number(row['expires_at']) <= now || !this.#alive(current!);
      if (free) this.#q['putLease']!.run(name, holder, expiresAt);
      return free;
    });
    return take.immediate();
  }

  async putConnection(c: { readonly id: string; readonly connector: string; readonly credentials: string; readonly tokens?: string }, now: number): Promise<void> {
    const sql = `INSERT INTO connections (id, connector, credentials, tokens, token_version, state, stale_reason, updated_at)
      VALUES (?, ?, ?, ?, 0, 'active', NULL, ?) ON CONFLICT (id) DO UPDATE SET connector = excluded.connector,
      credentials = excluded.credentials, tokens = excluded.tokens, token_version = connections.token_version + 1,
      state = 'active', stale_reason = NULL, updated_at = excluded.updated_at`;
    this.db.prepare(sql).run(c.id, c.connector, c.credentials, c.tokens ?? null, now);
  }

  async getConnection(id: string): Promise<ConnectionRecord | undefined> {
    const row = this.db.prepare('SELECT * FROM connections WHERE id = ?').get(id) as Row | undefined;
    return row ? toConnection(row) : undefined;
  }

  async listConnections(): Promise<ConnectionRecord[]> {
    return (this.db.prepare('SELECT * FROM connections ORDER BY id').all() as Row[]).map(toConnection);
  }

  async saveTokens(id: string, expectedVersion: number, tokens: string, now: number): Promise<boolean> {
    const sql = 'UPDATE connections SET tokens = ?, token_version = token_version + 1, updated_at = ? WHERE id = ? AND token_version = ?';
    return this.db.prepare(sql).run(tokens, now, id, expectedVersion).changes === 1;
  }

  async markConnectionStale(id: string, reason: string, now: number): Promise<void> {
    this.db.prepare(`UPDATE connections SET state = 'stale', stale_reason = ?, updated_at = ? WHERE id = ?`).run(reason, now, id);
  }

  async releaseLease(name: string, holder: string): Promise<void> {
    this.#q['releaseLease']!.run(name, holder);
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}

function runParams(run: RunRecord): Record<string, unknown> {
  return {
    id: run.id,
    syncId: run.syncId,
    connectionId: run.connectionId,
    mode: run.mode,
    status: run.status,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt ?? null,
    durationMs: run.durationMs ?? null,
    counts: JSON.stringify(run.counts),
    errors: JSON.stringify(run.errors),
  };
}
