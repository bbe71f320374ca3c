/**
 * Runs syncs on their schedules. `tick()` checks every entry against the injected clock and runs
 * the due ones (one at a time per entry; across processes the sync's lease in the store keeps two
 * runs of one sync apart, and a run refused as busy is simply not this process's). The handled
 * point starts at the sync's last recorded run, so a restarted scheduler applies the missed-run
 * policy to what it missed while down. A connection can override the sync's schedule.
 */
import type { Clock } from '../clock.js';
import { systemClock } from '../clock.js';
import type { SyncDefinition } from '../definition/types.js';
import { runSync } from '../engine/run.js';
import { SyncError } from '../errors.js';
import type { RunRecord, SyncStore } from '../store/store.js';
import { isDue, type ScheduleSpec } from './due.js';

export interface ScheduledSync {
  readonly definition: SyncDefinition;
  readonly connectionId?: string;
  /** Overrides `definition.schedule` for this connection. */
  readonly schedule?: ScheduleSpec;
}

export interface TickResult {
  readonly syncId: string;
  readonly connectionId: string;
  readonly outcome: 'ran' | 'busy' | 'skipped';
  readonly missed: number;
  readonly run?: RunRecord;
}

export interface Scheduler {
  tick(): Promise<TickResult[]>;
  /** Epoch ms of the earliest next fire time, for the caller's timer. */
  nextAt(): number | undefined;
}

export function createScheduler(entries: readonly ScheduledSync[], deps: { store: SyncStore; clock?: Clock }): Scheduler {
  const clock = deps.clock ?? systemClock;
  const handled = new Map<ScheduledSync, number>();
  const nextFire = new Map<ScheduledSync, number | undefined>();
  const startedAt = clock.now();

  const handledUntil = async (entry: ScheduledSync): Promise<number> => {
    const known = handled.get(entry);
    if (known !== undefined) return known;
    const runs = await deps.store.listRuns({ syncId: entry.definition.id, limit: 50 });
    const last = runs.find((r) => r.connectionId === (entry.connectionId ?? ''));
    return last?.startedAt ?? startedAt;
  };

  return {
    async tick() {
      const results: TickResult[] = [];
      for (const entry of entries) {
        const spec = entry.schedule ?? entry.definition.schedule;
        if (!spec) continue;
        const now = clock.now();
        const due = isDue(spec, await handledUntil(entry), now);
        nextFire.set(entry, due.next);
        if (due.fireAt === undefined) continue;
        handled.set(entry, due.fireAt);
        const base = { syncId: entry.definition.id, connectionId: entry.connectionId ?? '', missed: due.missed };
        if (!due.due) {
          results.push({ ...base, outcome: 'skipped' });
          continue;
        }
        try {
          const run = await runSync(entry.definition, { store: deps.store, clock, ...(entry.connectionId ? { connectionId: entry.connectionId } : {}) });
          results.push({ ...base, outcome: 'ran', run });
        } catch (error) {
          if (!(error instanceof SyncError && error.code === 'CG_SYNC_BUSY')) throw error;
          results.push({ ...base, outcome: 'busy' });
        }
      }
      return results;
    },
    nextAt() {
      const times = [...nextFire.values()].filter((t): t is number => t !== undefined);
      return times.length ? Math.min(...times) : undefined;
    },
  };
}
