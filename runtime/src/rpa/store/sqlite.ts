/**
 * Execution records in the same local SQLite file as sync runs (opened and migrated by the sync
 * store's `openDatabase` / `migrate`, as component `rpa`), with screenshots in a `screenshots/`
 * directory beside it. The record is stored whole as JSON; the columns beside it are what listing
 * filters and sorts on.
 */
import { tmpdir } from 'node:os';
import path from 'node:path';
import { migrate, openDatabase, type SqliteDatabase } from '../../sync/store/sqlite/open.js';
import type { ExecutionRecord } from '../record.js';
import { toSummary, type RunRow } from './row.js';
import type { ListRunsOptions, RpaRunStore, RunSummary } from './store.js';

/** The sync store's default file: RPA records live beside the sync runs. */
export const DEFAULT_STORE_PATH = path.join('.connectgen', 'sync.db');

const RPA_MIGRATIONS: readonly string[] = [
  `CREATE TABLE rpa_runs (
       id TEXT PRIMARY KEY,
       job TEXT NOT NULL,
       status TEXT NOT NULL,
       started_at TEXT NOT NULL,
       duration_ms REAL NOT NULL,
       step_count INTEGER NOT NULL,
       failed_step TEXT,
       record TEXT NOT NULL
     );
     CREATE INDEX rpa_runs_started ON rpa_runs (started_at DESC);
     CREATE INDEX rpa_runs_job ON rpa_runs (job, started_at DESC);`,
];


/**
 * Opens (creating and migrating as needed) the store in `file`, the same file a sync store may use;
 * `:memory:` keeps records in memory and screenshots in the OS temp dir.
 */
export function openRunStore(file: string = DEFAULT_STORE_PATH): SqliteRunStore {
  const db = openDatabase(file);
  const screenshotsDir = file === ':memory:' ? path.join(tmpdir(), 'connectgen-rpa') : path.join(path.dirname(path.resolve(file)), 'screenshots');
  return new SqliteRunStore(db, screenshotsDir);
}

export class SqliteRunStore implements RpaRunStore {
  /** Adds the RPA tables to `db` if missing; pass a sync store's `db` to share its file and handle. */
  constructor(
    readonly db: SqliteDatabase,
    readonly screenshotsDir: string,
  ) {
    migrate(db, 'rpa', RPA_MIGRATIONS);
  }

  async save(record: ExecutionRecord): Promise<void> {
    this.db
      .prepare(
        `INSERT OR REPLACE INTO rpa_runs (id, job, status, started_at, duration_ms, step_count, failed_step, record)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(record.id, record.job, record.status, record.startedAt, record.durationMs, record.steps.length, record.error?.step ?? null, JSON.stringify(record));
  }

  async list(options: ListRunsOptions = {}): Promise<RunSummary[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (options.job !== undefined) (where.push('job = ?'), params.push(options.job));
    if (options.status !== undefined) (where.push('status = ?'), params.push(options.status));
    const sql = `SELECT id, job, status, started_at, duration_ms, step_count, failed_step FROM rpa_runs
                 ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY started_at DESC, rowid DESC LIMIT ?`;
    const rows = this.db.prepare(sql).all(...params, options.limit ?? 20) as RunRow[];
    return rows.map(toSummary);
  }

  async get(id: string): Promise<ExecutionRecord | undefined> {
    const row = this.db.prepare('SELECT record FROM rpa_runs WHERE id = ?').get(id) as { record: string } | undefined;
    return row ? (JSON.parse(row.record) as ExecutionRecord) : undefined;
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
