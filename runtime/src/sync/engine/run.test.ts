import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordsApiConnector, startRecordsApi, type ApiRecord, type RecordsApi } from '../../testing/records-api.js';
import type { Clock } from '../clock.js';
import type { SyncDefinition } from '../definition/types.js';
import { SyncError } from '../errors.js';
import { openSqliteStore, type SqliteSyncStore } from '../store/sqlite/store.js';
import { runSync } from './run.js';

let dir: string;
let store: SqliteSyncStore;
let api: RecordsApi;
let connector: ReturnType<typeof recordsApiConnector>;
let t: number;
let slept: number[];
const clock: Clock = { now: () => t, sleep: async (ms) => void (slept.push(ms), (t += ms)) };

const item = (n: number, updated = '2026-01-01T00:00:00Z', extra: Record<string, unknown> = {}): ApiRecord => ({
  id: `i${String(n).padStart(3, '0')}`,
  name: `item ${n}`,
  meta: { updated_at: updated },
  ...extra,
});

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'cg-sync-'));
  store = openSqliteStore(path.join(dir, 'sync.db'));
  api = await startRecordsApi(Array.from({ length: 25 }, (_, i) => item(i)));
  connector = recordsApiConnector(api.origin);
  t = Date.UTC(2026, 0, 2);
  slept = [];
});
afterEach(async () => {
  await connector.close();
  await api.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const toStore = (overrides: Partial<SyncDefinition> = {}): SyncDefinition => ({
  id: 'items',
  source: { connector, action: 'listItems' },
  destination: { store: 'items' },
  idPath: 'id',
  mode: 'full',
  pageSize: 10,
  ...overrides,
});

async function storedIds(collection = 'items'): Promise<string[]> {
  return (await store.listRecords(collection, { limit: 1000 })).map((r) => r.id).sort();
}

describe('full sync into the store', () => {
  it('copies every record, then applies changes, additions and deletions, with an audit row each', async () => {
    const first = await runSync(toStore(), { store, clock });
    expect(first).toMatchObject({ status: 'succeeded', counts: { pages: 4, read: 25, created: 25, updated: 0, deleted: 0 } });
    expect(await storedIds()).toEqual([...api.records.keys()].sort());

    api.records.set('i003', item(3, '2026-01-03T00:00:00Z', { name: 'renamed' }));
    api.records.delete('i007');
    api.records.set('i100', item(100));
    t += 60_000;
    const second = await runSync(toStore(), { store, clock });
    expect(second.counts).toMatchObject({ read: 25, created: 1, updated: 1, deleted: 1, skipped: 23, errors: 0 });
    expect(await storedIds()).toEqual([...api.records.keys()].sort());
    const trail = await store.listAudit({ syncId: 'items', runId: second.id });
    expect(trail.find((a) => a.recordId === 'i003')).toMatchObject({ action: 'update', before: { name: 'item 3' }, after: { name: 'renamed' } });
    expect(trail.find((a) => a.recordId === 'i007')).toMatchObject({ action: 'delete', before: { name: 'item 7' } });
    expect(trail.filter((a) => a.action === 'skip')).toHaveLength(23);
    expect(await store.getState({ syncId: 'items', connectionId: '' })).toEqual({});
    expect((await store.listRuns({ syncId: 'items' })).map((r) => r.status)).toEqual(['succeeded', 'succeeded']);
  });

  it('flags instead of deleting when told to', async () => {
    await runSync(toStore({ onDelete: 'flag' }), { store, clock });
    api.records.delete('i001');
    await runSync(toStore({ onDelete: 'flag' }), { store, clock });
    expect(await storedIds()).not.toContain('i001');
    const all = await store.listRecords('items', { limit: 100, includeDeleted: true });
    expect(all.find((r) => r.id === 'i001')?.deletedAt).toBe(t);
  });

  it('masks secrets and sensitive paths in the audit trail, and prunes it by retention', async () => {
    api.records.set('i000', item(0, undefined, { password: 'hunter2', card: { number: '4111', brand: 'visa' } }));
    const def = toStore({ audit: { sensitive: ['card.number', 'name'], skips: false, retention: { maxRows: 10 } } });
    await runSync(def, { store, clock });
    const rows = await store.listAudit({ syncId: 'items', limit: 100 });
    expect(rows).toHaveLength(10);
    await runSync(toStore({ audit: { sensitive: ['card.number', 'name'] } }), { store, clock: { ...clock } }).catch(() => undefined);
    const [row] = await store.listAudit({ syncId: 'items', recordId: 'i000' });
    expect(JSON.stringify(row)).not.toMatch(/hunter2|4111|item 0/);
    // The destination itself gets the real values: masking is for the trail only.
    expect((await store.getRecords('items', ['i000'])).get('i000')?.data).toMatchObject({ password: 'hunter2', card: { number: '4111' } });
  });
});

describe('declarative mapping', () => {
  it('compiles the mapping once and writes mapped records; a record that fails validation is dead-lettered', async () => {
    api.records.set('i002', item(2, undefined, { name: '' }));
    const mapping = { mappings: [{ source: 'id', target: 'id' }, { source: 'name', target: 'title', transformation: 'uppercase', required: true }] };
    const run = await runSync(toStore({ mapping }), { store, clock });
    expect(run).toMatchObject({ status: 'partial', counts: { created: 24, errors: 1 } });
    expect((await store.getRecords('items', ['i001'])).get('i001')?.data).toEqual({ id: 'i001', title: 'ITEM 1' });
    expect((await store.listDeadLetters({ syncId: 'items' }))[0]).toMatchObject({ recordId: 'i002', error: expect.stringMatching(/CG_SYNC_MAPPING/) });
  });

  it('refuses a mapping that does not compile, pointing into the sync definition', async () => {
    const mapping = { mappings: [{ source: 'name', target: 'title', transformation: 'no-such-transform' }] };
    await expect(runSync(toStore({ mapping }), { store, clock })).rejects.toMatchObject({ code: 'CG_MAPPING_UNKNOWN_TRANSFORM', pointer: expect.stringMatching(/^\/mapping\/mappings\/0/) });
  });
});

describe('custom objects', () => {
  it('validates records against the collection schema; one that does not conform is dead-lettered', async () => {
    api.records.set('i003', item(3, undefined, { name: '' }));
    const schema = { type: 'object', required: ['id', 'name'], properties: { name: { type: 'string', minLength: 1 } } };
    const run = await runSync(toStore({ destination: { store: 'contacts', schema } }), { store, clock });
    expect(run).toMatchObject({ status: 'partial', counts: { created: 24, errors: 1 } });
    expect((await store.listDeadLetters())[0]).toMatchObject({ recordId: 'i003', error: 'CG_SYNC_SCHEMA: /name must NOT have fewer than 1 characters' });
    expect((await store.getRecords('contacts', ['i003'])).size).toBe(0);
  });

  it('refuses a schema that is not one', async () => {
    const def = toStore({ destination: { store: 'contacts', schema: { type: 'no-such-type' } } });
    await expect(runSync(def, { store, clock })).rejects.toMatchObject({ code: 'CG_SYNC_DEFINITION', pointer: '/destination/schema' });
  });
});

describe('incremental sync', () => {
  const incremental = (overrides: Partial<SyncDefinition> = {}): SyncDefinition =>
    toStore({ mode: 'incremental', cursor: { field: 'meta.updated_at', lookback: '1h' }, source: { connector, action: 'listItems', sinceParam: 'updatedSince' }, ...overrides });

  it('reads only what changed since the cursor (less the lookback) and advances the cursor', async () => {
    await runSync(incremental(), { store, clock });
    expect((await store.getState({ syncId: 'items', connectionId: '' })).cursor).toBe('2026-01-01T00:00:00Z');
    api.records.set('i004', item(4, '2026-01-05T00:00:00Z', { name: 'changed' }));
    const second = await runSync(incremental(), { store, clock });
    expect(second.counts).toMatchObject({ read: 25, updated: 1, skipped: 24 }); // all 25 are inside the lookback
    expect((await store.getState({ syncId: 'items', connectionId: '' })).cursor).toBe('2026-01-05T00:00:00Z');

    api.records.set('i006', item(6, '2026-01-07T00:00:00Z', { name: 'changed too' }));
    api.received.length = 0;
    const third = await runSync(incremental(), { store, clock });
    expect(third.counts).toMatchObject({ read: 2, updated: 1, skipped: 1, created: 0 });
    expect(api.received.every((r) => r.url.includes('updated_since=2026-01-04T23%3A00%3A00.000Z'))).toBe(true);
    expect((await store.getRecords('items', ['i006'])).get('i006')?.data).toMatchObject({ name: 'changed too' });
    expect((await store.getState({ syncId: 'items', connectionId: '' })).cursor).toBe('2026-01-07T00:00:00Z');
  });

  it('without a since parameter, skips older records itself', async () => {
    await runSync(incremental({ source: { connector, action: 'listItems' } }), { store, clock });
    api.records.set('i010', item(10, '2026-01-05T00:00:00Z', { name: 'changed' }));
    const run = await runSync(incremental({ source: { connector, action: 'listItems' } }), { store, clock });
    expect(run.counts).toMatchObject({ read: 25, updated: 1, skipped: 24 });
  });

  it('never moves the cursor past a record that failed', async () => {
    await runSync(incremental(), { store, clock });
    api.records.set('i002', item(2, '2026-01-03T00:00:00Z', { name: 'poison' }));
    api.records.set('i005', item(5, '2026-01-04T00:00:00Z'));
    const mapping = (r: unknown) => ((r as ApiRecord)['name'] === 'poison' ? { ok: false as const, errors: ['name is poison'] } : { ok: true as const, value: r });
    const run = await runSync(incremental({ mapping }), { store, clock });
    expect(run).toMatchObject({ status: 'partial', counts: { updated: 1, errors: 1 } });
    expect((await store.getState({ syncId: 'items', connectionId: '' })).cursor).toBe('2026-01-03T00:00:00Z');
    expect(await store.listDeadLetters({ syncId: 'items' })).toMatchObject([{ recordId: 'i002', error: 'CG_SYNC_MAPPING: name is poison', attempts: 1 }]);
  });
});

describe('writing through a connector', () => {
  it('upserts by id, retries a flaky write with backoff, dead-letters a poison record and goes on', async () => {
    const target = await startRecordsApi();
    const out = recordsApiConnector(target.origin);
    try {
      let flaky = 2;
      target.fail = (method, _url, body) => {
        const id = (body as ApiRecord | undefined)?.id;
        if (method === 'PUT' && id === 'i004' && flaky-- > 0) return 503;
        if (method === 'PUT' && id === 'i009') return 422;
        return undefined;
      };
      const def = toStore({ destination: { connector: out, upsert: { action: 'putItem', id: 'id' }, delete: { action: 'deleteItem', id: 'id' } } });
      const run = await runSync(def, { store, clock });
      expect(run).toMatchObject({ status: 'partial', counts: { created: 24, errors: 1 } });
      expect(run.errors[0]).toMatch(/record i009: CG_HTTP_422|422/);
      expect([...target.records.keys()].sort()).toEqual([...api.records.keys()].filter((id) => id !== 'i009').sort());
      expect(slept).toEqual([200, 400]); // two backoffs for i004; none for the permanent 422
      expect(await store.listDeadLetters({ syncId: 'items' })).toMatchObject([{ recordId: 'i009', attempts: 1 }]);

      target.fail = undefined;
      api.records.delete('i000');
      const again = await runSync(def, { store, clock });
      expect(again).toMatchObject({ status: 'succeeded', counts: { created: 1, deleted: 1, skipped: 23 } });
      expect([...target.records.keys()].sort()).toEqual([...api.records.keys()].sort());
    } finally {
      await out.close();
      await target.close();
    }
  });

  it('audits the before of updates and deletes from the copy it last wrote (masked), and never deletes a record whose update failed', async () => {
    const target = await startRecordsApi();
    const out = recordsApiConnector(target.origin);
    try {
      const def = toStore({ audit: { sensitive: ['secretNote'] }, destination: { connector: out, upsert: { action: 'putItem', id: 'id' }, delete: { action: 'deleteItem', id: 'id' } } });
      api.records.set('i001', item(1, undefined, { secretNote: 'first' }));
      await runSync(def, { store, clock });

      api.records.set('i001', item(1, undefined, { name: 'renamed', secretNote: 'second' }));
      api.records.set('i002', item(2, undefined, { name: 'refused' }));
      api.records.delete('i003');
      target.fail = (method, url) => (method === 'PUT' && url.pathname === '/items/i002' ? 422 : undefined);
      const second = await runSync(def, { store, clock });
      expect(second.counts).toMatchObject({ updated: 1, deleted: 1, errors: 1 });
      const trail = await store.listAudit({ syncId: 'items', runId: second.id });
      expect(trail.find((a) => a.recordId === 'i001')).toMatchObject({ action: 'update', before: { name: 'item 1', secretNote: '[REDACTED]' }, after: { name: 'renamed' } });
      expect(trail.find((a) => a.recordId === 'i003')).toMatchObject({ action: 'delete', before: { id: 'i003', name: 'item 3' } });
      expect(JSON.stringify(trail)).not.toMatch(/first|second/);
      // i002 is still at the source: its failed update leaves the destination's copy in place...
      expect(target.records.get('i002')).toMatchObject({ name: 'item 2' });

      target.fail = undefined;
      const third = await runSync(def, { store, clock });
      // ...and the next run tries the update again, with the old copy as its before.
      expect(third.counts).toMatchObject({ updated: 1, deleted: 0, errors: 0 });
      expect(target.records.get('i002')).toMatchObject({ name: 'refused' });
      expect((await store.listAudit({ syncId: 'items', runId: third.id, recordId: 'i002' }))[0]).toMatchObject({ before: { name: 'item 2' }, after: { name: 'refused' } });
    } finally {
      await out.close();
      await target.close();
    }
  });

  it('keeps one dead letter per poison record across runs, and resolves it once a run writes the record', async () => {
    const target = await startRecordsApi();
    const out = recordsApiConnector(target.origin);
    try {
      target.fail = (method, url) => (method === 'PUT' && url.pathname === '/items/i009' ? 422 : undefined);
      const def = toStore({ destination: { connector: out, upsert: { action: 'putItem', id: 'id' } } });
      const first = await runSync(def, { store, clock });
      t += 60_000;
      const second = await runSync(def, { store, clock });
      expect(second).toMatchObject({ status: 'partial', counts: { errors: 1 } });
      const letters = await store.listDeadLetters({ syncId: 'items' });
      expect(letters).toHaveLength(1);
      expect(letters[0]).toMatchObject({ recordId: 'i009', runId: second.id, attempts: 2, firstAt: first.startedAt, at: t });
      expect(letters[0]!.resolvedAt).toBeUndefined();

      target.fail = undefined;
      t += 60_000;
      const third = await runSync(def, { store, clock });
      expect(third).toMatchObject({ status: 'succeeded', counts: { created: 1 } });
      expect(await store.listDeadLetters({ syncId: 'items', status: 'open' })).toEqual([]);
      expect(await store.listDeadLetters({ syncId: 'items', status: 'resolved' })).toMatchObject([{ recordId: 'i009', resolvedAt: t }]);
    } finally {
      await out.close();
      await target.close();
    }
  });

  it('creates with an idempotency key, so a replayed create is not a second record', async () => {
    const target = await startRecordsApi();
    const out = recordsApiConnector(target.origin);
    try {
      const write = { action: 'createItem', idempotencyKey: 'idempotencyKey' };
      const def = toStore({ destination: { connector: out, create: write, update: { action: 'putItem', id: 'id' } } });
      await runSync(def, { store, clock });
      expect(target.idempotency.size).toBe(25);
      expect(target.writes.filter((w) => w.startsWith('POST'))).toHaveLength(25);
    } finally {
      await out.close();
      await target.close();
    }
  });
});

describe('failures and stalls', () => {
  it('a page that keeps failing ends the run failed with its checkpoint; the next run resumes there', async () => {
    api.fail = (_m, url) => (url.searchParams.get('offset') === '10' ? 503 : undefined);
    const failed = await runSync(toStore(), { store, clock });
    expect(failed).toMatchObject({ status: 'failed', counts: { pages: 1, created: 10 } });
    expect(failed.errors[0]).toMatch(/page 2/);
    expect((await store.getState({ syncId: 'items', connectionId: '' })).checkpoint?.page).toEqual({ type: 'offset', value: 10 });

    api.fail = undefined;
    api.received.length = 0;
    const resumed = await runSync(toStore(), { store, clock });
    expect(resumed.id).toBe(failed.id);
    expect(resumed).toMatchObject({ status: 'succeeded', counts: { pages: 4, created: 25 } });
    expect(api.received[0]?.url).toContain('offset=10');
    expect(await storedIds()).toHaveLength(25);
  });

  it('stops a source that serves the same page again and again as stalled', async () => {
    api.fail = undefined;
    const stuck = await startRecordsApi(Array.from({ length: 5 }, (_, i) => item(i)));
    const ignoringOffset = recordsApiConnector(stuck.origin);
    stuck.ignoreOffset = true;
    try {
      // The server ignores the offset: a page of 5 with page size 5 looks full forever.
      const run = await runSync(toStore({ source: { connector: ignoringOffset, action: 'listItems' }, pageSize: 5 }), { store, clock });
      expect(run.status).toBe('stalled');
      expect(run.errors.at(-1)).toMatch(/CG_SYNC_STALLED/);
      expect(run.counts.pages).toBe(4);
    } finally {
      await ignoringOffset.close();
      await stuck.close();
    }
  });
});

describe('definitions and leases', () => {
  it('reports every problem of a definition with its pointer', async () => {
    const bad = { id: 'x', source: { connector, action: 'listItems', extra: 1 }, destination: { connector }, idPath: 'a..b', mode: 'incremental' };
    const error = await runSync(bad as unknown as SyncDefinition, { store, clock }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SyncError);
    expect((error as SyncError).issues.map((i) => i.pointer).sort()).toEqual(['/cursor', '/destination', '/idPath', '/source/extra']);
  });

  it('checks a schedule: the cron expression and the time zone', async () => {
    const bad = (schedule: object) => runSync(toStore({ schedule } as Partial<SyncDefinition>), { store, clock }).catch((e: unknown) => e as SyncError);
    expect(await bad({ cron: 'every tuesday' })).toMatchObject({ code: 'CG_SYNC_DEFINITION', pointer: '/schedule/cron' });
    expect(await bad({ cron: '0 9 * * *', timezone: 'Mars/Olympus' })).toMatchObject({ pointer: '/schedule/timezone' });
  });

  it('refuses a second run of the same sync while the first holds the lease', async () => {
    await store.acquireLease('sync:items:', 'otherhost:1:x', t + 60_000, t);
    await expect(runSync(toStore(), { store, clock })).rejects.toMatchObject({ code: 'CG_SYNC_BUSY' });
  });
});

describe('child streams', () => {
  it('reads the children of created and changed parents only', async () => {
    for (const id of ['i000', 'i001', 'i002']) api.notes.set(id, [1, 2, 3].map((n) => ({ id: `${id}-n${n}`, text: `note ${n} of ${id}` })));
    const def = toStore({
      children: [{ id: 'notes', action: 'listNotes', parentKey: 'itemId', idPath: 'id', destination: { store: 'notes' }, mapping: { mappings: [{ source: 'id', target: 'id' }, { source: 'text', target: 'text', transformation: 'uppercase' }] } }],
    });
    const first = await runSync(def, { store, clock });
    expect(first).toMatchObject({ status: 'succeeded', counts: { created: 25 + 9 } });
    expect((await store.listRecords('notes', { limit: 100 })).map((r) => r.id)).toHaveLength(9);
    expect((await store.getRecords('notes', ['i001-n2'])).get('i001-n2')?.data).toEqual({ id: 'i001-n2', text: 'NOTE 2 OF I001' });
    const notePaths = new Set(api.received.filter((r) => r.url.includes('/notes')).map((r) => r.url.split('?')[0]));
    expect(notePaths.size).toBe(25); // every parent was new

    api.records.set('i001', item(1, '2026-01-03T00:00:00Z', { name: 'edited' }));
    api.notes.set('i001', [{ id: 'i001-n1', text: 'rewritten' }, { id: 'i001-n4', text: 'new' }]);
    api.notes.set('i002', [{ id: 'i002-n1', text: 'changed, but the parent did not' }]);
    api.received.length = 0;
    const second = await runSync(def, { store, clock });
    expect(new Set(api.received.filter((r) => r.url.includes('/notes')).map((r) => r.url.split('?')[0]))).toEqual(new Set(['/items/i001/notes']));
    expect(second.counts).toMatchObject({ created: 1, updated: 2 });
    expect((await store.getRecords('notes', ['i001-n1', 'i002-n1'])).get('i001-n1')?.data).toEqual({ id: 'i001-n1', text: 'REWRITTEN' });
    expect((await store.listAudit({ syncId: 'items/notes', recordId: 'i001-n4' }))[0]).toMatchObject({ action: 'create' });
  });

  it('deletes the children that left a re-read parent, and leaves an unchanged parent\'s children alone', async () => {
    const target = await startRecordsApi();
    const out = recordsApiConnector(target.origin);
    try {
      for (const id of ['i000', 'i001']) api.notes.set(id, [1, 2, 3].map((n) => ({ id: `${id}-n${n}`, text: `note ${n}` })));
      const notes = { connector: out, upsert: { action: 'putItem', id: 'id' }, delete: { action: 'deleteItem', id: 'id' } };
      const def = toStore({ children: [{ id: 'notes', action: 'listNotes', parentKey: 'itemId', idPath: 'id', destination: notes }] });
      await runSync(def, { store, clock });
      expect([...target.records.keys()].sort()).toEqual(['i000-n1', 'i000-n2', 'i000-n3', 'i001-n1', 'i001-n2', 'i001-n3']);

      api.records.set('i001', item(1, '2026-01-03T00:00:00Z', { name: 'edited' }));
      api.notes.set('i001', [{ id: 'i001-n1', text: 'note 1' }]);
      api.notes.set('i000', []); // the parent did not change: its children are not read, so none is deleted
      const second = await runSync(def, { store, clock });
      expect(second).toMatchObject({ status: 'succeeded', counts: { updated: 1, deleted: 2 } });
      expect([...target.records.keys()].sort()).toEqual(['i000-n1', 'i000-n2', 'i000-n3', 'i001-n1']);
      const trail = await store.listAudit({ syncId: 'items/notes', runId: second.id });
      expect(trail.filter((a) => a.action === 'delete').map((a) => [a.recordId, a.before])).toEqual([
        ['i001-n3', { id: 'i001-n3', text: 'note 3' }],
        ['i001-n2', { id: 'i001-n2', text: 'note 2' }],
      ]);
    } finally {
      await out.close();
      await target.close();
    }
  });

  it('deletes every child of a parent that left the source, in the same run as the parent', async () => {
    for (const id of ['i000', 'i001']) api.notes.set(id, [1, 2].map((n) => ({ id: `${id}-n${n}`, text: `note ${n}` })));
    const def = toStore({ children: [{ id: 'notes', action: 'listNotes', parentKey: 'itemId', idPath: 'id', destination: { store: 'notes' } }] });
    await runSync(def, { store, clock });
    expect((await store.listRecords('notes', { limit: 10 })).map((r) => r.id)).toHaveLength(4);

    api.records.delete('i001');
    const second = await runSync(def, { store, clock });
    expect(second).toMatchObject({ status: 'succeeded', counts: { deleted: 1 + 2 } });
    expect((await store.listRecords('notes', { limit: 10 })).map((r) => r.id).sort()).toEqual(['i000-n1', 'i000-n2']);
    const trail = await store.listAudit({ syncId: 'items/notes', runId: second.id });
    expect(trail.map((a) => [a.action, a.recordId]).sort()).toEqual([['delete', 'i001-n1'], ['delete', 'i001-n2']]);
    expect(trail.find((a) => a.recordId === 'i001-n1')?.before).toEqual({ id: 'i001-n1', text: 'note 1' });

    const third = await runSync(def, { store, clock }); // nothing is left to delete twice
    expect(third.counts.deleted).toBe(0);
  });

  it('flags the children of a flagged parent, and keeps them with onDelete keep', async () => {
    api.notes.set('i001', [{ id: 'i001-n1', text: 'note 1' }]);
    const flag = toStore({ onDelete: 'flag', children: [{ id: 'notes', action: 'listNotes', parentKey: 'itemId', idPath: 'id', destination: { store: 'notes' } }] });
    await runSync(flag, { store, clock });
    api.records.delete('i001');
    t += 1000;
    await runSync(flag, { store, clock });
    expect((await store.listRecords('notes', { limit: 10 })).map((r) => r.id)).toEqual([]);
    expect((await store.listRecords('notes', { limit: 10, includeDeleted: true })).find((r) => r.id === 'i001-n1')?.deletedAt).toBe(t);

    const keep = toStore({ id: 'kept', onDelete: 'keep', children: [{ id: 'notes', action: 'listNotes', parentKey: 'itemId', idPath: 'id', destination: { store: 'kept-notes' } }] });
    api.records.set('i001', item(1));
    await runSync(keep, { store, clock });
    api.records.delete('i001');
    const kept = await runSync(keep, { store, clock });
    expect(kept.counts.deleted).toBe(0);
    expect((await store.listRecords('kept-notes', { limit: 10 })).map((r) => r.id)).toEqual(['i001-n1']);
  });

  it('flags the children that left a re-read parent when onDelete is flag', async () => {
    api.notes.set('i001', [1, 2].map((n) => ({ id: `i001-n${n}`, text: `note ${n}` })));
    const def = toStore({ onDelete: 'flag', children: [{ id: 'notes', action: 'listNotes', parentKey: 'itemId', idPath: 'id', destination: { store: 'notes' } }] });
    await runSync(def, { store, clock });
    api.records.set('i001', item(1, '2026-01-03T00:00:00Z', { name: 'edited' }));
    api.notes.set('i001', [{ id: 'i001-n2', text: 'note 2' }]);
    t += 1000;
    await runSync(def, { store, clock });
    expect((await store.listRecords('notes', { limit: 10 })).map((r) => r.id)).toEqual(['i001-n2']);
    expect((await store.listRecords('notes', { limit: 10, includeDeleted: true })).find((r) => r.id === 'i001-n1')?.deletedAt).toBe(t);
  });

  it('refuses child streams on a sync whose source is not a connector', async () => {
    const def = toStore({ source: { store: 'other' }, children: [{ id: 'x', action: 'listNotes', parentKey: 'itemId', idPath: 'id', destination: { store: 'n' } }] });
    await expect(runSync(def, { store, clock })).rejects.toMatchObject({ code: 'CG_SYNC_DEFINITION', pointer: '/children' });
  });
});
