/**
 * Two-way syncs whose sides keep the shared record id at different paths: a CRM keeps a contact's
 * id at `id`, the app keeps it at `externalId` (or `crm.id`) and its own id at `id`. Two real HTTP
 * servers on 127.0.0.1 (the app's PUT and DELETE go by the CRM id, as an upsert by external id
 * does), a real SQLite store, a clock that ticks a millisecond per reading.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordsApiConnector, startRecordsApi, type ApiRecord, type RecordsApi } from '../../../testing/records-api.js';
import type { Clock } from '../../clock.js';
import type { SyncDefinition } from '../../definition/types.js';
import { parseSyncDefinition } from '../../definition/validate.js';
import { openSqliteStore, type SqliteSyncStore } from '../../store/sqlite/store.js';
import { emptyCounts } from '../../store/store.js';
import { runSync } from '../run.js';

let dir: string;
let store: SqliteSyncStore;
let crm: RecordsApi;
let crmConnector: ReturnType<typeof recordsApiConnector>;
let app: RecordsApi;
let appConnector: ReturnType<typeof recordsApiConnector>;
let t = 0;
const clock: Clock = { now: () => ++t, sleep: async (ms) => void (t += ms) };
const at = (s: number, day = 1) => `2026-01-0${day}T00:00:${String(s).padStart(2, '0')}Z`;
const contact = (id: string, name: string, updated = at(0), extra: object = {}): ApiRecord => ({ id, name, meta: { updated_at: updated }, ...extra });

async function start(appKey: string, crmRecords: ApiRecord[], appRecords: ApiRecord[] = []): Promise<void> {
  crm = await startRecordsApi(crmRecords);
  crmConnector = recordsApiConnector(crm.origin);
  app = await startRecordsApi(appRecords, { key: appKey });
  appConnector = recordsApiConnector(app.origin);
}

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'cg-bidi-ids-'));
  store = openSqliteStore(path.join(dir, 'sync.db'));
  t = Date.UTC(2026, 0, 2);
});
afterEach(async () => {
  await crmConnector?.close();
  await crm?.close();
  await appConnector?.close();
  await app?.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The CRM's contact as the app holds it, the CRM id at `appKey`, and back. */
const mappings = (appKey: string) => ({
  mapping: { mappings: [{ source: 'id', target: appKey }, { source: 'name', target: 'fullName' }, { source: 'meta.updated_at', target: 'updated_at' }] },
  reverseMapping: { mappings: [{ source: appKey, target: 'id' }, { source: 'fullName', target: 'name' }, { source: 'updated_at', target: 'meta.updated_at' }] },
});

const def = (appKey: string, over: Partial<SyncDefinition> = {}): SyncDefinition => ({
  id: 'contacts',
  source: { connector: crmConnector, action: 'listItems', upsert: { action: 'putItem', id: 'id' }, delete: { action: 'deleteItem', id: 'id' } },
  destination: { connector: appConnector, action: 'listItems', idPath: appKey, upsert: { action: 'putItem', id: 'id' }, delete: { action: 'deleteItem', id: 'id' } },
  idPath: 'id',
  mode: 'full',
  direction: 'both',
  conflict: 'source-wins',
  cursor: { field: 'meta.updated_at' },
  pageSize: 2,
  ...mappings(appKey),
  ...over,
});

const crmNames = () => Object.fromEntries([...crm.records.values()].filter((r) => r['deleted'] !== true).map((r) => [r.id, r['name']]));
/** The app's contacts by CRM id: [the app's own id, name]. */
const appContacts = () => Object.fromEntries([...app.records.entries()].filter(([, r]) => r['deleted'] !== true).map(([crmId, r]) => [crmId, [r.id, r['fullName']]]));

