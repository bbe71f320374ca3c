import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { emptyCounts, type PageCommit, type RunRecord } from '../store.js';
import { migrate, openDatabase } from './open.js';
import { SYNC_MIGRATIONS } from './schema.js';
import { openSqliteStore, type SqliteSyncStore } from './store.js';

let dir: string;
let store: SqliteSyncStore;
const key = { syncId: 'pets', connectionId: 'acme' };
const run: RunRecord = { ...key, id: 'run-1', mode: 'full', status: 'running', startedAt: 1000, counts: emptyCounts(), errors: [] };

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'cg-store-'));
  store = openSqliteStore(path.join(dir, 'sync.db'));
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

function page(overrides: Partial<PageCommit> = {}): PageCommit {
  return {
    ...key,
    checkpoint: { runId: 'run-1', phase: 'read', page: { type: 'offset', value: 20 }, pagesDone: 1, counts: emptyCounts(), progressAt: 1500 },
    ledger: [{ recordId: '1', hash: 'h1', seenRun: 'run-1', deleted: false, cursor: '2026-01-01T00:00:00Z' }],
    audit: [{ ...key, runId: 'run-1', recordId: '1', action: 'create', after: { name: 'Rex' }, at: 1500 }],
    deadLetters: [],
    writes: [{ collection: 'pets', upserts: [{ id: '1', data: { name: 'Rex' } }], deletes: [], flags: [] }],
    run,
    ...overrides,
  };
}

