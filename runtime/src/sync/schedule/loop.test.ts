import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Clock } from '../clock.js';
import type { SyncDefinition } from '../definition/types.js';
import { openSqliteStore, type SqliteSyncStore } from '../store/sqlite/store.js';
import { runScheduleLoop } from './loop.js';
import { createScheduler } from './scheduler.js';

let dir: string;
let store: SqliteSyncStore;
let t: number;
let waits: number[];
const clock: Clock = { now: () => t, sleep: async (ms) => void (waits.push(ms), (t += ms)) };
const sync = (schedule: SyncDefinition['schedule']): SyncDefinition => ({ id: 'copy', mode: 'full', idPath: 'id', source: { store: 'a' }, destination: { store: 'b' }, ...(schedule ? { schedule } : {}) });

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'cg-sched-loop-'));
  store = openSqliteStore(path.join(dir, 'sync.db'));
  t = Date.parse('2026-03-01T10:05:00Z');
  waits = [];
  await store.putRecords('a', [{ id: '1', data: { id: '1' } }], t);
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('runScheduleLoop', () => {
  it('sleeps until each fire time in the schedule\'s time zone and runs the sync then', async () => {
    // 09:00 in New York is 14:00 UTC in March before DST (UTC-5).
    const scheduler = createScheduler([{ definition: sync({ cron: '0 9 * * *', timezone: 'America/New_York' }) }], { store, clock });
    const ticks: string[] = [];
    const runs = await runScheduleLoop(scheduler, { clock, maxRuns: 2, onTick: (results) => ticks.push(`${new Date(t).toISOString()} ${results.map((r) => r.outcome).join(',')}`) });
    expect(runs).toBe(2);
    expect(ticks).toEqual(['2026-03-01T10:05:00.000Z ', '2026-03-01T14:00:00.000Z ran', '2026-03-02T14:00:00.000Z ran']);
    expect((await store.listRuns({ syncId: 'copy' })).map((r) => new Date(r.startedAt).toISOString())).toEqual(['2026-03-02T14:00:00.000Z', '2026-03-01T14:00:00.000Z']);
  });

  it('stops when the signal aborts', async () => {
    const controller = new AbortController();
    const scheduler = createScheduler([{ definition: sync({ cron: '*/15 * * * *' }) }], { store, clock });
    const runs = await runScheduleLoop(scheduler, { clock, signal: controller.signal, onTick: (results) => results.length > 0 && controller.abort() });
    expect(runs).toBe(1);
    expect(waits).toEqual([10 * 60_000, 15 * 60_000]);
  });

  it('refuses to wait forever when no sync has a schedule', async () => {
    const scheduler = createScheduler([{ definition: sync(undefined) }], { store, clock });
    await expect(runScheduleLoop(scheduler, { clock })).rejects.toMatchObject({ code: 'CG_SYNC_NO_SCHEDULE', pointer: '/schedule' });
  });
});
