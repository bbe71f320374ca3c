/**
 * One place that turns a store location into a store: a `postgres://` or `postgresql://` URL opens
 * the shared PostgreSQL store, anything else is the path of an SQLite file.
 */
import { openPostgresStore, type PostgresStoreOptions } from './postgres/store.js';
import { openSqliteStore, type SqliteStoreOptions } from './sqlite/store.js';
import type { SyncStore } from './store.js';

export interface OpenStoreOptions {
  readonly sqlite?: SqliteStoreOptions;
  readonly postgres?: PostgresStoreOptions;
}

export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

export async function openStore(location: string, options: OpenStoreOptions = {}): Promise<SyncStore> {
  if (isPostgresUrl(location)) return openPostgresStore(location, options.postgres);
  return openSqliteStore(location, options.sqlite);
}
