import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Clock } from '../clock.js';
import type { SyncDefinition } from '../definition/types.js';
import { openSqliteStore, type SqliteSyncStore } from '../store/sqlite/store.js';
import { createScheduler } from './scheduler.js';

let dir: string;
let store: SqliteSyncStore;
let t = Date.parse('2026-03-01T10:00:00Z');
const clock: Clock = { now: () => t, sleep: async (ms) => void (t += ms) };
const sync: SyncDefinition = { id: 'copy', mode: 'full', idPath: 'id', source: { store: 'a' }, destination: { store: 'b' }, schedule: { cron: '*/15 * * * *' } };

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'cg-sched-'));
  store = openSqliteStore(path.join(dir, 'sync.db'));
  t = Date.parse('2026-03-01T10:00:00Z');
  await store.putRecords('a', [{ id: '1', data: { id: '1' } }], t);
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('scheduler', () => {
  it('runs a sync when its cron fires, once for several missed fire times, and per connection on its own schedule', async () => {
    const scheduler = createScheduler([{ definition: sync }, { definition: sync, connectionId: 'acme', schedule: { cron: '0 * * * *' } }], { store, clock });
    expect(await scheduler.tick()).toEqual([]);
    expect(scheduler.nextAt()).toBe(Date.parse('2026-03-01T10:15:00Z'));

    t = Date.parse('2026-03-01T10:15:00Z');
    expect((await scheduler.tick()).map((r) => [r.connectionId, r.outcome])).toEqual([['', 'ran']]);
    t = Date.parse('2026-03-01T11:05:00Z'); // 10:30, 10:45 and 11:00 passed: one run catches up
    const late = await scheduler.tick();
    expect(late.map((r) => [r.connectionId, r.outcome, r.missed])).toEqual([['', 'ran', 2], ['acme', 'ran', 0]]);
    expect((await store.getRecords('b', ['1'])).size).toBe(1);
    expect(await scheduler.tick()).toEqual([]);
  });

  it('does not start a run while another process holds the sync', async () => {
    await store.acquireLease('sync:copy:', 'otherhost:1:x', t + 3_600_000, t);
    const scheduler = createScheduler([{ definition: sync }], { store, clock });
    t = Date.parse('2026-03-01T10:15:00Z');
    expect((await scheduler.tick()).map((r) => r.outcome)).toEqual(['busy']);
  });
});