describe('two-way sync, the id at different paths', () => {
  it('full: copies both ways by the shared id, keeps the app its own ids, carries changes and deletions each way', async () => {
    await start('externalId', ['1', '2', '3'].map((id) => contact(id, `crm ${id}`)), [{ id: 'a-9', externalId: '9', fullName: 'app 9', updated_at: at(9) }]);
    const first = await runSync(def('externalId'), { store, clock });
    expect(first).toMatchObject({ status: 'succeeded', counts: { created: 4, errors: 0 } });
    expect(crm.records.get('9')).toEqual(contact('9', 'app 9', at(9)));
    const ownIds = Object.fromEntries([...app.records].map(([crmId, r]) => [crmId, r.id]));
    expect(app.records.get('1')).toEqual({ id: ownIds['1'], externalId: '1', fullName: 'crm 1', updated_at: at(0) });
    expect(ownIds['9']).toBe('a-9');
    expect(new Set(Object.values(ownIds)).size).toBe(4); // the app gave each new contact its own id

    // The app's own ids are not a change: nothing is written back.
    crm.writes.length = 0;
    app.writes.length = 0;
    const quiet = await runSync(def('externalId'), { store, clock });
    expect(quiet.counts).toMatchObject({ created: 0, updated: 0, deleted: 0, conflicts: 0, errors: 0, skipped: 4 });
    expect([...crm.writes, ...app.writes]).toEqual([]);

    crm.records.set('1', contact('1', 'crm 1 edited', at(1, 2)));
    app.records.set('2', { ...app.records.get('2')!, fullName: 'app 2 edited', updated_at: at(2, 2) });
    crm.records.delete('3');
    app.records.delete('9');
    const second = await runSync(def('externalId'), { store, clock });
    expect(second).toMatchObject({ status: 'succeeded', counts: { created: 0, updated: 2, deleted: 2, conflicts: 0, errors: 0 } });
    expect(crmNames()).toEqual({ '1': 'crm 1 edited', '2': 'app 2 edited' });
    expect(appContacts()).toEqual({ '1': [ownIds['1'], 'crm 1 edited'], '2': [ownIds['2'], 'app 2 edited'] });
    expect(app.writes.sort()).toEqual(['DELETE 3', 'PUT 1']);
    expect(crm.writes.sort()).toEqual(['DELETE 9', 'PUT 2']);

    // The audit trail names records by the shared id, each change with the side written, in that side's shape.
    const trail = await store.listAudit({ syncId: 'contacts', runId: second.id });
    const changes = trail.filter((a) => a.action !== 'skip').map((a) => [a.recordId, a.action, a.side]).sort();
    expect(changes).toEqual([['1', 'update', 'destination'], ['2', 'update', 'source'], ['3', 'delete', 'destination'], ['9', 'delete', 'source']]);
    expect(trail.find((a) => a.recordId === '1')?.after).toEqual({ externalId: '1', fullName: 'crm 1 edited', updated_at: at(1, 2) });
    expect(trail.find((a) => a.recordId === '2')?.after).toEqual(contact('2', 'app 2 edited', at(2, 2)));
    expect((await runSync(def('externalId'), { store, clock })).counts).toMatchObject({ created: 0, updated: 0, deleted: 0, errors: 0 });
  });

  it('a conflict is kept under the shared id, each side in its own shape; the resolution writes the chosen side', async () => {
    await start('externalId', [contact('1', 'crm 1')]);
    await runSync(def('externalId', { conflict: 'manual' }), { store, clock });
    crm.records.set('1', contact('1', 'crm 1 edited', at(1, 2)));
    app.records.set('1', { ...app.records.get('1')!, fullName: 'app 1 edited', updated_at: at(2, 2) });
    const held = await runSync(def('externalId', { conflict: 'manual' }), { store, clock });
    expect(held.counts).toMatchObject({ conflicts: 1, updated: 0 });
    const [conflict] = await store.listConflicts({ status: 'open' });
    expect(conflict).toMatchObject({ recordId: '1', source: { name: 'crm 1 edited' }, destination: { externalId: '1', fullName: 'app 1 edited' } });

    await store.resolveConflict(conflict!.id, 'destination', clock.now());
    const settled = await runSync(def('externalId', { conflict: 'manual' }), { store, clock });
    expect(settled.counts).toMatchObject({ conflicts: 0, updated: 1 });
    expect(crm.records.get('1')).toEqual(contact('1', 'app 1 edited', at(2, 2)));
    expect(app.records.size).toBe(1); // no second app contact

    // newest-wins compares the sides in the source's shape: the app's later edit wins.
    crm.records.set('1', contact('1', 'crm 1 again', at(3, 2)));
    app.records.set('1', { ...app.records.get('1')!, fullName: 'app 1 again', updated_at: at(4, 2) });
    await runSync(def('externalId', { conflict: 'newest-wins' }), { store, clock });
    expect(crmNames()).toEqual({ '1': 'app 1 again' });
  });

  it('a record that arrives without its id is its own error: dead-lettered, nothing written, no duplicate', async () => {
    // The app's contact created in the app, not yet linked to a CRM contact: no externalId.
    await start('externalId', [contact('1', 'crm 1'), contact('2', 'poison'), contact('3', 'crm 3')], [{ id: 'a-5', fullName: 'app only', updated_at: at(5) }]);
    // A mapping function that loses the id of one record, and moves another's to a different id.
    const mapping = (r: unknown) => {
      const c = r as ApiRecord;
      if (c['name'] === 'poison') return { fullName: c['name'] };
      return { externalId: c.id === '3' ? 'x3' : c.id, fullName: c['name'], updated_at: (c['meta'] as { updated_at: string }).updated_at };
    };
    const reverseMapping = (r: unknown) => {
      const a = r as Record<string, unknown>;
      return { id: a['externalId'], name: a['fullName'], meta: { updated_at: a['updated_at'] } };
    };
    const run = await runSync(def('externalId', { mapping, reverseMapping }), { store, clock });
    expect(run).toMatchObject({ status: 'partial', counts: { created: 1, errors: 3 } });
    expect(app.writes).toEqual(['PUT 1']);
    expect(crm.writes).toEqual([]); // the unlinked app contact is not copied as a CRM contact "undefined"
    const letters = await store.listDeadLetters({ syncId: 'contacts' });
    const unlinked = letters.find((d) => d.recordId.startsWith('(no destination id: '));
    expect(unlinked).toMatchObject({ record: { id: 'a-5', fullName: 'app only', updated_at: at(5) }, error: expect.stringMatching(/^CG_SYNC_NO_ID: .*destination's idPath "externalId"/) });
    expect(letters.map((d) => [d.recordId, d.error.split(':')[0]]).sort()).toEqual([[unlinked!.recordId, 'CG_SYNC_NO_ID'], ['2', 'CG_SYNC_NO_ID'], ['3', 'CG_SYNC_NO_ID']]);
    expect(letters.find((d) => d.recordId === '3')?.error).toContain('id "x3" at "externalId"');
    const trail = await store.listAudit({ syncId: 'contacts', runId: run.id });
    expect(trail.filter((a) => a.action === 'error').map((a) => a.recordId).sort()).toEqual([unlinked!.recordId, '2', '3']);

    // The next run finds the same records failing, keeps one dead letter each, and still writes nothing for them.
    const again = await runSync(def('externalId', { mapping, reverseMapping }), { store, clock });
    expect(again.counts).toMatchObject({ created: 0, updated: 0, deleted: 0, errors: 3 });
    expect(app.writes).toEqual(['PUT 1']);
    expect(crm.writes).toEqual([]);
    expect((await store.listDeadLetters({ syncId: 'contacts' })).map((d) => [d.recordId, d.attempts]).sort()).toEqual([[unlinked!.recordId, 2], ['2', 2], ['3', 2]]);

    // Linked in the app, the contact syncs like any other.
    app.records.set('5', { id: 'a-5', externalId: '5', fullName: 'app only', updated_at: at(5) });
    app.records.delete('undefined');
    await runSync(def('externalId', { mapping, reverseMapping }), { store, clock });
    expect(crm.records.get('5')).toEqual(contact('5', 'app only', at(5)));
  });

  it('incremental, the id nested (crm.id): each side from its own cursor, a tombstone and a deletions feed', async () => {
    const initial = ['1', '2', '3', '4', '5'].map((id) => contact(id, `crm ${id}`, at(Number(id))));
    await start('crm.id', initial);
    const incremental = def('crm.id', {
      mode: 'incremental',
      source: { connector: crmConnector, action: 'listItems', sinceParam: 'updatedSince', tombstone: { path: 'deleted', equals: true }, upsert: { action: 'putItem', id: 'id' }, delete: { action: 'deleteItem', id: 'id' } },
      // The feed's entries keep the id where the app's records do: its idPath defaults to crm.id.
      destination: { connector: appConnector, action: 'listItems', idPath: 'crm.id', sinceParam: 'updatedSince', deletions: { action: 'listDeletions', sinceParam: 'deletedSince' }, upsert: { action: 'putItem', id: 'id' }, delete: { action: 'deleteItem', id: 'id' } },
    });
    expect((await runSync(incremental, { store, clock })).counts).toMatchObject({ created: 5, errors: 0 });
    expect(app.records.get('1')).toEqual({ id: expect.stringMatching(/^app-/), crm: { id: '1' }, fullName: 'crm 1', updated_at: at(1) });
    expect((await runSync(incremental, { store, clock })).counts).toMatchObject({ created: 0, updated: 0, errors: 0 }); // sets the app's cursor

    crm.records.set('1', contact('1', 'crm 1 edited', at(0, 3)));
    crm.records.set('2', contact('2', 'crm 2', at(0, 3), { deleted: true }));
    app.records.set('3', { ...app.records.get('3')!, fullName: 'app 3 edited', updated_at: at(0, 3) });
    app.deletedAt = () => at(0, 3);
    await fetch(`${app.origin}/items/4`, { method: 'DELETE' });
    expect(app.deletions).toEqual([{ crm: { id: '4' }, deleted_at: at(0, 3) }]);
    crm.received.length = 0;
    app.received.length = 0;
    app.writes.length = 0;

    const run = await runSync(incremental, { store, clock });
    expect(run).toMatchObject({ status: 'succeeded', counts: { created: 0, updated: 2, deleted: 2, conflicts: 0, errors: 0 } });
    expect(app.records.get('1')?.['fullName']).toBe('crm 1 edited');
    expect(app.records.has('2')).toBe(false);
    expect(crm.records.get('3')).toEqual(contact('3', 'app 3 edited', at(0, 3)));
    expect(crm.records.has('4')).toBe(false);
    expect(app.writes.sort()).toEqual(['DELETE 2', 'PUT 1']);
    // Each side was asked only for its changes since its own cursor (the highest :05 of the first runs).
    const lists = [...crm.received, ...app.received].filter((r) => r.url.startsWith('/items?'));
    expect(lists.length).toBeGreaterThan(1);
    expect(lists.every((r) => r.url.includes(`updated_since=${encodeURIComponent(at(5))}`))).toBe(true);
    const trail = await store.listAudit({ syncId: 'contacts', runId: run.id });
    expect(trail.filter((a) => a.action === 'delete').map((a) => [a.recordId, a.side]).sort()).toEqual([['2', 'destination'], ['4', 'source']]);
    expect((await runSync(incremental, { store, clock })).counts).toMatchObject({ created: 0, updated: 0, deleted: 0, errors: 0 });
  });
});

describe('a store side with a connector side keeping the id elsewhere', () => {
  it('incremental: a flagged store record is deleted in the app by its external id, the app\'s deletion removes the store row', async () => {
    await start('externalId', []);
    const people = (id: string, name: string, updated: string) => ({ id, data: contact(id, name, updated) });
    await store.putRecords('people', [people('1', 'crm 1', at(1)), people('2', 'crm 2', at(2)), people('3', 'crm 3', at(3))], clock.now());
    const d = def('externalId', {
      mode: 'incremental',
      source: { store: 'people' },
      destination: { connector: appConnector, action: 'listItems', idPath: 'externalId', sinceParam: 'updatedSince', deletions: { action: 'listDeletions', sinceParam: 'deletedSince' }, upsert: { action: 'putItem', id: 'id' }, delete: { action: 'deleteItem', id: 'id' } },
    });
    expect((await runSync(d, { store, clock })).counts).toMatchObject({ created: 3, errors: 0 });
    expect(app.records.get('2')).toMatchObject({ externalId: '2', fullName: 'crm 2', id: expect.stringMatching(/^app-/) });
    await runSync(d, { store, clock }); // sets the app's cursor

    // Another writer flags 1 deleted in the store, as a sync with onDelete: flag does; the app deletes 3.
    const run = { syncId: 'editor', connectionId: '', id: 'editor-1', mode: 'full', status: 'succeeded' as const, startedAt: clock.now(), counts: emptyCounts(), errors: [] };
    await store.commitPage({ syncId: 'editor', connectionId: '', checkpoint: null, ledger: [], audit: [], deadLetters: [], writes: [{ collection: 'people', upserts: [], deletes: [], flags: ['1'] }], run });
    app.deletedAt = () => at(0, 3);
    await fetch(`${app.origin}/items/3`, { method: 'DELETE' });
    app.writes.length = 0;

    const third = await runSync(d, { store, clock });
    expect(third).toMatchObject({ status: 'succeeded', counts: { deleted: 2, errors: 0 } });
    expect(app.writes).toEqual(['DELETE 1']);
    expect([...app.records.keys()]).toEqual(['2']);
    expect((await store.listRecords('people', { limit: 10 })).map((r) => r.id)).toEqual(['2']);
    const trail = await store.listAudit({ syncId: 'contacts', runId: third.id });
    expect(trail.filter((a) => a.action === 'delete').map((a) => [a.recordId, a.side]).sort()).toEqual([['1', 'destination'], ['3', 'source']]);
  });
});

describe('where each side keeps the id: definition errors', () => {
  beforeEach(() => start('externalId', []));
  const refused = async (d: Record<string, unknown>) => {
    const error = await runSync(d as unknown as SyncDefinition, { store, clock }).then(() => undefined, (e: unknown) => e as { code: string; issues: { pointer: string; hint?: string }[] });
    expect(error?.code).toBe('CG_SYNC_DEFINITION');
    return error!.issues.map((i) => i.pointer);
  };
  const changed = (over: Record<string, unknown>, destination: Record<string, unknown> = {}) => {
    const base = def('externalId');
    return { ...base, ...over, destination: { ...base.destination, ...destination } };
  };

  it.each<[string, Record<string, unknown>, Record<string, unknown>, string]>([
    ['a destination idPath that is not a path', {}, { idPath: 'crm..id' }, '/destination/idPath'],
    ['an empty destination idPath', {}, { idPath: '' }, '/destination/idPath'],
    ['different id paths without a mapping', { mapping: undefined, reverseMapping: undefined }, {}, '/destination/idPath'],
    ['a mapping that does not write the destination id', { mapping: { mappings: [{ source: 'name', target: 'fullName' }] } }, {}, '/mapping'],
    ['a reverse mapping that does not write the source id', { reverseMapping: { mappings: [{ source: 'externalId', target: 'externalId' }] } }, {}, '/reverseMapping'],
  ])('%s', async (_, over, destination, pointer) => {
    expect(await refused(changed(over, destination))).toEqual([pointer]);
    const d = changed(over, destination) as unknown as SyncDefinition;
    const hint = (() => { try { parseSyncDefinition(d); } catch (e) { return (e as { hint?: string }).hint; } return undefined; })();
    expect(hint).toBeTruthy();
  });

  it('a store destination has no idPath; a one-way destination is not read, so it has none either; the source\'s is the top-level one', async () => {
    expect(await refused({ ...def('externalId'), destination: { store: 'people', idPath: 'externalId' } })).toEqual(['/destination/idPath']);
    const { action: _, ...writeOnly } = def('externalId').destination as unknown as Record<string, unknown>;
    const oneWay = { ...def('externalId'), direction: 'one-way', reverseMapping: undefined, conflict: undefined, source: { connector: crmConnector, action: 'listItems' }, destination: writeOnly };
    expect(await refused(oneWay)).toEqual(['/destination/idPath']);
    expect(await refused({ ...def('externalId'), source: { ...def('externalId').source, idPath: 'id' } })).toEqual(['/source/idPath']);
  });

  it('accepts a mapping that writes a parent of the id path, and the same path written another way', () => {
    const nested = {
      mapping: { mappings: [{ source: 'link', target: 'crm' }, { source: 'name', target: 'fullName' }] },
      reverseMapping: { mappings: [{ source: 'crm.id', target: '$.id' }, { source: 'fullName', target: 'name' }] },
    };
    const d = def('crm.id', { ...nested, destination: { ...def('crm.id').destination, idPath: '$.crm.id' } as SyncDefinition['destination'] });
    expect(parseSyncDefinition(d).destination).toMatchObject({ idPath: '$.crm.id' });
    expect(() => parseSyncDefinition({ ...d, idPath: 'id' })).not.toThrow();
  });
});
