import { Args, Flags } from '@oclif/core';
import { runSync } from '@connectgen/runtime/sync';
import { BaseCommand, EXIT_FINDINGS } from '../../cli/base-command.js';
import { located, loadSyncFile, printSyncWarnings } from '../../sync/definition-file.js';
import { progressPrinter, summaryLine } from '../../sync/progress.js';
import { openSyncStore, storeFlag } from '../../sync/store-path.js';

export default class SyncRun extends BaseCommand {
  static override description =
    'Run a sync once: read the source page by page, write what changed to the destination, checkpoint every page. A run that was cut short resumes where it stopped. Exit 1 when the run ends partial, failed or stalled.';

  static override examples = [
    '<%= config.bin %> <%= command.id %> pets.sync.yaml',
    '<%= config.bin %> <%= command.id %> pets.sync.yaml --store state/sync.db --connection acme --json',
    '<%= config.bin %> <%= command.id %> pets.sync.yaml --store postgres://sync:secret@db.internal:5432/connectgen',
  ];

  static override args = {
    file: Args.string({ description: 'sync definition (YAML or JSON)', required: true }),
  };

  static override flags = {
    store: storeFlag,
    connection: Flags.string({ description: 'run for this connection (tenant); state is kept per connection', default: '' }),
    json: Flags.boolean({ description: 'print the run record as JSON' }),
    quiet: Flags.boolean({ char: 'q', description: 'no progress display' }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(SyncRun);
    const loaded = await loadSyncFile(args.file);
    printSyncWarnings(loaded.definition, args.file);
    const store = await openSyncStore(flags.store);
    const progress = progressPrinter(process.stderr, !flags.quiet && !flags.json && process.stderr.isTTY === true);
    let run;
    try {
      run = await runSync(loaded.definition, { store, connectionId: flags.connection, onProgress: (p) => progress.update(p) });
    } catch (error) {
      throw located(error, args.file);
    } finally {
      progress.done();
      await loaded.close();
      await store.close();
    }
    process.stdout.write(flags.json ? JSON.stringify(run, null, 2) + '\n' : summaryLine(run) + '\n');
    if (!flags.json) for (const error of run.errors) process.stdout.write(`  ${error}\n`);
    if (run.status !== 'succeeded') this.exit(EXIT_FINDINGS);
  }
}
