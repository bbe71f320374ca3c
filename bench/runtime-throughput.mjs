/**
 * Runtime throughput bench: requests/second of a createClient action (apiKey auth, retry and a
 * generous rate limit all on) against raw `undici.request`, on the same 127.0.0.1 server in the
 * same run, sequentially and at concurrency 32; then `.all()` over 1,000,000 items with heap growth.
 *
 *   npx tsc -b runtime && node --expose-gc bench/runtime-throughput.mjs [seconds-per-round] [rounds]
 *
 * The server runs in a child process so it does not compete with the client for the event loop.
 * Rounds alternate raw/runtime and the best of each is kept, which damps noise from a shared
 * machine; client CPU time per request is printed too, as it is far less sensitive to that noise.
 */
import { fork } from 'node:child_process';
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import { Agent, request } from 'undici';

const SECONDS = Number(process.argv[2] ?? 2);
const ROUNDS = Number(process.argv[3] ?? 5);
const TOTAL_ITEMS = 1_000_000;
const PAGE = 1000;

if (process.argv[2] === 'serve') serve();
else await main();

function serve() {
  const small = JSON.stringify({ id: 1, name: 'widget', price: 9.99, tags: ['a', 'b'] });
  const server = http.createServer((req, res) => {
    if (req.headers['x-api-key'] !== 'bench-key') {
      res.writeHead(401).end();
      return;
    }
    if (req.url.startsWith('/items?')) {
      // Pages are generated on request: nothing about the list is held in memory.
      const offset = Number(new URL(req.url, 'http://x').searchParams.get('offset') ?? 0);
      const n = Math.max(0, Math.min(PAGE, TOTAL_ITEMS - offset));
      const items = Array.from({ length: n }, (_, i) => ({ id: offset + i, name: `item-${offset + i}`, active: true }));
      const body = JSON.stringify({ data: items });
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      res.end(body);
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(small) });
    res.end(small);
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
}

async function main() {
  const { createClient } = await import('../runtime/dist/index.js');
  const child = fork(fileURLToPath(import.meta.url), ['serve'], { stdio: 'inherit' });
  const { port } = await new Promise((resolve) => child.once('message', resolve));
  const origin = `http://127.0.0.1:${port}`;

  const client = createClient(
    {
      name: 'bench',
      version: '1.0.0',
      servers: [{ url: origin }],
      auth: { key: { type: 'apiKey', in: 'header', name: 'X-API-Key' } },
      retry: { maxAttempts: 3 },
      rateLimit: { requests: 1_000_000, intervalMs: 1000, burst: 1000, concurrency: 64 },
      timeoutMs: 10_000,
    },
    { auth: { apiKey: 'bench-key' } },
  );
  const getItem = client.action({
    id: 'itemGet',
    method: 'GET',
    path: '/item/{id}',
    parameters: [
      { name: 'id', key: 'id', in: 'path', required: true },
      { name: 'fields', key: 'fields', in: 'query', explode: false },
    ],
    response: 'json',
  });
  const listItems = client.paginatedAction({
    id: 'itemsList',
    method: 'GET',
    path: '/items',
    parameters: [],
    response: 'json',
    pagination: { type: 'offset', offsetParam: 'offset', pageSizeParam: 'limit', defaultPageSize: PAGE, resultsKey: 'data' },
  });

  // Raw undici does the same work: same URL shape, same header, body parsed as JSON.
  const raw = async (i) => {
    const { statusCode, body } = await request(`${origin}/item/${i}?fields=id,name`, { headers: { 'x-api-key': 'bench-key', accept: 'application/json' } });
    if (statusCode !== 200) throw new Error(`status ${statusCode}`);
    return body.json();
  };
  const ours = (i) => getItem({ id: i, fields: ['id', 'name'] });

  const measure = async (fn, concurrency) => {
    let count = 0;
    const cpu = process.cpuUsage();
    const deadline = performance.now() + SECONDS * 1000;
    const worker = async () => {
      while (performance.now() < deadline) {
        await fn(count);
        count++;
      }
    };
    const started = performance.now();
    await Promise.all(Array.from({ length: concurrency }, worker));
    const used = process.cpuUsage(cpu);
    return { rps: count / ((performance.now() - started) / 1000), cpuUs: (used.user + used.system) / count };
  };

  const results = {};
  for (const concurrency of [1, 32]) {
    await measure(raw, concurrency); // warm both paths and their pools
    await measure(ours, concurrency);
    const best = { raw: 0, ours: 0, rawCpu: Infinity, oursCpu: Infinity };
    for (let r = 0; r < ROUNDS; r++) {
      const a = await measure(raw, concurrency);
      const b = await measure(ours, concurrency);
      best.raw = Math.max(best.raw, a.rps);
      best.ours = Math.max(best.ours, b.rps);
      best.rawCpu = Math.min(best.rawCpu, a.cpuUs);
      best.oursCpu = Math.min(best.oursCpu, b.cpuUs);
    }
    results[concurrency] = best;
    const label = concurrency === 1 ? 'sequential    ' : `concurrency ${concurrency}`;
    console.log(
      `${label}  raw undici ${best.raw.toFixed(0).padStart(6)} req/s   createClient ${best.ours.toFixed(0).padStart(6)} req/s   ratio ${(best.ours / best.raw).toFixed(3)}x` +
        `   (client CPU ${best.rawCpu.toFixed(1)} vs ${best.oursCpu.toFixed(1)} µs/req)`,
    );
  }

  // Streaming a million items: heap should stay flat because pages are dropped as they are consumed.
  global.gc?.();
  const baseline = process.memoryUsage().heapUsed;
  let peak = baseline;
  let count = 0;
  let sum = 0;
  const started = performance.now();
  for await (const item of listItems.all({})) {
    count++;
    sum += item.id;
    if (count % PAGE === 0) peak = Math.max(peak, process.memoryUsage().heapUsed);
  }
  const seconds = (performance.now() - started) / 1000;
  global.gc?.();
  const after = process.memoryUsage().heapUsed;
  const expectedSum = (TOTAL_ITEMS * (TOTAL_ITEMS - 1)) / 2;
  console.log(
    `.all() over ${count.toLocaleString('en')} items in ${seconds.toFixed(1)} s (${(count / seconds).toFixed(0)} items/s), ` +
      `${sum === expectedSum ? 'each exactly once' : 'SUM MISMATCH'}; heap growth peak ${mb(peak - baseline)} MB, retained ${mb(after - baseline)} MB` +
      (global.gc ? '' : ' (run with --expose-gc for exact figures)'),
  );

  await client.close();
  child.kill();
}

function mb(bytes) {
  return (bytes / 1024 / 1024).toFixed(1);
}
