/**
 * A worker that runs queued syncs against the shared store.
 *
 * - One run per sync and connection at a time: the store's lease. A job whose lease is held by a
 *   live run goes back to the queue for `busyRetryMs` (not counted as a failed attempt).
 * - A worker killed mid-run: BullMQ hands the job to another worker (worker.ts), whose `runSync`
 *   takes the dead holder's lease and resumes from the last page checkpoint.
 * - The lease lasts `leaseMs` and is renewed while the job runs, so a run whose machine vanished
 *   frees its sync within `leaseMs` on other hosts (on the same host the holder's pid is checked at once).
 * - A run that ends `failed` (its page fetches kept failing) keeps its checkpoint and the job is
 *   retried with backoff; `stalled` runs and bad definitions are not retried: they need a person.
 */
import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import { systemClock, type Clock } from '../clock.js';
import type { SyncDefinition } from '../definition/types.js';
import { runSync } from '../engine/run.js';
import { describeError, SyncError } from '../errors.js';
import { newHolder, syncLeaseName } from '../lease.js';
import { SKIP_GRACE_MS } from '../schedule/due.js';
import type { SyncStore } from '../store/store.js';
import { SYNC_QUEUE, type SyncJobData, type SyncJobResult } from './jobs.js';
import { startQueueWorker, type QueueWorker, type QueueWorkerOptions } from './worker.js';

/** A sync definition ready to run, and what to close after the run (its connectors' pools). */
export interface LoadedSyncJob {
  readonly definition: SyncDefinition;
  close?(): Promise<void>;
}

export interface SyncWorkerOptions extends QueueWorkerOptions {
  readonly store: SyncStore;
  /** Turns a job's `sync` reference (a file path, an id) into a definition. */
  readonly load: (sync: string) => Promise<LoadedSyncJob>;
  /** How long a busy sync's job waits before it is tried again; default 5 s. */
  readonly busyRetryMs?: number;
  /** The run's lease, renewed every third of it while the job runs; default 60 s. */
  readonly leaseMs?: number;
  readonly clock?: Clock;
}

const DEFAULT_BUSY_RETRY_MS = 5_000;
const DEFAULT_LEASE_MS = 60_000;

export function startSyncWorker(options: SyncWorkerOptions): QueueWorker {
  return startQueueWorker<SyncJobData, SyncJobResult>(SYNC_QUEUE, (job, token) => runSyncJob(job, token, options), options);
}

async function runSyncJob(job: Job<SyncJobData, SyncJobResult>, token: string | undefined, options: SyncWorkerOptions): Promise<SyncJobResult> {
  const { store } = options;
  const clock = options.clock ?? systemClock;
  const { syncId, connectionId } = job.data;
  if (job.data.missed === 'skip' && clock.now() - (job.timestamp + job.delay) > SKIP_GRACE_MS) {
    return { runId: '', status: 'skipped', counts: {} };
  }
  let loaded: LoadedSyncJob;
  try {
    loaded = await options.load(job.data.sync);
  } catch (error) {
    throw new UnrecoverableError(`cannot load sync "${job.data.sync}": ${describeError(error)}`);
  }
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const holder = newHolder();
  const lease = syncLeaseName({ syncId, connectionId });
  const renew = setInterval(() => {
    store.acquireLease(lease, holder, clock.now() + leaseMs, clock.now()).catch(() => {}); // the next page commit renews it too
  }, leaseMs / 3);
  try {
    const run = await runSync(loaded.definition, { store, connectionId, holder, leaseMs, clock });
    const result = { runId: run.id, status: run.status, counts: { ...run.counts } };
    if (run.status === 'failed') throw new Error(`run ${run.id} failed: ${run.errors[0] ?? 'no detail'}`);
    if (run.status === 'stalled') throw new UnrecoverableError(`run ${run.id} stalled: ${run.errors.at(-1) ?? 'no progress'}`);
    return result;
  } catch (error) {
    if (error instanceof SyncError && error.code === 'CG_SYNC_BUSY') {
      await job.moveToDelayed(clock.now() + (options.busyRetryMs ?? DEFAULT_BUSY_RETRY_MS), token);
      throw new DelayedError();
    }
    // A definition the runtime refuses will not get better on retry.
    if (error instanceof SyncError) throw new UnrecoverableError(describeError(error));
    throw error;
  } finally {
    clearInterval(renew);
    // The renewal may have fired after runSync released the lease: release it again, as this holder.
    await store.releaseLease(lease, holder).catch(() => {});
    await loaded.close?.();
  }
}
