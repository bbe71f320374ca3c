import { Flags } from '@oclif/core';
import { BaseCommand } from '../../cli/base-command.js';
import { openSyncStore, storeFlag } from '../../sync/store-path.js';

export default class SyncDeadLetters extends BaseCommand {
  static override description =
    'List the records that keep failing: one row per record, with its last error, the attempts over every run, and when it first and last failed. A record a later run writes is marked resolved.';

  static override examples = ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> --sync pets --status all --json'];

  static override flags = {
    store: storeFlag,
    sync: Flags.string({ description: 'only dead letters of this sync id' }),
    status: Flags.string({ description: 'which dead letters to list', options: ['open', 'resolved', 'all'], default: 'open' }),
    limit: Flags.integer({ description: 'how many', default: 100, min: 1 }),
    json: Flags.boolean({ description: 'print JSON' }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(SyncDeadLetters);
    const store = await openSyncStore(flags.store);
    try {
      const status = flags.status === 'all' ? {} : { status: flags.status as 'open' | 'resolved' };
      const letters = await store.listDeadLetters({ ...(flags.sync ? { syncId: flags.sync } : {}), ...status, limit: flags.limit });
      if (flags.json) {
        process.stdout.write(JSON.stringify(letters, null, 2) + '\n');
        return;
      }
      if (letters.length === 0) process.stdout.write(`no ${flags.status === 'all' ? '' : `${flags.status} `}dead letters\n`);
      for (const d of letters) {
        const who = d.connectionId ? `${d.syncId} (${d.connectionId})` : d.syncId;
        const state = d.resolvedAt === undefined ? 'open' : `resolved ${new Date(d.resolvedAt).toISOString()}`;
        process.stdout.write(`${who} record ${d.recordId}: ${d.attempts} attempts since ${new Date(d.firstAt).toISOString()}, last ${new Date(d.at).toISOString()} (${state})\n`);
        process.stdout.write(`  ${d.error}\n`);
      }
    } finally {
      await store.close();
    }
  }
}
