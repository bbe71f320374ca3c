import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeStoreContract } from '../../../testing/store-contract.js';
import { migrate, openDatabase } from './open.js';
import { SYNC_MIGRATIONS } from './schema.js';
import { openSqliteStore } from './store.js';

const dir = mkdtempSync(path.join(tmpdir(), 'cg-store-'));
let files = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeStoreContract('SQLite store', async () => openSqliteStore(path.join(dir, `sync-${++files}.db`)));

describe('SQLite store', () => {
  it('merges the repeated dead letters of files from before they were kept one per record', async () => {
    const file = path.join(dir, 'old.db');
    const db = openDatabase(file);
    migrate(db, 'sync', SYNC_MIGRATIONS.slice(0, 3));
    const insert = db.prepare(`INSERT INTO sync_dead_letters (sync_id, connection_id, run_id, record_id, record, error, attempts, at) VALUES ('s', '', ?, '9', '{}', ?, 3, ?)`);
    insert.run('run-1', 'old', 100);
    insert.run('run-2', 'newer', 200);
    db.close();
    const upgraded = openSqliteStore(file);
    expect(await upgraded.listDeadLetters()).toMatchObject([{ runId: 'run-2', error: 'newer', attempts: 6, firstAt: 100, at: 200 }]);
    await upgraded.close();
  });

  it('opens the file in WAL mode and migrates once per component', async () => {
    const file = path.join(dir, 'wal.db');
    const store = openSqliteStore(file);
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    const again = openDatabase(file);
    expect(migrate(again, 'sync', ['SELECT 1'])).toBe(0); // already at its versions
    expect(migrate(again, 'rpa', ['CREATE TABLE rpa_runs (id TEXT PRIMARY KEY)'])).toBe(1);
    expect(migrate(again, 'rpa', ['CREATE TABLE rpa_runs (id TEXT PRIMARY KEY)'])).toBe(0);
    again.close();
    await store.close();
  });
});
