/**
 * The scheduler in the foreground: tick, then wait on the injected clock until the earliest next
 * fire time, until the signal aborts or `maxRuns` runs have happened. Each tick is reported, so the
 * caller (the CLI) prints what ran, what was busy elsewhere and what the missed-run policy skipped.
 */
import type { Clock } from '../clock.js';
import { systemClock } from '../clock.js';
import { SyncError } from '../errors.js';
import type { Scheduler, TickResult } from './scheduler.js';

export interface ScheduleLoopOptions {
  readonly clock?: Clock;
  readonly signal?: AbortSignal;
  /** Stop after this many runs (`ran` outcomes); default: run until aborted. */
  readonly maxRuns?: number;
  readonly onTick?: (results: readonly TickResult[], nextAt: number | undefined) => void;
}

/** Resolves with the number of runs once aborted or `maxRuns` is reached. */
export async function runScheduleLoop(scheduler: Scheduler, options: ScheduleLoopOptions = {}): Promise<number> {
  const clock = options.clock ?? systemClock;
  let runs = 0;
  while (!options.signal?.aborted) {
    const results = await scheduler.tick();
    runs += results.filter((r) => r.outcome === 'ran').length;
    const nextAt = scheduler.nextAt();
    options.onTick?.(results, nextAt);
    if (options.maxRuns !== undefined && runs >= options.maxRuns) break;
    if (nextAt === undefined) {
      throw new SyncError('CG_SYNC_NO_SCHEDULE', 'none of the syncs has a schedule that fires again', {
        pointer: '/schedule',
        hint: 'add schedule: { cron: "*/15 * * * *" } to the sync definition',
      });
    }
    try {
      await clock.sleep(Math.max(0, nextAt - clock.now()), options.signal);
    } catch (error) {
      if (options.signal?.aborted) break;
      throw error;
    }
  }
  return runs;
}
