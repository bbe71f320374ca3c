/** What a worker says on stderr: one line per finished or failed job, and errors. */
import type { WorkerEvent } from '@connectgen/runtime/queue';

export interface WorkerLog {
  (event: WorkerEvent): void;
  line(text: string): void;
}

export function workerLog(out: NodeJS.WritableStream, quiet: boolean): WorkerLog {
  const write = (text: string): void => void out.write(`${new Date().toISOString()} ${text}\n`);
  const log = ((event: WorkerEvent) => {
    if (event.type === 'error') return write(`error ${event.queue}: ${event.error}`);
    if (event.type === 'failed') return write(`failed ${event.queue} job ${event.jobId}: ${event.error}${event.willRetry ? ' (will retry)' : ''}`);
    if (!quiet) write(`done ${event.queue} job ${event.jobId}: ${summary(event.result)}`);
  }) as WorkerLog;
  log.line = (text) => {
    if (!quiet) write(text);
  };
  return log;
}

function summary(result: unknown): string {
  const r = result as { status?: string; runId?: string; recordId?: string; counts?: Record<string, number> } | undefined;
  if (!r) return 'ok';
  const counts = r.counts ? Object.entries(r.counts).filter(([, n]) => n > 0).map(([k, n]) => `${k} ${n}`).join(', ') : '';
  return [r.status, r.runId ? `run ${r.runId}` : r.recordId ? `record ${r.recordId}` : '', counts].filter(Boolean).join(' ');
}
