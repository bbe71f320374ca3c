/**
 * A one-way full run deletes at the destination what the source no longer returns, unless the
 * source also returned records without an id in that run: then the deletions are held and
 * reported, and the next clean full run makes them. A real HTTP source on 127.0.0.1, a store
 * collection as the destination in a real SQLite file, an injected clock.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { recordsApiConnector, startRecordsApi, type ApiRecord, type RecordsApi } from '../../testing/records-api.js';
import type { Clock } from '../clock.js';
import type { SyncDefinition } from '../definition/types.js';
import { openSqliteStore, type SqliteSyncStore } from '../store/sqlite/store.js';
import { runSync } from './run.js';

let dir: string;
let store: SqliteSyncStore;
let api: RecordsApi;
let connector: ReturnType<typeof recordsApiConnector>;
let t = 0;
const clock: Clock = { now: () => ++t, sleep: async (ms) => void (t += ms) };

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'cg-held-'));
  store = openSqliteStore(path.join(dir, 'sync.db'));
  t = Date.UTC(2026, 0, 2);
  api = await startRecordsApi(['1', '2', '3', '4'].map((id) => ({ id, name: `n${id}` })));
  connector = recordsApiConnector(api.origin);
});
afterEach(async () => {
  await connector.close();
  await api.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const def = (): SyncDefinition => ({ id: 'people', source: { connector, action: 'listItems' }, destination: { store: 'people' }, idPath: 'id', mode: 'full', pageSize: 3 });
const kept = async () => (await store.listRecords('people', { limit: 10 })).map((r) => r.id).sort();

it('one-way full: a source record that lost its id holds every deletion of the run; the next clean run makes them', async () => {
  await runSync(def(), { store, clock });
  expect(await kept()).toEqual(['1', '2', '3', '4']);

  api.records.set('2', { name: 'n2' } as unknown as ApiRecord); // the id cleared at the source
  api.records.delete('4'); // really gone
  const held = await runSync(def(), { store, clock });
  expect(held).toMatchObject({ status: 'partial', counts: { deleted: 0, held: 2, errors: 1 } });
  expect(await kept()).toEqual(['1', '2', '3', '4']);
  expect(held.errors[0]).toMatch(/^CG_SYNC_DELETIONS_HELD: 2 deletions held: the source returned 1 record without an id at "id" in this run, so records missing from it were not deleted at the destination \(hint: /);
  const rows = (await store.listAudit({ syncId: 'people', runId: held.id })).filter((a) => a.error?.startsWith('CG_SYNC_DELETIONS_HELD'));
  expect(rows.map((a) => [a.recordId, a.action]).sort()).toEqual([['2', 'skip'], ['4', 'skip']]);

  api.records.set('2', { id: '2', name: 'n2' });
  const clean = await runSync(def(), { store, clock });
  expect(clean).toMatchObject({ status: 'succeeded', counts: { deleted: 1, errors: 0 }, errors: [] });
  expect(clean.counts.held).toBeUndefined();
  expect(await kept()).toEqual(['1', '2', '3']);
});

it('one-way full: a source page that keeps failing ends the run failed before any deletion', async () => {
  await runSync(def(), { store, clock });
  api.records.delete('4');
  api.fail = (method, url) => (method === 'GET' && url.searchParams.get('offset') === '3' ? 400 : undefined);
  const failed = await runSync({ ...def(), retry: { maxAttempts: 1 } }, { store, clock });
  expect(failed).toMatchObject({ status: 'failed', counts: { deleted: 0 } });
  expect(await kept()).toEqual(['1', '2', '3', '4']);
});

it('child streams: a child read without its id holds the deletions of its parent\'s children; the next clean read makes them', async () => {
  api.notes.set('1', ['a', 'b', 'c'].map((n) => ({ id: `1-${n}`, text: n })));
  const withNotes = (): SyncDefinition => ({ ...def(), children: [{ id: 'notes', action: 'listNotes', parentKey: 'itemId', idPath: 'id', destination: { store: 'notes' } }] });
  const notes = async () => (await store.listRecords('notes', { limit: 10 })).map((r) => r.id).sort();
  await runSync(withNotes(), { store, clock });
  expect(await notes()).toEqual(['1-a', '1-b', '1-c']);

  // The parent changes, so its children are read again: 1-a lost its id, 1-c is really gone.
  api.records.set('1', { id: '1', name: 'n1 edited' });
  api.notes.set('1', [{ text: 'a' } as unknown as ApiRecord, { id: '1-b', text: 'b' }]);
  const held = await runSync(withNotes(), { store, clock });
  expect(held).toMatchObject({ status: 'partial', counts: { deleted: 0, held: 2, errors: 1 } });
  expect(await notes()).toEqual(['1-a', '1-b', '1-c']);
  expect(held.errors[0]).toMatch(/^CG_SYNC_DELETIONS_HELD: 2 child record deletions held: a child stream returned records without an id/);
  const rows = (await store.listAudit({ syncId: 'people/notes', runId: held.id })).filter((a) => a.error?.startsWith('CG_SYNC_DELETIONS_HELD'));
  expect(rows.map((a) => a.recordId).sort()).toEqual(['1-a', '1-c']);

  api.records.set('1', { id: '1', name: 'n1 edited again' });
  api.notes.set('1', [{ id: '1-a', text: 'a' }, { id: '1-b', text: 'b' }]);
  const clean = await runSync(withNotes(), { store, clock });
  expect(clean).toMatchObject({ status: 'succeeded', counts: { deleted: 1, errors: 0 }, errors: [] });
  expect(await notes()).toEqual(['1-a', '1-b']);
});
