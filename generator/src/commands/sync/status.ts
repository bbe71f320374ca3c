import { Flags } from '@oclif/core';
import { BaseCommand } from '../../cli/base-command.js';
import { summaryLine } from '../../sync/progress.js';
import { openSyncStore, storeFlag } from '../../sync/store-path.js';

export default class SyncStatus extends BaseCommand {
  static override description = 'Recent sync runs, newest first: status, counts, duration and errors; then how many records are dead-lettered and still failing.';

  static override examples = ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> --sync pets --limit 5 --json'];

  static override flags = {
    store: storeFlag,
    sync: Flags.string({ description: 'only runs of this sync id' }),
    limit: Flags.integer({ description: 'how many runs', default: 10, min: 1 }),
    json: Flags.boolean({ description: 'print the run records as JSON' }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(SyncStatus);
    const store = await openSyncStore(flags.store);
    try {
      const runs = await store.listRuns({ ...(flags.sync ? { syncId: flags.sync } : {}), limit: flags.limit });
      if (flags.json) {
        process.stdout.write(JSON.stringify(runs, null, 2) + '\n');
        return;
      }
      if (runs.length === 0) process.stdout.write('no sync runs yet\n');
      for (const run of runs) {
        process.stdout.write(`${new Date(run.startedAt).toISOString()} ${summaryLine(run)}\n`);
        for (const error of run.errors) process.stdout.write(`  ${error}\n`);
      }
      const open = await store.listDeadLetters({ ...(flags.sync ? { syncId: flags.sync } : {}), status: 'open', limit: 10_000 });
      if (open.length > 0) process.stdout.write(`${open.length} record${open.length === 1 ? '' : 's'} still failing: connectgen sync dead-letters${flags.sync ? ` --sync ${flags.sync}` : ''}\n`);
    } finally {
      await store.close();
    }
  }
}
