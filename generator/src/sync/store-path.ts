/**
 * Where the sync and rpa commands keep their store: `--store`, else $CONNECTGEN_SYNC_DB, else
 * `.connectgen/sync.db`. For sync the location is an SQLite file or a `postgres://` URL (shared
 * state for several machines); RPA execution records stay in an SQLite file.
 */
import { Flags } from '@oclif/core';
import { isPostgresUrl, openStore, redactUrl, SyncError, type SyncStore } from '@connectgen/runtime/sync';
import { ConnectgenError } from '../diagnostics/errors.js';

export const STORE_ENV = 'CONNECTGEN_SYNC_DB';
export const DEFAULT_STORE_FILE = '.connectgen/sync.db';

export const storeFlag = Flags.string({
  description: 'sync state, runs, audit trail and conflicts: an SQLite file, or a postgres://user:password@host/db URL to share state between machines',
  env: STORE_ENV,
  default: DEFAULT_STORE_FILE,
});

/** The same file for `connectgen rpa`: RPA execution records live beside the sync runs. */
export const rpaStoreFlag = Flags.string({
  description: 'SQLite file of execution records (the sync store); screenshots go in screenshots/ beside it',
  env: STORE_ENV,
  default: DEFAULT_STORE_FILE,
  // A postgres:// URL in CONNECTGEN_SYNC_DB (for sync) must not become a file named `postgres:`.
  parse: async (location) => {
    if (!isPostgresUrl(location)) return location;
    throw new ConnectgenError('CG_RPA_STORE', `RPA execution records are kept in an SQLite file, not in PostgreSQL (${redactUrl(location)})`, {
      hint: 'pass --store with a file path for rpa commands',
    });
  },
});

/** Opens the sync store at `location`; a store that cannot be opened is a one-line error with its code and hint. */
export async function openSyncStore(location: string): Promise<SyncStore> {
  try {
    return await openStore(location);
  } catch (error) {
    if (error instanceof SyncError) throw new ConnectgenError(error.code, error.message, { ...(error.hint ? { hint: error.hint } : {}), cause: error });
    throw error;
  }
}
