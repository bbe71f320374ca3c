/**
 * Sync throughput bench: records/second of `runSync` from a paginated 127.0.0.1 API (offset
 * pagination, 1,000 records a page) into the SQLite store with the audit trail on, for a first
 * full run (every record created) and a second one (every record unchanged: skipped, audited),
 * plus the client CPU time per record, which a shared machine disturbs less than wall time.
 * Measured against a baseline in the same process and rounds: the same pages read with undici's
 * Pool.request, parsed, and inserted by hand into a SQLite table (one prepared INSERT, a transaction
 * a page, WAL): the floor of "HTTP + JSON + SQLite" without ledger, audit, hashing or checkpoints.
 *
 *   npx tsc -b runtime && node bench/sync-throughput.mjs [records] [rounds]
 *   SYNC_BENCH_POSTGRES=postgres://user@127.0.0.1:5432/db node bench/sync-throughput.mjs [records] [rounds]
 *
 * With SYNC_BENCH_POSTGRES the sync runs into the PostgreSQL store instead (each round in a fresh
 * schema, `cg_bench_<round>`, dropped after); the baseline stays the SQLite one.
 *
 * The server runs in a child process so it does not compete with the sync for the event loop.
 * Target (issue 12): at least 20,000 records/s on one core with the audit trail on, i.e. at most
 * 50 µs of CPU per record. Results and what took the time: bench/results/sync.md. The same into
 * PostgreSQL through 1 and 3 BullMQ workers: bench/sync-queue.run.ts.
 */
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const RECORDS = Number(process.argv[2] ?? 200_000);
const ROUNDS = Number(process.argv[3] ?? 3);
const PAGE = 1000;
const POSTGRES = process.env.SYNC_BENCH_POSTGRES;

if (process.argv[2] === 'serve') serve(Number(process.argv[3]));
else await main();

function serve(total) {
  const server = http.createServer((req, res) => {
    const offset = Number(new URL(req.url, 'http://x').searchParams.get('offset') ?? 0);
    const n = Math.max(0, Math.min(PAGE, total - offset));
    const items = Array.from({ length: n }, (_, i) => ({
      id: offset + i,
      email: `user${offset + i}@example.com`,
      name: `User ${offset + i}`,
      meta: { updated_at: '2026-01-01T00:00:00Z', plan: 'pro' },
    }));
    const body = JSON.stringify({ items });
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
}

async function main() {
  const { createClient } = await import('../runtime/dist/index.js');
  const { openPostgresStore, openSqliteStore, runSync } = await import('../runtime/dist/sync/index.js');
  const child = fork(fileURLToPath(import.meta.url), ['serve', String(RECORDS)], { stdio: 'inherit' });
  const { port } = await new Promise((resolve) => child.once('message', resolve));
  const client = createClient({ name: 'bench', version: '1.0.0', servers: [{ url: `http://127.0.0.1:${port}` }], auth: {} }, { rateLimit: false });
  const listUsers = client.paginatedAction({
    id: 'listUsers',
    method: 'GET',
    path: '/users',
    parameters: [],
    response: 'json',
    pagination: { type: 'offset', offsetParam: 'offset', pageSizeParam: 'limit', resultsKey: 'items', defaultPageSize: PAGE },
  });
  const definition = {
    id: 'bench',
    mode: 'full',
    idPath: 'id',
    pageSize: PAGE,
    source: { connector: { listUsers }, action: 'listUsers' },
    destination: { store: 'users' },
    audit: { sensitive: ['email'] },
  };

  console.log(`sync ${RECORDS.toLocaleString('en-US')} records, ${PAGE} a page, into ${POSTGRES ? 'PostgreSQL' : 'SQLite'} with the audit trail on (best of ${ROUNDS})`);
  const best = { baseline: undefined, first: undefined, second: undefined };
  const keep = (which, result) => {
    if (!best[which] || result.rate > best[which].rate) best[which] = result;
  };
  for (let round = 0; round < ROUNDS; round++) {
    const dir = mkdtempSync(path.join(tmpdir(), 'cg-sync-bench-'));
    keep('baseline', await measure(() => baseline(port, path.join(dir, 'baseline.db'))));
    const schema = `cg_bench_${round}`;
    const store = POSTGRES ? await openPostgresStore(await freshSchema(POSTGRES, schema)) : openSqliteStore(path.join(dir, 'sync.db'));
    try {
      for (const which of ['first', 'second']) {
        keep(which, await measure(async () => {
          const run = await runSync(definition, { store });
          if (run.status !== 'succeeded' || run.counts.read !== RECORDS) throw new Error(`run ended ${run.status}: ${JSON.stringify(run.counts)}`);
        }));
      }
    } finally {
      await store.close();
      if (POSTGRES) await freshSchema(POSTGRES, schema, { drop: true });
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const rows = [['baseline', 'baseline (undici + INSERT)'], ['first', 'first run (all created)'], ['second', 'second run (all unchanged)']];
  for (const [which, label] of rows) {
    const r = best[which];
    const vs = which === 'baseline' ? '' : `  ${(r.cpuUsPerRecord / best.baseline.cpuUsPerRecord).toFixed(2)}x baseline CPU`;
    // What one core busy only with this process would sustain: a shared machine's wall time is not the sync's.
    const perCore = Math.round(1e6 / r.cpuUsPerRecord).toLocaleString('en-US');
    console.log(`${label.padEnd(28)} ${Math.round(r.rate).toLocaleString('en-US').padStart(8)} records/s wall  ${r.cpuUsPerRecord.toFixed(1)} µs CPU/record = ${perCore.padStart(7)} records/s per core  ${r.seconds.toFixed(2)} s${vs}`);
  }
  await client.close();
  child.kill();
}

/** Wall time and this process's CPU time of `work`, per record. */
async function measure(work) {
  const cpu = process.cpuUsage();
  const started = performance.now();
  await work();
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  return { rate: RECORDS / seconds, cpuUsPerRecord: (used.user + used.system) / RECORDS, seconds };
}

/** The floor: the same pages through undici's Pool and JSON.parse, each inserted by hand in a transaction a page. */
async function baseline(port, file) {
  const { Pool } = await import('undici');
  const { default: Database } = await import('better-sqlite3');
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec('CREATE TABLE records (id TEXT PRIMARY KEY, data TEXT NOT NULL)');
  const insert = db.prepare('INSERT INTO records (id, data) VALUES (?, ?)');
  const writePage = db.transaction((items) => {
    for (const item of items) insert.run(String(item.id), JSON.stringify(item));
  });
  const pool = new Pool(`http://127.0.0.1:${port}`);
  try {
    for (let offset = 0; offset < RECORDS; offset += PAGE) {
      const res = await pool.request({ method: 'GET', path: `/users?offset=${offset}&limit=${PAGE}` });
      const { items } = await res.body.json();
      writePage(items);
    }
  } finally {
    await pool.close();
    db.close();
  }
}

/** An empty schema `name` in the database at `url` (or none, with `drop`); returns a URL whose tables go there. */
async function freshSchema(url, name, { drop = false } = {}) {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${name} CASCADE`);
    if (!drop) await client.query(`CREATE SCHEMA ${name}`);
  } finally {
    await client.end();
  }
  const scoped = new URL(url);
  scoped.searchParams.set('options', `-c search_path=${name}`);
  return scoped.toString();
}
