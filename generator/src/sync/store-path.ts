/**
 * Where the sync and rpa commands keep their store: `--store`, else $CONNECTGEN_SYNC_DB, else
 * `.connectgen/sync.db`: an SQLite file, or a `postgres://` URL (state shared by several machines).
 * RPA execution records live in the same place as the sync runs.
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

/** The same store for `connectgen rpa`: RPA execution records live beside the sync runs. */
export const rpaStoreFlag = Flags.string({
  description:
    'execution records (the sync store): an SQLite file, screenshots in screenshots/ beside it; or a postgres://user:password@host/db URL, screenshots in .connectgen/screenshots on the machine that ran the job',
  env: STORE_ENV,
  default: DEFAULT_STORE_FILE,
});

/** Opens the RPA record store at `location`, with the same one-line errors as the sync store. */
export async function openRpaRunStore(location: string): Promise<import('@connectgen/runtime/rpa').RpaRunStore> {
  const { openRpaStore } = await import('@connectgen/runtime/rpa');
  return openedOrCliError(openRpaStore(location));
}

/** `postgres://...` with the password hidden; a file path as given. */
export function describeLocation(location: string): string {
  return isPostgresUrl(location) ? redactUrl(location) : location;
}

/** Opens the sync store at `location`; a store that cannot be opened is a one-line error with its code and hint. */
export async function openSyncStore(location: string): Promise<SyncStore> {
  return openedOrCliError(openStore(location));
}

/** A store that could not be opened (CG_STORE_CONNECT, ...) as the CLI's one-line coded error. */
async function openedOrCliError<T>(opening: Promise<T>): Promise<T> {
  try {
    return await opening;
  } catch (error) {
    if (error instanceof SyncError) throw new ConnectgenError(error.code, error.message, { ...(error.hint ? { hint: error.hint } : {}), cause: error });
    throw error;
  }
}
