import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordsApiConnector, startRecordsApi, type ApiRecord, type RecordsApi } from '../../../testing/records-api.js';
import type { Clock } from '../../clock.js';
import type { ConflictPolicyName, SyncDefinition } from '../../definition/types.js';
import { openSqliteStore, type SqliteSyncStore } from '../../store/sqlite/store.js';
import { runSync } from '../run.js';

let dir: string;
let store: SqliteSyncStore;
let api: RecordsApi;
let connector: ReturnType<typeof recordsApiConnector>;
let t = 0;
const clock: Clock = { now: () => t, sleep: async (ms) => void (t += ms) };
const rec = (id: string, name: string, updated = '2026-01-01T00:00:00Z'): ApiRecord => ({ id, name, meta: { updated_at: updated } });

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'cg-bidi-'));
  store = openSqliteStore(path.join(dir, 'sync.db'));
  api = await startRecordsApi(['1', '2', '3', '4', '5'].map((id) => rec(id, `api ${id}`)));
  connector = recordsApiConnector(api.origin);
  t = Date.UTC(2026, 0, 2);
  await store.putRecords('crm', ['4', '6', '7'].map((id) => ({ id, data: rec(id, `api ${id}`) })), t);
  await store.putRecords('crm', [{ id: '5', data: rec('5', 'crm 5', '2026-01-01T00:00:05Z') }], t);
});
afterEach(async () => {
  await connector.close();
  await api.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const both = (conflict: ConflictPolicyName): SyncDefinition => ({
  id: 'contacts',
  source: { connector, action: 'listItems', upsert: { action: 'putItem', id: 'id' }, delete: { action: 'deleteItem', id: 'id' } },
  destination: { store: 'crm' },
  idPath: 'id',
  mode: 'full',
  direction: 'both',
  conflict,
  cursor: { field: 'meta.updated_at' },
  pageSize: 2,
});

async function crm(): Promise<Record<string, string>> {
  const rows = await store.listRecords('crm', { limit: 100 });
  return Object.fromEntries(rows.map((r) => [r.id, (r.data as ApiRecord)['name'] as string]).sort());
}
const apiNames = (): Record<string, string> => Object.fromEntries([...api.records.values()].map((r) => [r.id, r['name'] as string]).sort());

describe('bidirectional sync', () => {
  it('copies new records both ways, then changes and deletions from whichever side made them', async () => {
    const first = await runSync(both('source-wins'), { store, clock });
    expect(first).toMatchObject({ status: 'succeeded', counts: { created: 5, updated: 1, conflicts: 0 } });
    const expected = { '1': 'api 1', '2': 'api 2', '3': 'api 3', '4': 'api 4', '5': 'api 5', '6': 'api 6', '7': 'api 7' };
    expect(apiNames()).toEqual(expected);
    expect(await crm()).toEqual(expected);

    api.records.set('1', rec('1', 'api 1 edited'));
    await store.putRecords('crm', [{ id: '2', data: rec('2', 'crm 2 edited') }], t);
    api.records.delete('3');
    await store.commitPage({ syncId: 'x', connectionId: '', checkpoint: null, ledger: [], audit: [], deadLetters: [], writes: [{ collection: 'crm', upserts: [], deletes: ['6'], flags: [] }], run: { syncId: 'x', connectionId: '', id: 'x', mode: 'full', status: 'succeeded', startedAt: 0, counts: first.counts, errors: [] } });
    const second = await runSync(both('source-wins'), { store, clock });
    expect(second.counts).toMatchObject({ updated: 2, deleted: 2, conflicts: 0, skipped: 3 });
    const after = { '1': 'api 1 edited', '2': 'crm 2 edited', '4': 'api 4', '5': 'api 5', '7': 'api 7' };
    expect(apiNames()).toEqual(after);
    expect(await crm()).toEqual(after);
    const trail = await store.listAudit({ syncId: 'contacts', runId: second.id });
    expect(trail.find((a) => a.recordId === '2')).toMatchObject({ action: 'update', side: 'source', after: { name: 'crm 2 edited' } });
    expect(trail.find((a) => a.recordId === '3')).toMatchObject({ action: 'delete', side: 'destination' });
  });

  it.each<[ConflictPolicyName, string]>([
    ['source-wins', 'api 5'],
    ['destination-wins', 'crm 5'],
    ['newest-wins', 'crm 5'], // the crm copy was modified 5 s later
  ])('%s settles a record changed on both sides', async (policy, winner) => {
    const run = await runSync(both(policy), { store, clock });
    expect(run.status).toBe('succeeded');
    expect(api.records.get('5')?.['name']).toBe(winner);
    expect((await crm())['5']).toBe(winner);
    expect(await store.listConflicts()).toEqual([]);
  });

  it('manual keeps the conflict for a person; the run after the resolution writes the chosen side', async () => {
    const first = await runSync(both('manual'), { store, clock });
    expect(first.counts).toMatchObject({ conflicts: 1 });
    const [conflict] = await store.listConflicts({ status: 'open' });
    expect(conflict).toMatchObject({ recordId: '5', source: { name: 'api 5' }, destination: { name: 'crm 5' } });
    expect(api.records.get('5')?.['name']).toBe('api 5');
    expect((await crm())['5']).toBe('crm 5');

    const again = await runSync(both('manual'), { store, clock });
    expect(again.counts.conflicts).toBe(1);
    expect(await store.listConflicts()).toHaveLength(1); // not recorded twice

    expect(await store.resolveConflict(conflict!.id, 'destination', t)).toBe(true);
    const settled = await runSync(both('manual'), { store, clock });
    expect(settled.counts).toMatchObject({ conflicts: 0, updated: 1 });
    expect(api.records.get('5')?.['name']).toBe('crm 5');
    expect((await store.listConflicts())[0]).toMatchObject({ status: 'applied', resolution: 'destination' });
  });

  it('with a mapping each way: writes each side in its own shape, and an unchanged pair stays unchanged', async () => {
    const mapping = { mappings: [{ source: 'id', target: 'id' }, { source: 'name', target: 'fullName' }, { source: 'meta.updated_at', target: 'updatedAt' }] };
    const reverseMapping = { mappings: [{ source: 'id', target: 'id' }, { source: 'fullName', target: 'name' }, { source: 'updatedAt', target: 'meta.updated_at' }] };
    const person = (id: string, fullName: string) => ({ id, fullName, updatedAt: '2026-01-01T00:00:00Z' });
    const put = (...records: ReturnType<typeof person>[]) => store.putRecords('people', records.map((data) => ({ id: data.id, data })), t);
    await put(person('2', 'api 2'), person('6', 'crm 6')); // 2 is the same record once mapped
    const def: SyncDefinition = { ...both('source-wins'), destination: { store: 'people' }, mapping, reverseMapping };
    const people = async () => Object.fromEntries((await store.listRecords('people', { limit: 100 })).map((r) => [r.id, r.data]));

    const first = await runSync(def, { store, clock });
    expect(first).toMatchObject({ status: 'succeeded', counts: { created: 5, updated: 0, skipped: 1, conflicts: 0 } });
    expect((await people())['1']).toEqual(person('1', 'api 1'));
    expect(api.records.get('6')).toEqual(rec('6', 'crm 6'));

    const quiet = await runSync(def, { store, clock });
    expect(quiet.counts).toMatchObject({ created: 0, updated: 0, deleted: 0, skipped: 6 });

    await put(person('3', 'crm 3 edited'));
    api.records.set('4', rec('4', 'api 4 edited'));
    const both2 = await runSync(def, { store, clock });
    expect(both2.counts).toMatchObject({ updated: 2, conflicts: 0 });
    expect(api.records.get('3')).toEqual(rec('3', 'crm 3 edited'));
    expect((await people())['4']).toEqual(person('4', 'api 4 edited'));
    const trail = await store.listAudit({ syncId: 'contacts', runId: both2.id });
    expect(trail.find((a) => a.recordId === '3')).toMatchObject({ action: 'update', side: 'source', before: rec('3', 'api 3'), after: rec('3', 'crm 3 edited') });
    expect(trail.find((a) => a.recordId === '4')).toMatchObject({ action: 'update', side: 'destination', after: person('4', 'api 4 edited') });
    expect((await runSync(def, { store, clock })).counts).toMatchObject({ created: 0, updated: 0, skipped: 6 });
  });

  it('refuses a mapping without its reverse, and a reverse mapping on a one-way sync', async () => {
    const mapping = { mappings: [{ source: 'id', target: 'id' }] };
    const refused = (def: Partial<SyncDefinition>) => runSync({ ...both('source-wins'), ...def } as SyncDefinition, { store, clock }).catch((e: unknown) => e as { code: string; issues: { pointer: string }[] });
    expect(await refused({ mapping })).toMatchObject({ code: 'CG_SYNC_DEFINITION', issues: [{ pointer: '/reverseMapping' }] });
    expect(await refused({ reverseMapping: mapping })).toMatchObject({ issues: [{ pointer: '/mapping' }] });
    const oneWay = { direction: 'one-way' as const, source: { connector, action: 'listItems' }, reverseMapping: mapping };
    expect(await refused(oneWay)).toMatchObject({ issues: [{ pointer: '/reverseMapping' }] });
  });

  it('incremental: reads the source from its cursor, copies destination changes of records it did not read, deletes nothing it did not see', async () => {
    const def: SyncDefinition = { ...both('source-wins'), mode: 'incremental', source: { ...(both('source-wins').source as object), sinceParam: 'updatedSince' } as SyncDefinition['source'] };
    await runSync(def, { store, clock });
    api.records.set('1', rec('1', 'api 1 edited', '2026-01-03T00:00:00Z'));
    await store.putRecords('crm', [{ id: '2', data: rec('2', 'crm 2 edited') }], t);
    const second = await runSync(def, { store, clock });
    expect(second.counts).toMatchObject({ updated: 2, deleted: 0, conflicts: 0 });
    expect((await store.getState({ syncId: 'contacts', connectionId: '' })).cursor).toBe('2026-01-03T00:00:00Z');

    await store.putRecords('crm', [{ id: '3', data: rec('3', 'crm 3 edited') }], t);
    api.received.length = 0;
    const third = await runSync(def, { store, clock });
    const listed = api.received.filter((r) => r.url.startsWith('/items?'));
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.every((r) => r.url.includes('updated_since=2026-01-03T00%3A00%3A00Z'))).toBe(true);
    expect(third.counts).toMatchObject({ updated: 1, deleted: 0, created: 0, conflicts: 0 });
    const expected = { '1': 'api 1 edited', '2': 'crm 2 edited', '3': 'crm 3 edited', '4': 'api 4', '5': 'api 5', '6': 'api 6', '7': 'api 7' };
    expect(apiNames()).toEqual(expected);
    expect(await crm()).toEqual(expected);
  });

  it('between two APIs, snapshotting the destination into the store', async () => {
    const other = await startRecordsApi([rec('9', 'other 9'), rec('1', 'api 1')]);
    const otherConnector = recordsApiConnector(other.origin);
    try {
      const def: SyncDefinition = {
        ...both('source-wins'),
        destination: { connector: otherConnector, action: 'listItems', upsert: { action: 'putItem', id: 'id' }, delete: { action: 'deleteItem', id: 'id' } },
      };
      const run = await runSync(def, { store, clock });
      expect(run).toMatchObject({ status: 'succeeded', counts: { created: 5, skipped: 1 } });
      expect(Object.keys(apiNames()).sort()).toEqual(['1', '2', '3', '4', '5', '9']);
      expect([...other.records.keys()].sort()).toEqual(['1', '2', '3', '4', '5', '9']);
    } finally {
      await otherConnector.close();
      await other.close();
    }
  });
});
