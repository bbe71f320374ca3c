/**
 * The queue against a real Redis and a real SQLite store, with an in-process worker: a sync is
 * queued once however often it is enqueued, a run whose lease is held waits in the queue instead of
 * failing, two runs of one sync never overlap, closing a worker finishes its running job, schedules
 * fire (in their time zone), a late scheduled run is skipped under `missed: skip`, and an
 * unreachable Redis is a clear error.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { createClient } from '../../client.js';
import { recordsApiOperations, startRecordsApi, type ApiRecord, type RecordsApi } from '../../testing/records-api.js';
import { describeWithRedis, freePort, startRedis, type TestRedis } from '../../testing/redis.js';
import type { SyncDefinition } from '../definition/types.js';
import { newHolder, syncLeaseName } from '../lease.js';
import { cronOf } from '../schedule/due.js';
import { openSqliteStore, type SqliteSyncStore } from '../store/sqlite/store.js';
import type { SyncJobData } from './jobs.js';
import { SyncQueue } from './queue.js';
import { connectRedis } from './redis.js';
import { startSyncWorker } from './sync-worker.js';
import type { QueueWorker, WorkerEvent } from './worker.js';

const RECORDS = 300;

async function until<T>(probe: () => Promise<T | undefined | false>, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describeWithRedis('sync runs on the BullMQ queue', () => {
  let redis: TestRedis;
  let api: RecordsApi;
  let dir: string;
  let store: SqliteSyncStore;
  let connection: Redis;
  let queue: SyncQueue;
  let worker: QueueWorker | undefined;
  let events: WorkerEvent[];
  let prefix = 0;

  beforeAll(async () => {
    redis = await startRedis();
  }, 60_000);
  afterAll(async () => {
    await redis?.stop();
  });
  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'cg-queue-'));
    const records: ApiRecord[] = Array.from({ length: RECORDS }, (_, i) => ({ id: `r${String(i).padStart(4, '0')}`, n: i }));
    api = await startRecordsApi(records);
    store = openSqliteStore(path.join(dir, 'sync.db'));
    connection = await connectRedis(redis.url);
    queue = new SyncQueue(connection, { prefix: `t${++prefix}` });
    events = [];
  });
  afterEach(async () => {
    await worker?.close();
    worker = undefined;
    await queue.close();
    connection.disconnect();
    await store.close();
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function definition(id: string): SyncDefinition {
    const client = createClient({ name: 'records', version: '1.0.0', servers: [{ url: api.origin }], auth: {}, retry: { maxAttempts: 1 } }, { rateLimit: false });
    return { id, source: { action: 'listItems', connector: { listItems: client.paginatedAction(recordsApiOperations.listItems as never) } }, destination: { store: id }, idPath: 'id', mode: 'full', pageSize: 10 };
  }

  function startWorker(options: { concurrency?: number; clock?: { now(): number; sleep(ms: number): Promise<void> } } = {}): QueueWorker {
    worker = startSyncWorker({
      connection,
      store,
      prefix: `t${prefix}`,
      busyRetryMs: 200,
      load: async (sync) => ({ definition: definition(sync) }),
      onEvent: (event) => events.push(event),
      ...options,
    });
    return worker;
  }

  const data = (syncId: string): SyncJobData => ({ sync: syncId, syncId, connectionId: '' });

  it('queues a sync once however often it is enqueued', async () => {
    const first = await queue.enqueue(data('once'));
    const second = await queue.enqueue(data('once'));
    expect(first).toMatchObject({ queued: true, state: 'waiting' });
    expect(second).toEqual({ jobId: first.jobId, queued: false, state: 'waiting' });
    expect(await queue.queue.getJobCounts('waiting')).toEqual({ waiting: 1 });

    startWorker();
    await until(async () => (await store.listRuns({ syncId: 'once' })).find((r) => r.status === 'succeeded'), 'the run');
    await until(async () => !(await queue.queue.getJob(first.jobId)), 'the job to leave the queue');
    expect(await store.listRuns({ syncId: 'once' })).toHaveLength(1);
    // Finished and removed: the next enqueue queues a new run.
    expect(await queue.enqueue(data('once'))).toMatchObject({ queued: true });
  }, 60_000);

  it('keeps a job whose sync is running elsewhere in the queue until the lease is free, without failing it', async () => {
    const holder = newHolder(); // this process: alive, so the lease is really held
    const lease = syncLeaseName({ syncId: 'busy', connectionId: '' });
    expect(await store.acquireLease(lease, holder, Date.now() + 60_000, Date.now())).toBe(true);
    const job = await queue.enqueue(data('busy'));
    startWorker();
    // Taken, found busy and put back three times over, and still neither run nor failed.
    await until(async () => ((await queue.queue.getJob(job.jobId))?.attemptsStarted ?? 0) >= 3, 'three tries of the busy job');
    expect(await (await queue.queue.getJob(job.jobId))?.getState()).toMatch(/delayed|waiting|active/);
    expect(api.received.filter((r) => r.url.startsWith('/items'))).toHaveLength(0);
    expect(await store.listRuns({ syncId: 'busy' })).toHaveLength(0);

    await store.releaseLease(lease, holder);
    const run = await until(async () => (await store.listRuns({ syncId: 'busy' })).find((r) => r.status === 'succeeded'), 'the run after the lease was freed');
    expect(run.counts.created).toBe(RECORDS);
    expect(events.filter((e) => e.type === 'failed')).toEqual([]);
  }, 60_000);

  it('never runs one sync twice at once, with two jobs for it and room for both', async () => {
    startWorker({ concurrency: 2 });
    const queued = await queue.enqueue(data('apart'));
    await until(async () => (await queue.queue.getJob(queued.jobId))?.getState().then((s) => s === 'active'), 'the run to start');
    expect(await queue.enqueue(data('apart'))).toMatchObject({ queued: false, state: 'active' });
    // A job under another id for the same sync (as a schedule adds them): the lease keeps it apart.
    await queue.queue.add('sync', data('apart'), { removeOnComplete: true });
    const runs = await until(async () => {
      const list = await store.listRuns({ syncId: 'apart' });
      return list.length === 2 && list.every((r) => r.status === 'succeeded') && list;
    }, 'two runs');
    const [later, earlier] = runs;
    expect(later!.startedAt).toBeGreaterThanOrEqual(earlier!.finishedAt!);
    expect(events.filter((e) => e.type === 'failed')).toEqual([]);
  }, 60_000);

  it('finishes the running job when the worker is closed (graceful shutdown)', async () => {
    const running = startWorker();
    const job = await queue.enqueue(data('graceful'));
    await until(async () => (await queue.queue.getJob(job.jobId))?.getState().then((s) => s === 'active'), 'the run to start');
    await running.close();
    worker = undefined;
    const runs = await store.listRuns({ syncId: 'graceful' });
    expect(runs).toMatchObject([{ status: 'succeeded', counts: { created: RECORDS } }]);
    expect(await queue.queue.getJob(job.jobId)).toBeUndefined(); // completed and removed, not left active
    expect(events.filter((e) => e.type === 'failed')).toEqual([]);
  }, 60_000);

  it("runs a sync on its schedule, and computes fire times in the schedule's time zone", async () => {
    const tokyo = { cron: '0 0 9 * * *', timezone: 'Asia/Tokyo' };
    const planned = await queue.schedule(data('tz'), tokyo);
    expect(planned.next).toBe(cronOf(tokyo).nextRun(new Date())?.getTime());
    expect(new Date(planned.next!).getUTCHours()).toBe(0); // 09:00 in Tokyo
    expect(await queue.unschedule(data('tz'))).toBe(true);

    // Every second: the first fire is at most a second away.
    await queue.schedule(data('tick'), { cron: '* * * * * *' });
    startWorker();
    const run = await until(async () => (await store.listRuns({ syncId: 'tick' })).find((r) => r.status === 'succeeded'), 'a scheduled run');
    expect(run.counts.created).toBe(RECORDS);
    expect(await queue.unschedule(data('tick'))).toBe(true);
    expect(await queue.queue.getJobSchedulers()).toEqual([]);
  }, 60_000);

  it('skips a scheduled run that starts more than a minute late under missed: skip', async () => {
    const late = { now: () => Date.now() + 5 * 60_000, sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, ms)) };
    startWorker({ clock: late });
    await queue.queue.add('sync', { ...data('late'), missed: 'skip' }, { removeOnComplete: false });
    const done = await until(async () => events.find((e) => e.type === 'completed'), 'the job');
    expect(done).toMatchObject({ result: { status: 'skipped' } });
    expect(await store.listRuns({ syncId: 'late' })).toEqual([]);
  }, 60_000);

  it('says which Redis it could not reach, with the password hidden', async () => {
    const port = await freePort();
    await expect(connectRedis(`redis://worker:hunter22@127.0.0.1:${port}`)).rejects.toMatchObject({
      code: 'CG_QUEUE_REDIS',
      message: expect.stringContaining(`redis://worker:***@127.0.0.1:${port}`),
    });
    await expect(connectRedis(`redis://worker:hunter22@127.0.0.1:${port}`)).rejects.not.toMatchObject({ message: expect.stringContaining('hunter22') });
    await expect(connectRedis('http://127.0.0.1:6379')).rejects.toMatchObject({ code: 'CG_QUEUE_REDIS_URL' });
  });
});
