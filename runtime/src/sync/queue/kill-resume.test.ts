/**
 * Scale-out: a queued sync on 3 worker processes (real child processes, BullMQ on a real Redis,
 * one shared store), the worker that is mid-run SIGKILLed at random points again and again and a
 * replacement started each time. Another worker takes the stalled job and resumes the run from its
 * checkpoint; at the end the destination holds exactly the source's records, each created once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { startWorkerChild, type WorkerChild } from '../../testing/queue-workers.js';
import { recordsApiOperations, startRecordsApi, type ApiRecord, type RecordsApi } from '../../testing/records-api.js';
import { describeWithRedis, startRedis, type TestRedis } from '../../testing/redis.js';
import { openSqliteStore } from '../store/sqlite/store.js';
import { SyncQueue } from './queue.js';
import { connectRedis } from './redis.js';

const KILLS = 20;
const RECORDS = 800;
const PAGE = 10;
// A dead worker's job is back in the queue within lock + check interval (1.5 s); the defaults (45 s)
// suit production, not a test that kills twenty times.
const WORKER = { lockDurationMs: 1_000, stalledIntervalMs: 500, maxStalledCount: 1_000 };
const TIMEOUT_MS = 180_000;

const random = (n: number): number => Math.floor(Math.random() * n);

describeWithRedis('a queued sync on 3 workers killed with SIGKILL at random points', () => {
  let redis: TestRedis;
  let api: RecordsApi;
  let dir: string;
  let connection: Redis;
  let workers: WorkerChild[] = [];

  beforeAll(async () => {
    redis = await startRedis();
  }, 60_000);
  afterAll(async () => {
    await redis?.stop();
  });
  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'cg-queue-kill-'));
    const records: ApiRecord[] = Array.from({ length: RECORDS }, (_, i) => ({ id: `r${String(i).padStart(4, '0')}`, n: i }));
    api = await startRecordsApi(records);
    connection = await connectRedis(redis.url);
  });
  afterEach(async () => {
    await Promise.all(workers.map((w) => w.stop()));
    workers = [];
    connection.disconnect();
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it(
    'ends with exactly the source records, each created once, the run resumed across every kill',
    async () => {
      const db = path.join(dir, 'sync.db');
      const definition = { id: 'kill', source: { action: 'listItems' }, destination: { store: 'items' }, idPath: 'id', mode: 'full', pageSize: PAGE };
      const config = { redis: redis.url, db, origin: api.origin, operations: recordsApiOperations, definitions: { kill: definition }, worker: WORKER };
      workers = await Promise.all([0, 1, 2].map(() => startWorkerChild(config)));

      let kills = 0;
      let nextKill = 1 + random(3);
      const replacements: Promise<void>[] = [];
      api.onList = (count, request) => {
        if (kills >= KILLS || count < nextKill) return;
        const victim = workers.find((w) => w.pid === Number(request.headers['x-worker-pid']));
        if (!victim) return;
        kills++;
        nextKill = count + 1 + random(3);
        workers = workers.filter((w) => w !== victim);
        // Mid-request, or a moment later while the page is written and committed.
        const delay = random(4);
        if (delay === 0) victim.kill();
        else setTimeout(() => victim.kill(), delay - 1);
        replacements.push(startWorkerChild(config).then((w) => void workers.push(w)));
      };

      const queue = new SyncQueue(connection);
      const store = openSqliteStore(db);
      try {
        const job = await queue.enqueue({ sync: 'kill', syncId: 'kill', connectionId: '' });
        expect(job.queued).toBe(true);
        // Done when the job has left the queue (removed on completion) and its run succeeded.
        for (;;) {
          const runs = await store.listRuns({ syncId: 'kill' });
          if (runs.some((r) => r.status === 'succeeded') && !(await queue.queue.getJob(job.jobId))) break;
          await new Promise((r) => setTimeout(r, 100));
        }
        await Promise.all(replacements);
        expect(kills).toBe(KILLS);

        const stored = await store.listRecords('items', { limit: RECORDS * 2 });
        expect(stored.map((r) => r.id).sort()).toEqual([...api.records.keys()].sort());
        for (const r of stored) expect(r.data).toEqual(api.records.get(r.id));
        const audit = await store.listAudit({ syncId: 'kill', limit: RECORDS * 10 });
        const created = audit.filter((a) => a.action === 'create').map((a) => a.recordId);
        expect(created).toHaveLength(RECORDS);
        expect(new Set(created).size).toBe(RECORDS);
        const runs = await store.listRuns({ syncId: 'kill' });
        expect(runs[0]).toMatchObject({ status: 'succeeded', counts: { created: RECORDS, errors: 0 } });
      } finally {
        await queue.close();
        await store.close();
      }
    },
    TIMEOUT_MS,
  );
});
