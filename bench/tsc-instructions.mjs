#!/usr/bin/env node
// Instructions tsc (TypeScript 7's native binary) executes to type-check each given project, counted
// by valgrind's callgrind: one OS thread, the garbage collector off, asynchronous preemption off, so
// the count repeats to within 0.5% however loaded the machine is (wall and CPU time swing 2x on the
// shared 2-core machine). It leaves out GC, so it measures the checker's work, not the run's time.
//
//   node bench/tsc-instructions.mjs DIR... [-- tsc args, e.g. --declaration false --singleThreaded]
//
// bench/results/output.md (the 2026-11-30 evening section) used it for A/B copies of a generated
// package with one kind of emitted code changed or removed. Needs valgrind (`apt-get install valgrind`).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repoRoot } from './lib/cache.mjs';

const argv = process.argv.slice(2);
const split = argv.indexOf('--');
const dirs = split < 0 ? argv : argv.slice(0, split);
const tscArgs = split < 0 ? [] : argv.slice(split + 1);
const binary = path.join(repoRoot, 'node_modules', '@typescript', `typescript-${process.platform}-${process.arch}`, 'lib', 'tsc');
const scratch = mkdtempSync(path.join(tmpdir(), 'tsc-instructions-'));
const env = { ...process.env, GOGC: 'off', GODEBUG: 'asyncpreemptoff=1', GOMAXPROCS: '1' };
for (const dir of dirs) {
  const args = ['--tool=callgrind', `--callgrind-out-file=${path.join(scratch, 'out')}`, binary, '-p', dir, '--noEmit', ...tscArgs];
  const run = spawnSync('valgrind', args, { encoding: 'utf8', env, maxBuffer: 1 << 26 });
  const count = /Collected : (\d+)/.exec(run.stderr ?? '')?.[1];
  const errors = ((run.stdout ?? '').match(/error TS\d+/g) ?? []).length;
  console.log(`${dir}\t${count === undefined ? `failed: ${(run.error?.message ?? run.stderr ?? '').trim().split('\n').at(-1)}` : `${(Number(count) / 1e6).toFixed(1)} M instructions`}\t${errors} errors`);
}
rmSync(scratch, { recursive: true, force: true });
