#!/usr/bin/env node
// Adversarial documents at scale: N seeded hostile specs (default 1,000) through the built pipeline
// (generator/dist), each output type-checked (one strict tsc run per batch of 100 packages), scanned
// for the SENTINEL payload outside strings and comments, and imported to prove nothing runs.
//
//   npm run build && node bench/hostile.mjs [--count 1000] [--first-seed 1]
import { execFile } from 'node:child_process';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { repoRoot } from './lib/cache.mjs';
import { buildIR, convertSpec, emit, parseSpec, writeFiles } from './lib/pipeline.mjs';
import { findIdentifierInCode, syntaxErrors } from '../test/helpers/code-tokens.mjs';
import { hostileSpec, SENTINEL } from '../test/helpers/hostile-specs.mjs';

const { values } = parseArgs({ options: { count: { type: 'string', default: '1000' }, 'first-seed': { type: 'string', default: '1' } } });
const count = Number(values.count);
const firstSeed = Number(values['first-seed']);
const tsc = path.join(repoRoot, 'node_modules', '.bin', 'tsc');
const root = path.join(repoRoot, 'bench', '.cache', 'hostile');
const BATCH = 100;

const failures = { generate: [], typecheck: [], injected: [], syntax: [], json: [], import: [] };
const started = performance.now();
let generateMs = 0;
let tscMs = 0;
let generated = 0;

for (let batchStart = 0; batchStart < count; batchStart += BATCH) {
  await rm(root, { recursive: true, force: true });
  const seeds = [];
  for (let seed = firstSeed + batchStart; seed < firstSeed + Math.min(count, batchStart + BATCH); seed++) {
    const t0 = performance.now();
    const uri = path.join(root, `spec-${seed}.json`);
    try {
      const converted = await convertSpec(parseSpec(JSON.stringify(hostileSpec(seed)), uri));
      const files = emit(buildIR(converted.document, undefined, { sourceUri: uri }));
      await writeFiles(path.join(root, `c${seed}`), files);
      generated++;
      seeds.push(seed);
      for (const [file, source] of files) {
        if (file.endsWith('.ts')) {
          for (const e of syntaxErrors(file, source)) failures.syntax.push(`seed ${seed} ${file}: ${e}`);
          for (const hit of findIdentifierInCode(file, source, SENTINEL)) failures.injected.push(`seed ${seed} ${hit.file}:${hit.line}: ${hit.text}`);
        } else if (file.endsWith('.json')) {
          try {
            JSON.parse(source);
          } catch (error) {
            failures.json.push(`seed ${seed} ${file}: ${error.message}`);
          }
        }
      }
    } catch (error) {
      failures.generate.push(`seed ${seed}: ${String(error?.message ?? error).split('\n')[0]}`);
    }
    generateMs += performance.now() - t0;
  }
  await writeFile(
    path.join(root, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { strict: true, target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', types: ['node'], skipLibCheck: true, rootDir: '.', outDir: 'dist' },
      include: ['c*/src/**/*.ts'],
    }),
  );
  const t0 = performance.now();
  const output = await promisify(execFile)(tsc, ['-p', root, '--pretty', 'false'], { maxBuffer: 64e6 }).then(() => '', (e) => e.stdout ?? String(e));
  tscMs += performance.now() - t0;
  for (const line of output.split('\n').filter((l) => /error TS\d+/.test(l))) failures.typecheck.push(line.slice(0, 200));
  for (const seed of seeds) {
    try {
      const module = await import(pathToFileURL(path.join(root, 'dist', `c${seed}`, 'src', 'index.js')).href + `?b=${batchStart}`);
      const manifest = JSON.parse(await readFile(path.join(root, `c${seed}`, 'connector.json'), 'utf8'));
      const create = Object.entries(module).find(([k]) => /^create\w+Connector$/.test(k))?.[1];
      const scheme = manifest.auth.find((a) => a.default);
      const auth = scheme?.type === 'apiKey' ? { apiKey: 'k' } : undefined;
      await create({ baseUrl: 'http://127.0.0.1:9', auth }).close();
    } catch (error) {
      failures.import.push(`seed ${seed}: ${String(error?.message ?? error).split('\n')[0]}`);
    }
  }
  process.stderr.write(`${Math.min(count, batchStart + BATCH)}/${count}\r`);
}

const pwned = globalThis[SENTINEL] !== undefined;
console.log(`hostile specs: ${count} (seeds ${firstSeed}..${firstSeed + count - 1}) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
console.log(`  generated            ${generated}/${count}  (${(generateMs / Math.max(1, generated)).toFixed(1)} ms per spec incl. scan)`);
console.log(`  tsc errors           ${failures.typecheck.length}  (${(tscMs / 1000).toFixed(1)} s of tsc)`);
console.log(`  syntax errors        ${failures.syntax.length}`);
console.log(`  sentinel as code     ${failures.injected.length}`);
console.log(`  invalid JSON files   ${failures.json.length}`);
console.log(`  import failures      ${failures.import.length}`);
console.log(`  payload executed     ${pwned ? 'YES' : 'no'}`);
for (const [kind, list] of Object.entries(failures)) for (const line of list.slice(0, 5)) console.log(`  ${kind}: ${line}`);
process.exitCode = pwned || Object.values(failures).some((l) => l.length) ? 1 : 0;
