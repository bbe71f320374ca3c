import { Args, Flags } from '@oclif/core';
import { BaseCommand } from '../../cli/base-command.js';
import { openSyncStore, storeFlag } from '../../sync/store-path.js';

export default class SyncAudit extends BaseCommand {
  static override description =
    "A sync's audit trail, newest first: every create, update, delete, skip, conflict and error, with before and after values (sensitive fields masked).";

  static override examples = ['<%= config.bin %> <%= command.id %> pets', '<%= config.bin %> <%= command.id %> pets --record 42 --json'];

  static override args = {
    sync: Args.string({ description: 'sync id', required: true }),
  };

  static override flags = {
    store: storeFlag,
    record: Flags.string({ description: 'only this record id' }),
    run: Flags.string({ description: 'only this run id' }),
    limit: Flags.integer({ description: 'how many rows', default: 50, min: 1 }),
    json: Flags.boolean({ description: 'print the rows as JSON' }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(SyncAudit);
    const store = await openSyncStore(flags.store);
    try {
      const rows = await store.listAudit({ syncId: args.sync, ...(flags.record ? { recordId: flags.record } : {}), ...(flags.run ? { runId: flags.run } : {}), limit: flags.limit });
      if (flags.json) {
        process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
        return;
      }
      if (rows.length === 0) process.stdout.write(`no audit rows for ${args.sync}\n`);
      for (const row of rows) {
        const change = [row.before === undefined ? '' : `before ${JSON.stringify(row.before)}`, row.after === undefined ? '' : `after ${JSON.stringify(row.after)}`, row.error ?? '']
          .filter(Boolean)
          .join('; ');
        process.stdout.write(`${new Date(row.at).toISOString()} ${row.action.padEnd(8)} ${row.recordId}${change ? `  ${change}` : ''}\n`);
      }
    } finally {
      await store.close();
    }
  }
}
