/**
 * Execution records in PostgreSQL, for RPA workers on several machines: the same database (and pool
 * code, and versioned migrations under an advisory lock, as component `rpa`) as the sync store's.
 * The record is kept whole as JSON text (jsonb would reorder its keys), with the columns listing
 * filters and sorts on beside it. Screenshots stay files on the machine that ran the job, in
 * `screenshotsDir`; the record holds their paths.
 */
import path from 'node:path';
import type { Pool } from 'pg';
import { migratePostgres, openPool, type PgMigration, type PostgresOptions } from '../../sync/store/postgres/open.js';
import type { ExecutionRecord } from '../record.js';
import { toSummary, type RunRow } from './row.js';
import type { ListRunsOptions, RpaRunStore, RunSummary } from './store.js';

const RPA_MIGRATIONS: readonly PgMigration[] = [
  `CREATE TABLE rpa_runs (
       id text PRIMARY KEY,
       seq bigserial NOT NULL,
       job text NOT NULL,
       status text NOT NULL,
       started_at text NOT NULL,
       duration_ms double precision NOT NULL,
       step_count integer NOT NULL,
       failed_step text,
       record text NOT NULL
     );
     CREATE INDEX rpa_runs_started ON rpa_runs (started_at DESC, seq DESC);
     CREATE INDEX rpa_runs_job ON rpa_runs (job, started_at DESC);`,
];

export interface PostgresRunStoreOptions extends PostgresOptions {
  /** Where this machine writes screenshots; default `.connectgen/screenshots` under the working directory. */
  readonly screenshotsDir?: string;
}

/** Connects (`CG_STORE_CONNECT` when the database does not answer) and migrates. */
export async function openPostgresRunStore(url: string, options: PostgresRunStoreOptions = {}): Promise<PostgresRunStore> {
  const pool = await openPool(url, { max: options.max ?? 4, ...(options.connectTimeoutMs === undefined ? {} : { connectTimeoutMs: options.connectTimeoutMs }) });
  try {
    await migratePostgres(pool, 'rpa', RPA_MIGRATIONS);
  } catch (error) {
    await pool.end().catch(() => {});
    throw error;
  }
  return new PostgresRunStore(pool, path.resolve(options.screenshotsDir ?? path.join('.connectgen', 'screenshots')));
}

export class PostgresRunStore implements RpaRunStore {
  constructor(
    readonly pool: Pool,
    readonly screenshotsDir: string,
  ) {}

  async save(record: ExecutionRecord): Promise<void> {
    await this.pool.query(
      `INSERT INTO rpa_runs (id, job, status, started_at, duration_ms, step_count, failed_step, record)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (id) DO UPDATE SET job = EXCLUDED.job, status = EXCLUDED.status, started_at = EXCLUDED.started_at,
         duration_ms = EXCLUDED.duration_ms, step_count = EXCLUDED.step_count, failed_step = EXCLUDED.failed_step, record = EXCLUDED.record`,
      [record.id, record.job, record.status, record.startedAt, record.durationMs, record.steps.length, record.error?.step ?? null, JSON.stringify(record)],
    );
  }

  async list(options: ListRunsOptions = {}): Promise<RunSummary[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (options.job !== undefined) (params.push(options.job), where.push(`job = $${params.length}`));
    if (options.status !== undefined) (params.push(options.status), where.push(`status = $${params.length}`));
    params.push(options.limit ?? 20);
    const { rows } = await this.pool.query<RunRow>(
      `SELECT id, job, status, started_at, duration_ms, step_count, failed_step FROM rpa_runs
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY started_at DESC, seq DESC LIMIT $${params.length}`,
      params,
    );
    return rows.map(toSummary);
  }

  async get(id: string): Promise<ExecutionRecord | undefined> {
    const { rows } = await this.pool.query<{ record: string }>('SELECT record FROM rpa_runs WHERE id = $1', [id]);
    return rows[0] ? (JSON.parse(rows[0].record) as ExecutionRecord) : undefined;
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
