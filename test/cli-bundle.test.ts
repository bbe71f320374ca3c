/**
 * The bundled CLI (dist/bundle/, generator/src/cli/bundle.ts) is what users run; the modules tsc
 * wrote run whenever the bundle is stale. Both must say the same: help, version, a mistyped command,
 * a usage error, a failing command's exit code; and the bundle the same whether it compiles from
 * source (no code cache yet) or runs from the code cache its first run wrote (code-cache.ts).
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';

const caches = mkdtempSync(path.join(os.tmpdir(), 'cg-cli-bundle-'));
afterAll(() => rmSync(caches, { recursive: true, force: true }));

const CASES: readonly (readonly string[])[] = [
  ['--help'],
  ['--version'],
  ['generate', '--help'],
  ['sync', '--help'],
  ['sync', 'run', '--help'],
  ['help', 'webhooks', 'serve'],
  ['generat', 'specs/petstore/openapi.yaml'],
  ['sync', 'rnu'],
  ['generate'],
  ['lint', 'specs/does-not-exist.yaml'],
];

describe('bundled and unbundled CLI', () => {
  it.each(CASES.map((args, i) => [args.join(' '), args, i] as const))('say the same for `connectgen %s`', async (_, args, i) => {
    const cache = { CONNECTGEN_CACHE_DIR: path.join(caches, String(i)) };
    const [cold, unbundled] = await Promise.all([runCli(args, { env: cache }), runCli(args, { env: { CONNECTGEN_BUNDLE: '0' } })]);
    expect(readdirSync(path.join(caches, String(i), 'code-cache'))).toHaveLength(1);
    const warm = await runCli(args, { env: cache });
    expect(cold).toEqual(unbundled);
    expect(warm).toEqual(unbundled);
    expect(cold.stdout + cold.stderr).not.toBe('');
  });

  it('loads a package with import() from a warm code cache (Node 20 drops import() from cached code; the bundle routes it through its loader)', async () => {
    // convert imports swagger2openapi with import() for Swagger 2.0 input.
    const args = ['convert', 'specs/swagger2/collection-formats.yaml', '--quiet'];
    const cache = { CONNECTGEN_CACHE_DIR: path.join(caches, 'convert') };
    const unbundled = await runCli(args, { env: { CONNECTGEN_BUNDLE: '0' } });
    expect(unbundled.code, unbundled.stderr).toBe(0);
    for (const run of ['cold', 'warm']) expect(await runCli(args, { env: cache }), run).toEqual(unbundled);
  });

  it('generate writes its code caches once: a second run uses them as they are (V8 rejects one made under other flags)', async () => {
    const dir = path.join(caches, 'generate');
    const args = (out: string): string[] => ['generate', 'specs/petstore/openapi.yaml', '--out', path.join(dir, out), '--quiet'];
    const stamps = (): Record<string, number> =>
      Object.fromEntries(readdirSync(path.join(dir, 'code-cache')).map((name) => [name, statSync(path.join(dir, 'code-cache', name)).mtimeMs]));
    expect((await runCli(args('first'), { env: { CONNECTGEN_CACHE_DIR: dir } })).code).toBe(0);
    const written = stamps();
    // The bundle's and the precompiled templates'.
    expect(Object.keys(written).map((name) => name.replace(/^[0-9a-f]+-/, '')).sort()).toEqual(['generate.v8', 'templates.v8']);
    expect((await runCli(args('second'), { env: { CONNECTGEN_CACHE_DIR: dir } })).code).toBe(0);
    expect(stamps()).toEqual(written);
  });

  it('runs a command whose module the bundle loads on demand, with its flags', async () => {
    const result = await runCli(['lint', 'specs/petstore/openapi.yaml', '--format', 'json']);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toBeInstanceOf(Object);
  });
});
