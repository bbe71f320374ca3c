/**
 * Scale-out: a queued sync on 3 worker processes (real child processes, BullMQ on a real Redis,
 * the shared store on a real PostgreSQL), the worker that is mid-run SIGKILLed at random points again and again and a
 * replacement started each time. Another worker takes the stalled job and resumes the run from its
 * checkpoint; at the end the destination holds exactly the source's records, each created once.
 */
import type { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { startWorkerChild, type WorkerChild } from '../../testing/queue-workers.js';
import { recordsApiOperations, startRecordsApi, type ApiRecord, type RecordsApi } from '../../testing/records-api.js';
import { describeWithPostgres, startPostgres, type TestPostgres } from '../../testing/postgres.js';
import { describeWithRedis, startRedis, type TestRedis } from '../../testing/redis.js';
import { openPostgresStore } from '../store/postgres/store.js';
import { SyncQueue } from './queue.js';
import { connectRedis } from './redis.js';

// 20 kills, as the issue asks (about 20 s on an idle machine; each replacement process takes seconds
// to start on a loaded one, hence the timeout below). CONNECTGEN_QUEUE_KILLS changes it.
const KILLS = Number(process.env['CONNECTGEN_QUEUE_KILLS'] ?? 20);
const RECORDS = Math.max(1_000, KILLS * 50);
const PAGE = 10;
// A dead worker's job is back in the queue within lock + check interval (under a second); the
// defaults (45 s) suit production, not a test that kills twenty times. A live worker that misses a
// renewal on a loaded machine loses its job to another, which finds the lease held and waits: the
// assertions below hold either way.
const WORKER = { lockDurationMs: 600, stalledIntervalMs: 300, maxStalledCount: 1_000, busyRetryMs: 200 };
// A kill costs up to ~10 s at a load average of 25 (the replacement's start-up).
const TIMEOUT_MS = 60_000 + KILLS * 15_000;

const random = (n: number): number => Math.floor(Math.random() * n);

describeWithPostgres('scale-out on BullMQ + PostgreSQL', () =>
describeWithRedis('a queued sync on 3 workers killed with SIGKILL at random points', () => {
  let redis: TestRedis;
  let postgres: TestPostgres;
  let api: RecordsApi;
  let connection: Redis;
  let workers: WorkerChild[] = [];

  beforeAll(async () => {
    [redis, postgres] = await Promise.all([startRedis(), startPostgres()]);
  }, 120_000);
  afterAll(async () => {
    await redis?.stop();
    await postgres?.stop();
  });
  beforeEach(async () => {
    const records: ApiRecord[] = Array.from({ length: RECORDS }, (_, i) => ({ id: `r${String(i).padStart(4, '0')}`, n: i }));
    api = await startRecordsApi(records);
    connection = await connectRedis(redis.url);
  });
  afterEach(async () => {
    await Promise.all(workers.map((w) => w.stop()));
    workers = [];
    connection.disconnect();
    await api.close();
  });

  it(
    'ends with exactly the source records, each created once, the run resumed across every kill',
    async () => {
      const db = await postgres.newDatabase();
      const definition = { id: 'kill', source: { action: 'listItems' }, destination: { store: 'items' }, idPath: 'id', mode: 'full', pageSize: PAGE };
      const config = { redis: redis.url, store: db, origin: api.origin, operations: recordsApiOperations, definitions: { kill: definition }, worker: WORKER };
      workers = await Promise.all([0, 1, 2].map(() => startWorkerChild(config)));

      let kills = 0;
      let nextKill = 1 + random(3);
      const replacements: Promise<void>[] = [];
      api.onList = async (count, request) => {
        if (kills >= KILLS || count < nextKill) return;
        // Another worker must be up to take the job over: replacements take seconds to start on a
        // loaded machine, so the answer to this page waits for one (the run cannot end early).
        while (workers.length < 2) await new Promise((r) => setTimeout(r, 50));
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
      const store = await openPostgresStore(db);
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
        // One run resumed across every kill (plus, on a loaded machine, a run that found nothing to do).
        const runs = await store.listRuns({ syncId: 'kill' });
        expect(runs.map((r) => r.status)).toEqual(runs.map(() => 'succeeded'));
        expect(runs.reduce((n, r) => n + r.counts.created, 0)).toBe(RECORDS);
        expect(runs.at(-1)).toMatchObject({ counts: { read: RECORDS, created: RECORDS, errors: 0 } });
      } finally {
        await queue.close();
        await store.close();
      }
    },
    TIMEOUT_MS,
  );
}),
);
