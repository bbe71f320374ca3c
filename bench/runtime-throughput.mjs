/**
 * Runtime bench, connectgen against the fastest thing a skilled undici user would write, on the same
 * 127.0.0.1 server in the same run:
 *
 *   calls   one action (apiKey header, retry policy, rate limiter, timeout, JSON parse; hooks left at
 *           their default) vs an undici `Pool` on the origin with `pool.request()` + `body.json()`,
 *           sequential and at concurrency 32: req/s, client CPU µs/req, peak RSS while each side ran.
 *   all     `.all()` over 1,000,000 items (offset pagination, 1,000 a page) vs a hand-written paging
 *           loop (Pool.request per page, JSON parse, yield items): items/s, heap used at start, mid
 *           (500,000 items) and end.
 *   import  `import('@connectgen/runtime')` in a fresh node vs bare node and vs `import('undici')`
 *           (the floor: the runtime cannot load less than its HTTP client): wall and CPU ms.
 *
 *   npx tsc -b runtime && node --expose-gc bench/runtime-throughput.mjs [--seconds 1] [--rounds 11]
 *       [--all-rounds 3] [--import-runs 15] [--only calls,all,import] [--before <runtime dir>]
 *
 * `--before` runs another build of the runtime (a checkout of an earlier commit's runtime/, built)
 * as a third contestant, so before/after come from the same run too.
 *
 * The machine is shared, so every figure is paired: rounds run every side in turn (the starting
 * side rotating), each round yields a ratio to the baseline, and the median ratio is the figure to
 * read. Client CPU per request is printed with its own ratio: on a loaded machine it moves far less
 * than wall-clock rates. The server runs in a child process so it does not compete with the client.
 */
import { fork } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Pool } from 'undici';
import { runMeasured } from './lib/run.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const TOTAL_ITEMS = 1_000_000;
const PAGE = 1000;

const args = parseArgs(process.argv.slice(2));
if (args.serve) serve();
else await main();

function parseArgs(argv) {
  const out = { seconds: 1, rounds: 11, allRounds: 3, importRuns: 15, only: new Set(['calls', 'all', 'import']), serve: false, before: undefined };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === 'serve') out.serve = true;
    else if (a === '--seconds') out.seconds = Number(argv[++i]);
    else if (a === '--rounds') out.rounds = Number(argv[++i]);
    else if (a === '--all-rounds') out.allRounds = Number(argv[++i]);
    else if (a === '--import-runs') out.importRuns = Number(argv[++i]);
    else if (a === '--only') out.only = new Set(argv[++i].split(','));
    else if (a === '--before') out.before = path.resolve(argv[++i]);
    else throw new Error(`unknown argument ${a}`);
  }
  return out;
}

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
  console.log(`node ${process.version}, ${new Date().toISOString()}, load average ${(await import('node:os')).loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  if (args.only.has('import')) await importTime();
  if (!args.only.has('calls') && !args.only.has('all')) return;

  // `--before <dir>`: another build of the runtime (e.g. the last commit's) runs as a third contestant.
  const runtimes = [['connectgen', path.join(here, '../runtime/dist/index.js')]];
  if (args.before) runtimes.push(['before', path.join(args.before, 'dist/index.js')]);
  const child = fork(fileURLToPath(import.meta.url), ['serve'], { stdio: 'inherit' });
  const { port } = await new Promise((resolve) => child.once('message', resolve));
  const origin = `http://127.0.0.1:${port}`;
  try {
    const clients = [];
    for (const [name, entry] of runtimes) {
      const { createClient } = await import(entry);
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
      clients.push([name, client]);
    }
    // The baseline's pool has the same keep-alive settings as the runtime's Agent.
    const pool = new Pool(origin, { keepAliveTimeout: 30_000, keepAliveMaxTimeout: 600_000 });
    const headers = { 'x-api-key': 'bench-key', accept: 'application/json', 'user-agent': 'bench/1.0.0' };
    if (args.only.has('calls')) await calls(clients, pool, headers);
    if (args.only.has('all')) await all(clients, pool, headers);
    for (const [, client] of clients) await client.close();
    await pool.close();
  } finally {
    child.kill();
  }
}

