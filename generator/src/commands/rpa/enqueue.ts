import { Args, Flags } from '@oclif/core';
import { BaseCommand, EXIT_CANNOT_RUN } from '../../cli/base-command.js';
import { parseInputs } from '../../rpa/inputs.js';
import { asCliError, openRedis, redisFlag } from '../../sync/queue-flags.js';
import { jobPath, rootFlag } from '../../sync/sync-root.js';

export default class RpaEnqueue extends BaseCommand {
  static override description =
    "Queue an RPA job for the workers started with `connectgen sync worker --rpa` (BullMQ on Redis); prints the job id. Secret inputs are never put in Redis: pass them as --input name=env:NAME and set NAME in the workers' environment. The worker keeps the execution record in its store; the job's outputs stay readable in Redis for a day.";

  static override examples = [
    '<%= config.bin %> <%= command.id %> specs/rpa/apply.yaml --redis redis://127.0.0.1:6379 -i baseUrl=https://permits.example -i name="Ada Lovelace" -i password=env:PERMITS_PASSWORD',
  ];

  static override args = {
    job: Args.string({ description: 'the job file (YAML or JSON), inside --root; workers read it at the same path under their own --root', required: true }),
  };

  static override flags = {
    redis: redisFlag,
    root: rootFlag,
    input: Flags.string({ char: 'i', description: 'an input as name=value (repeat for each); a secret input as name=env:NAME', multiple: true, default: [] }),
    json: Flags.boolean({ description: 'print { "jobId": ... } as JSON' }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(RpaEnqueue);
    const { loadJobOrExit } = await import('../../rpa/errors.js');
    const { RpaQueue } = await import('@connectgen/runtime/queue');
    const name = jobPath(flags.root, args.job); // a file outside the root is refused before it is read
    const job = await loadJobOrExit(args.job, () => this.exit(EXIT_CANNOT_RUN));
    // A secret input given as env:NAME is read by the worker from its own environment.
    const inputs: Record<string, unknown> = parseInputs(flags.input);
    for (const [name, value] of Object.entries(inputs)) {
      if (job.inputs[name]?.secret && typeof value === 'string' && value.startsWith('env:')) inputs[name] = { env: value.slice('env:'.length) };
    }
    const connection = await openRedis(flags.redis);
    const queue = new RpaQueue(connection);
    try {
      const jobId = await queue.enqueue({ job: name, inputs }, job);
      process.stdout.write(flags.json ? JSON.stringify({ jobId }) + '\n' : `${job.name}: queued (job ${jobId})\n`);
    } catch (error) {
      throw asCliError(error);
    } finally {
      await queue.close();
      connection.disconnect();
    }
  }
}
