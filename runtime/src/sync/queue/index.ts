/**
 * `@connectgen/runtime/queue`: syncs (and RPA runs) as BullMQ jobs on Redis, for users who outgrow
 * one machine: N worker processes share the queue and a store (PostgreSQL, or one SQLite file on one
 * host). A separate entry point so `@connectgen/runtime/sync` never loads BullMQ.
 */
export { connectRedis } from './redis.js';
export { RPA_QUEUE, SYNC_QUEUE, syncJobId, type RpaJobData, type SyncJobData, type SyncJobResult } from './jobs.js';
export { SyncQueue, type EnqueueResult, type ScheduleResult } from './queue.js';
export { startSyncWorker, type LoadedSyncJob, type SyncWorkerOptions } from './sync-worker.js';
export {
  DEFAULT_LOCK_DURATION_MS,
  DEFAULT_MAX_STALLED_COUNT,
  DEFAULT_STALLED_INTERVAL_MS,
  startQueueWorker,
  type QueueWorker,
  type QueueWorkerOptions,
  type WorkerEvent,
} from './worker.js';
export { RpaQueue, startRpaWorker, type RpaJobResult, type RpaWorkerOptions } from './rpa.js';
