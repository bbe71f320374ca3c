#!/usr/bin/env node
// Start-up (issue 9): `connectgen generate` on a one-operation spec, where nearly all the time is
// loading code, beside the same spec through oazapfts's CLI, and `node -e 0` (the floor),
// `connectgen --version` (oclif alone), generate with CONNECTGEN_CODE_CACHE=0 (the bundle compiled
// from source, as on a command's first run) and with CONNECTGEN_BUNDLE=0 (the modules tsc wrote
// instead of the bundle in dist/bundle/) as baselines. The code cache is the user's
// (~/.cache/connectgen/code-cache/, or CONNECTGEN_CACHE_DIR); the unmeasured first round writes it. Runs are interleaved (tool A, B, C, D, A, ...)
// so a load spike on this shared machine hits every tool alike; medians of wall and CPU time, and
// the largest peak RSS.
//
//   npm run build && node bench/startup.mjs [--runs 15] [--before /path/to/other/checkout]
//
// --before adds the same generate run through another built checkout (e.g. main before a change).
//
// Target: generate under 0.4 s wall. On a busy machine read the ratio to `node -e 0` and the CPU
// column, which load inflates less.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { installedTools, repoRoot } from './lib/cache.mjs';
import { runMeasured } from './lib/run.mjs';

const { values: opts } = parseArgs({ options: { runs: { type: 'string', default: '15' }, before: { type: 'string' } } });
const runs = Math.max(1, Number(opts.runs));

const SPEC = `openapi: 3.0.3
info: { title: One, version: 1.0.0 }
servers: [{ url: https://api.example.com }]
paths:
  /ping:
    get:
      operationId: ping
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: { type: object, properties: { ok: { type: boolean } } }
`;

const tmp = mkdtempSync(path.join(os.tmpdir(), 'cg-bench-startup-'));
const spec = path.join(tmp, 'one.yaml');
writeFileSync(spec, SPEC);
const connectgen = path.join(repoRoot, 'generator', 'bin', 'run.js');
const { bundleIsCurrent } = await import(pathToFileURL(path.join(repoRoot, 'generator', 'dist', 'cli', 'launch.js')).href);
if (!bundleIsCurrent(path.join(repoRoot, 'generator'), {})) throw new Error('generator/dist/bundle/ is missing or older than the build: run `npm run build` first');
const oazapftsBin = installedTools('oazapfts-7.5.0', ['oazapfts@7.5.0', '@oazapfts/runtime@1.2.0']);

const tools = [
  { id: 'node -e 0', command: process.execPath, args: () => ['-e', '0'] },
  { id: 'connectgen --version', command: process.execPath, args: () => [connectgen, '--version'] },
  { id: 'connectgen generate', command: process.execPath, args: (i) => [connectgen, 'generate', spec, '--out', path.join(tmp, `cg-${i}`), '--quiet'] },
  // The bundle compiled from source every run, as on a command's first run (no V8 code cache yet: generator/src/cli/code-cache.ts).
  { id: 'connectgen generate (no code cache)', command: process.execPath, args: (i) => [connectgen, 'generate', spec, '--out', path.join(tmp, `nocache-${i}`), '--quiet'], env: { CONNECTGEN_CODE_CACHE: '0' } },
  // The same build without its bundle (dist/bundle/): the modules tsc wrote, as the CLI runs while the bundle is stale.
  { id: 'connectgen generate (unbundled)', command: process.execPath, args: (i) => [connectgen, 'generate', spec, '--out', path.join(tmp, `unb-${i}`), '--quiet'], env: { CONNECTGEN_BUNDLE: '0' } },
  ...(opts.before
    ? [
        { id: 'connectgen --version (before)', command: process.execPath, args: () => [path.join(path.resolve(opts.before), 'generator', 'bin', 'run.js'), '--version'] },
        { id: 'connectgen generate (before)', command: process.execPath, args: (i) => [path.join(path.resolve(opts.before), 'generator', 'bin', 'run.js'), 'generate', spec, '--out', path.join(tmp, `before-${i}`), '--quiet'] },
      ]
    : []),
  {
    id: 'oazapfts',
    command: path.join(oazapftsBin, 'oazapfts'),
    args: (i) => {
      mkdirSync(path.join(tmp, `oaz-${i}`), { recursive: true });
      return [spec, path.join(tmp, `oaz-${i}`, 'api.ts')];
    },
  },
];

// One unmeasured round: first runs pay for cold disk caches (and connectgen for writing its manifest).
for (const tool of tools) await runMeasured(tool.command, tool.args('warm'), { cwd: tmp, env: tool.env });
const samples = new Map(tools.map((t) => [t.id, []]));
for (let i = 0; i < runs; i++) {
  for (const tool of tools) {
    const r = await runMeasured(tool.command, tool.args(i), { cwd: tmp, env: tool.env });
    if (r.code !== 0) throw new Error(`${tool.id} failed (${r.code}): ${r.stderr.slice(-500)}`);
    samples.get(tool.id).push(r);
  }
}
rmSync(tmp, { recursive: true, force: true });

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const floor = median(samples.get('node -e 0').map((r) => r.ms));
console.log(`\nnode ${process.version}, ${os.cpus().length} CPUs, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}, ${runs} interleaved runs each\n`);
console.log('| command | median wall | median CPU | x node -e 0 (wall) | peak RSS |');
console.log('| --- | ---: | ---: | ---: | ---: |');
const rows = {};
for (const tool of tools) {
  const rs = samples.get(tool.id);
  const wall = median(rs.map((r) => r.ms));
  const cpu = median(rs.map((r) => r.cpuS ?? NaN));
  const rss = Math.max(...rs.map((r) => r.peakRssMb ?? NaN));
  rows[tool.id] = { wall, cpu };
  console.log(`| ${tool.id} | ${(wall / 1000).toFixed(2)} s | ${cpu.toFixed(2)} s | ${(wall / floor).toFixed(1)} | ${rss} MiB |`);
}
const cg = rows['connectgen generate'];
const oaz = rows['oazapfts'];
const before = rows['connectgen generate (before)'];
const unbundled = rows['connectgen generate (unbundled)'];
const cold = rows['connectgen generate (no code cache)'];
console.log(
  `\nconnectgen generate: ${(cg.wall / 1000).toFixed(2)} s wall (target < 0.40 s), ${(cg.wall / oaz.wall).toFixed(2)}x oazapfts's wall, ${(cg.cpu / oaz.cpu).toFixed(2)}x its CPU` +
    `; ${(cg.wall / unbundled.wall).toFixed(2)}x the wall and ${(cg.cpu / unbundled.cpu).toFixed(2)}x the CPU of the unbundled CLI` +
    `, ${(cg.cpu / cold.cpu).toFixed(2)}x the CPU without the code cache` +
    (before ? `; ${(cg.wall / before.wall).toFixed(2)}x the wall and ${(cg.cpu / before.cpu).toFixed(2)}x the CPU of --before` : ''),
);
