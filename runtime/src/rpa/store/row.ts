/** The listing columns both stores keep beside the whole record, and the summary they make. */
import type { RunStatus } from '../record.js';
import type { RunSummary } from './store.js';

export interface RunRow {
  id: string;
  job: string;
  status: RunStatus;
  started_at: string;
  duration_ms: number;
  step_count: number;
  failed_step: string | null;
}

export function toSummary(row: RunRow): RunSummary {
  return {
    id: row.id,
    job: row.job,
    status: row.status,
    startedAt: row.started_at,
    durationMs: Number(row.duration_ms),
    steps: Number(row.step_count),
    ...(row.failed_step === null ? {} : { failedStep: row.failed_step }),
  };
}
