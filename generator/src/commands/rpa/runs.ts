import { existsSync } from 'node:fs';
import { isPostgresUrl } from '@connectgen/runtime/sync';
import { Args, Flags } from '@oclif/core';
import { BaseCommand } from '../../cli/base-command.js';
import { ConnectgenError } from '../../diagnostics/errors.js';
import { describeLocation, openRpaRunStore, rpaStoreFlag } from '../../sync/store-path.js';

export default class RpaRuns extends BaseCommand {
  static override description =
    'List RPA runs from the local store, newest first; with a run id, show that run step by step (secret inputs are masked in the record).';

  static override examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --job apply-for-permit --status failed',
    '<%= config.bin %> <%= command.id %> 3f6c2a9e-0d1b-4c8e-9a51-7f0e2b6d4c11 --json',
  ];

  static override args = {
    id: Args.string({ description: 'a run id: show that run' }),
  };

  static override flags = {
    store: rpaStoreFlag,
    job: Flags.string({ description: 'only runs of this job' }),
    status: Flags.string({ description: 'only runs with this status', options: ['succeeded', 'failed'] }),
    limit: Flags.integer({ description: 'at most this many runs', default: 20, min: 1 }),
    json: Flags.boolean({ description: 'print JSON' }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(RpaRuns);
    const { formatOutcome, formatRunRow, formatStep } = await import('../../rpa/summary.js');
    // Listing must not create the database file it reads.
    if (!isPostgresUrl(flags.store) && !existsSync(flags.store)) {
      if (args.id !== undefined) throw new ConnectgenError('CG_RPA_NO_RUN', `no store at ${flags.store}`, { hint: 'pass --store with the file `rpa run` used' });
      process.stdout.write(flags.json ? '[]\n' : `no RPA runs in ${flags.store}\n`);
      return;
    }
    const store = await openRpaRunStore(flags.store);
    try {
      if (args.id !== undefined) {
        const record = await store.get(args.id);
        if (!record) throw new ConnectgenError('CG_RPA_NO_RUN', `no run ${args.id} in ${describeLocation(flags.store)}`, { hint: `list the runs: connectgen rpa runs --store ${describeLocation(flags.store)}` });
        if (flags.json) process.stdout.write(JSON.stringify(record, null, 2) + '\n');
        else process.stdout.write([...record.steps.map(formatStep), formatOutcome(record), `outputs ${JSON.stringify(record.outputs)}`].join('\n') + '\n');
        return;
      }
      const runs = await store.list({
        ...(flags.job ? { job: flags.job } : {}),
        ...(flags.status ? { status: flags.status as 'succeeded' | 'failed' } : {}),
        limit: flags.limit,
      });
      if (flags.json) process.stdout.write(JSON.stringify(runs, null, 2) + '\n');
      else process.stdout.write(runs.length ? runs.map(formatRunRow).join('\n') + '\n' : `no RPA runs in ${describeLocation(flags.store)}\n`);
    } finally {
      await store.close();
    }
  }
}
