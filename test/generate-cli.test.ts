import { mkdir, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';
import { REPO_ROOT, TMP_ROOT } from './helpers/generate.js';

async function outDir(): Promise<string> {
  await mkdir(TMP_ROOT, { recursive: true });
  return mkdtemp(join(TMP_ROOT, 'cli-generate-'));
}

describe('connectgen generate', () => {
  it('reports counts and the time of each stage on stderr', async () => {
    const out = await outDir();
    const result = await runCli(['generate', 'specs/petstore/connector.yaml', '--out', out]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    for (const stage of ['load', 'convert', 'ir', 'emit', 'write']) expect(result.stderr).toMatch(new RegExp(`^${stage}: [\\d.]+ ms`, 'm'));
    expect(result.stderr).toMatch(/ir: [\d.]+ ms \(8 operations, 10 schemas\)/);
    expect((await readdir(join(out, 'src', 'actions'))).sort()).toEqual(['pets.ts', 'store.ts']);
  });

  it('prints nothing with --quiet and a JSON summary with --json', async () => {
    const quiet = await runCli(['generate', 'specs/petstore/openapi.yaml', '--out', await outDir(), '--quiet']);
    expect(quiet).toMatchObject({ code: 0, stdout: '', stderr: '' });

    const json = await runCli(['generate', 'specs/petstore/connector.yaml', '--out', await outDir(), '--json']);
    expect(json.code).toBe(0);
    expect(json.stderr).toBe('');
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: true, name: 'petstore', operations: 8, schemas: 10, files: expect.arrayContaining(['src/index.ts']) });
  });

  // Regression: an unresolvable $ref was dropped by conversion and the connector was written anyway,
  // with that schema typed as unknown and exit code 0.
  it('exits 1 and writes nothing when a $ref cannot be resolved', async () => {
    const out = join(await outDir(), 'connector');
    const result = await runCli(['generate', 'specs/convert/missing-ref.yaml', '--out', out]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/missing-ref\.yaml:23:\d+ error CG_REF_UNRESOLVED/);
    expect(result.stderr).toContain('not generated');
    await expect(readdir(out)).rejects.toThrow();

    const allowed = await runCli(['generate', 'specs/convert/missing-ref.yaml', '--out', out, '--allow-unresolved-refs']);
    expect(allowed.code).toBe(0);
    expect(allowed.stderr).toContain('CG_REF_UNRESOLVED');
    expect(await readdir(out)).toContain('package.json');
  });

  it('exits 2 with a coded error when the spec cannot be read or --out is missing', async () => {
    const missing = await runCli(['generate', 'specs/does-not-exist.yaml', '--out', await outDir()]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^error CG_/);
    const noOut = await runCli(['generate', 'specs/petstore/openapi.yaml']);
    expect(noOut.code).toBe(2);
  });

  // Regression: over a spec without an apiKey scheme this crashed in emit with CG_INTERNAL.
  it('exits 2 on a bad connector.yaml: one coded line with file:line:col and pointer, a hint, nothing written', async () => {
    const dir = await outDir();
    const spec = join(REPO_ROOT, 'specs/formats/openapi-3.0.json');
    await writeFile(join(dir, 'connector.yaml'), `spec: ${JSON.stringify(spec)}\nauth: { type: apiKey, preamble: Token }\n`);
    const result = await runCli(['generate', join(dir, 'connector.yaml'), '--out', join(dir, 'out'), '--quiet']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error CG_CONFIG_MISSING_FIELD \S+connector\.yaml:2:\d+: .* \(at \/auth\/in\)\n {2}Try this: .+\n$/);
    expect(await readdir(dir)).toEqual(['connector.yaml']);
  });
});
