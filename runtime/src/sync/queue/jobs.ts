/**
 * What travels through Redis: the queue names and job payloads. A payload names a sync (or an RPA
 * job) by a reference the worker resolves itself (a file path, an id), never by its contents: the
 * definition holds connector options and mappings that are code or secrets.
 */

/** Sync runs. */
export const SYNC_QUEUE = 'connectgen-sync';
/** RPA runs: a queue of their own, so only workers with Chromium take them. */
export const RPA_QUEUE = 'connectgen-rpa';

export interface SyncJobData {
  /** What the worker's loader turns into a definition: the sync file's path relative to the worker's root (the CLI), or an id. */
  readonly sync: string;
  /** The definition's id, for the job id and for listings. */
  readonly syncId: string;
  /** `''` when the sync does not run per connection. */
  readonly connectionId: string;
  /** Scheduled runs: `skip` drops a run that starts more than a minute after its fire time (workers were down). */
  readonly missed?: 'run-once' | 'skip';
}

export interface RpaJobData {
  /** What the worker's loader turns into a job: the job file's path relative to the worker's root (the CLI), or a name. */
  readonly job: string;
  /** Inputs; a secret input travels as `{ "env": "NAME" }` and is read from the worker's environment. */
  readonly inputs: Readonly<Record<string, unknown>>;
}

/** What a finished sync job returns (kept by BullMQ, readable with `job.returnvalue`). */
export interface SyncJobResult {
  readonly runId: string;
  readonly status: string;
  readonly counts: Readonly<Record<string, number>>;
}

/**
 * One job id per sync and connection: BullMQ ignores an add whose id is already waiting, delayed
 * or active, so enqueueing a sync twice queues it once. BullMQ refuses `:` in custom ids, and ids
 * may contain anything, so both parts are percent-encoded (`:` becomes `%3A`).
 */
export function syncJobId(syncId: string, connectionId: string): string {
  const encode = (s: string): string => encodeURIComponent(s).replaceAll('.', '%2E');
  return `sync.${encode(syncId)}.${encode(connectionId)}`;
}
