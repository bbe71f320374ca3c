import path from 'node:path';
import { Flags } from '@oclif/core';
import type { SyncStore } from '@connectgen/runtime/sync';
import { BaseCommand } from '../../cli/base-command.js';
import { loadSyncFile } from '../../sync/definition-file.js';
import { asCliError, openRedis, redisFlag } from '../../sync/queue-flags.js';
import { describeLocation, openRpaRunStore, openSyncStore, storeFlag } from '../../sync/store-path.js';
import { workerLog } from '../../sync/worker-log.js';
import { resolveJobPath, rootFlag } from '../../sync/sync-root.js';

export default class SyncWorker extends BaseCommand {
  static override description =
    'Run queued syncs (and, with --rpa, RPA jobs): a worker process for scale-out. Start as many as you like, on one machine or several, against the same Redis and store; each sync runs on one worker at a time, and a run whose worker dies is resumed by another from its last checkpoint. SIGTERM or Ctrl-C finishes the running jobs and stops; a second one stops at once (the jobs go back to the queue).';

  static override examples = [
    '<%= config.bin %> <%= command.id %> --redis redis://127.0.0.1:6379 --store /srv/connectgen/sync.db',
    '<%= config.bin %> <%= command.id %> --redis redis://queue.internal:6379 --postgres postgres://sync@db.internal/connectgen --concurrency 4',
    '<%= config.bin %> <%= command.id %> --redis redis://127.0.0.1:6379 --rpa',
    '<%= config.bin %> <%= command.id %> --redis redis://queue.internal:6379 --postgres postgres://sync@db.internal/connectgen --root /app/syncs',
  ];

  static override flags = {
    redis: redisFlag,
    postgres: Flags.string({ description: 'PostgreSQL URL of the shared sync store, for workers on several machines (the same as a postgres:// --store; without either, workers share one SQLite file on this machine)', env: 'CONNECTGEN_POSTGRES_URL' }),
    store: storeFlag,
    root: rootFlag,
    concurrency: Flags.integer({ description: 'jobs this worker runs at once', default: 1, min: 1 }),
    rpa: Flags.boolean({ description: "also run queued RPA jobs, in this machine's Chromium" }),
    chromium: Flags.string({ description: 'the Chromium binary for --rpa (default $CHROMIUM_PATH, else /usr/bin/chromium)', dependsOn: ['rpa'] }),
    quiet: Flags.boolean({ char: 'q', description: 'only errors on stderr' }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(SyncWorker);
    const queue = await import('@connectgen/runtime/queue');
    const connection = await openRedis(flags.redis);
    const log = workerLog(process.stderr, flags.quiet);
    const closers: (() => Promise<void>)[] = [];
    let store: SyncStore | undefined;
    try {
      store = await openSyncStore(flags.postgres ?? flags.store);
      const sync = queue.startSyncWorker({ connection, store, concurrency: flags.concurrency, load: (name) => loadSyncFile(resolveJobPath(flags.root, name)), onEvent: log });
      closers.push(() => sync.close());
      await sync.ready();
      const location = flags.postgres ?? flags.store;
      if (flags.rpa) closers.push(await this.#startRpa(connection, location, flags, log));
      const root = path.resolve(flags.root ?? '.');
      log.line(`worker ${process.pid} ready: ${queue.SYNC_QUEUE}${flags.rpa ? ` and ${queue.RPA_QUEUE}` : ''}, ${flags.concurrency} at a time, store ${describeLocation(location)}, files under ${root}`);
      await stopSignal(() => log.line('stopping at once; running jobs go back to the queue'), () => log.line('finishing the running jobs (signal again to stop at once)'));
    } catch (error) {
      throw asCliError(error);
    } finally {
      // Workers first (they wait for running jobs), then what the jobs used.
      for (const close of closers.reverse()) await close();
      await store?.close();
      connection.disconnect();
    }
  }

  /** RPA jobs, their execution records kept where the sync runs are (`location`). */
  async #startRpa(connection: import('ioredis').Redis, location: string, flags: { chromium?: string | undefined; concurrency: number; root?: string | undefined }, log: ReturnType<typeof workerLog>): Promise<() => Promise<void>> {
    const rpa = await import('@connectgen/runtime/rpa');
    const { startRpaWorker } = await import('@connectgen/runtime/queue');
    const { toConnectgenError } = await import('../../rpa/errors.js');
    let chromiumPath: string;
    try {
      chromiumPath = rpa.resolveChromiumPath(flags.chromium); // fail at start, not on the first job
    } catch (error) {
      throw toConnectgenError(error);
    }
    const runs = await openRpaRunStore(location);
    const runner = new rpa.RpaRunner({ chromiumPath, store: runs, concurrency: flags.concurrency });
    const worker = startRpaWorker({ connection, runner, concurrency: flags.concurrency, load: (name: string) => rpa.loadJob(resolveJobPath(flags.root, name)), onEvent: log });
    await worker.ready();
    return async () => {
      await worker.close();
      await runner.close();
      await runs.close();
    };
  }
}

/**
 * Resolves on the first SIGTERM/SIGINT (the caller then waits for running jobs); a second one exits
 * at once: the jobs' locks lapse and other workers take them, syncs resuming from their checkpoints.
 */
function stopSignal(onForce: () => void, onFirst: () => void): Promise<void> {
  return new Promise((resolve) => {
    let signalled = false;
    const handler = (signal: NodeJS.Signals): void => {
      if (signalled) {
        onForce();
        process.exit(signal === 'SIGINT' ? 130 : 143);
      }
      signalled = true;
      onFirst();
      resolve();
    };
    process.on('SIGTERM', handler);
    process.on('SIGINT', handler);
  });
}
