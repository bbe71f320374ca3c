/**
 * The sync tables of the SQLite store. JSON values are stored as text; times as epoch ms.
 * Append a migration to change them; never edit one that has shipped.
 */
import type { Migration } from './open.js';

export const SYNC_MIGRATIONS: readonly Migration[] = [
  `
  CREATE TABLE sync_state (
    sync_id TEXT NOT NULL, connection_id TEXT NOT NULL,
    cursor TEXT, checkpoint TEXT,
    PRIMARY KEY (sync_id, connection_id)
  );
  CREATE TABLE sync_runs (
    id TEXT PRIMARY KEY, sync_id TEXT NOT NULL, connection_id TEXT NOT NULL, mode TEXT NOT NULL,
    status TEXT NOT NULL, started_at INTEGER NOT NULL, finished_at INTEGER, duration_ms INTEGER,
    counts TEXT NOT NULL, errors TEXT NOT NULL
  );
  CREATE INDEX sync_runs_by_sync ON sync_runs (sync_id, started_at);
  CREATE TABLE sync_ledger (
    sync_id TEXT NOT NULL, connection_id TEXT NOT NULL, record_id TEXT NOT NULL,
    hash TEXT NOT NULL, seen_run TEXT NOT NULL, deleted INTEGER NOT NULL,
    destination_hash TEXT, cursor TEXT,
    PRIMARY KEY (sync_id, connection_id, record_id)
  );
  CREATE TABLE sync_audit (
    id INTEGER PRIMARY KEY AUTOINCREMENT, sync_id TEXT NOT NULL, connection_id TEXT NOT NULL,
    run_id TEXT NOT NULL, record_id TEXT NOT NULL, action TEXT NOT NULL,
    before TEXT, after TEXT, error TEXT, at INTEGER NOT NULL
  );
  CREATE INDEX sync_audit_by_record ON sync_audit (sync_id, record_id);
  CREATE INDEX sync_audit_by_time ON sync_audit (sync_id, at);
  CREATE TABLE sync_dead_letters (
    id INTEGER PRIMARY KEY AUTOINCREMENT, sync_id TEXT NOT NULL, connection_id TEXT NOT NULL,
    run_id TEXT NOT NULL, record_id TEXT NOT NULL, record TEXT, error TEXT NOT NULL,
    attempts INTEGER NOT NULL, at INTEGER NOT NULL
  );
  CREATE TABLE sync_conflicts (
    id INTEGER PRIMARY KEY AUTOINCREMENT, sync_id TEXT NOT NULL, connection_id TEXT NOT NULL,
    run_id TEXT NOT NULL, record_id TEXT NOT NULL, source TEXT, destination TEXT,
    status TEXT NOT NULL, resolution TEXT, at INTEGER NOT NULL, resolved_at INTEGER
  );
  CREATE TABLE records (
    collection TEXT NOT NULL, id TEXT NOT NULL, data TEXT NOT NULL,
    updated_at INTEGER NOT NULL, deleted_at INTEGER,
    PRIMARY KEY (collection, id)
  );
  CREATE INDEX records_by_time ON records (collection, updated_at, id);
  CREATE TABLE leases (name TEXT PRIMARY KEY, holder TEXT NOT NULL, expires_at INTEGER NOT NULL);
  `,
  // Bidirectional syncs write both sides: the audit row says which.
  'ALTER TABLE sync_audit ADD COLUMN side TEXT',
  `CREATE TABLE connections (
    id TEXT PRIMARY KEY, connector TEXT NOT NULL, credentials TEXT NOT NULL, tokens TEXT,
    token_version INTEGER NOT NULL, state TEXT NOT NULL, stale_reason TEXT, updated_at INTEGER NOT NULL
  )`,
  // Child streams remember their parent (so a re-read parent finds children that left); connector
  // destinations keep the last written record (masked) as the next audit row's `before`.
  'ALTER TABLE sync_ledger ADD COLUMN parent_id TEXT; ALTER TABLE sync_ledger ADD COLUMN written TEXT',
  'CREATE INDEX sync_ledger_by_parent ON sync_ledger (sync_id, connection_id, parent_id) WHERE parent_id IS NOT NULL',
  // One dead letter per record: a record failing run after run updates its row. Older files may
  // hold several rows for one record; the newest stays, with the earliest time as first_at.
  `ALTER TABLE sync_dead_letters ADD COLUMN first_at INTEGER;
  ALTER TABLE sync_dead_letters ADD COLUMN resolved_at INTEGER;
  UPDATE sync_dead_letters SET first_at = g.first_at, attempts = g.attempts
    FROM (SELECT MAX(id) AS id, MIN(at) AS first_at, SUM(attempts) AS attempts FROM sync_dead_letters
      GROUP BY sync_id, connection_id, record_id) AS g
    WHERE sync_dead_letters.id = g.id;
  DELETE FROM sync_dead_letters WHERE id NOT IN (SELECT MAX(id) FROM sync_dead_letters GROUP BY sync_id, connection_id, record_id);
  CREATE UNIQUE INDEX sync_dead_letters_by_record ON sync_dead_letters (sync_id, connection_id, record_id)`,
];
