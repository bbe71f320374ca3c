import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ExecutionRecord } from '../record.js';
import { openSqliteStore } from '../../sync/store/sqlite/store.js';
import { openRunStore, SqliteRunStore } from './sqlite.js';

function record(id: string, job: string, startedAt: string, failed = false): ExecutionRecord {
  return {
    id,
    job,
    status: failed ? 'failed' : 'succeeded',
    startedAt,
    finishedAt: startedAt,
    durationMs: 12.5,
    inputs: { name: 'Ada' },
    outputs: failed ? {} : { confirmation: 'CN-1' },
    ...(failed ? { error: { step: '#2 click css #go', pointer: '/steps/1', code: 'CG_RPA_STEP_TIMEOUT', message: 'timeout' } } : {}),
    steps: [{ seq: 1, pointer: '/steps/0', kind: 'goto', name: 'goto x', status: 'succeeded', attempts: 1, durationMs: 3 }],
  };
}

describe('SQLite run store', () => {
  it('keeps records across reopening, newest first, filtered by job and status', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'rpa-store-')), 'nested', 'connectgen.db');
    const first = openRunStore(file);
    first.save(record('r1', 'apply', '2026-01-01T10:00:00.000Z'));
    first.save(record('r2', 'orders', '2026-01-01T11:00:00.000Z', true));
    first.close();

    const store = openRunStore(file); // migrations already applied: must not run again
    store.save(record('r3', 'apply', '2026-01-01T12:00:00.000Z'));
    expect(store.list().map((r) => r.id)).toEqual(['r3', 'r2', 'r1']);
    expect(store.list({ job: 'apply' }).map((r) => r.id)).toEqual(['r3', 'r1']);
    expect(store.list({ status: 'failed' })).toEqual([
      { id: 'r2', job: 'orders', status: 'failed', startedAt: '2026-01-01T11:00:00.000Z', durationMs: 12.5, steps: 1, failedStep: '#2 click css #go' },
    ]);
    expect(store.list({ limit: 1 })).toHaveLength(1);
    expect(store.get('r2')).toEqual(record('r2', 'orders', '2026-01-01T11:00:00.000Z', true));
    expect(store.get('nope')).toBeUndefined();
    expect(store.screenshotsDir).toBe(path.join(path.dirname(file), 'screenshots'));
    store.close();
  });

  it('lives in the same file as the sync store, on its handle or its own', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'rpa-store-')), 'connectgen.db');
    const sync = openSqliteStore(file);
    const shared = new SqliteRunStore(sync.db, path.join(path.dirname(file), 'screenshots'));
    shared.save(record('r1', 'apply', '2026-01-01T10:00:00.000Z'));
    const components = sync.db.prepare('SELECT DISTINCT component FROM schema_migrations ORDER BY component').all();
    expect(components).toEqual([{ component: 'rpa' }, { component: 'sync' }]);

    const own = openRunStore(file); // a second handle, as `connectgen rpa runs` opens it
    expect(own.get('r1')?.job).toBe('apply');
    own.close();
    sync.db.close();
  });
});
