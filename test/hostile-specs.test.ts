/**
 * A fixed set of 50 adversarial documents (test/helpers/hostile-specs.mjs: payloads in every string
 * slot, reserved words and `__proto__` as names, deep nesting, huge enums, cycles) through the real
 * pipeline. Every output must type-check under strict, parse, keep connector.json valid JSON, hold
 * the SENTINEL payload nowhere but in strings and comments, and import without running it.
 * bench/hostile.mjs runs the same check on 1,000+ documents.
 */
import { execFile } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { convertSpec } from '../generator/src/convert/index.js';
import { emit } from '../generator/src/emit/index.js';
import { writeFiles } from '../generator/src/emit/write.js';
import { buildIR } from '../generator/src/ir/build/document.js';
import { parseSpec } from '../generator/src/load/index.js';
import { repoRoot } from './helpers/cli.js';
import { findIdentifierInCode, syntaxErrors } from './helpers/code-tokens.mjs';
import { dummyCredentials } from './helpers/generated-package.js';
import { hostileSpec, SENTINEL } from './helpers/hostile-specs.mjs';

const COUNT = 50;
const root = path.join(repoRoot, '.tmp', 'hostile');
const generated: { seed: number; dir: string; files: Map<string, string> }[] = [];
const failures: string[] = [];

beforeAll(async () => {
  await rm(root, { recursive: true, force: true });
  for (let seed = 1; seed <= COUNT; seed++) {
    const uri = path.join(root, `spec-${seed}.json`);
    try {
      const loaded = parseSpec(JSON.stringify(hostileSpec(seed)), uri);
      const converted = await convertSpec(loaded);
      const files = emit(buildIR(converted.document, undefined, { sourceUri: uri }));
      const dir = path.join(root, `c${seed}`);
      await writeFiles(dir, files);
      generated.push({ seed, dir, files });
    } catch (error) {
      failures.push(`seed ${seed}: ${(error as Error).stack ?? error}`);
    }
  }
  // One compiler run over all packages: each is its own module graph, so nothing collides.
  await writeFile(
    path.join(root, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { strict: true, target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', types: ['node'], skipLibCheck: true, rootDir: '.', outDir: 'dist' },
      include: ['c*/src/**/*.ts'],
    }),
  );
  await mkdir(root, { recursive: true });
}, 240_000);

describe(`${COUNT} hostile specs`, () => {
  it('all generate', () => {
    expect(failures).toEqual([]);
    expect(generated).toHaveLength(COUNT);
  });

  it('compile under strict with zero errors', async () => {
    const tsc = path.join(repoRoot, 'node_modules', '.bin', 'tsc');
    const result = await promisify(execFile)(tsc, ['-p', root, '--pretty', 'false']).then(
      () => '',
      (error: { stdout?: string }) => error.stdout ?? String(error),
    );
    expect(result.split('\n').slice(0, 20).join('\n')).toBe('');
  }, 240_000);

  it('carry the payload only inside strings and comments', () => {
    const hits = generated.flatMap(({ files, seed }) =>
      [...files]
        .filter(([file]) => file.endsWith('.ts'))
        .flatMap(([file, source]) => [
          ...syntaxErrors(file, source).map((e) => `seed ${seed} ${file}: syntax error ${e}`),
          ...findIdentifierInCode(`seed ${seed} ${file}`, source, SENTINEL).map((hit) => `${hit.file}:${hit.line}: ${hit.text}`),
        ]),
    );
    expect(hits).toEqual([]);
    for (const { files, seed } of generated) {
      expect(() => JSON.parse(files.get('connector.json')!), `seed ${seed} connector.json`).not.toThrow();
      expect(() => JSON.parse(files.get('package.json')!), `seed ${seed} package.json`).not.toThrow();
    }
  });

  it('import and construct without running it', async () => {
    for (const { seed, files } of generated) {
      const module = (await import(pathToFileURL(path.join(root, 'dist', `c${seed}`, 'src', 'index.js')).href)) as Record<string, unknown>;
      const create = Object.entries(module).find(([key]) => /^create\w+Connector$/.test(key))?.[1] as ((o: unknown) => any) | undefined;
      expect(create, `seed ${seed} exports a factory`).toBeTypeOf('function');
      const connector = create!({ baseUrl: 'http://127.0.0.1:9', auth: dummyCredentials(JSON.parse(await readFile(path.join(root, `c${seed}`, 'connector.json'), 'utf8'))) });
      await connector.close();
      void files;
    }
    expect((globalThis as Record<string, unknown>)[SENTINEL]).toBeUndefined();
  }, 120_000);
});
