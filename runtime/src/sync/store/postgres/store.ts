/**
 * The shared store: PostgreSQL through a `pg` pool, for several worker processes on several machines.
 * The same tables and semantics as the SQLite store. A page commit is one transaction whose rows go
 * in one statement per table (arrays through `unnest`), so a page costs a dozen round trips however
 * many records it holds.
 *
 * Leases and token saves are single conditional statements, so two processes racing for the same
 * row cannot both win, whichever machines they run on.
 */
import type { Pool, PoolClient } from 'pg';
import { isHolderAlive } from '../../lease.js';
import { json, toAudit, toConflict, toConnection, toDeadLetter, toLedger, toRun, toState, toStoredRecord, type Row } from '../rows.js';
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
import { migratePostgres, openPool, type PostgresOptions } from './open.js';
import { SYNC_PG_MIGRATIONS } from './schema.js';
import { SQL, unnestInsert } from './statements.js';

export interface PostgresStoreOptions extends PostgresOptions {
  /**
   * Whether a lease holder is still running. The default knows only processes on this host (the
   * holder names its host and pid, lease.ts); a holder on another machine keeps its lease until it
   * expires, since no process here can tell whether it is alive.
   */
  readonly isHolderAlive?: (holder: string) => boolean;
}

/** Connects to `url` (postgres://user:password@host:port/database), migrates, and returns the store. */
export async function openPostgresStore(url: string, options: PostgresStoreOptions = {}): Promise<PostgresSyncStore> {
  const pool = await openPool(url, options);
  try {
    await migratePostgres(pool, 'sync', SYNC_PG_MIGRATIONS);
  } catch (error) {
    await pool.end();
    throw error;
  }
  return new PostgresSyncStore(pool, options);
}

export class PostgresSyncStore implements SyncStore {
  readonly pool: Pool;
  readonly #alive: (holder: string) => boolean;

  constructor(pool: Pool, options: PostgresStoreOptions = {}) {
    this.pool = pool;
    this.#alive = options.isHolderAlive ?? isHolderAlive;
  }

