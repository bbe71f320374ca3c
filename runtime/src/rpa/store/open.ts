/** The execution-record store at a location: a `postgres://` URL, or an SQLite file path. */
import { isPostgresUrl } from '../../sync/store/open.js';
import { openPostgresRunStore, type PostgresRunStoreOptions } from './postgres.js';
import { DEFAULT_STORE_PATH, openRunStore } from './sqlite.js';
import type { RpaRunStore } from './store.js';

export interface OpenRpaStoreOptions {
  /** PostgreSQL only: pool size, connect timeout, and where this machine writes screenshots. */
  readonly postgres?: PostgresRunStoreOptions;
}

export async function openRpaStore(location: string = DEFAULT_STORE_PATH, options: OpenRpaStoreOptions = {}): Promise<RpaRunStore> {
  return isPostgresUrl(location) ? openPostgresRunStore(location, options.postgres) : openRunStore(location);
}
