/**
 * Execution records in a local SQLite file (better-sqlite3: synchronous, no server), with
 * screenshots in a `screenshots/` directory beside it. The record is stored whole as JSON; the
 * columns beside it are what listing filters and sorts on.
 *
 * Migrations are named (`rpa/1`) in a shared `connectgen_migrations` table rather than numbered in
 * `PRAGMA user_version`, so other parts of connectgen can keep their tables in the same file.
 */
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { ExecutionRecord, RunStatus } from '../record.js';
import type { ListRunsOptions, RpaRunStore, RunSummary } from './store.js';

export const DEFAULT_STORE_PATH = path.join('.connectgen', 'connectgen.db');

const MIGRATIONS: ReadonlyArray<readonly [id: string, sql: string]> = [
  [
    'rpa/1',
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
  ],
];

interface RunRow {
  id: string;
  job: string;
  status: RunStatus;
  started_at: string;
  duration_ms: number;
  step_count: number;
  failed_step: string | null;
}

export class SqliteRunStore implements RpaRunStore {
  readonly screenshotsDir: string;
  readonly #db: Database.Database;

  /** Opens (creating if needed) the store at `file`; `:memory:` keeps records in memory. */
  constructor(readonly file: string = DEFAULT_STORE_PATH) {
    const inMemory = file === ':memory:';
    if (!inMemory) mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    this.#db = new Database(file);
    this.#db.pragma('journal_mode = WAL');
    // Several processes (a CLI run and a worker) may write; wait for the lock instead of failing.
    this.#db.pragma('busy_timeout = 5000');
    migrate(this.#db);
    this.screenshotsDir = inMemory ? path.join(tmpdir(), 'connectgen-rpa') : path.join(path.dirname(path.resolve(file)), 'screenshots');
  }

  save(record: ExecutionRecord): void {
    this.#db
      .prepare(
        `INSERT OR REPLACE INTO rpa_runs (id, job, status, started_at, duration_ms, step_count, failed_step, record)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(record.id, record.job, record.status, record.startedAt, record.durationMs, record.steps.length, record.error?.step ?? null, JSON.stringify(record));
  }

  list(options: ListRunsOptions = {}): RunSummary[] {
    const where: string[] = [];
    const params: unknown[] = [];
    if (options.job !== undefined) (where.push('job = ?'), params.push(options.job));
    if (options.status !== undefined) (where.push('status = ?'), params.push(options.status));
    const sql = `SELECT id, job, status, started_at, duration_ms, step_count, failed_step FROM rpa_runs
                 ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY started_at DESC, rowid DESC LIMIT ?`;
    const rows = this.#db.prepare(sql).all(...params, options.limit ?? 20) as RunRow[];
    return rows.map((row) => ({
      id: row.id,
      job: row.job,
      status: row.status,
      startedAt: row.started_at,
      durationMs: row.duration_ms,
      steps: row.step_count,
      ...(row.failed_step === null ? {} : { failedStep: row.failed_step }),
    }));
  }

  get(id: string): ExecutionRecord | undefined {
    const row = this.#db.prepare('SELECT record FROM rpa_runs WHERE id = ?').get(id) as { record: string } | undefined;
    return row ? (JSON.parse(row.record) as ExecutionRecord) : undefined;
  }

  close(): void {
    this.#db.close();
  }
}

function migrate(db: Database.Database): void {
  db.exec('CREATE TABLE IF NOT EXISTS connectgen_migrations (id TEXT PRIMARY KEY, applied_at TEXT NOT NULL)');
  const applied = new Set((db.prepare('SELECT id FROM connectgen_migrations').all() as Array<{ id: string }>).map((r) => r.id));
  for (const [id, sql] of MIGRATIONS) {
    if (applied.has(id)) continue;
    db.transaction(() => {
      db.exec(sql);
      db.prepare('INSERT INTO connectgen_migrations (id, applied_at) VALUES (?, ?)').run(id, new Date().toISOString());
    })();
  }
}
