/**
 * Sync throughput bench: records/second of `runSync` from a paginated 127.0.0.1 API (offset
 * pagination, 1,000 records a page) into the SQLite store with the audit trail on, for a first
 * full run (every record created) and a second one (every record unchanged: skipped, audited),
 * plus the client CPU time per record, which a shared machine disturbs less than wall time.
 *
 *   npx tsc -b runtime && node bench/sync-throughput.mjs [records] [rounds]
 *
 * The server runs in a child process so it does not compete with the sync for the event loop.
 * Target (issue 12): at least 20,000 records/s on one core with the audit trail on. Writes its
 * section of bench/results/sync.md; the same into PostgreSQL through 1 and 3 BullMQ workers is
 * bench/sync-queue.run.ts.
 */
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeResultSection } from './lib/results.mjs';

const RECORDS = Number(process.argv[2] ?? 200_000);
const ROUNDS = Number(process.argv[3] ?? 3);
const PAGE = 1000;

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
  const { openSqliteStore, runSync } = await import('../runtime/dist/sync/index.js');
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

  console.log(`sync ${RECORDS.toLocaleString('en-US')} records, ${PAGE} a page, into SQLite with the audit trail on (best of ${ROUNDS})`);
  const best = { first: undefined, second: undefined };
  for (let round = 0; round < ROUNDS; round++) {
    const dir = mkdtempSync(path.join(tmpdir(), 'cg-sync-bench-'));
    const store = openSqliteStore(path.join(dir, 'sync.db'));
    try {
      for (const which of ['first', 'second']) {
        const cpu = process.cpuUsage();
        const started = performance.now();
        const run = await runSync(definition, { store });
        const seconds = (performance.now() - started) / 1000;
        const used = process.cpuUsage(cpu);
        if (run.status !== 'succeeded' || run.counts.read !== RECORDS) throw new Error(`run ended ${run.status}: ${JSON.stringify(run.counts)}`);
        const result = { rate: RECORDS / seconds, cpuUsPerRecord: (used.user + used.system) / RECORDS, seconds };
        if (!best[which] || result.rate > best[which].rate) best[which] = result;
      }
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const rows = [];
  for (const [which, label] of [['first', 'first run (all created)'], ['second', 'second run (all unchanged)']]) {
    const r = best[which];
    console.log(`${label.padEnd(28)} ${Math.round(r.rate).toLocaleString('en-US').padStart(8)} records/s  ${r.cpuUsPerRecord.toFixed(1)} µs CPU/record  ${r.seconds.toFixed(2)} s`);
    rows.push(`| ${label} | ${Math.round(r.rate).toLocaleString('en-US')} | ${r.cpuUsPerRecord.toFixed(1)} | ${r.seconds.toFixed(2)} |`);
  }
  writeResultSection(path.join(path.dirname(fileURLToPath(import.meta.url)), 'results/sync.md'), 'Sync throughput', [
    '## Into SQLite, in process',
    '',
    `\`node bench/sync-throughput.mjs ${RECORDS} ${ROUNDS}\`: ${RECORDS.toLocaleString('en-US')} records, ${PAGE} a page, audit trail on, best of ${ROUNDS}; ${os.cpus().length} cores, load average ${os.loadavg()[0].toFixed(1)} (shared machine). Target: 20,000 records/s on one core.`,
    '',
    '| run | records/s | µs CPU/record | seconds |',
    '|---|---:|---:|---:|',
    ...rows,
  ].join('\n'));
  await client.close();
  child.kill();
}
