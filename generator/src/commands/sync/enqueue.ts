import { Args, Flags } from '@oclif/core';
import { BaseCommand } from '../../cli/base-command.js';
import { ConnectgenError } from '../../diagnostics/errors.js';
import { parseSyncDefinition, SyncError, type SyncDefinition } from '@connectgen/runtime/sync';
import { checkSyncFile, printSyncWarnings } from '../../sync/definition-file.js';
import { asCliError, openRedis, redisFlag } from '../../sync/queue-flags.js';
import { jobPath, rootFlag } from '../../sync/sync-root.js';

export default class SyncEnqueue extends BaseCommand {
  static override description =
    "Queue a sync for the workers started with `connectgen sync worker` (BullMQ on Redis): one run now, or with --schedule a run at every fire time of the definition's cron schedule in its time zone (--cron and --timezone set another for this connection). A sync already waiting or running is not queued twice. The job names the file relative to --root (default: the working directory); each worker reads it under its own --root, so deploy the same tree to every worker host, at any path.";

  static override examples = [
    '<%= config.bin %> <%= command.id %> pets.sync.yaml --redis redis://127.0.0.1:6379',
    '<%= config.bin %> <%= command.id %> pets.sync.yaml --connection acme --schedule',
    "<%= config.bin %> <%= command.id %> pets.sync.yaml --connection acme --schedule --cron '0 6 * * *' --timezone America/New_York",
    '<%= config.bin %> <%= command.id %> pets.sync.yaml --connection acme --unschedule',
    '<%= config.bin %> <%= command.id %> syncs/pets.sync.yaml --root /srv/connectgen   # workers: sync worker --root /their/copy',
  ];

  static override args = {
    file: Args.string({ description: 'sync definition (YAML or JSON)', required: true }),
  };

  static override flags = {
    redis: redisFlag,
    root: rootFlag,
    connection: Flags.string({ description: 'queue the run for this connection (tenant)', default: '' }),
    schedule: Flags.boolean({ description: "run on the definition's schedule (cron and time zone) from now on, instead of once", exclusive: ['unschedule'] }),
    unschedule: Flags.boolean({ description: "stop running it on its schedule" }),
    cron: Flags.string({ description: "with --schedule: this cron expression instead of the definition's, for this connection", dependsOn: ['schedule'] }),
    timezone: Flags.string({ description: "with --schedule: the IANA time zone the cron expression is read in (default: the definition's, else UTC)", dependsOn: ['schedule'] }),
    json: Flags.boolean({ description: 'print the outcome as JSON' }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(SyncEnqueue);
    const definition = await checkSyncFile(args.file);
    printSyncWarnings(definition, args.file);
    const schedule = scheduleOf(definition, flags); // a bad --cron or --timezone is refused before Redis is contacted
    const data = { sync: jobPath(flags.root, args.file), syncId: definition.id, connectionId: flags.connection };
    const { SyncQueue } = await import('@connectgen/runtime/queue');
    const connection = await openRedis(flags.redis);
    const queue = new SyncQueue(connection);
    try {
      const outcome = await this.#apply(queue, data, schedule, args.file, flags);
      process.stdout.write(flags.json ? JSON.stringify(outcome.json, null, 2) + '\n' : outcome.line + '\n');
    } catch (error) {
      throw asCliError(error);
    } finally {
      await queue.close();
      connection.disconnect();
    }
  }

  async #apply(
    queue: import('@connectgen/runtime/queue').SyncQueue,
    data: { sync: string; syncId: string; connectionId: string },
    schedule: { cron: string; timezone?: string; missed?: 'run-once' | 'skip' } | undefined,
    file: string,
    flags: { schedule: boolean; unschedule: boolean },
  ): Promise<{ line: string; json: object }> {
    const name = `sync "${data.syncId}"${data.connectionId ? ` for connection "${data.connectionId}"` : ''}`;
    if (flags.unschedule) {
      const removed = await queue.unschedule(data);
      return { line: removed ? `${name}: schedule removed` : `${name} had no schedule`, json: { ...data, unscheduled: removed } };
    }
    if (flags.schedule) {
      if (!schedule) {
        throw new ConnectgenError('CG_SYNC_NO_SCHEDULE', `${name} has no schedule`, { file, pointer: '/schedule', hint: "add schedule: { cron: '*/15 * * * *', timezone: Europe/Paris } to the definition, pass --cron, or enqueue without --schedule" });
      }
      const planned = await queue.schedule(data, schedule);
      const next = planned.next === undefined ? 'never' : new Date(planned.next).toISOString();
      return { line: `${name}: scheduled "${schedule.cron}"${schedule.timezone ? ` (${schedule.timezone})` : ''}, next run ${next}`, json: { ...data, ...planned } };
    }
    const result = await queue.enqueue(data);
    return { line: result.queued ? `${name}: queued (job ${result.jobId})` : `${name}: already ${result.state}, not queued again (job ${result.jobId})`, json: { ...data, ...result } };
  }
}

type Schedule = NonNullable<SyncDefinition['schedule']>;

/**
 * The schedule to enqueue: the definition's, with --cron / --timezone laid over it (one tenant may
 * want its sync at 6:00 in New York while the file says every 15 minutes). The result is checked by
 * the runtime's own reader, the one that checks a file's schedule, so both accept the same values.
 */
function scheduleOf(definition: SyncDefinition, flags: { cron?: string; timezone?: string }): Schedule | undefined {
  if (flags.cron === undefined && flags.timezone === undefined) return definition.schedule;
  const cron = flags.cron ?? definition.schedule?.cron;
  if (cron === undefined) {
    throw new ConnectgenError('CG_SYNC_NO_SCHEDULE', `sync "${definition.id}" has no schedule to read in ${flags.timezone}`, { hint: "pass --cron '*/15 * * * *' with --timezone, or add a schedule to the definition" });
  }
  const timezone = flags.timezone ?? definition.schedule?.timezone;
  const schedule: Schedule = { ...definition.schedule, cron, ...(timezone === undefined ? {} : { timezone }) };
  try {
    parseSyncDefinition({ ...definition, schedule });
  } catch (error) {
    if (!(error instanceof SyncError)) throw error;
    const issue = error.issues.find((i) => i.pointer.startsWith('/schedule')) ?? error.issues[0];
    const flag = issue?.pointer === '/schedule/timezone' ? '--timezone' : '--cron';
    throw new ConnectgenError('CG_SYNC_SCHEDULE', `${flag}: ${issue?.message ?? error.message}`, { ...(issue?.hint ? { hint: issue.hint } : {}) });
  }
  return schedule;
}
