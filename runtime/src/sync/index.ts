/**
 * `@connectgen/runtime/sync`: keeping records in step between systems. A separate entry point so
 * connectors that never sync do not load SQLite.
 */
export { migrate, openDatabase, type Migration, type OpenOptions, type SqliteDatabase } from './store/sqlite/open.js';
export { openSqliteStore, SqliteSyncStore, type SqliteStoreOptions } from './store/sqlite/store.js';
export { emptyCounts } from './store/store.js';
export type * from './store/store.js';
export { isHolderAlive, newHolder } from './lease.js';
