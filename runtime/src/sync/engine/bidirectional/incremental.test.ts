/**
 * Incremental bidirectional runs read each side from its own cursor, and see deletions the sides
 * report: a store side's flags, a connector side's tombstones or deletions feed. Real SQLite, real
 * HTTP servers on 127.0.0.1; the clock ticks a millisecond per reading, so store write times differ.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordsApiConnector, startRecordsApi, type ApiRecord, type RecordsApi } from '../../../testing/records-api.js';
import type { Clock } from '../../clock.js';
import type { SyncDefinition } from '../../definition/types.js';
import { openSqliteStore, type SqliteSyncStore } from '../../store/sqlite/store.js';
import { emptyCounts } from '../../store/store.js';
import { runSync } from '../run.js';

let dir: string;
let store: SqliteSyncStore;
let api: RecordsApi;
let connector: ReturnType<typeof recordsApiConnector>;
let t = 0;
const clock: Clock = { now: () => ++t, sleep: async (ms) => void (t += ms) };
const at = (s: number, day = 1) => `2026-01-0${day}T00:00:${String(s).padStart(2, '0')}Z`;
const rec = (id: string, name: string, updated: string, extra: object = {}): ApiRecord => ({ id, name, meta: { updated_at: updated }, ...extra });
/** 1..5 changed at :01..:05, x00..x19 at :00: the extras are never changed, and an incremental run should not read them again. */
const initial = (): ApiRecord[] => [
  ...['1', '2', '3', '4', '5'].map((id) => rec(id, `api ${id}`, at(Number(id)))),
  ...Array.from({ length: 20 }, (_, i) => rec(`x${String(i).padStart(2, '0')}`, 'extra', at(0))),
];

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'cg-bidi-inc-'));
  store = openSqliteStore(path.join(dir, 'sync.db'));
  api = await startRecordsApi(initial());
  connector = recordsApiConnector(api.origin);
  t = Date.UTC(2026, 0, 2);
});
afterEach(async () => {
  await connector.close();
  await api.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const sourceOf = (extra: object = {}) => ({
  connector,
  action: 'listItems',
  sinceParam: 'updatedSince',
  tombstone: { path: 'deleted', equals: true },
  upsert: { action: 'putItem', id: 'id' },
  delete: { action: 'deleteItem', id: 'id' },
  ...extra,
});
const def = (over: Partial<SyncDefinition> = {}): SyncDefinition => ({
  id: 'contacts',
  source: sourceOf() as SyncDefinition['source'],
  destination: { store: 'crm' },
  idPath: 'id',
  mode: 'incremental',
  direction: 'both',
  conflict: 'source-wins',
  cursor: { field: 'meta.updated_at' },
  pageSize: 4,
  ...over,
});

/** Another writer of the crm collection flags a record deleted, as a one-way sync with onDelete: flag does. */
async function flagInCrm(id: string): Promise<void> {
  const run = { syncId: 'editor', connectionId: '', id: `editor-${id}`, mode: 'full', status: 'succeeded' as const, startedAt: clock.now(), counts: emptyCounts(), errors: [] };
  await store.commitPage({ syncId: 'editor', connectionId: '', checkpoint: null, ledger: [], audit: [], deadLetters: [], writes: [{ collection: 'crm', upserts: [], deletes: [], flags: [id] }], run });
}
const crmNames = async () => Object.fromEntries((await store.listRecords('crm', { limit: 100 })).map((r) => [r.id, (r.data as ApiRecord)['name']]));
const apiNames = () => Object.fromEntries([...api.records.values()].filter((r) => r['deleted'] !== true).map((r) => [r.id, r['name']]));

describe('incremental bidirectional sync', () => {
  it('reads each side from its own cursor, and propagates a tombstone at the source and a flag at the destination', async () => {
    const first = await runSync(def(), { store, clock });
    expect(first).toMatchObject({ status: 'succeeded', counts: { created: 25 } });
    // The destination's cursor is the store's write time: the last page of the first run's writes.
    const lastWrite = Math.max(...(await store.listRecords('crm', { limit: 100 })).map((r) => r.updatedAt));
    const boundary = new Set((await store.listRecords('crm', { limit: 100, since: lastWrite })).map((r) => r.id));

    api.records.set('1', rec('1', 'api 1 edited', at(0, 3)));
    api.records.set('2', rec('2', 'api 2', at(0, 3), { deleted: true })); // a soft delete the list still returns
    api.records.set('5', rec('5', 'api 5 edited', at(0, 3)));
    await store.putRecords('crm', [{ id: '3', data: rec('3', 'crm 3 edited', at(3)) }, { id: '5', data: rec('5', 'crm 5 edited', at(5)) }], clock.now());
    await flagInCrm('4');
    api.received.length = 0;

    const second = await runSync(def(), { store, clock });
    expect(second).toMatchObject({ status: 'succeeded', counts: { created: 0, updated: 3, deleted: 2, conflicts: 0, errors: 0 } });
    const expected = { '3': 'crm 3 edited', '1': 'api 1 edited', '5': 'api 5 edited' }; // 5 changed on both sides: source-wins
    expect(apiNames()).toMatchObject(expected);
    expect(apiNames()['4']).toBeUndefined();
    expect(api.writes).toContain('DELETE 4');
    expect(await crmNames()).toMatchObject(expected);
    expect((await crmNames())['2']).toBeUndefined();

    // The source was asked for what changed since its cursor (the highest :05 of the first run).
    const lists = api.received.filter((r) => r.url.startsWith('/items?'));
    expect(lists.length).toBeGreaterThan(0);
    expect(lists.every((r) => r.url.includes(`updated_since=${encodeURIComponent(at(5))}`))).toBe(true);
    // Of the destination's 20 untouched records, only those written in the first run's last commit
    // (its cursor is inclusive) were read again.
    const trail = await store.listAudit({ syncId: 'contacts', runId: second.id, limit: 200 });
    const reread = trail.filter((a) => a.action === 'skip' && a.recordId.startsWith('x')).map((a) => a.recordId);
    for (const id of reread) expect(boundary.has(id)).toBe(true);
    expect(second.counts.read).toBeLessThan(20);
    // Each deletion in the audit trail, with the side it was made on.
    expect(trail.filter((a) => a.action === 'delete').map((a) => [a.recordId, a.side]).sort()).toEqual([['2', 'destination'], ['4', 'source']]);
    expect(trail.find((a) => a.recordId === '2' && a.action === 'delete')?.before).toEqual(rec('2', 'api 2', at(2)));

    const quiet = await runSync(def(), { store, clock });
    expect(quiet.counts).toMatchObject({ created: 0, updated: 0, deleted: 0, conflicts: 0 });
    expect(api.writes.filter((w) => w.startsWith('DELETE'))).toEqual(['DELETE 4']);
  });

  it('a deletion on one side and a change on the other is a conflict for the policy; manual keeps it for a person', async () => {
    await runSync(def({ conflict: 'manual' }), { store, clock });
    api.records.set('1', rec('1', 'api 1', at(0, 3), { deleted: true }));
    await store.putRecords('crm', [{ id: '1', data: rec('1', 'crm 1 edited', at(1)) }], clock.now());
    const held = await runSync(def({ conflict: 'manual' }), { store, clock });
    expect(held.counts).toMatchObject({ conflicts: 1, deleted: 0 });
    const [conflict] = await store.listConflicts({ status: 'open' });
    expect(conflict).toMatchObject({ recordId: '1', destination: { name: 'crm 1 edited' } });
    expect(conflict!.source).toBeUndefined();

    // The conflict holds the source's cursor back, so the tombstone is read again until it is settled.
    await store.resolveConflict(conflict!.id, 'source', clock.now());
    const settled = await runSync(def({ conflict: 'manual' }), { store, clock });
    expect(settled.counts).toMatchObject({ conflicts: 0, deleted: 1 });
    expect((await crmNames())['1']).toBeUndefined();
  });

  it.each([
    ['flag', { deleted: 0 }, true],
    ['keep', { deleted: 0, skipped: expect.any(Number) }, false],
  ] as const)('onDelete: %s', async (onDelete, counts, flagged) => {
    await runSync(def({ onDelete }), { store, clock });
    api.records.set('2', rec('2', 'api 2', at(0, 3), { deleted: true }));
    const run = await runSync(def({ onDelete }), { store, clock });
    expect(run.counts).toMatchObject(onDelete === 'flag' ? { deleted: 1 } : counts);
    const [row] = await store.listRecords('crm', { limit: 100, includeDeleted: true, since: 0 }).then((rows) => rows.filter((r) => r.id === '2'));
    expect(row).toBeDefined(); // neither deletes the copy
    expect(row!.deletedAt !== undefined).toBe(flagged);
    const trail = await store.listAudit({ syncId: 'contacts', runId: run.id, recordId: '2' });
    expect(trail.map((a) => a.action)).toEqual([onDelete === 'flag' ? 'delete' : 'skip']);
    // Either way the pair is no longer synced: the source's tombstone read again changes nothing.
    expect((await runSync(def({ onDelete }), { store, clock })).counts).toMatchObject({ created: 0, updated: 0, deleted: 0 });
  });

  it('between two APIs: the destination read from its own cursor, its deletions feed propagated', async () => {
    const other = await startRecordsApi();
    const otherConnector = recordsApiConnector(other.origin);
    try {
      const destination = {
        connector: otherConnector,
        action: 'listItems',
        sinceParam: 'updatedSince',
        deletions: { action: 'listDeletions', sinceParam: 'deletedSince' },
        upsert: { action: 'putItem', id: 'id' },
        delete: { action: 'deleteItem', id: 'id' },
      };
      const d = def({ destination });
      expect((await runSync(d, { store, clock })).counts).toMatchObject({ created: 25 });
      await runSync(d, { store, clock }); // reads the destination whole once, which sets its cursor
      other.records.set('1', rec('1', 'other 1 edited', at(0, 3)));
      other.deletedAt = () => at(0, 3);
      await fetch(`${other.origin}/items/3`, { method: 'DELETE' });
      api.records.set('2', rec('2', 'api 2', at(0, 3), { deleted: true }));
      other.received.length = 0;
      api.writes.length = 0;

      const run = await runSync(d, { store, clock });
      expect(run).toMatchObject({ status: 'succeeded', counts: { updated: 1, deleted: 2, conflicts: 0 } });
      expect(api.records.get('1')?.['name']).toBe('other 1 edited');
      expect(api.writes).toEqual(['PUT 1', 'DELETE 3']);
      expect(other.records.has('2')).toBe(false);
      const lists = other.received.filter((r) => r.url.startsWith('/items?'));
      expect(lists.every((r) => r.url.includes(`updated_since=${encodeURIComponent(at(5))}`))).toBe(true);
      expect(other.received.some((r) => r.url.startsWith('/deletions?') && r.url.includes('deleted_since='))).toBe(true);
      // Only the destination's changes were copied into the store for this run: not its 24 records.
      expect(run.counts.read).toBeLessThan(12);
      const trail = await store.listAudit({ syncId: 'contacts', runId: run.id });
      expect(trail.filter((a) => a.action === 'delete').map((a) => [a.recordId, a.side]).sort()).toEqual([['2', 'destination'], ['3', 'source']]);
    } finally {
      await otherConnector.close();
      await other.close();
    }
  });
});
