#!/usr/bin/env node
/**
 * Reference measurement: stock Spectral with the spectral:oas ruleset (what `spectral lint` runs),
 * on one file. Run in a child process by bench/lint-convert.mjs so its time and peak RSS are its own.
 * Prints one JSON line: { findings, byCode, ms }.
 * Usage: node bench/lint-spectral-oas.mjs <spec.json|yaml> [--out findings.json]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';

const require = createRequire(resolve('generator/package.json'));
const { Spectral, Document } = require('@stoplight/spectral-core');
const Parsers = require('@stoplight/spectral-parsers');
const { oas } = require('@stoplight/spectral-rulesets');

const file = process.argv[2];
const outIndex = process.argv.indexOf('--out');
const started = performance.now();
const text = readFileSync(file, 'utf8');
const parser = text.trimStart().startsWith('{') ? Parsers.Json : Parsers.Yaml;
const spectral = new Spectral();
spectral.setRuleset(oas);
const results = await spectral.run(new Document(text, parser, resolve(file)));
const byCode = {};
for (const r of results) byCode[r.code] = (byCode[r.code] ?? 0) + 1;
if (outIndex > 0) {
  writeFileSync(
    process.argv[outIndex + 1],
    JSON.stringify(results.map((r) => ({ code: r.code, path: r.path.join('/'), severity: r.severity, message: r.message, line: r.range.start.line + 1 }))),
  );
}
process.stdout.write(JSON.stringify({ findings: results.length, byCode, ms: Math.round(performance.now() - started) }) + '\n');
