/**
 * RPA runs on the queue (issue 13 §3): a queue of their own, taken only by workers started with a
 * browser, each run in its own context of the worker's one Chromium (RpaRunner).
 *
 * Browser steps submit forms, which are rarely safe to repeat: an RPA job is tried once, and one
 * whose worker died mid-run is failed, not handed to another worker (`maxStalledCount: 0`).
 * Secret inputs never sit in Redis: they travel as `{ "env": "NAME" }` and each worker reads the
 * value from its own environment.
 */
import { Queue, UnrecoverableError, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { RunResult } from '../../rpa/execute.js';
import type { RpaJob } from '../../rpa/job/job.js';
import { SyncError } from '../errors.js';
import { RPA_QUEUE, type RpaJobData } from './jobs.js';
import { startQueueWorker, type QueueWorker, type QueueWorkerOptions } from './worker.js';

/** What an RPA job returns: the execution record's id and outcome, and the outputs. */
export interface RpaJobResult {
  readonly recordId: string;
  readonly status: string;
  readonly outputs: Readonly<Record<string, unknown>>;
  readonly error?: string;
}

/** Completed RPA jobs stay a day (at most 1,000) so their outputs can be read back. */
const KEEP = { age: 24 * 3600, count: 1000 };

export class RpaQueue {
  readonly queue: Queue<RpaJobData>;

  constructor(connection: Redis, options: { readonly prefix?: string } = {}) {
    this.queue = new Queue<RpaJobData>(RPA_QUEUE, { connection, ...(options.prefix ? { prefix: options.prefix } : {}) });
  }

  /** Queues one run of `job` (the loaded job, to check its secret inputs); returns the job id. */
  async enqueue(data: RpaJobData, job: RpaJob): Promise<string> {
    for (const [name, input] of Object.entries(job.inputs)) {
      const value = data.inputs[name];
      if (input.secret && value !== undefined && !isEnvRef(value)) {
        throw new SyncError('CG_QUEUE_SECRET_INPUT', `secret input "${name}" would be stored in Redis as given`, {
          pointer: `/inputs/${name}`,
          hint: `pass it as {"env":"NAME"} (connectgen rpa enqueue: --input ${name}=env:NAME) and set NAME in the workers' environment`,
        });
      }
    }
    const added = await this.queue.add('rpa', data, { attempts: 1, removeOnComplete: KEEP, removeOnFail: KEEP });
    return added.id ?? '';
  }

  close(): Promise<void> {
    return this.queue.close();
  }
}

export interface RpaWorkerOptions extends Omit<QueueWorkerOptions, 'maxStalledCount'> {
  /** Runs the job in the worker's browser (an `RpaRunner` with the execution record store). */
  readonly runner: { run(job: RpaJob, inputs: Readonly<Record<string, unknown>>): Promise<RunResult> };
  /** Turns a job's `job` reference (a file path, a name) into a loaded job. */
  readonly load: (job: string) => Promise<RpaJob>;
  readonly env?: NodeJS.ProcessEnv;
}

export function startRpaWorker(options: RpaWorkerOptions): QueueWorker {
  return startQueueWorker<RpaJobData, RpaJobResult>(RPA_QUEUE, (job) => runRpaJob(job, options), { ...options, maxStalledCount: 0 });
}

async function runRpaJob(job: Job<RpaJobData, RpaJobResult>, options: RpaWorkerOptions): Promise<RpaJobResult> {
  let loaded: RpaJob;
  try {
    loaded = await options.load(job.data.job);
  } catch (error) {
    throw new UnrecoverableError(`cannot load RPA job "${job.data.job}": ${(error as Error).message}`);
  }
  const inputs = resolveEnvRefs(job.data.inputs, options.env ?? process.env);
  const { record, outputs } = await options.runner.run(loaded, inputs);
  const result = { recordId: record.id, status: record.status, outputs };
  if (record.status === 'failed') {
    // Not retried: the record (with its screenshot) says which step failed and why.
    throw new UnrecoverableError(`step ${record.error?.step ?? '?'} failed: ${record.error?.code ?? ''} ${record.error?.message ?? ''} (execution record ${record.id})`.trim());
  }
  return result;
}

function isEnvRef(value: unknown): value is { readonly env: string } {
  return typeof value === 'object' && value !== null && Object.keys(value).length === 1 && typeof (value as { env?: unknown }).env === 'string';
}

function resolveEnvRefs(inputs: Readonly<Record<string, unknown>>, env: NodeJS.ProcessEnv): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(inputs)) {
    if (!isEnvRef(value)) {
      out[name] = value;
      continue;
    }
    const found = env[value.env];
    if (found === undefined) throw new UnrecoverableError(`CG_QUEUE_ENV: input "${name}" names environment variable ${value.env}, which is not set on this worker`);
    out[name] = found;
  }
  return out;
}
