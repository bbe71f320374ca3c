/**
 * Opening the embedded SQLite file that sync (and RPA execution records) share, and migrating it.
 *
 * Each component owns its tables and brings its own ordered list of migrations; `migrate` applies the
 * ones a file has not seen yet, each in a transaction, and records them per component in
 * `schema_migrations`, so components can evolve their tables independently in one file.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

export type SqliteDatabase = Database.Database;

/** One schema change: applied once, in order, in a transaction. */
export type Migration = string | ((db: SqliteDatabase) => void);

export interface OpenOptions {
  /** How long a writer waits for another process's write lock before failing, default 10 s. */
  readonly busyTimeoutMs?: number;
  readonly readonly?: boolean;
}

/**
 * Opens (creating when missing) a database file in WAL mode: readers never block the writer, and a
 * process killed mid-write leaves the last committed transaction intact. `synchronous = NORMAL`
 * is durable against a crashed process (what checkpoints need); only a power cut can lose the last
 * commits, never corrupt the file.
 */
export function openDatabase(file: string, options: OpenOptions = {}): SqliteDatabase {
  if (file !== ':memory:' && !options.readonly) mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const db = new Database(file, { readonly: options.readonly ?? false, timeout: options.busyTimeoutMs ?? 10_000 });
  if (!options.readonly) {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
  }
  db.pragma('foreign_keys = ON');
  return db;
}

/** Applies `component`'s migrations the file has not seen; returns how many ran. */
export function migrate(db: SqliteDatabase, component: string, migrations: readonly Migration[]): number {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (component TEXT NOT NULL, version INTEGER NOT NULL, PRIMARY KEY (component, version))');
  // Two processes opening a new file at once: IMMEDIATE takes the write lock before reading the
  // version, so the second waits and then sees the first's work instead of applying it twice.
  const run = db.transaction(() => {
    const row = db.prepare('SELECT MAX(version) AS v FROM schema_migrations WHERE component = ?').get(component) as { v: number | null };
    const applied = row.v ?? 0;
    for (let version = applied + 1; version <= migrations.length; version++) {
      const migration = migrations[version - 1]!;
      if (typeof migration === 'string') db.exec(migration);
      else migration(db);
      db.prepare('INSERT INTO schema_migrations (component, version) VALUES (?, ?)').run(component, version);
    }
    return Math.max(0, migrations.length - applied);
  });
  return run.immediate();
}
