/**
 * Connecting to the PostgreSQL store, and migrating it.
 *
 * `pg` is an optional peer dependency, loaded only here: connectors and SQLite users never need it.
 * Migrations are versioned per component in `schema_migrations`, as in the SQLite store, and run
 * under an advisory lock: N workers starting at once against a new database wait for the first one
 * instead of creating the same tables twice.
 */
import type { Pool, PoolConfig } from 'pg';
import { SyncError } from '../../errors.js';

/** One schema change, applied once, in order, in a transaction. */
export type PgMigration = string;

export interface PostgresOptions {
  /** Connections in the pool, default 10. */
  readonly max?: number;
  /** How long to wait for a connection before failing, default 10 s. */
  readonly connectTimeoutMs?: number;
}

// Any fixed number serves: it only has to be the same in every process migrating this database.
const MIGRATION_LOCK = 7_390_221_406;

/** The URL with its password replaced, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    for (const name of ['password', 'sslpassword']) if (parsed.searchParams.has(name)) parsed.searchParams.set(name, '***');
    return parsed.toString();
  } catch {
    return '<unparsable URL>';
  }
}

/** Opens a pool and proves the database answers; `CG_STORE_CONNECT` when it does not. */
export async function openPool(url: string, options: PostgresOptions = {}): Promise<Pool> {
  const pg = await loadDriver();
  const config: PoolConfig = { connectionString: url, max: options.max ?? 10, connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000 };
  const pool = new pg.Pool(config);
  // A connection the server drops emits 'error' (on the pool when idle, on the client while checked
  // out), and an unheard 'error' ends the process. The query in flight already rejects with it, and
  // the pool replaces the connection, so a restarted server costs a failed page, not a dead worker.
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  try {
    await pool.query('SELECT 1');
  } catch (error) {
    await pool.end().catch(() => {});
    throw connectError(url, error);
  }
  return pool;
}

function connectError(url: string, error: unknown): SyncError {
  const e = error as { message?: string; code?: string; errors?: { message?: string }[] };
  // Node reports a refused dual-stack connect as an AggregateError with an empty message.
  const reason = e.message || e.errors?.[0]?.message || e.code || String(error);
  return new SyncError('CG_STORE_CONNECT', `cannot connect to the PostgreSQL store at ${redactUrl(url)}: ${reason}`, {
    hint: 'check that the server runs and the URL (host, port, database, user, password) is right: postgres://user:password@host:5432/database',
  });
}

async function loadDriver(): Promise<typeof import('pg')> {
  try {
    const module = (await import('pg')) as { default?: typeof import('pg') } & typeof import('pg');
    return module.default ?? module;
  } catch (error) {
    throw new SyncError('CG_STORE_DRIVER', 'the PostgreSQL store needs the pg package, which is not installed', {
      hint: 'npm install pg',
      cause: error,
    });
  }
}

/** Applies `component`'s migrations the database has not seen; returns how many ran. */
export async function migratePostgres(pool: Pool, component: string, migrations: readonly PgMigration[]): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (component text NOT NULL, version integer NOT NULL, PRIMARY KEY (component, version))');
      const { rows } = await client.query<{ v: number | null }>('SELECT MAX(version) AS v FROM schema_migrations WHERE component = $1', [component]);
      const applied = rows[0]?.v ?? 0;
      for (let version = applied + 1; version <= migrations.length; version++) {
        await client.query('BEGIN');
        try {
          await client.query(migrations[version - 1]!);
          await client.query('INSERT INTO schema_migrations (component, version) VALUES ($1, $2)', [component, version]);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK');
          throw error;
        }
      }
      return Math.max(0, migrations.length - applied);
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    client.release();
  }
}
