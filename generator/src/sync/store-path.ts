/** Where the sync commands keep their SQLite store: `--store`, else $CONNECTGEN_SYNC_DB, else `.connectgen/sync.db`. */
import { Flags } from '@oclif/core';

export const storeFlag = Flags.string({
  description: 'SQLite file of sync state, runs, audit trail and conflicts',
  env: 'CONNECTGEN_SYNC_DB',
  default: '.connectgen/sync.db',
});
