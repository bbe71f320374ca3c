/**
 * Safety of emitted output (issue 3, point 6). Specs whose every string slot carries a payload
 * (`*\/` in descriptions, backticks and `${}` in enums, quotes and newlines in names, U+2028, bidi
 * controls (Trojan Source),
 * `__proto__` as a property and as a server variable) must give a package that parses, compiles
 * under strict with zero errors, holds the payload only inside strings and comments, and runs
 * nothing when imported and used.
 */
import { readFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findIdentifierInCode, stringValues, syntaxErrors } from './helpers/code-tokens.mjs';
import { generateInto, importConnector, readTree, TMP_ROOT } from './helpers/generate.js';
import { SENTINEL, hostileSpecs } from './helpers/hostile-specs.mjs';
import { tsc, type TscResult } from './helpers/tsc.js';

/** specs/hostile's payloads touch `__pwned` and call `process.exit(99)`; the seeded ones touch SENTINEL. */
const PWNED = '__pwned';
const SEEDS = 4;

interface Generated {
  readonly label: string;
  readonly dir: string;
  readonly files: Map<string, Buffer>;
  compiled?: TscResult;
}

const packages: Generated[] = [];

beforeAll(async () => {
  const sources: { label: string; spec: string }[] = [{ label: 'specs/hostile', spec: 'specs/hostile/openapi.json' }];
  const specDir = join(TMP_ROOT, 'hostile-specs');
  await mkdir(specDir, { recursive: true });
  for (const [i, document] of hostileSpecs(SEEDS, 1).entries()) {
    const spec = join(specDir, `seed-${i + 1}.json`);
    await writeFile(spec, JSON.stringify(document, null, 2));
    sources.push({ label: `seed ${i + 1}`, spec });
  }
  for (const [i, source] of sources.entries()) {
    const { dir } = await generateInto(source.spec, `hostile-${i}`);
    packages.push({ label: source.label, dir, files: await readTree(dir) });
  }
  // Two at a time: CI has two cores.
  for (let i = 0; i < packages.length; i += 2) {
    await Promise.all(packages.slice(i, i + 2).map(async (p) => (p.compiled = await tsc(p.dir))));
  }
}, 90_000);

afterAll(() => {
  delete (globalThis as Record<string, unknown>)[PWNED];
  delete (globalThis as Record<string, unknown>)[SENTINEL];
});

describe('a generated package from a hostile spec', () => {
  it('compiles under strict with zero errors', () => {
    for (const p of packages) expect({ package: p.label, errors: p.compiled?.errors }).toEqual({ package: p.label, errors: [] });
  });

  it('parses, and holds the payload only inside strings and comments', () => {
    for (const p of packages) {
      for (const [file, bytes] of p.files) {
        if (!file.endsWith('.ts')) continue;
        const source = bytes.toString('utf8');
        expect({ file, errors: syntaxErrors(file, source) }).toEqual({ file, errors: [] });
        for (const identifier of [SENTINEL, PWNED, 'process']) {
          expect({ package: p.label, file, hits: findIdentifierInCode(file, source, identifier) }).toEqual({ package: p.label, file, hits: [] });
        }
      }
    }
  });

  // Trojan Source: a bidi control makes code display unlike how it parses. Every one from the spec
  // is written as a \uXXXX escape (in strings, comments, JSON and Markdown alike): none is left raw,
  // and the escapes keep the value (the parsed literals still hold the characters).
  it('leaves no raw bidi control character in any file, and keeps them in string values as escapes', () => {
    const bidi = /[\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
    let kept = 0;
    for (const p of packages) {
      for (const [file, bytes] of p.files) {
        const text = bytes.toString('utf8');
        const line = text.split('\n').findIndex((l) => bidi.test(l));
        expect({ package: p.label, file, line: line + 1 }).toEqual({ package: p.label, file, line: 0 });
        if (file.endsWith('.ts')) kept += stringValues(file, text).filter((v) => v.includes('\u202e')).length;
      }
    }
    expect(kept).toBeGreaterThan(0);
  });

  it('writes JSON files that parse, and no file outside its directory', () => {
    for (const p of packages) {
      for (const file of ['package.json', 'connector.json', 'tsconfig.json']) {
        expect(() => JSON.parse(p.files.get(file)!.toString('utf8')), `${p.label} ${file}`).not.toThrow();
      }
      for (const file of p.files.keys()) expect(file).toMatch(/^(README\.md|\.connectgen\/(base|record|spec)\.json|[a-z]+\.json|src\/(index|types|parameters)\.ts|src\/actions\/[a-z0-9-]+\.ts)$/);
    }
  });

  it('keeps __proto__ a plain key of the definition instead of a prototype', async () => {
    const mod = await importConnector<{ definition: { servers: { variables: Record<string, unknown> }[] } }>(packages[0]!.dir);
    const variables = mod.definition.servers[0]!.variables;
    expect(Object.getPrototypeOf(variables)).toBe(Object.prototype);
    expect(Object.keys(variables)).toContain('__proto__');
  });

  it('runs nothing when imported and created', async () => {
    const exit = process.exit;
    let exitCalled = false;
    process.exit = ((code?: number) => {
      exitCalled = true;
      throw new Error(`process.exit(${code}) called by generated code`);
    }) as typeof process.exit;
    try {
      for (const p of packages) {
        const mod = await importConnector<Record<string, unknown>>(p.dir);
        const factory = Object.entries(mod).find(([name, value]) => /^create.+Connector$/.test(name) && typeof value === 'function');
        expect(factory, p.label).toBeDefined();
        const connector = (factory![1] as (options: object) => Record<string, unknown>)({
          baseUrl: 'http://127.0.0.1:9',
          // One credential of every kind, whichever scheme the spec declared.
          auth: { apiKey: 'k', token: 't', username: 'u', password: 'p', clientId: 'c', clientSecret: 's' },
        });
        // Touch every action (without calling the network) and close.
        for (const value of Object.values(connector)) expect(['function', 'object']).toContain(typeof value);
        await (connector['close'] as () => Promise<void>)();
      }
    } finally {
      process.exit = exit;
    }
    expect(exitCalled).toBe(false);
    expect((globalThis as Record<string, unknown>)[PWNED]).toBeUndefined();
    expect((globalThis as Record<string, unknown>)[SENTINEL]).toBeUndefined();
  });

  it('keeps README table rows one row each', async () => {
    const readme = await readFile(join(packages[0]!.dir, 'README.md'), 'utf8');
    const cells = (line: string) => line.replace(/\\\|/g, '').split('|').length;
    let columns = 0;
    for (const line of readme.split('\n')) {
      if (line.startsWith('| Action')) columns = cells(line);
      else if (line.startsWith('| `')) expect(cells(line), line).toBe(columns);
    }
    expect(columns).toBeGreaterThan(0);
  });
});
