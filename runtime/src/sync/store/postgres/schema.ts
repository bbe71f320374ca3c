/**
 * The sync tables of the PostgreSQL store, the same tables as the SQLite store's (sqlite/schema.ts).
 * JSON values are text, not jsonb: jsonb reorders object keys, drops duplicate ones and refuses
 * `\u0000` in strings, and a store must hand back exactly what it was given. Times are epoch ms in
 * bigint. Append a migration to change them; never edit one that has shipped.
 */
import type { PgMigration } from './open.js';

export const SYNC_PG_MIGRATIONS: readonly PgMigration[] = [
  `
  CREATE TABLE sync_state (
    sync_id text NOT NULL, connection_id text NOT NULL,
    cursor text, checkpoint text,
    PRIMARY KEY (sync_id, connection_id)
  );
  CREATE TABLE sync_runs (
    id text PRIMARY KEY, seq bigint GENERATED ALWAYS AS IDENTITY, sync_id text NOT NULL,
    connection_id text NOT NULL, mode text NOT NULL, status text NOT NULL, started_at bigint NOT NULL,
    finished_at bigint, duration_ms bigint, counts text NOT NULL, errors text NOT NULL
  );
  CREATE INDEX sync_runs_by_sync ON sync_runs (sync_id, started_at);
  CREATE TABLE sync_ledger (
    sync_id text NOT NULL, connection_id text NOT NULL, record_id text NOT NULL,
    hash text NOT NULL, seen_run text NOT NULL, deleted boolean NOT NULL,
    destination_hash text, cursor text,
    PRIMARY KEY (sync_id, connection_id, record_id)
  );
  CREATE TABLE sync_audit (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, sync_id text NOT NULL, connection_id text NOT NULL,
    run_id text NOT NULL, record_id text NOT NULL, action text NOT NULL, side text,
    before text, after text, error text, at bigint NOT NULL
  );
  CREATE INDEX sync_audit_by_record ON sync_audit (sync_id, record_id);
  CREATE INDEX sync_audit_by_time ON sync_audit (sync_id, at);
  CREATE TABLE sync_dead_letters (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, sync_id text NOT NULL, connection_id text NOT NULL,
    run_id text NOT NULL, record_id text NOT NULL, record text, error text NOT NULL,
    attempts integer NOT NULL, at bigint NOT NULL
  );
  CREATE TABLE sync_conflicts (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, sync_id text NOT NULL, connection_id text NOT NULL,
    run_id text NOT NULL, record_id text NOT NULL, source text, destination text,
    status text NOT NULL DEFAULT 'open', resolution text, at bigint NOT NULL, resolved_at bigint
  );
  CREATE TABLE records (
    collection text NOT NULL, id text NOT NULL, data text NOT NULL,
    updated_at bigint NOT NULL, deleted_at bigint,
    PRIMARY KEY (collection, id)
  );
  CREATE INDEX records_by_time ON records (collection, updated_at, id);
  CREATE TABLE leases (name text PRIMARY KEY, holder text NOT NULL, expires_at bigint NOT NULL);
  CREATE TABLE connections (
    id text PRIMARY KEY, connector text NOT NULL, credentials text NOT NULL, tokens text,
    token_version integer NOT NULL, state text NOT NULL, stale_reason text, updated_at bigint NOT NULL
  );
  `,
  // As SQLite's migrations 4-6: a child entry's parent and a connector destination's last written
  // copy in the ledger; one dead letter per record (older repeated rows merged, attempts summed).
  `
  ALTER TABLE sync_ledger ADD COLUMN parent_id text, ADD COLUMN written text;
  CREATE INDEX sync_ledger_by_parent ON sync_ledger (sync_id, connection_id, parent_id) WHERE parent_id IS NOT NULL;
  ALTER TABLE sync_dead_letters ADD COLUMN first_at bigint, ADD COLUMN resolved_at bigint;
  UPDATE sync_dead_letters d SET first_at = g.first_at, attempts = g.attempts
    FROM (SELECT max(id) AS id, min(at) AS first_at, sum(attempts) AS attempts FROM sync_dead_letters
      GROUP BY sync_id, connection_id, record_id) g
    WHERE d.id = g.id;
  DELETE FROM sync_dead_letters WHERE id NOT IN (SELECT max(id) FROM sync_dead_letters GROUP BY sync_id, connection_id, record_id);
  CREATE UNIQUE INDEX sync_dead_letters_by_record ON sync_dead_letters (sync_id, connection_id, record_id);
  `,
];