  async #rows(sql: string, params: unknown[] = []): Promise<Row[]> {
    return (await this.pool.query(sql, params)).rows as Row[];
  }

  async #count(sql: string, params: unknown[]): Promise<number> {
    return (await this.pool.query(sql, params)).rowCount ?? 0;
  }

  async #transaction(body: (client: PoolClient) => Promise<void>): Promise<void> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      await body(client);
      await client.query('COMMIT');
    } catch (error) {
      // A connection that cannot even roll back is dropped from the pool rather than reused.
      await client.query('ROLLBACK').catch((rollback: Error) => (broken = rollback));
      throw error;
    } finally {
      client.release(broken);
    }
  }

  async getState(key: StreamKey): Promise<SyncState> {
    return toState((await this.#rows(SQL.state, [key.syncId, key.connectionId]))[0]);
  }

  async commitPage(c: PageCommit): Promise<void> {
    const { syncId, connectionId } = c;
    const now = c.run.finishedAt ?? c.checkpoint?.progressAt ?? c.run.startedAt;
    await this.#transaction(async (client) => {
      const ledger = lastById(c.ledger, (e) => e.recordId);
      await unnestInsert(client, SQL.ledger, ledger.map((e) => [syncId, connectionId, e.recordId, e.hash, e.seenRun, e.deleted, e.destinationHash ?? null, json(e.cursor), e.parentId ?? null, json(e.written)]));
      await unnestInsert(client, SQL.audit, c.audit.map((a) => [syncId, connectionId, a.runId, a.recordId, a.action, json(a.before), json(a.after), a.error ?? null, a.at, a.side ?? null]));
      // One row per record: an upsert may not touch a row twice in one statement, so the last failure wins.
      await unnestInsert(client, SQL.deadLetter, lastById(c.deadLetters, (d) => d.recordId).map((d) => [syncId, connectionId, d.runId, d.recordId, json(d.record), d.error, d.attempts, d.at, d.at]));
      if (c.resolvedDeadLetters?.length) await client.query(SQL.resolveDeadLetters, [now, syncId, connectionId, c.resolvedDeadLetters]);
      await unnestInsert(client, SQL.conflict, (c.conflicts ?? []).map((x) => [syncId, connectionId, x.runId, x.recordId, json(x.source), json(x.destination), x.at]));
      for (const w of c.writes ?? []) {
        await unnestInsert(client, SQL.upsertRecord, lastById(w.upserts, (r) => r.id).map((r) => [w.collection, r.id, JSON.stringify(r.data), now]));
        if (w.deletes.length) await client.query(SQL.deleteRecords, [w.collection, w.deletes]);
        if (w.flags.length) await client.query(SQL.flagRecords, [w.collection, w.flags, now]);
      }
      if (c.appliedConflicts?.length) await client.query(SQL.applied, [c.appliedConflicts]);
      await client.query(SQL.setCheckpoint, [syncId, connectionId, json(c.checkpoint ?? undefined)]);
      if (c.cursor !== undefined) await client.query(SQL.setCursor, [JSON.stringify(c.cursor), syncId, connectionId]);
      const r = c.run;
      await client.query(SQL.putRun, [r.id, r.syncId, r.connectionId, r.mode, r.status, r.startedAt, r.finishedAt ?? null, r.durationMs ?? null, JSON.stringify(r.counts), JSON.stringify(r.errors)]);
    });
  }

  async getRun(runId: string): Promise<RunRecord | undefined> {
    const [row] = await this.#rows('SELECT * FROM sync_runs WHERE id = $1', [runId]);
    return row ? toRun(row) : undefined;
  }

  async listRuns(query: { readonly syncId?: string; readonly limit?: number } = {}): Promise<RunRecord[]> {
    const sql = `SELECT * FROM sync_runs WHERE ($1::text IS NULL OR sync_id = $1) ORDER BY started_at DESC, seq DESC LIMIT $2`;
    return (await this.#rows(sql, [query.syncId ?? null, query.limit ?? 20])).map(toRun);
  }

  async getLedger(key: StreamKey, recordIds: readonly string[]): Promise<Map<string, LedgerEntry>> {
    const sql = 'SELECT * FROM sync_ledger WHERE sync_id = $1 AND connection_id = $2 AND record_id = ANY($3::text[])';
    const rows = await this.#rows(sql, [key.syncId, key.connectionId, recordIds]);
    return new Map(rows.map((row) => [String(row['record_id']), toLedger(row)]));
  }

  async unseenLedger(key: StreamKey, runId: string, limit: number, parentId?: string): Promise<LedgerEntry[]> {
    const rows = parentId === undefined
      ? await this.#rows(SQL.unseen, [key.syncId, key.connectionId, runId, limit])
      : await this.#rows(SQL.unseenChildren, [key.syncId, key.connectionId, runId, limit, parentId]);
    return rows.map(toLedger);
  }

  async listAudit(query: AuditQuery): Promise<(AuditEntry & { readonly id: number })[]> {
    const sql = `SELECT * FROM sync_audit WHERE ($1::text IS NULL OR sync_id = $1) AND ($2::text IS NULL OR record_id = $2)
      AND ($3::text IS NULL OR run_id = $3) ORDER BY id DESC LIMIT $4`;
    const rows = await this.#rows(sql, [query.syncId ?? null, query.recordId ?? null, query.runId ?? null, query.limit ?? 100]);
    return rows.map(toAudit);
  }

  async pruneAudit(syncId: string, policy: RetentionPolicy, now: number): Promise<number> {
    let deleted = 0;
    if (policy.maxAgeMs !== undefined) {
      deleted += await this.#count('DELETE FROM sync_audit WHERE sync_id = $1 AND at < $2', [syncId, now - policy.maxAgeMs]);
    }
    if (policy.maxRows !== undefined) {
      const sql = 'DELETE FROM sync_audit WHERE sync_id = $1 AND id <= (SELECT id FROM sync_audit WHERE sync_id = $1 ORDER BY id DESC LIMIT 1 OFFSET $2)';
      deleted += await this.#count(sql, [syncId, policy.maxRows]);
    }
    return deleted;
  }

  async listDeadLetters(query: DeadLetterQuery = {}): Promise<StoredDeadLetter[]> {
    const sql = `SELECT * FROM sync_dead_letters WHERE ($1::text IS NULL OR sync_id = $1)
      AND ($3::text IS NULL OR (resolved_at IS NULL) = ($3 = 'open')) ORDER BY first_at, id LIMIT $2`;
    return (await this.#rows(sql, [query.syncId ?? null, query.limit ?? 100, query.status ?? null])).map(toDeadLetter);
  }

  async listConflicts(query: { readonly syncId?: string; readonly status?: ConflictStatus } = {}): Promise<StoredConflict[]> {
    const sql = 'SELECT * FROM sync_conflicts WHERE ($1::text IS NULL OR sync_id = $1) AND ($2::text IS NULL OR status = $2) ORDER BY id';
    return (await this.#rows(sql, [query.syncId ?? null, query.status ?? null])).map(toConflict);
  }

  async resolveConflict(id: number, resolution: 'source' | 'destination', now: number): Promise<boolean> {
    const sql = `UPDATE sync_conflicts SET status = 'resolved', resolution = $1, resolved_at = $2 WHERE id = $3 AND status = 'open'`;
    return (await this.#count(sql, [resolution, now, id])) === 1;
  }

  async listRecords(collection: string, query: RecordPageQuery): Promise<StoredRecord[]> {
    const params: unknown[] = [collection];
    const clauses = ['collection = $1'];
    if (!query.includeDeleted) clauses.push('deleted_at IS NULL');
    if (query.since !== undefined) clauses.push(`updated_at >= $${params.push(query.since)}`);
    if (query.after) {
      const at = `$${params.push(query.after.updatedAt)}`;
      clauses.push(`(updated_at > ${at} OR (updated_at = ${at} AND id > $${params.push(query.after.id)}))`);
    }
    const sql = `SELECT * FROM records WHERE ${clauses.join(' AND ')} ORDER BY updated_at, id LIMIT $${params.push(query.limit)}`;
    return (await this.#rows(sql, params)).map(toStoredRecord);
  }

  async getRecords(collection: string, ids: readonly string[]): Promise<Map<string, StoredRecord>> {
    const rows = await this.#rows('SELECT * FROM records WHERE collection = $1 AND id = ANY($2::text[])', [collection, ids]);
    return new Map(rows.map((row) => [String(row['id']), toStoredRecord(row)]));
  }

  async clearCollection(collection: string): Promise<void> {
    await this.pool.query('DELETE FROM records WHERE collection = $1', [collection]);
  }

  async putRecords(collection: string, records: readonly { readonly id: string; readonly data: unknown }[], now: number): Promise<void> {
    await this.#transaction(async (client) => {
      await unnestInsert(client, SQL.upsertRecord, lastById(records, (r) => r.id).map((r) => [collection, r.id, JSON.stringify(r.data), now]));
    });
  }

  async acquireLease(name: string, holder: string, expiresAt: number, now: number): Promise<boolean> {
    // Free, expired or already ours: one statement takes it, and of two racing takers one wins.
    if ((await this.#count(SQL.takeLease, [name, holder, expiresAt, now])) === 1) return true;
    const [current] = await this.#rows('SELECT holder, expires_at FROM leases WHERE name = $1', [name]);
    if (!current) return (await this.#count(SQL.takeLease, [name, holder, expiresAt, now])) === 1; // released meanwhile
    if (this.#alive(String(current['holder']))) return false;
    // Its holder is gone (killed on this host): take it over only if nobody else did since we looked.
    const sql = 'UPDATE leases SET holder = $2, expires_at = $3 WHERE name = $1 AND holder = $4 AND expires_at = $5';
    return (await this.#count(sql, [name, holder, expiresAt, current['holder'], current['expires_at']])) === 1;
  }

  async releaseLease(name: string, holder: string): Promise<void> {
    await this.pool.query('DELETE FROM leases WHERE name = $1 AND holder = $2', [name, holder]);
  }

  async putConnection(c: { readonly id: string; readonly connector: string; readonly credentials: string; readonly tokens?: string }, now: number): Promise<void> {
    await this.pool.query(SQL.putConnection, [c.id, c.connector, c.credentials, c.tokens ?? null, now]);
  }

  async getConnection(id: string): Promise<ConnectionRecord | undefined> {
    const [row] = await this.#rows('SELECT * FROM connections WHERE id = $1', [id]);
    return row ? toConnection(row) : undefined;
  }

  async listConnections(): Promise<ConnectionRecord[]> {
    return (await this.#rows('SELECT * FROM connections ORDER BY id')).map(toConnection);
  }

  async saveTokens(id: string, expectedVersion: number, tokens: string, now: number): Promise<boolean> {
    const sql = 'UPDATE connections SET tokens = $1, token_version = token_version + 1, updated_at = $2 WHERE id = $3 AND token_version = $4';
    return (await this.#count(sql, [tokens, now, id, expectedVersion])) === 1;
  }

  async markConnectionStale(id: string, reason: string, now: number): Promise<void> {
    await this.pool.query(`UPDATE connections SET state = 'stale', stale_reason = $1, updated_at = $2 WHERE id = $3`, [reason, now, id]);
  }

  async close(): Promise<void> {
    if (!this.pool.ended) await this.pool.end();
  }
}

/**
 * One entry per id, the last one winning, as a row-by-row upsert would leave it: a single
 * `INSERT ... ON CONFLICT DO UPDATE` refuses to touch the same row twice.
 */
function lastById<T>(items: readonly T[], id: (item: T) => string): T[] {
  const byId = new Map<string, T>();
  for (const item of items) {
    byId.delete(id(item));
    byId.set(id(item), item);
  }
  return [...byId.values()];
}
