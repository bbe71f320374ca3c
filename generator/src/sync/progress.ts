/**
 * What `sync run` shows: a progress line redrawn on a terminal (records/s, pages, written, skipped,
 * errors), nothing when stderr is not a TTY (CI logs stay clean), and a one-line summary at the end.
 */
import type { RunRecord, SyncProgress } from '@connectgen/runtime/sync';

export function progressPrinter(stream: NodeJS.WriteStream, enabled: boolean): { update(p: SyncProgress): void; done(): void } {
  let drawn = false;
  return {
    update(p) {
      if (!enabled) return;
      const rate = p.elapsedMs > 0 ? Math.round((p.read * 1000) / p.elapsedMs) : 0;
      stream.write(`\r\x1b[2K${rate.toLocaleString('en-US')} records/s · ${p.pages} pages · ${p.written} written · ${p.skipped} skipped · ${p.errors} errors`);
      drawn = true;
    },
    done() {
      if (drawn) stream.write('\r\x1b[2K');
    },
  };
}

export function summaryLine(run: RunRecord): string {
  const c = run.counts;
  const seconds = ((run.durationMs ?? 0) / 1000).toFixed(1);
  const who = run.connectionId ? `${run.syncId} (${run.connectionId})` : run.syncId;
  return (
    `${run.status} ${who}: ${c.read} read, ${c.created} created, ${c.updated} updated, ${c.deleted} deleted, ` +
    `${c.skipped} skipped, ${c.conflicts} conflicts, ${c.errors} errors, ${c.held ? `${c.held} deletions held, ` : ''}${c.pages} pages in ${seconds} s (run ${run.id})`
  );
}
