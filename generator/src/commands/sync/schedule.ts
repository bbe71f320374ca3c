import { Args, Flags } from '@oclif/core';
import { createScheduler, runScheduleLoop, type ScheduledSync, type TickResult } from '@connectgen/runtime/sync';
import { BaseCommand } from '../../cli/base-command.js';
import { ConnectgenError } from '../../diagnostics/errors.js';
import { loadSyncFile, located, printSyncWarnings, type LoadedSync } from '../../sync/definition-file.js';
import { summaryLine } from '../../sync/progress.js';
import { openSyncStore, storeFlag } from '../../sync/store-path.js';

export default class SyncSchedule extends BaseCommand {
  static override description = [
    'Run syncs on their schedules, in the foreground, until stopped (Ctrl-C) or --max-runs.',
    'Each definition needs schedule: { cron, timezone?, missed? }: a cron expression of 5 fields (6 with seconds first), an IANA time zone (default UTC),',
    'and what to do about fire times missed while nothing was running: run-once (default: one run catches up) or skip (wait for the next one).',
    'Never two runs of one sync at once: the run takes the sync\'s lease in the store, so a scheduler in another process, or a `sync run`, makes this one report "busy".',
  ].join(' ');

  static override examples = [
    '<%= config.bin %> <%= command.id %> pets.sync.yaml orders.sync.yaml',
    '<%= config.bin %> <%= command.id %> pets.sync.yaml --connection acme --connection globex --store state/sync.db',
  ];

  static override strict = false;

  static override args = {
    file: Args.string({ description: 'sync definitions (YAML or JSON), each with a schedule', required: true }),
  };

  static override flags = {
    store: storeFlag,
    connection: Flags.string({ description: 'schedule the syncs for this connection (repeat for each); default: not per connection', multiple: true, default: [] }),
    'max-runs': Flags.integer({ description: 'stop after this many runs', min: 1 }),
    json: Flags.boolean({ description: 'print each run record as a line of JSON' }),
  };

  async run(): Promise<void> {
    const { argv, flags } = await this.parse(SyncSchedule);
    const files = argv as string[];
    const loaded: LoadedSync[] = [];
    const store = await openSyncStore(flags.store);
    const controller = new AbortController();
    const stop = (): void => controller.abort();
    process.once('SIGINT', stop).once('SIGTERM', stop);
    try {
      const entries: ScheduledSync[] = [];
      for (const file of files) {
        const sync = await loadSyncFile(file).catch((error: unknown) => Promise.reject(located(error, file)));
        loaded.push(sync);
        printSyncWarnings(sync.definition, file);
        if (!sync.definition.schedule) {
          throw new ConnectgenError('CG_SYNC_NO_SCHEDULE', `sync "${sync.definition.id}" has no schedule`, {
            file,
            pointer: '/schedule',
            hint: 'add schedule: { cron: "*/15 * * * *", timezone: Europe/Berlin }, or run it once with `connectgen sync run`',
          });
        }
        const connections = flags.connection.length > 0 ? flags.connection : [''];
        for (const connectionId of connections) entries.push({ definition: sync.definition, ...(connectionId ? { connectionId } : {}) });
      }
      const scheduler = createScheduler(entries, { store });
      const print = (results: readonly TickResult[], nextAt: number | undefined): void => {
        for (const r of results) process.stdout.write(flags.json ? JSON.stringify(r) + '\n' : describe(r) + '\n');
        if (!flags.json && nextAt !== undefined && results.length > 0) process.stdout.write(`next run at ${new Date(nextAt).toISOString()}\n`);
      };
      await runScheduleLoop(scheduler, { signal: controller.signal, onTick: print, ...(flags['max-runs'] ? { maxRuns: flags['max-runs'] } : {}) });
    } finally {
      process.off('SIGINT', stop).off('SIGTERM', stop);
      for (const sync of loaded) await sync.close();
      await store.close();
    }
  }
}

function describe(r: TickResult): string {
  const who = r.connectionId ? `${r.syncId} (${r.connectionId})` : r.syncId;
  const missed = r.missed > 0 ? ` (${r.missed} missed fire time${r.missed === 1 ? '' : 's'} ${r.outcome === 'ran' ? 'caught up by this run' : 'skipped'})` : '';
  if (r.outcome === 'ran' && r.run) return `${new Date(r.run.startedAt).toISOString()} ${summaryLine(r.run)}${missed}`;
  if (r.outcome === 'busy') return `${who}: busy, another process is running it`;
  return `${who}: skipped${missed}`;
}