/** One small GET per call: the per-request overhead of every layer. */
async function calls(clients, pool, headers) {
  const operation = {
    id: 'itemGet',
    method: 'GET',
    path: '/item/{id}',
    parameters: [
      { name: 'id', key: 'id', in: 'path', required: true },
      { name: 'fields', key: 'fields', in: 'query', explode: false },
    ],
    response: 'json',
  };
  // The same request on the wire: path, query, the key, accept and user-agent headers, JSON body parsed.
  const baseline = async (i) => {
    const { statusCode, body } = await pool.request({ path: `/item/${i}?fields=id,name`, method: 'GET', headers });
    if (statusCode !== 200) throw new Error(`status ${statusCode}`);
    return body.json();
  };
  const sides = [['undici Pool', baseline]];
  for (const [name, client] of clients) {
    const getItem = client.action(operation);
    sides.push([name, (i) => getItem({ id: i, fields: ['id', 'name'] })]);
  }

  console.log(`\none action vs undici Pool.request, ${args.rounds} interleaved rounds of ${args.seconds} s; ratio = side / undici Pool, median of per-round ratios`);
  for (const concurrency of [1, 32]) {
    for (const [, fn] of sides) await measure(fn, concurrency, 0.5); // warm every path, its pool and the JIT
    const rounds = await interleaved(args.rounds, sides.map(([, fn]) => () => measure(fn, concurrency, args.seconds)));
    console.log(concurrency === 1 ? 'sequential' : `concurrency ${concurrency}`);
    report(sides, rounds, 'req/s', 'µs/req');
  }
}

/** One line per side: median rate, median per-round ratio to side 0, CPU per op and its ratio, peak RSS. */
function report(sides, rounds, unit, cpuUnit) {
  for (const [i, [name]] of sides.entries()) {
    const rate = median(rounds.map((r) => r[i].rate));
    const cpu = median(rounds.map((r) => r[i].cpuUs));
    const line = `  ${name.padEnd(12)} ${rate.toFixed(0).padStart(7)} ${unit}   CPU ${cpu.toFixed(2).padStart(7)} ${cpuUnit}   peak RSS ${mb(Math.max(...rounds.map((r) => r[i].peakRss)))} MB`;
    if (i === 0) console.log(line);
    else {
      console.log(
        `${line}   ratio ${ratioSummary(rounds, (r) => r[i].rate / r[0].rate)}   CPU ratio (baseline CPU / ours) ${ratioSummary(rounds, (r) => r[0].cpuUs / r[i].cpuUs)}`,
      );
    }
  }
}

/** `fn(i)` in `concurrency` workers for `seconds`: rate, CPU per op, peak RSS sampled meanwhile. */
async function measure(fn, concurrency, seconds) {
  let count = 0;
  let peakRss = process.memoryUsage.rss();
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 50);
  const cpu = process.cpuUsage();
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const worker = async () => {
    while (performance.now() < deadline) {
      await fn(count);
      count++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage.rss());
  return { rate: count / elapsed, cpuUs: (used.user + used.system) / count, peakRss };
}

/** Streams a million items through both paging loops, in turn, with heap used at start/mid/end. */
async function all(clients, pool, headers) {
  const operation = {
    id: 'itemsList',
    method: 'GET',
    path: '/items',
    parameters: [],
    response: 'json',
    pagination: { type: 'offset', offsetParam: 'offset', pageSizeParam: 'limit', defaultPageSize: PAGE, resultsKey: 'data' },
  };
  // What a person writes by hand against the same API: a page at a time, stop on an empty page.
  async function* handWritten() {
    for (let offset = 0; ; offset += PAGE) {
      const { statusCode, body } = await pool.request({ path: `/items?offset=${offset}&limit=${PAGE}`, method: 'GET', headers });
      if (statusCode !== 200) throw new Error(`status ${statusCode}`);
      const { data } = await body.json();
      if (data.length === 0) return;
      // A for-of yield, not `yield* data`: the faster of the two (yield* wraps the array's iterator).
      for (const item of data) yield item;
    }
  }
  const stream = async (items) => {
    global.gc?.();
    const heap = { start: process.memoryUsage().heapUsed, mid: 0, end: 0, peak: 0 };
    let peakRss = process.memoryUsage.rss();
    let count = 0;
    let sum = 0;
    const cpu = process.cpuUsage();
    const started = performance.now();
    for await (const item of items) {
      count++;
      sum += item.id;
      if (count % (50 * PAGE) === 0) {
        const used = process.memoryUsage();
        heap.peak = Math.max(heap.peak, used.heapUsed);
        peakRss = Math.max(peakRss, used.rss);
        if (count === TOTAL_ITEMS / 2) heap.mid = used.heapUsed;
      }
    }
    const seconds = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);
    heap.end = process.memoryUsage().heapUsed;
    if (count !== TOTAL_ITEMS || sum !== (TOTAL_ITEMS * (TOTAL_ITEMS - 1)) / 2) throw new Error(`streamed ${count} items, sum ${sum}: not each item exactly once`);
    return { rate: count / seconds, cpuUs: (used.user + used.system) / count, heap, peakRss };
  };

  const sides = [['hand-written', () => stream(handWritten())]];
  for (const [name, client] of clients) {
    const listItems = client.paginatedAction(operation);
    sides.push([name === 'connectgen' ? '.all()' : `.all() ${name}`, () => stream(listItems.all({}))]);
  }
  console.log(`\n.all() over ${TOTAL_ITEMS.toLocaleString('en')} items (${PAGE} a page) vs a hand-written Pool.request paging loop, ${args.allRounds} interleaved rounds`);
  const rounds = await interleaved(args.allRounds, sides.map(([, run]) => run));
  report(sides, rounds, 'items/s', 'µs/item');
  for (const [i, [name]] of sides.entries()) {
    const { heap } = rounds.at(-1)[i];
    console.log(
      `  heap used ${name.padEnd(17)} start ${mb(heap.start)} MB, mid ${mb(heap.mid)} MB, end ${mb(heap.end)} MB (peak ${mb(heap.peak)} MB; last round)` +
        (global.gc ? '' : ' (run with --expose-gc for exact start figures)'),
    );
  }
}

