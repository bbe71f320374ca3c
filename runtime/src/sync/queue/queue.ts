/**
 * Putting sync runs on the queue: once (`enqueue`), or on the sync's cron schedule (`schedule`, a
 * BullMQ job scheduler that adds one job per fire time in the schedule's time zone). A job is
 * removed when it finishes: its outcome is the run record in the sync store, and a finished job
 * kept under the sync's fixed job id would make BullMQ ignore the next enqueue of that sync.
 */
import { Queue, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import type { ScheduleSpec } from '../schedule/due.js';
import { SYNC_QUEUE, syncJobId, type SyncJobData } from './jobs.js';

export interface EnqueueResult {
  readonly jobId: string;
  /** False when this sync (for this connection) was already waiting or running: nothing was added. */
  readonly queued: boolean;
  /** The job's state after the call: `waiting`, `delayed`, `active`... */
  readonly state: string;
}

export interface ScheduleResult {
  readonly schedulerId: string;
  /** Epoch ms of the next fire time. */
  readonly next: number | undefined;
}

/** A run whose page fetches keep failing ends `failed` with its checkpoint kept: retried 3 times, 10 s then 20 s later. */
const JOB_OPTIONS: JobsOptions = { attempts: 3, backoff: { type: 'exponential', delay: 10_000 }, removeOnComplete: true, removeOnFail: true };

export class SyncQueue {
  readonly queue: Queue<SyncJobData>;

  constructor(connection: Redis, options: { readonly prefix?: string } = {}) {
    this.queue = new Queue<SyncJobData>(SYNC_QUEUE, { connection, ...(options.prefix ? { prefix: options.prefix } : {}) });
  }

  /** Queues one run of a sync, unless one is already waiting or running. */
  async enqueue(data: SyncJobData): Promise<EnqueueResult> {
    const jobId = syncJobId(data.syncId, data.connectionId);
    const existing = await this.queue.getJob(jobId);
    if (existing) return { jobId, queued: false, state: await existing.getState() };
    const job = await this.queue.add('sync', data, { ...JOB_OPTIONS, jobId });
    return { jobId, queued: true, state: await job.getState() };
  }

  /** Creates or replaces the sync's schedule: a job per fire time of `spec.cron` in `spec.timezone`. */
  async schedule(data: SyncJobData, spec: ScheduleSpec): Promise<ScheduleResult> {
    const schedulerId = scheduleId(data);
    await this.queue.upsertJobScheduler(
      schedulerId,
      { pattern: spec.cron, ...(spec.timezone ? { tz: spec.timezone } : {}) },
      { name: 'sync', data: { ...data, ...(spec.missed ? { missed: spec.missed } : {}) }, opts: JOB_OPTIONS },
    );
    return { schedulerId, next: (await this.queue.getJobScheduler(schedulerId))?.next };
  }

  /** Removes the sync's schedule; false when there was none. */
  unschedule(data: Pick<SyncJobData, 'syncId' | 'connectionId'>): Promise<boolean> {
    return this.queue.removeJobScheduler(scheduleId(data));
  }

  close(): Promise<void> {
    return this.queue.close();
  }
}

function scheduleId(data: Pick<SyncJobData, 'syncId' | 'connectionId'>): string {
  return `schedule.${syncJobId(data.syncId, data.connectionId).slice('sync.'.length)}`;
}
