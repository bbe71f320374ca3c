/**
 * `@connectgen/runtime/sync`: keeping records in step between systems. A separate entry point so
 * connectors that never sync do not load SQLite;
 * `pg` is loaded only when a PostgreSQL store is opened.
 */
export { migrate, openDatabase, type Migration, type OpenOptions, type SqliteDatabase } from './store/sqlite/open.js';
export { openSqliteStore, SqliteSyncStore, type SqliteStoreOptions } from './store/sqlite/store.js';
export { openPostgresStore, PostgresSyncStore, type PostgresStoreOptions } from './store/postgres/store.js';
export { migratePostgres, redactUrl, type PgMigration, type PostgresOptions } from './store/postgres/open.js';
export { isPostgresUrl, openStore, type OpenStoreOptions } from './store/open.js';
export { emptyCounts } from './store/store.js';
export type * from './store/store.js';
export { isHolderAlive, newHolder } from './lease.js';
export { runSync, type RunSyncOptions, type SyncProgress } from './engine/run.js';
export { parseSyncDefinition } from './definition/validate.js';
export { syncWarnings } from './definition/warnings.js';
export type * from './definition/types.js';
export { SyncError, type SyncIssue } from './errors.js';
export { systemClock, type Clock } from './clock.js';
export { createMasker, type Masker } from './audit/mask.js';
export type { Source, SourcePage, SourceReadOptions } from './sources/source.js';
export type { Destination, WriteOp } from './destinations/destination.js';
export { connect, saveConnection, type ConnectionDeps, type ConnectionEvent, type ConnectionOptions } from './connections/connect.js';
export { createSecretBox, secretKeyFromEnv, SECRET_KEY_ENV, type SecretBox } from './connections/secret-box.js';
export { createScheduler, type ScheduledSync, type Scheduler, type TickResult } from './schedule/scheduler.js';
export { runScheduleLoop, type ScheduleLoopOptions } from './schedule/loop.js';
export { isDue, type Due, type MissedPolicy, type ScheduleSpec } from './schedule/due.js';
