/**
 * RPA runs through the queue: real Redis, real Chromium, a form served on 127.0.0.1. The secret
 * input travels as an environment reference, never as its value, and a literal secret is refused.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadJob } from '../../rpa/job/load.js';
import { RpaRunner } from '../../rpa/runner.js';
import { openRunStore, type SqliteRunStore } from '../../rpa/store/sqlite.js';
import { chromiumPath } from '../../testing/chromium.js';
import { describeWithRedis, startRedis, type TestRedis } from '../../testing/redis.js';
import { startRpaSite, type RpaSite } from '../../testing/rpa-site.js';
import { connectRedis } from './redis.js';
import { RpaQueue, startRpaWorker, type RpaJobResult } from './rpa.js';
import type { QueueWorker, WorkerEvent } from './worker.js';

const specs = path.resolve(import.meta.dirname, '../../../../specs/rpa');
const SECRET = 'hunter2-queued-secret';

describeWithRedis('RPA runs on the BullMQ queue', () => {
  let redis: TestRedis;
  let connection: Redis;
  let site: RpaSite;
  let dir: string;
  let store: SqliteRunStore;
  let runner: RpaRunner;
  let worker: QueueWorker;
  let queue: RpaQueue;
  const events: WorkerEvent[] = [];

  beforeAll(async () => {
    redis = await startRedis();
    connection = await connectRedis(redis.url);
    site = await startRpaSite();
    dir = mkdtempSync(path.join(tmpdir(), 'cg-rpa-queue-'));
    store = openRunStore(path.join(dir, 'connectgen.db'));
    runner = new RpaRunner({ ...(chromiumPath ? { chromiumPath } : {}), store });
    queue = new RpaQueue(connection);
    worker = startRpaWorker({ connection, runner, load: loadJob, env: { APPLY_PASSWORD: SECRET }, onEvent: (e) => events.push(e) });
  }, 60_000);
  afterAll(async () => {
    await worker?.close();
    await queue?.close();
    await runner?.close();
    await store?.close();
    connection?.disconnect();
    await site?.close();
    await redis?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it.skipIf(!chromiumPath)(`runs a queued job in the worker browser, the secret read from the worker environment${chromiumPath ? '' : " [skipped: no Chromium; install Debian's chromium package or set CHROMIUM_PATH]"}`, async () => {
    const file = path.join(specs, 'apply.yaml');
    const inputs = { baseUrl: site.origin, name: 'Ada Lovelace', email: 'ada@example.org', plan: 'pro', password: { env: 'APPLY_PASSWORD' } };
    const id = await queue.enqueue({ job: file, inputs }, await loadJob(file));
    const job = (await queue.queue.getJob(id))!;
    expect(JSON.stringify(job.data)).not.toContain(SECRET);

    const deadline = Date.now() + 90_000;
    while (!(await job.isCompleted()) && !(await job.isFailed()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const done = (await queue.queue.getJob(id))!;
    expect(done.failedReason).toBeUndefined();
    const result = done.returnvalue as RpaJobResult;
    expect(result).toMatchObject({ status: 'succeeded', outputs: { confirmation: expect.stringMatching(/^CN-\d+$/) } });
    expect(site.submissions.at(-1)).toMatchObject({ name: 'Ada Lovelace', password: SECRET });
    const record = (await store.get(result.recordId))!;
    expect(record.outputs).toEqual(result.outputs);
    expect(JSON.stringify(record)).not.toContain(SECRET);
    expect(events.filter((e) => e.type === 'failed')).toEqual([]);
  }, 120_000);

  it('refuses to put a secret input into Redis as given', async () => {
    const file = path.join(specs, 'apply.yaml');
    const inputs = { baseUrl: site.origin, name: 'Ada', email: 'ada@example.org', plan: 'pro', password: SECRET };
    await expect(queue.enqueue({ job: file, inputs }, await loadJob(file))).rejects.toMatchObject({ code: 'CG_QUEUE_SECRET_INPUT', pointer: '/inputs/password' });
    expect(await queue.queue.getJobCounts('waiting', 'active')).toEqual({ waiting: 0, active: 0 });
  });
});