describe('SQLite store', () => {
  it('opens the file in WAL mode and migrates once per component', () => {
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    const again = openDatabase(path.join(dir, 'sync.db'));
    expect(migrate(again, 'sync', ['SELECT 1'])).toBe(0); // already at version 1
    expect(migrate(again, 'rpa', ['CREATE TABLE rpa_runs (id TEXT PRIMARY KEY)'])).toBe(1);
    expect(migrate(again, 'rpa', ['CREATE TABLE rpa_runs (id TEXT PRIMARY KEY)'])).toBe(0);
    again.close();
  });

  it('commits a page atomically and reads the checkpoint, ledger, audit and records back', async () => {
    await store.commitPage(page());
    const state = await store.getState(key);
    expect(state.checkpoint?.page).toEqual({ type: 'offset', value: 20 });
    expect(state.cursor).toBeUndefined();
    expect((await store.getLedger(key, ['1', '2'])).get('1')).toMatchObject({ hash: 'h1', cursor: '2026-01-01T00:00:00Z', deleted: false });
    expect(await store.listAudit({ syncId: 'pets', recordId: '1' })).toMatchObject([{ action: 'create', after: { name: 'Rex' } }]);
    expect((await store.getRecords('pets', ['1'])).get('1')?.data).toEqual({ name: 'Rex' });

    // A page that cannot be stored (a dead letter without an error breaks NOT NULL) leaves nothing behind.
    const broken = page({
      checkpoint: null,
      cursor: 'later',
      ledger: [{ recordId: '2', hash: 'h2', seenRun: 'run-1', deleted: false }],
      deadLetters: [{ ...key, runId: 'run-1', recordId: '3', record: {}, error: null as unknown as string, attempts: 1, at: 1 }],
    });
    await expect(store.commitPage(broken)).rejects.toThrow(/NOT NULL/);
    expect((await store.getState(key)).checkpoint?.pagesDone).toBe(1);
    expect((await store.getState(key)).cursor).toBeUndefined();
    expect((await store.getLedger(key, ['2'])).size).toBe(0);
  });

  it('finishing clears the checkpoint and sets the cursor and run record', async () => {
    const done: RunRecord = { ...run, status: 'succeeded', finishedAt: 2000, durationMs: 1000, counts: { ...emptyCounts(), created: 1 } };
    await store.commitPage(page({ checkpoint: null, cursor: '2026-01-01T00:00:00Z', run: done }));
    expect(await store.getState(key)).toEqual({ cursor: '2026-01-01T00:00:00Z' });
    expect(await store.getRun('run-1')).toMatchObject({ status: 'succeeded', durationMs: 1000, counts: { created: 1 } });
    expect((await store.listRuns({ syncId: 'pets' })).map((r) => r.id)).toEqual(['run-1']);
  });

  it('lists what a full run did not see', async () => {
    await store.commitPage(page({ ledger: ['a', 'b', 'c'].map((id) => ({ recordId: id, hash: 'h', seenRun: 'run-0', deleted: id === 'c' })) }));
    await store.commitPage(page({ ledger: [{ recordId: 'a', hash: 'h', seenRun: 'run-1', deleted: false }] }));
    expect((await store.unseenLedger(key, 'run-1', 10)).map((e) => e.recordId)).toEqual(['b']);
  });

  it('lists what a re-read parent no longer has, and keeps each entry\'s parent and last written copy', async () => {
    const child = (recordId: string, parentId: string, seenRun: string) => ({ recordId, hash: 'h', seenRun, deleted: false, parentId, written: { text: recordId } });
    await store.commitPage(page({ ledger: [child('a1', 'a', 'run-0'), child('a2', 'a', 'run-0'), child('b1', 'b', 'run-0')] }));
    await store.commitPage(page({ ledger: [child('a1', 'a', 'run-1')] }));
    expect((await store.unseenLedger(key, 'run-1', 10, 'a')).map((e) => e.recordId)).toEqual(['a2']);
    expect((await store.unseenLedger(key, 'run-1', 10)).map((e) => e.recordId)).toEqual(['a2', 'b1']);
    expect((await store.getLedger(key, ['b1'])).get('b1')).toEqual(child('b1', 'b', 'run-0'));
  });

  it('keeps one dead letter per record: a new failure updates it, a later write resolves it', async () => {
    const letter = (runId: string, error: string, at: number) => ({ ...key, runId, recordId: '9', record: { id: 9 }, error, attempts: 3, at });
    await store.commitPage(page({ deadLetters: [letter('run-1', 'CG_HTTP_422: first', 100)] }));
    await store.commitPage(page({ deadLetters: [letter('run-2', 'CG_HTTP_422: again', 200)] }));
    expect(await store.listDeadLetters({ syncId: 'pets' })).toEqual([
      { id: expect.any(Number), ...letter('run-2', 'CG_HTTP_422: again', 200), attempts: 6, firstAt: 100 },
    ]);
    await store.commitPage(page({ resolvedDeadLetters: ['9', 'not-dead'] })); // run at startedAt 1000, checkpoint at 1500
    expect(await store.listDeadLetters({ status: 'open' })).toEqual([]);
    expect(await store.listDeadLetters({ status: 'resolved' })).toMatchObject([{ recordId: '9', resolvedAt: 1500 }]);
    await store.commitPage(page({ deadLetters: [letter('run-3', 'CG_HTTP_422: back', 300)] })); // failing again: open again
    expect(await store.listDeadLetters({ status: 'open' })).toMatchObject([{ runId: 'run-3', attempts: 9, firstAt: 100 }]);
  });

  it('merges the repeated dead letters of files from before they were kept one per record', () => {
    const file = path.join(dir, 'old.db');
    const db = openDatabase(file);
    migrate(db, 'sync', SYNC_MIGRATIONS.slice(0, 3));
    const insert = db.prepare(`INSERT INTO sync_dead_letters (sync_id, connection_id, run_id, record_id, record, error, attempts, at) VALUES ('s', '', ?, '9', '{}', ?, 3, ?)`);
    insert.run('run-1', 'old', 100);
    insert.run('run-2', 'newer', 200);
    db.close();
    const upgraded = openSqliteStore(file);
    return upgraded.listDeadLetters().then(async (letters) => {
      expect(letters).toMatchObject([{ runId: 'run-2', error: 'newer', attempts: 6, firstAt: 100, at: 200 }]);
      await upgraded.close();
    });
  });

  it('prunes the audit trail by age and by row count', async () => {
    const audit = [1, 2, 3, 4, 5].map((at) => ({ ...key, runId: 'run-1', recordId: String(at), action: 'update' as const, at }));
    await store.commitPage(page({ audit }));
    expect(await store.pruneAudit('pets', { maxAgeMs: 10 }, 13)).toBe(2); // at 1 and 2 are older than 3
    expect(await store.pruneAudit('pets', { maxRows: 2 }, 13)).toBe(1);
    expect((await store.listAudit({ syncId: 'pets' })).map((a) => a.recordId)).toEqual(['5', '4']);
  });

  it('keeps conflicts open until resolved once', async () => {
    await store.commitPage(page({ conflicts: [{ ...key, runId: 'run-1', recordId: '7', source: { v: 1 }, destination: { v: 2 }, at: 5 }] }));
    const [conflict] = await store.listConflicts({ status: 'open' });
    expect(conflict).toMatchObject({ recordId: '7', source: { v: 1 }, destination: { v: 2 } });
    expect(await store.resolveConflict(conflict!.id, 'destination', 9)).toBe(true);
    expect(await store.resolveConflict(conflict!.id, 'source', 10)).toBe(false);
    expect(await store.listConflicts({ status: 'open' })).toEqual([]);
    expect((await store.listConflicts())[0]).toMatchObject({ status: 'resolved', resolution: 'destination', resolvedAt: 9 });
  });

  it('pages a collection by (updatedAt, id) and hides flagged records', async () => {
    await store.putRecords('c', [{ id: 'b', data: 1 }, { id: 'a', data: 2 }], 10);
    await store.putRecords('c', [{ id: 'c', data: 3 }], 20);
    const first = await store.listRecords('c', { limit: 2 });
    expect(first.map((r) => r.id)).toEqual(['a', 'b']);
    const rest = await store.listRecords('c', { limit: 2, after: { updatedAt: 10, id: 'b' } });
    expect(rest.map((r) => r.id)).toEqual(['c']);
    expect((await store.listRecords('c', { limit: 9, since: 20 })).map((r) => r.id)).toEqual(['c']);
    await store.commitPage(page({ writes: [{ collection: 'c', upserts: [], deletes: ['a'], flags: ['b'] }] }));
    expect((await store.listRecords('c', { limit: 9 })).map((r) => r.id)).toEqual(['c']);
    expect((await store.listRecords('c', { limit: 9, includeDeleted: true })).find((r) => r.id === 'b')?.deletedAt).toBe(1500);
  });

  it('grants a lease to one holder until it expires, or its process is gone', async () => {
    const me = `${hostname()}:${process.pid}:a`;
    expect(await store.acquireLease('sync:pets', me, 100, 0)).toBe(true);
    expect(await store.acquireLease('sync:pets', 'elsewhere:1:b', 100, 50)).toBe(false);
    expect(await store.acquireLease('sync:pets', 'elsewhere:1:b', 200, 100)).toBe(true); // expired
    await store.releaseLease('sync:pets', 'elsewhere:1:b');
    // A process that has exited (a real, finished child) holds nothing.
    const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    expect(await store.acquireLease('sync:x', `${hostname()}:${child.stdout}:c`, 10_000, 0)).toBe(true);
    expect(await store.acquireLease('sync:x', me, 10_000, 1)).toBe(true);
    expect(await store.acquireLease('sync:x', `${hostname()}:${child.stdout}:c`, 10_000, 2)).toBe(false); // me: alive
  });
});
