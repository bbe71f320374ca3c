import { Args, Flags } from '@oclif/core';
import { BaseCommand } from '../../cli/base-command.js';
import { openSyncStore, storeFlag } from '../../sync/store-path.js';

export default class SyncRecords extends BaseCommand {
  static override description =
    'The records of a store collection (what a sync wrote to `destination: { store: NAME }`, or a custom object type), one JSON object per line, oldest first.';

  static override examples = ['<%= config.bin %> <%= command.id %> pets', '<%= config.bin %> <%= command.id %> contacts --limit 10 --deleted'];

  static override args = {
    collection: Args.string({ description: 'collection name', required: true }),
  };

  static override flags = {
    store: storeFlag,
    limit: Flags.integer({ description: 'how many records', default: 100, min: 1 }),
    deleted: Flags.boolean({ description: 'include records a full sync flagged deleted' }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(SyncRecords);
    const store = await openSyncStore(flags.store);
    try {
      const records = await store.listRecords(args.collection, { limit: flags.limit, includeDeleted: flags.deleted });
      for (const r of records) {
        process.stdout.write(JSON.stringify({ id: r.id, updatedAt: new Date(r.updatedAt).toISOString(), ...(r.deletedAt ? { deletedAt: new Date(r.deletedAt).toISOString() } : {}), data: r.data }) + '\n');
      }
    } finally {
      await store.close();
    }
  }
}
