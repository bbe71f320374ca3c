/**
 * What every `SyncStore` must do, run against each implementation (sqlite/store.test.ts,
 * postgres/store.test.ts) so the engine can rely on the same answers from both.
 */
import { spawnSync } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pidSpace } from '../sync/host.js';
import { emptyCounts, type PageCommit, type RunRecord, type SyncStore } from '../sync/store/store.js';

const key = { syncId: 'pets', connectionId: 'acme' };
const run: RunRecord = { ...key, id: 'run-1', mode: 'full', status: 'running', startedAt: 1000, counts: emptyCounts(), errors: [] };

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

/** The contract suite; `open` gives a fresh, empty store for each test. */
export function describeStoreContract(name: string, open: () => Promise<SyncStore>): void {
  describe(`${name}: the SyncStore contract`, () => {
    let store: SyncStore;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    it('commits a page atomically and reads the checkpoint, ledger, audit and records back', async () => {
      await store.commitPage(page());
      const state = await store.getState(key);
      expect(state.checkpoint?.page).toEqual({ type: 'offset', value: 20 });
      expect(state.cursor).toBeUndefined();
      expect((await store.getLedger(key, ['1', '2'])).get('1')).toEqual({ recordId: '1', hash: 'h1', seenRun: 'run-1', cursor: '2026-01-01T00:00:00Z', deleted: false });
      expect(await store.listAudit({ syncId: 'pets', recordId: '1' })).toMatchObject([{ action: 'create', after: { name: 'Rex' }, at: 1500 }]);
      expect((await store.getRecords('pets', ['1'])).get('1')).toEqual({ id: '1', data: { name: 'Rex' }, updatedAt: 1500 });

      // A page that cannot be stored (a dead letter without an error breaks NOT NULL) leaves nothing behind.
      const broken = page({
        checkpoint: null,
        cursor: 'later',
        ledger: [{ recordId: '2', hash: 'h2', seenRun: 'run-1', deleted: false }],
        writes: [{ collection: 'pets', upserts: [{ id: '2', data: {} }], deletes: [], flags: [] }],
        deadLetters: [{ ...key, runId: 'run-1', recordId: '3', record: {}, error: null as unknown as string, attempts: 1, at: 1 }],
      });
      await expect(store.commitPage(broken)).rejects.toThrow(/not[- ]null/i);
      expect((await store.getState(key)).checkpoint?.pagesDone).toBe(1);
      expect((await store.getState(key)).cursor).toBeUndefined();
      expect((await store.getLedger(key, ['2'])).size).toBe(0);
      expect((await store.getRecords('pets', ['2'])).size).toBe(0);
      expect(await store.listAudit({ syncId: 'pets' })).toHaveLength(1);
    });

    it('hands JSON back exactly as given: key order, nested values, NUL characters, numeric cursors', async () => {
      const data = { z: 1, a: { y: [1, 'two', null], b: true }, text: 'nul\u0000 and "quotes" and é', big: 1.5e300 };
      await store.commitPage(page({ ledger: [{ recordId: '1', hash: 'h', seenRun: 'run-1', deleted: false, cursor: 42 }], writes: [{ collection: 'pets', upserts: [{ id: '1', data }], deletes: [], flags: [] }] }));
      const back = (await store.getRecords('pets', ['1'])).get('1')?.data;
      expect(JSON.stringify(back)).toBe(JSON.stringify(data));
      expect((await store.getLedger(key, ['1'])).get('1')?.cursor).toBe(42);
    });

    it('a page naming one record twice keeps the last write, as row-by-row upserts would', async () => {
      await store.commitPage(page({
        ledger: [{ recordId: '1', hash: 'first', seenRun: 'run-1', deleted: false }, { recordId: '1', hash: 'last', seenRun: 'run-1', deleted: false }],
        writes: [{ collection: 'pets', upserts: [{ id: '1', data: 'first' }, { id: '1', data: 'last' }], deletes: [], flags: [] }],
      }));
      expect((await store.getLedger(key, ['1'])).get('1')?.hash).toBe('last');
      expect((await store.getRecords('pets', ['1'])).get('1')?.data).toBe('last');
    });

    it('finishing clears the checkpoint and sets the cursor and run record', async () => {
      const done: RunRecord = { ...run, status: 'succeeded', finishedAt: 2000, durationMs: 1000, counts: { ...emptyCounts(), created: 1 } };
      await store.commitPage(page({ checkpoint: null, cursor: '2026-01-01T00:00:00Z', run: done }));
      expect(await store.getState(key)).toEqual({ cursor: '2026-01-01T00:00:00Z' });
      expect(await store.getRun('run-1')).toEqual(done);
      expect(await store.getRun('run-9')).toBeUndefined();
      await store.commitPage(page({ run: { ...run, id: 'run-2', startedAt: 3000 } }));
      await store.commitPage(page({ run: { ...run, id: 'run-3', syncId: 'other', startedAt: 4000 } }));
      expect((await store.listRuns({ syncId: 'pets' })).map((r) => r.id)).toEqual(['run-2', 'run-1']);
      expect((await store.listRuns({ limit: 2 })).map((r) => r.id)).toEqual(['run-3', 'run-2']);
    });

    it('lists what a full run did not see', async () => {
      await store.commitPage(page({ ledger: ['a', 'b', 'c'].map((id) => ({ recordId: id, hash: 'h', seenRun: 'run-0', deleted: id === 'c' })) }));
      await store.commitPage(page({ ledger: [{ recordId: 'a', hash: 'h', seenRun: 'run-1', deleted: false }] }));
      expect((await store.unseenLedger(key, 'run-1', 10)).map((e) => e.recordId)).toEqual(['b']);
      expect((await store.getLedger(key, ['c'])).get('c')?.deleted).toBe(true);
    });

    it('prunes the audit trail by age and by row count', async () => {
      const audit = [1, 2, 3, 4, 5].map((at) => ({ ...key, runId: 'run-1', recordId: String(at), action: 'update' as const, at }));
      await store.commitPage(page({ audit }));
      expect(await store.pruneAudit('pets', { maxAgeMs: 10 }, 13)).toBe(2); // at 1 and 2 are older than 3
      expect(await store.pruneAudit('pets', { maxRows: 2 }, 13)).toBe(1);
      expect((await store.listAudit({ syncId: 'pets' })).map((a) => a.recordId)).toEqual(['5', '4']);
      expect((await store.listAudit({ runId: 'run-1', limit: 1 })).map((a) => a.recordId)).toEqual(['5']);
    });

    it('keeps dead letters with the record and the error', async () => {
      await store.commitPage(page({ deadLetters: [{ ...key, runId: 'run-1', recordId: '9', record: { bad: true }, error: 'CG_X: no', attempts: 3, at: 7 }] }));
      expect(await store.listDeadLetters({ syncId: 'pets' })).toMatchObject([{ recordId: '9', record: { bad: true }, error: 'CG_X: no', attempts: 3, at: 7 }]);
      expect(await store.listDeadLetters({ syncId: 'other' })).toEqual([]);
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
      expect(await store.listDeadLetters({ syncId: 'pets' })).toEqual([{ id: expect.any(Number), ...letter('run-2', 'CG_HTTP_422: again', 200), attempts: 6, firstAt: 100 }]);
      await store.commitPage(page({ resolvedDeadLetters: ['9', 'not-dead'] })); // the page's checkpoint is at 1500
      expect(await store.listDeadLetters({ status: 'open' })).toEqual([]);
      expect(await store.listDeadLetters({ status: 'resolved' })).toMatchObject([{ recordId: '9', resolvedAt: 1500 }]);
      await store.commitPage(page({ deadLetters: [letter('run-3', 'CG_HTTP_422: back', 300)] })); // failing again: open again
      expect(await store.listDeadLetters({ status: 'open' })).toMatchObject([{ runId: 'run-3', attempts: 9, firstAt: 100 }]);
    });

    it('keeps conflicts open until resolved once, then applied', async () => {
      await store.commitPage(page({ conflicts: [{ ...key, runId: 'run-1', recordId: '7', source: { v: 1 }, destination: { v: 2 }, at: 5 }] }));
      const [conflict] = await store.listConflicts({ status: 'open' });
      expect(conflict).toMatchObject({ recordId: '7', source: { v: 1 }, destination: { v: 2 }, status: 'open', at: 5 });
      expect(await store.resolveConflict(conflict!.id, 'destination', 9)).toBe(true);
      expect(await store.resolveConflict(conflict!.id, 'source', 10)).toBe(false);
      expect(await store.listConflicts({ status: 'open' })).toEqual([]);
      expect((await store.listConflicts())[0]).toMatchObject({ status: 'resolved', resolution: 'destination', resolvedAt: 9 });
      await store.commitPage(page({ appliedConflicts: [conflict!.id] }));
      expect((await store.listConflicts({ syncId: 'pets' }))[0]?.status).toBe('applied');
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
      await store.clearCollection('c');
      expect(await store.listRecords('c', { limit: 9, includeDeleted: true })).toEqual([]);
    });

    it('grants a lease to one holder until it expires, or its process is gone', async () => {
      const me = `${pidSpace()}:${process.pid}:a`;
      expect(await store.acquireLease('sync:pets', me, 100, 0)).toBe(true);
      expect(await store.acquireLease('sync:pets', me, 150, 10)).toBe(true); // renewed
      expect(await store.acquireLease('sync:pets', 'elsewhere:1:b', 200, 100)).toBe(false); // another host: waits out the expiry
      expect(await store.acquireLease('sync:pets', 'elsewhere:1:b', 200, 150)).toBe(true); // expired
      await store.releaseLease('sync:pets', me); // not the holder: no effect
      expect(await store.acquireLease('sync:pets', me, 300, 160)).toBe(false);
      await store.releaseLease('sync:pets', 'elsewhere:1:b');
      expect(await store.acquireLease('sync:pets', me, 300, 160)).toBe(true);
      // A process on this host that has exited (a real, finished child) holds nothing.
      const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
      expect(await store.acquireLease('sync:x', `${pidSpace()}:${child.stdout}:c`, 10_000, 0)).toBe(true);
      expect(await store.acquireLease('sync:x', me, 10_000, 1)).toBe(true);
      expect(await store.acquireLease('sync:x', `${pidSpace()}:${child.stdout}:c`, 10_000, 2)).toBe(false); // me: alive
    });

    it('of many holders racing for a free lease, exactly one wins', async () => {
      const holders = Array.from({ length: 20 }, (_, i) => `elsewhere:${i + 1}:r`);
      const won = await Promise.all(holders.map((h) => store.acquireLease('sync:race', h, 1000, 0)));
      expect(won.filter(Boolean)).toHaveLength(1);
    });

    it('saves tokens by compare-and-set: of racing saves from one version, one wins', async () => {
      await store.putConnection({ id: 'acme', connector: 'pets', credentials: 'sealed-1' }, 10);
      const before = await store.getConnection('acme');
      expect(before).toEqual({ id: 'acme', connector: 'pets', credentials: 'sealed-1', tokenVersion: 0, state: 'active', updatedAt: 10 });
      const saves = await Promise.all(Array.from({ length: 10 }, (_, i) => store.saveTokens('acme', 0, `tokens-${i}`, 20)));
      expect(saves.filter(Boolean)).toHaveLength(1);
      const after = await store.getConnection('acme');
      expect(after?.tokenVersion).toBe(1);
      expect(after?.tokens).toBe(`tokens-${saves.indexOf(true)}`);
      expect(await store.saveTokens('acme', 0, 'late', 30)).toBe(false);

      await store.markConnectionStale('acme', 'refresh refused', 40);
      expect(await store.getConnection('acme')).toMatchObject({ state: 'stale', staleReason: 'refresh refused', updatedAt: 40 });
      await store.putConnection({ id: 'acme', connector: 'pets', credentials: 'sealed-2' }, 50);
      const replaced = await store.getConnection('acme');
      expect(replaced).toEqual({ id: 'acme', connector: 'pets', credentials: 'sealed-2', tokenVersion: 2, state: 'active', updatedAt: 50 });
      await store.putConnection({ id: 'beta', connector: 'pets', credentials: 'x', tokens: 't' }, 60);
      expect((await store.listConnections()).map((c) => [c.id, c.tokens])).toEqual([['acme', undefined], ['beta', 't']]);
    });
  });
}
