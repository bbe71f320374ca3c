/**
 * Both execution-record stores, one contract: records kept across reopening, newest first, filtered
 * by job and status, replaced by id, read back exactly. SQLite on a real file; PostgreSQL on a real
 * server the test starts on 127.0.0.1.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../sync/store/sqlite/store.js';
import { describeWithPostgres, startPostgres, type TestPostgres } from '../../testing/postgres.js';
import type { ExecutionRecord } from '../record.js';
import { openRpaStore } from './open.js';
import { PostgresRunStore } from './postgres.js';
import { SqliteRunStore } from './sqlite.js';
import type { RpaRunStore } from './store.js';

function record(id: string, job: string, startedAt: string, failed = false): ExecutionRecord {
  return {
    id,
    job,
    status: failed ? 'failed' : 'succeeded',
    startedAt,
    finishedAt: startedAt,
    durationMs: 12.5,
    inputs: { name: 'Ada', note: 'ünïcode \u0000 and "quotes"' },
    outputs: failed ? {} : { confirmation: 'CN-1' },
    ...(failed ? { error: { step: '#2 click css #go', pointer: '/steps/1', code: 'CG_RPA_STEP_TIMEOUT', message: 'timeout' } } : {}),
    steps: [{ seq: 1, pointer: '/steps/0', kind: 'goto', name: 'goto x', status: 'succeeded', attempts: 1, durationMs: 3 }],
  };
}

function contract(open: () => Promise<RpaRunStore>): void {
  it('keeps records across reopening, newest first, filtered by job and status', async () => {
    const first = await open();
    await first.save(record('r1', 'apply', '2026-01-01T10:00:00.000Z'));
    await first.save(record('r2', 'orders', '2026-01-01T11:00:00.000Z', true));
    await first.close();

    const store = await open(); // migrations already applied: must not run again
    try {
      await store.save(record('r3', 'apply', '2026-01-01T12:00:00.000Z'));
      expect((await store.list()).map((r) => r.id)).toEqual(['r3', 'r2', 'r1']);
      expect((await store.list({ job: 'apply' })).map((r) => r.id)).toEqual(['r3', 'r1']);
      expect(await store.list({ status: 'failed' })).toEqual([
        { id: 'r2', job: 'orders', status: 'failed', startedAt: '2026-01-01T11:00:00.000Z', durationMs: 12.5, steps: 1, failedStep: '#2 click css #go' },
      ]);
      expect(await store.list({ job: 'apply', status: 'failed' })).toEqual([]);
      expect(await store.list({ limit: 1 })).toHaveLength(1);
      expect(await store.get('r2')).toEqual(record('r2', 'orders', '2026-01-01T11:00:00.000Z', true));
      expect(await store.get('nope')).toBeUndefined();

      await store.save({ ...record('r1', 'apply', '2026-01-01T10:00:00.000Z'), outputs: { confirmation: 'CN-2' } });
      expect((await store.get('r1'))?.outputs).toEqual({ confirmation: 'CN-2' });
      expect(await store.list()).toHaveLength(3);
    } finally {
      await store.close();
    }
  });
}

describe('SQLite run store', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'rpa-store-'));
  const file = path.join(dir, 'nested', 'connectgen.db');
  contract(() => openRpaStore(file));

  it('keeps screenshots beside the file', async () => {
    const store = await openRpaStore(file);
    expect(store).toBeInstanceOf(SqliteRunStore);
    expect(store.screenshotsDir).toBe(path.join(path.dirname(file), 'screenshots'));
    await store.close();
  });

  it('lives in the same file as the sync store, on its handle or its own', async () => {
    const shared = path.join(mkdtempSync(path.join(tmpdir(), 'rpa-store-')), 'connectgen.db');
    const sync = openSqliteStore(shared);
    const runs = new SqliteRunStore(sync.db, path.join(path.dirname(shared), 'screenshots'));
    await runs.save(record('r1', 'apply', '2026-01-01T10:00:00.000Z'));
    const components = sync.db.prepare('SELECT DISTINCT component FROM schema_migrations ORDER BY component').all();
    expect(components).toEqual([{ component: 'rpa' }, { component: 'sync' }]);

    const own = await openRpaStore(shared); // a second handle, as `connectgen rpa runs` opens it
    expect((await own.get('r1'))?.job).toBe('apply');
    await own.close();
    sync.db.close();
  });
});

describeWithPostgres('PostgreSQL run store', () => {
  let server: TestPostgres;
  let url: string;
  beforeAll(async () => {
    server = await startPostgres();
    url = await server.newDatabase();
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
  });

  contract(() => openRpaStore(url, { postgres: { screenshotsDir: '/srv/shots' } }));

  it('shares the database with the sync store, migrated once by many workers at once', async () => {
    const fresh = await server.newDatabase();
    const { openStore } = await import('../../sync/store/open.js');
    const opened = await Promise.all(Array.from({ length: 4 }, () => openRpaStore(fresh)));
    const sync = await openStore(fresh);
    try {
      await Promise.all(opened.map((store, i) => store.save(record(`w${i}`, 'apply', `2026-01-01T1${i}:00:00.000Z`))));
      expect((await opened[0]!.list()).map((r) => r.id)).toEqual(['w3', 'w2', 'w1', 'w0']);
      const { rows } = await (opened[0] as PostgresRunStore).pool.query('SELECT component, version FROM schema_migrations WHERE component = $1', ['rpa']);
      expect(rows).toEqual([{ component: 'rpa', version: 1 }]);
      expect(opened[0]!.screenshotsDir).toBe(path.resolve('.connectgen', 'screenshots'));
    } finally {
      await Promise.all(opened.map((store) => store.close()));
      await sync.close();
    }
  });

  it('says which database it cannot reach, without the password', async () => {
    const error = await openRpaStore('postgres://rpa:s3cret@127.0.0.1:1/none', { postgres: { connectTimeoutMs: 2000 } }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'CG_STORE_CONNECT' });
    expect((error as Error).message).toContain('postgres://rpa:***@127.0.0.1:1/none');
    expect((error as Error).message).not.toContain('s3cret');
  });
});
