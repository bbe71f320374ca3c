/**
 * The PostgreSQL store's statements. A page's rows of one table go in one statement: each column
 * is sent as an array and `unnest` turns the arrays back into rows, so a page of 500 records is
 * one round trip per table instead of 500.
 */
import type { PoolClient } from 'pg';

export interface BulkInsert {
  readonly sql: string;
  /** Row arity; each value of a row goes into the array of its column. */
  readonly columns: number;
}

function bulk(head: string, types: readonly string[], tail = ''): BulkInsert {
  const arrays = types.map((type, i) => `$${i + 1}::${type}[]`).join(', ');
  return { sql: `${head} SELECT * FROM unnest(${arrays}) ${tail}`, columns: types.length };
}

export async function unnestInsert(client: PoolClient, insert: BulkInsert, rows: readonly (readonly unknown[])[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = Array.from({ length: insert.columns }, (_, i) => rows.map((row) => row[i]));
  await client.query(insert.sql, columns);
}

export const SQL = {
  state: 'SELECT cursor, checkpoint FROM sync_state WHERE sync_id = $1 AND connection_id = $2',
  setCheckpoint: `INSERT INTO sync_state (sync_id, connection_id, checkpoint) VALUES ($1, $2, $3)
    ON CONFLICT (sync_id, connection_id) DO UPDATE SET checkpoint = excluded.checkpoint`,
  setCursor: 'UPDATE sync_state SET cursor = $1 WHERE sync_id = $2 AND connection_id = $3',
  putRun: `INSERT INTO sync_runs (id, sync_id, connection_id, mode, status, started_at, finished_at, duration_ms, counts, errors)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
    ON CONFLICT (id) DO UPDATE SET status = excluded.status, finished_at = excluded.finished_at,
      duration_ms = excluded.duration_ms, counts = excluded.counts, errors = excluded.errors`,
  ledger: bulk(
    'INSERT INTO sync_ledger (sync_id, connection_id, record_id, hash, seen_run, deleted, destination_hash, cursor, parent_id, written)',
    ['text', 'text', 'text', 'text', 'text', 'boolean', 'text', 'text', 'text', 'text'],
    `ON CONFLICT (sync_id, connection_id, record_id) DO UPDATE SET hash = excluded.hash, seen_run = excluded.seen_run,
      deleted = excluded.deleted, destination_hash = excluded.destination_hash, cursor = excluded.cursor,
      parent_id = excluded.parent_id, written = excluded.written`,
  ),
  unseen: `SELECT * FROM sync_ledger WHERE sync_id = $1 AND connection_id = $2 AND seen_run <> $3 AND NOT deleted
    ORDER BY record_id LIMIT $4`,
  unseenChildren: `SELECT * FROM sync_ledger WHERE sync_id = $1 AND connection_id = $2 AND parent_id = $5 AND seen_run <> $3
    AND NOT deleted ORDER BY record_id LIMIT $4`,
  audit: bulk(
    'INSERT INTO sync_audit (sync_id, connection_id, run_id, record_id, action, before, after, error, at, side)',
    ['text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'bigint', 'text'],
  ),
  deadLetter: bulk(
    'INSERT INTO sync_dead_letters (sync_id, connection_id, run_id, record_id, record, error, attempts, at, first_at)',
    ['text', 'text', 'text', 'text', 'text', 'text', 'integer', 'bigint', 'bigint'],
    `ON CONFLICT (sync_id, connection_id, record_id) DO UPDATE SET run_id = excluded.run_id, record = excluded.record,
      error = excluded.error, attempts = sync_dead_letters.attempts + excluded.attempts, at = excluded.at, resolved_at = NULL`,
  ),
  resolveDeadLetters: `UPDATE sync_dead_letters SET resolved_at = $1 WHERE sync_id = $2 AND connection_id = $3
    AND resolved_at IS NULL AND record_id = ANY($4::text[])`,
  conflict: bulk(
    `INSERT INTO sync_conflicts (sync_id, connection_id, run_id, record_id, source, destination, at)`,
    ['text', 'text', 'text', 'text', 'text', 'text', 'bigint'],
  ),
  applied: `UPDATE sync_conflicts SET status = 'applied' WHERE id = ANY($1::bigint[]) AND status = 'resolved'`,
  upsertRecord: bulk(
    'INSERT INTO records (collection, id, data, updated_at)',
    ['text', 'text', 'text', 'bigint'],
    'ON CONFLICT (collection, id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at, deleted_at = NULL',
  ),
  deleteRecords: 'DELETE FROM records WHERE collection = $1 AND id = ANY($2::text[])',
  flagRecords: 'UPDATE records SET deleted_at = $3, updated_at = $3 WHERE collection = $1 AND id = ANY($2::text[]) AND deleted_at IS NULL',
  takeLease: `INSERT INTO leases (name, holder, expires_at) VALUES ($1, $2, $3)
    ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
    WHERE leases.holder = excluded.holder OR leases.expires_at <= $4`,
  putConnection: `INSERT INTO connections (id, connector, credentials, tokens, token_version, state, stale_reason, updated_at)
    VALUES ($1, $2, $3, $4, 0, 'active', NULL, $5) ON CONFLICT (id) DO UPDATE SET connector = excluded.connector,
    credentials = excluded.credentials, tokens = excluded.tokens, token_version = connections.token_version + 1,
    state = 'active', stale_reason = NULL, updated_at = excluded.updated_at`,
} as const;
