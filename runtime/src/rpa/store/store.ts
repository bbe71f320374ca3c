/** Where execution records live. One interface; `sqlite.ts` is the embedded implementation. */
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
  /** Screenshots are files here, beside the database, named by run id. */
  readonly screenshotsDir: string;
  save(record: ExecutionRecord): void;
  list(options?: ListRunsOptions): RunSummary[];
  get(id: string): ExecutionRecord | undefined;
  close(): void;
}
