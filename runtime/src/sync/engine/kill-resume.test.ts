/**
 * A sync process killed with SIGKILL at random points, again and again, and resumed each time, ends
 * with exactly the source's records: none missing, none written twice. The child is a real node
 * process running the built runtime against a real SQLite file, or a real PostgreSQL server, and real
 * HTTP servers; the kill is fired from the API server while the child is mid-run (mid-request, or a
 * moment later while it writes and commits).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { recordsApiOperations, startRecordsApi, type ApiRecord, type RecordsApi } from '../../testing/records-api.js';
import { describeWithPostgres, startPostgres, type TestPostgres } from '../../testing/postgres.js';
import { openStore } from '../store/open.js';

const CHILD = path.resolve(import.meta.dirname, '../../testing/sync-child.mjs');
const KILLS = 20;
// Each child is a fresh node process (~0.1 s idle, seconds on a loaded machine): generous timeouts.
const TIMEOUT_MS = 180_000;
const RECORDS = 600;
const PAGE = 10;

let dir: string;
let api: RecordsApi;
let target: RecordsApi | undefined;

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'cg-kill-'));
  const records: ApiRecord[] = Array.from({ length: RECORDS }, (_, i) => ({ id: `r${String(i).padStart(4, '0')}`, n: i, meta: { updated_at: `2026-01-01T00:${String(i % 60).padStart(2, '0')}:00Z` } }));
  api = await startRecordsApi(records);
});
afterEach(async () => {
  await api.close();
  await target?.close();
  target = undefined;
  rmSync(dir, { recursive: true, force: true });
});

/** Runs the child; when `killAtList` is set, SIGKILLs it on that list request (plus a random moment). */
function runChild(config: object, killAtList: number | undefined): Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CHILD, JSON.stringify(config)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    let lists = 0;
    api.onList = () => {
      if (killAtList === undefined || ++lists !== killAtList) return;
      const kill = () => child.kill('SIGKILL');
      const delay = Math.floor(Math.random() * 4);
      if (delay === 0) kill();
      else setTimeout(kill, delay - 1);
    };
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

async function killAndResume(config: { store: string }, wanted: number): Promise<{ kills: number; final: Record<string, unknown> }> {
  let kills = 0;
  for (let attempt = 0; attempt < wanted * 3 && kills < wanted; attempt++) {
    const result = await runChild(config, 1 + Math.floor(Math.random() * 3));
    if (result.signal === 'SIGKILL') kills++;
    else {
      // The run got to its end before the kill landed: start the next cycle on a fresh copy of the source.
      expect(result.code, result.stderr).toBe(0);
      return { kills, final: JSON.parse(result.stdout) as Record<string, unknown> };
    }
  }
  const last = await runChild(config, undefined);
  expect(last.code, last.stderr).toBe(0);
  return { kills, final: JSON.parse(last.stdout) as Record<string, unknown> };
}

/** Kills a full sync into `location`'s store collection again and again; the store ends with exactly the source. */
async function killIntoStore(location: string): Promise<void> {
  const config = {
    origin: api.origin,
    store: location,
    operations: recordsApiOperations,
    definition: { id: 'kill', source: { action: 'listItems' }, destination: { store: 'items' }, idPath: 'id', mode: 'full', pageSize: PAGE },
  };
  const { kills, final } = await killAndResume(config, KILLS);
  expect(kills).toBe(KILLS);
  expect(final).toMatchObject({ status: 'succeeded', counts: { created: RECORDS, read: RECORDS, errors: 0 } });

  const store = await openStore(location);
  try {
    const stored = await store.listRecords('items', { limit: RECORDS * 2 });
    expect(stored.map((r) => r.id).sort()).toEqual([...api.records.keys()].sort());
    for (const r of stored) expect(r.data).toEqual(api.records.get(r.id));
    const creates = await store.listAudit({ syncId: 'kill', limit: RECORDS * 10 });
    const created = creates.filter((a) => a.action === 'create').map((a) => a.recordId);
    expect(created).toHaveLength(RECORDS);
    expect(new Set(created).size).toBe(RECORDS);
    const runs = await store.listRuns({ syncId: 'kill' });
    expect(runs.map((r) => r.status)).toEqual(['succeeded']); // one run, resumed across every kill
  } finally {
    await store.close();
  }
}

describe('a sync killed with SIGKILL at random points and resumed', () => {
  it('into the SQLite store: exactly the source records, one create each in the audit trail', () => killIntoStore(path.join(dir, 'sync.db')), TIMEOUT_MS);

  it('into an API: every record created exactly once (idempotency keys), nothing missing', async () => {
    target = await startRecordsApi();
    const config = {
      origin: api.origin,
      target: target.origin,
      store: path.join(dir, 'sync.db'),
      operations: recordsApiOperations,
      definition: {
        id: 'kill-api',
        source: { action: 'listItems' },
        destination: { create: { action: 'createItem', idempotencyKey: 'idempotencyKey' }, update: { action: 'putItem', id: 'id' } },
        idPath: 'id',
        mode: 'full',
        pageSize: PAGE,
      },
    };
    const { kills, final } = await killAndResume(config, KILLS / 2);
    expect(kills).toBe(KILLS / 2);
    expect(final).toMatchObject({ status: 'succeeded', counts: { read: RECORDS, errors: 0 } });
    expect([...target.records.keys()].sort()).toEqual([...api.records.keys()].sort());
    const posts = target.writes.filter((w) => w.startsWith('POST '));
    expect(posts).toHaveLength(RECORDS);
    expect(new Set(posts).size).toBe(RECORDS);
  }, TIMEOUT_MS);
});

describeWithPostgres('a sync killed with SIGKILL at random points and resumed, on PostgreSQL', () => {
  let server: TestPostgres;
  beforeAll(async () => {
    server = await startPostgres();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('into the PostgreSQL store: exactly the source records, one create each in the audit trail', async () => killIntoStore(await server.newDatabase()), TIMEOUT_MS);
});
