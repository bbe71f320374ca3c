/**
 * Where execution records live. One interface: `sqlite.ts` keeps them in the local file the sync
 * store uses, `postgres.ts` in the PostgreSQL database workers on several machines share.
 */
import type { ExecutionRecord, RunStatus } from '../record.js';

/** One line of `connectgen rpa runs`. */
export interface RunSummary {
  readonly id: string;
  readonly job: string;
  readonly status: RunStatus;
  readonly startedAt: string;
  readonly durationMs: number;
  readonly steps: number;
  /** `#4 click role button "Next"` when the run failed. */
  readonly failedStep?: string;
}

export interface ListRunsOptions {
  readonly job?: string;
  readonly status?: RunStatus;
  /** Newest first; default 20. */
  readonly limit?: number;
}

export interface RpaRunStore {
  /** Screenshots are files here, in a folder per run id (the record holds their paths). */
  readonly screenshotsDir: string;
  /** Saves a record; saving one with the same id again replaces it. */
  save(record: ExecutionRecord): Promise<void>;
  list(options?: ListRunsOptions): Promise<RunSummary[]>;
  get(id: string): Promise<ExecutionRecord | undefined>;
  close(): Promise<void>;
}