/** Cold import in a fresh node, against bare node and against undici alone, interleaved. */
async function importTime() {
  const runtime = path.join(here, '../runtime/dist/index.js');
  const before = args.before ? path.join(args.before, 'dist/index.js') : undefined;
  const cases = [
    ['node, nothing imported', ''],
    ...(before ? [["import('@connectgen/runtime') before", `await import(${JSON.stringify(before)})`]] : []),
    ["import('undici')", `await import('undici')`],
    ["import('@connectgen/runtime')", `await import(${JSON.stringify(runtime)})`],
    // What a connector with mappings pays: the heavy libraries load on first use, not never.
    ['  + compileMapping(format_date, format_phone)', `const m = await import(${JSON.stringify(runtime)}); const r = m.compileMapping({ mappings: [{ source: 'd', target: 'd', transformation: 'format_date', format: 'yyyy-MM-dd' }, { source: 'p', target: 'p', transformation: 'format_phone', country: 'US' }] })({ d: '2026-01-02T03:04:05Z', p: '2015550123' }); if (!r.ok) throw new Error(JSON.stringify(r))`],
  ];
  const samples = cases.map(() => ({ ms: [], cpu: [], rss: [] }));
  for (let run = 0; run < args.importRuns; run++) {
    for (const [i, [, code]] of cases.entries()) {
      const r = await runMeasured(process.execPath, ['--input-type=module', '-e', code], { cwd: path.join(here, '../runtime') });
      if (r.code !== 0) throw new Error(`import case ${i} failed: ${r.stderr}`);
      samples[i].ms.push(r.ms);
      if (r.cpuS !== null) samples[i].cpu.push(r.cpuS * 1000);
      if (r.peakRssMb !== null) samples[i].rss.push(r.peakRssMb);
    }
  }
  console.log(`\ncold import, fresh node each time, median of ${args.importRuns} interleaved runs (process total; CPU = user + system)`);
  for (const [i, [name]] of cases.entries()) {
    const s = samples[i];
    console.log(
      `${name.padEnd(46)} wall ${median(s.ms).toFixed(0).padStart(5)} ms   CPU ${s.cpu.length ? median(s.cpu).toFixed(0).padStart(5) : '    ?'} ms   peak RSS ${s.rss.length ? median(s.rss).toFixed(0) : '?'} MB`,
    );
  }
}

/** `rounds` rounds of every side, the starting side rotating each round; results as [round][side]. */
async function interleaved(rounds, sides) {
  const out = [];
  for (let r = 0; r < rounds; r++) {
    const round = new Array(sides.length);
    for (let k = 0; k < sides.length; k++) {
      const i = (r + k) % sides.length;
      round[i] = await sides[i]();
    }
    out.push(round);
  }
  return out;
}

function ratioSummary(rounds, ratio) {
  const ratios = rounds.map(ratio).sort((x, y) => x - y);
  return `${median(ratios).toFixed(3)}x (rounds ${ratios[0].toFixed(2)}-${ratios.at(-1).toFixed(2)})`;
}

function median(values) {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function mb(bytes) {
  return (bytes / 1024 / 1024).toFixed(1);
}
