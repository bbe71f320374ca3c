/**
 * When a scheduled sync is due: a pure decision over the cron expression (croner, with time zones),
 * the last fire time already handled, and now. Missed fire times (the scheduler was down, or a run
 * took longer than the interval) are handled by the stated policy:
 * - `run-once` (default): however many were missed, one run catches up;
 * - `skip`: missed ones are dropped; a run starts only if the latest fire time is within the grace
 *   window, else the scheduler waits for the next one.
 */
import { Cron } from 'croner';

export type MissedPolicy = 'run-once' | 'skip';

export interface ScheduleSpec {
  readonly cron: string;
  readonly timezone?: string;
  readonly missed?: MissedPolicy;
}

export interface Due {
  /** Run now. */
  readonly due: boolean;
  /** The latest fire time at or before now (epoch ms): record it as handled, run or not. */
  readonly fireAt: number | undefined;
  /** Fire times passed over without a run of their own. */
  readonly missed: number;
  /** The next fire time after now. */
  readonly next: number | undefined;
}

/** A run for a fire time later than this after it counts as missed under `skip`. */
export const SKIP_GRACE_MS = 60_000;
const MAX_COUNTED = 10_000;

export function cronOf(spec: ScheduleSpec): Cron {
  return new Cron(spec.cron, { ...(spec.timezone ? { timezone: spec.timezone } : {}), paused: true });
}

export function isDue(spec: ScheduleSpec, handledUntil: number, now: number): Due {
  const cron = cronOf(spec);
  let fireAt: number | undefined;
  let count = 0;
  for (let t = cron.nextRun(new Date(handledUntil)); t && t.getTime() <= now && count < MAX_COUNTED; t = cron.nextRun(t)) {
    fireAt = t.getTime();
    count++;
  }
  const next = cron.nextRun(new Date(now))?.getTime();
  if (fireAt === undefined) return { due: false, fireAt, missed: 0, next };
  if ((spec.missed ?? 'run-once') === 'skip' && now - fireAt > SKIP_GRACE_MS) return { due: false, fireAt, missed: count, next };
  return { due: true, fireAt, missed: count - 1, next };
}
