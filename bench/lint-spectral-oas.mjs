#!/usr/bin/env node
/**
 * The reference for bench/lint-convert.mjs: stock Spectral with the spectral:oas ruleset, exactly what
 * `spectral lint` runs with `extends: spectral:oas` (recommended rules, Spectral's own JSON/YAML parser
 * and $ref resolver), on one file. Run in a child process so its time and peak memory are its own.
 *   node bench/lint-spectral-oas.mjs <spec.json|yaml> [--out findings.json]
 * Prints one JSON line: { findings, byCode, ms }; --out writes [{ code, pointer, message, severity, line }].
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(path.resolve(import.meta.dirname, '../generator/package.json'));
const { Spectral, Document } = require('@stoplight/spectral-core');
const Parsers = require('@stoplight/spectral-parsers');
const { oas } = require('@stoplight/spectral-rulesets');

const file = path.resolve(process.argv[2]);
const outIndex = process.argv.indexOf('--out');
const started = performance.now();
const text = readFileSync(file, 'utf8');
const spectral = new Spectral();
spectral.setRuleset({ extends: [[oas, 'recommended']] });
const results = await spectral.run(new Document(text, text.trimStart().startsWith('{') ? Parsers.Json : Parsers.Yaml, file));
const byCode = {};
for (const r of results) byCode[r.code] = (byCode[r.code] ?? 0) + 1;
const pointer = (p) => p.map((s) => '/' + String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
const severity = ['error', 'warn', 'info', 'hint'];
if (outIndex > 0) {
  const rows = results.map((r) => ({ code: r.code, pointer: pointer(r.path), message: r.message, severity: severity[r.severity], line: r.range.start.line + 1 }));
  writeFileSync(process.argv[outIndex + 1], JSON.stringify(rows));
}
process.stdout.write(JSON.stringify({ findings: results.length, byCode, ms: Math.round(performance.now() - started) }) + '\n');
