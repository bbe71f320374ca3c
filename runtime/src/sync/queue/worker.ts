/**
 * The BullMQ settings every connectgen worker shares, in one place.
 *
 * A worker holds a lock on each job it runs and renews it every `lockDurationMs / 2`. A worker that
 * dies (SIGKILL, a lost machine) stops renewing; once the lock has expired, the next stalled-job
 * check of any live worker (every `stalledIntervalMs`) puts the job back in the queue, and another
 * worker takes it. For a sync that is safe, since the run resumes from its last page checkpoint.
 * Defaults: a 30 s lock and a 15 s check, so a dead worker's run is picked up within ~45 s while a
 * worker busy for a few seconds (a large page, a slow disk) does not lose its job.
 */
import { Worker, type Job, type Processor } from 'bullmq';
import type { Redis } from 'ioredis';

export interface QueueWorkerOptions {
  readonly connection: Redis;
  /** Jobs this process runs at once; default 1. */
  readonly concurrency?: number;
  /** How long a job's lock lasts without renewal; default 30 s. */
  readonly lockDurationMs?: number;
  /** How often this worker looks for jobs whose worker died; default 15 s. */
  readonly stalledIntervalMs?: number;
  /** How many times one job may lose its worker before it is failed; default 10. */
  readonly maxStalledCount?: number;
  /** Names this worker on the jobs it takes (BullMQ's `processedBy`). */
  readonly name?: string;
  /** Key prefix in Redis; default BullMQ's `bull`. */
  readonly prefix?: string;
  readonly onEvent?: (event: WorkerEvent) => void;
}

export type WorkerEvent =
  | { readonly type: 'completed'; readonly queue: string; readonly jobId: string; readonly result: unknown }
  | { readonly type: 'failed'; readonly queue: string; readonly jobId: string; readonly error: string; readonly willRetry: boolean }
  | { readonly type: 'error'; readonly queue: string; readonly error: string };

export interface QueueWorker {
  /** Stops taking jobs and waits for the running ones to finish. */
  close(): Promise<void>;
  /** Resolves once the worker is connected and waiting for jobs. */
  ready(): Promise<void>;
}

export const DEFAULT_LOCK_DURATION_MS = 30_000;
export const DEFAULT_STALLED_INTERVAL_MS = 15_000;
export const DEFAULT_MAX_STALLED_COUNT = 10;

export function startQueueWorker<D, R>(queue: string, processor: Processor<D, R>, options: QueueWorkerOptions): QueueWorker {
  const worker = new Worker<D, R>(queue, processor, {
    connection: options.connection,
    concurrency: options.concurrency ?? 1,
    lockDuration: options.lockDurationMs ?? DEFAULT_LOCK_DURATION_MS,
    stalledInterval: options.stalledIntervalMs ?? DEFAULT_STALLED_INTERVAL_MS,
    maxStalledCount: options.maxStalledCount ?? DEFAULT_MAX_STALLED_COUNT,
    ...(options.name ? { name: options.name } : {}),
    ...(options.prefix ? { prefix: options.prefix } : {}),
  });
  const emit = options.onEvent ?? (() => {});
  worker.on('completed', (job: Job<D, R>, result: R) => emit({ type: 'completed', queue, jobId: job.id ?? '', result }));
  worker.on('failed', (job: Job<D, R> | undefined, error: Error) => {
    const attempts = job?.opts.attempts ?? 1;
    emit({ type: 'failed', queue, jobId: job?.id ?? '', error: error.message, willRetry: job !== undefined && job.attemptsMade < attempts && error.name !== 'UnrecoverableError' });
  });
  worker.on('error', (error: Error) => emit({ type: 'error', queue, error: error.message }));
  return {
    close: () => worker.close(),
    ready: async () => {
      await worker.waitUntilReady();
    },
  };
}
