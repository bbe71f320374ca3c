/** Where the sync and rpa commands keep their SQLite store: `--store`, else $CONNECTGEN_SYNC_DB, else `.connectgen/sync.db`. */
import { Flags } from '@oclif/core';

export const STORE_ENV = 'CONNECTGEN_SYNC_DB';
export const DEFAULT_STORE_FILE = '.connectgen/sync.db';

export const storeFlag = Flags.string({
  description: 'SQLite file of sync state, runs, audit trail and conflicts',
  env: STORE_ENV,
  default: DEFAULT_STORE_FILE,
});

/** The same file for `connectgen rpa`: RPA execution records live beside the sync runs. */
export const rpaStoreFlag = Flags.string({
  description: 'SQLite file of execution records (the sync store); screenshots go in screenshots/ beside it',
  env: STORE_ENV,
  default: DEFAULT_STORE_FILE,
});
