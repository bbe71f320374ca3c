import { createServer } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithPostgres, startPostgres, type TestPostgres } from '../../../testing/postgres.js';
import { describeStoreContract } from '../../../testing/store-contract.js';
import { SyncError } from '../../errors.js';
import { isPostgresUrl, openStore } from '../open.js';
import { SqliteSyncStore } from '../sqlite/store.js';
import { emptyCounts } from '../store.js';
import { redactUrl } from './open.js';
import { SYNC_PG_MIGRATIONS } from './schema.js';
import { openPostgresStore, PostgresSyncStore } from './store.js';

let server: TestPostgres;

describeWithPostgres('PostgreSQL store', () => {
  beforeAll(async () => {
    server = await startPostgres();
  });
  afterAll(async () => {
    await server?.stop();
  });

  describeStoreContract('PostgreSQL store', async () => openPostgresStore(await server.newDatabase()));

  it('N workers opening a new database at once migrate it once', async () => {
    const url = await server.newDatabase();
    const stores = await Promise.all(Array.from({ length: 6 }, () => openPostgresStore(url, { max: 2 })));
    try {
      const { rows } = await stores[0]!.pool.query(`SELECT version FROM schema_migrations WHERE component = 'sync' ORDER BY version`);
      expect(rows.map((r) => r.version)).toEqual(SYNC_PG_MIGRATIONS.map((_, i) => i + 1));
    } finally {
      await Promise.all(stores.map((s) => s.close()));
    }
  });

  it('a lease held by a process on another machine holds until it expires, across separate pools', async () => {
    const url = await server.newDatabase();
    const [a, b] = await Promise.all([openPostgresStore(url), openPostgresStore(url)]);
    try {
      expect(await a.acquireLease('sync:pets', 'host-a:1:x', 1000, 0)).toBe(true);
      expect(await b.acquireLease('sync:pets', 'host-b:1:y', 2000, 999)).toBe(false);
      expect(await b.acquireLease('sync:pets', 'host-b:1:y', 2000, 1000)).toBe(true);
      expect(await a.acquireLease('sync:pets', 'host-a:1:x', 3000, 1001)).toBe(false); // lost it: cannot renew
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('openStore picks PostgreSQL for a postgres:// or postgresql:// URL and SQLite otherwise', async () => {
    expect([isPostgresUrl('postgres://h/db'), isPostgresUrl('POSTGRESQL://h/db'), isPostgresUrl('./postgres.db')]).toEqual([true, true, false]);
    const store = await openStore((await server.newDatabase()).replace(/^postgres:/, 'postgresql:'));
    expect(store).toBeInstanceOf(PostgresSyncStore);
    await store.close();
    const memory = await openStore(':memory:');
    expect(memory).toBeInstanceOf(SqliteSyncStore);
    await memory.close();
  });

  it('an unreachable database is CG_STORE_CONNECT naming the URL without its password', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
    });
    const error = await openPostgresStore(`postgres://sync:hunter2@127.0.0.1:${port}/state`, { connectTimeoutMs: 5000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SyncError);
    expect((error as SyncError).code).toBe('CG_STORE_CONNECT');
    expect((error as SyncError).message).toContain(`postgres://sync:***@127.0.0.1:${port}/state`);
    expect((error as SyncError).message).not.toContain('hunter2');
    expect((error as SyncError).hint).toBeTruthy();

    const missing = await openPostgresStore(server.url.replace(/\/postgres$/, '/nosuchdb')).catch((e: unknown) => e);
    expect((missing as SyncError).code).toBe('CG_STORE_CONNECT');
    expect((missing as SyncError).message).toMatch(/nosuchdb/);
    expect(redactUrl('postgres://u:p@h/db?sslpassword=k')).toBe('postgres://u:***@h/db?sslpassword=***');
  });

  it('a connection dropped mid-transaction leaves the page uncommitted', async () => {
    const url = await server.newDatabase();
    const store = await openPostgresStore(url);
    try {
      // Another session holds the checkpoint row; the server ends the store's session while it waits.
      await store.commitPage({ syncId: 's', connectionId: '', checkpoint: null, ledger: [], audit: [], deadLetters: [], run: { syncId: 's', connectionId: '', id: 'r0', mode: 'full', status: 'running', startedAt: 1, counts: emptyCounts(), errors: [] } });
      const blocker = new pg.Client(url);
      await blocker.connect();
      await blocker.query('BEGIN');
      await blocker.query(`SELECT * FROM sync_state FOR UPDATE`);
      const commit = store.commitPage({
        syncId: 's', connectionId: '', checkpoint: null, ledger: [{ recordId: 'x', hash: 'h', seenRun: 'r1', deleted: false }], audit: [], deadLetters: [],
        run: { syncId: 's', connectionId: '', id: 'r1', mode: 'full', status: 'running', startedAt: 2, counts: emptyCounts(), errors: [] },
      });
      const failed = commit.then(() => 'committed', () => 'failed');
      // Wait until the store's session is blocked on the row lock, then terminate it.
      for (;;) {
        const { rows } = await blocker.query(`SELECT pid FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()`);
        if (rows[0]) {
          await blocker.query('SELECT pg_terminate_backend($1)', [rows[0].pid]);
          break;
        }
      }
      expect(await failed).toBe('failed');
      await blocker.query('ROLLBACK');
      await blocker.end();
      expect((await store.getLedger({ syncId: 's', connectionId: '' }, ['x'])).size).toBe(0);
      expect(await store.getRun('r1')).toBeUndefined();
    } finally {
      await store.close();
    }
  });
});
