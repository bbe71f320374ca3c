import { Flags } from '@oclif/core';
import { BaseCommand } from '../../cli/base-command.js';
import { ConnectgenError } from '../../diagnostics/errors.js';
import { openSyncStore, storeFlag } from '../../sync/store-path.js';

export default class SyncConflicts extends BaseCommand {
  static override description =
    'List the conflicts a bidirectional sync with the `manual` policy kept for a person to settle, or settle one: --resolve ID --use source|destination. The next run writes the chosen side to the other.';

  static override examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --sync contacts --status all --json',
    '<%= config.bin %> <%= command.id %> --resolve 12 --use destination',
  ];

  static override flags = {
    store: storeFlag,
    sync: Flags.string({ description: 'only conflicts of this sync id' }),
    status: Flags.string({ description: 'which conflicts to list', options: ['open', 'resolved', 'all'], default: 'open' }),
    resolve: Flags.integer({ description: 'settle the conflict with this id', dependsOn: ['use'] }),
    use: Flags.string({ description: 'the side whose value wins', options: ['source', 'destination'], dependsOn: ['resolve'] }),
    json: Flags.boolean({ description: 'print JSON' }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(SyncConflicts);
    const store = await openSyncStore(flags.store);
    try {
      if (flags.resolve !== undefined) {
        const resolved = await store.resolveConflict(flags.resolve, flags.use as 'source' | 'destination', Date.now());
        if (!resolved) {
          throw new ConnectgenError('CG_SYNC_NO_CONFLICT', `there is no open conflict ${flags.resolve}`, { hint: 'list open conflicts with `connectgen sync conflicts`' });
        }
        process.stdout.write(flags.json ? JSON.stringify({ resolved: flags.resolve, use: flags.use }) + '\n' : `resolved conflict ${flags.resolve}: ${flags.use} wins\n`);
        return;
      }
      const status = flags.status === 'all' ? {} : { status: flags.status as 'open' | 'resolved' };
      const conflicts = await store.listConflicts({ ...(flags.sync ? { syncId: flags.sync } : {}), ...status });
      if (flags.json) {
        process.stdout.write(JSON.stringify(conflicts, null, 2) + '\n');
        return;
      }
      if (conflicts.length === 0) process.stdout.write('no conflicts\n');
      for (const c of conflicts) {
        process.stdout.write(`#${c.id} ${c.syncId} record ${c.recordId} (${c.status}${c.resolution ? `: ${c.resolution} wins` : ''})\n`);
        process.stdout.write(`  source:      ${JSON.stringify(c.source)}\n  destination: ${JSON.stringify(c.destination)}\n`);
      }
    } finally {
      await store.close();
    }
  }
}
