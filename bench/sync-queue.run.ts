/**
 * Scale-out sync throughput: records/s from a paginated 127.0.0.1 API into PostgreSQL with the audit
 * trail on, in process (no queue) and through 1 and 3 BullMQ worker processes (Redis). One sync runs
 * on one worker at a time, so the load is SYNCS syncs of RECORDS records each, all enqueued at once;
 * the time runs from the enqueue to the last run's end. Writes bench/results/sync.md (the queue
 * section), beside the SQLite figures of bench/sync-throughput.mjs.
 *
 *   npx tsc -b runtime && npx vitest run --config bench/vitest.config.ts sync-queue
 *   BENCH_SYNCS=6 BENCH_RECORDS=20000 npx vitest run --config bench/vitest.config.ts sync-queue
 */
import http from 'node:http';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { it } from 'vitest';
import { createClient } from '../runtime/src/client.js';
import { connectRedis } from '../runtime/src/sync/queue/redis.js';
import { SyncQueue } from '../runtime/src/sync/queue/queue.js';
import { runSync } from '../runtime/src/sync/engine/run.js';
import { openPostgresStore } from '../runtime/src/sync/store/postgres/store.js';
import { startPostgres } from '../runtime/src/testing/postgres.js';
import { startWorkerChild, type WorkerChild } from '../runtime/src/testing/queue-workers.js';
import { recordsApiOperations } from '../runtime/src/testing/records-api.js';
import { startRedis } from '../runtime/src/testing/redis.js';
// @ts-expect-error plain JS helper without types
import { writeResultSection } from './lib/results.mjs';

const SYNCS = Number(process.env['BENCH_SYNCS'] ?? 6);
const RECORDS = Number(process.env['BENCH_RECORDS'] ?? 10_000);
const PAGE = 1000;
const RESULTS = path.resolve(import.meta.dirname, 'results/sync.md');

/** Synthetic users, generated per page: the server costs next to nothing. */
function startSource(): Promise<{ origin: string; close(): void }> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const offset = Number(url.searchParams.get('offset') ?? 0);
    const n = Math.max(0, Math.min(Number(url.searchParams.get('limit') ?? PAGE), RECORDS - offset));
    const items = Array.from({ length: n }, (_, i) => ({ id: `u${offset + i}`, email: `user${offset + i}@example.com`, name: `User ${offset + i}`, meta: { updated_at: '2026-01-01T00:00:00Z', plan: 'pro' } }));
    const body = JSON.stringify({ items });
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
  server.keepAliveTimeout = 60_000;
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ origin: `http://127.0.0.1:${(server.address() as { port: number }).port}`, close: () => server.close() })));
}

const definition = (id: string) => ({ id, mode: 'full', idPath: 'id', pageSize: PAGE, source: { action: 'listItems' }, destination: { store: id }, audit: { sensitive: ['email'] } });

it('sync throughput into PostgreSQL: in process, through 1 and 3 BullMQ workers', async () => {
  const [redis, postgres, source] = await Promise.all([startRedis(), startPostgres(), startSource()]);
  const ids = Array.from({ length: SYNCS }, (_, i) => `bench${i}`);
  const rows: string[] = [];
  const total = SYNCS * RECORDS;
  try {
    // In process, one sync after another: the store's own pace, without the queue.
    {
      const url = await postgres.newDatabase();
      const store = await openPostgresStore(url);
      const client = createClient({ name: 'bench', version: '1.0.0', servers: [{ url: source.origin }], auth: {} }, { rateLimit: false });
      const listItems = client.paginatedAction(recordsApiOperations.listItems as never);
      const started = performance.now();
      for (const id of ids) {
        const run = await runSync({ ...definition(id), source: { action: 'listItems', connector: { listItems } } } as never, { store });
        if (run.status !== 'succeeded') throw new Error(`${id}: ${run.status}`);
      }
      rows.push(row('in process, no queue (one sync after another)', total, performance.now() - started));
      await client.close();
      await store.close();
    }
    for (const count of [1, 3]) {
      const url = await postgres.newDatabase();
      const config = { redis: redis.url, store: url, origin: source.origin, operations: recordsApiOperations, definitions: Object.fromEntries(ids.map((id) => [id, definition(id)])), worker: { prefix: `w${count}` } };
      const workers: WorkerChild[] = await Promise.all(Array.from({ length: count }, () => startWorkerChild(config)));
      const connection = await connectRedis(redis.url);
      const queue = new SyncQueue(connection, { prefix: `w${count}` });
      const store = await openPostgresStore(url);
      try {
        const started = performance.now();
        for (const id of ids) await queue.enqueue({ sync: id, syncId: id, connectionId: '' });
        for (;;) {
          const runs = await store.listRuns({ limit: 100 });
          if (runs.filter((r) => r.status === 'succeeded').length === SYNCS) break;
          const bad = runs.find((r) => r.status !== 'succeeded' && r.status !== 'running');
          if (bad) throw new Error(`run ${bad.syncId} ended ${bad.status}: ${bad.errors.join('; ')}`);
          await new Promise((r) => setTimeout(r, 50));
        }
        rows.push(row(`${count} BullMQ worker process${count > 1 ? 'es' : ''}`, total, performance.now() - started));
      } finally {
        await Promise.all(workers.map((w) => w.stop()));
        await queue.close();
        connection.disconnect();
        await store.close();
      }
    }
  } finally {
    source.close();
    await redis.stop();
    await postgres.stop();
  }
  const section = [
    '## Into PostgreSQL, through BullMQ workers',
    '',
    `\`npx vitest run --config bench/vitest.config.ts sync-queue\` (bench/sync-queue.run.ts): ${SYNCS} syncs of ${RECORDS.toLocaleString('en-US')} records, ${PAGE} a page, audit trail on, full runs (every record created); a throwaway PostgreSQL (fsync off) and Redis on 127.0.0.1.`,
    `Machine: ${cpus().length} cores, load average ${loadavg()[0]!.toFixed(1)} at the end (shared with other work). One sync runs on one worker at a time, so more workers help only with several syncs, and only where there are free cores: workers (and PostgreSQL, Redis, the source) share the same CPUs here.`,
    '',
    '| setup | records | seconds | records/s |',
    '|---|---:|---:|---:|',
    ...rows,
    '',
  ].join('\n');
  console.log(section);
  writeResultSection(RESULTS, 'Sync throughput', section);
}, 3_600_000);

function row(label: string, records: number, ms: number): string {
  return `| ${label} | ${records.toLocaleString('en-US')} | ${(ms / 1000).toFixed(1)} | ${Math.round(records / (ms / 1000)).toLocaleString('en-US')} |`;
}
