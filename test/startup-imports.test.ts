/**
 * Start-up cost is mostly module loading (bench/startup.mjs), so what `connectgen generate` loads
 * for a plain OpenAPI file is pinned here, from the bundle (dist/bundle/cli.cjs, what users run)
 * and from the modules tsc wrote (what runs while the bundle is stale): not the bundler, the
 * Swagger 2.0 converter, Spectral, SQLite, Ajv or undici, which only other commands or other
 * inputs need.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { BUNDLE_DIR, BUNDLE_FILE, bundleIsCurrent } from '../generator/src/cli/launch.js';
import { PACKAGE_ROOT, refreshManifest } from '../generator/src/cli/manifest.js';
import { repoRoot } from './helpers/cli.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'cg-startup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * Runs the CLI with a module hook that writes every file loaded through import to a log, and a
 * preload that adds every file in require's cache at exit (CommonJS, and the bundle, which its
 * loader registers there); returns the files.
 */
async function runRecordingImports(args: string[], env: NodeJS.ProcessEnv = {}): Promise<string[]> {
  const log = path.join(dir, `loaded-${Math.random().toString(36).slice(2)}.txt`);
  writeFileSync(log, '');
  const hooks = `export async function load(url, context, next) { if (url.startsWith('file:')) (await import('node:fs')).appendFileSync(${JSON.stringify(log)}, url + '\\n'); return next(url, context); }`;
  const register = `import { register } from 'node:module'; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(hooks)}`)});`;
  const preload = path.join(dir, 'record-require-cache.cjs');
  writeFileSync(
    preload,
    `process.on('exit', () => require('node:fs').appendFileSync(${JSON.stringify(log)}, Object.keys(require.cache).map((file) => require('node:url').pathToFileURL(file).href + '\\n').join('')));\n`,
  );
  const code = await new Promise<number>((resolve, reject) => {
    const child = spawn(process.execPath, ['--require', preload, '--import', `data:text/javascript,${encodeURIComponent(register)}`, path.join(repoRoot, 'generator', 'bin', 'run.js'), ...args], {
      stdio: 'ignore',
      env: { ...process.env, CONNECTGEN_CACHE_DIR: path.join(dir, 'cache'), ...env },
    });
    child.on('error', reject);
    child.on('close', (exit) => resolve(exit ?? -1));
  });
  expect(code).toBe(0);
  return [...new Set(readFileSync(log, 'utf8').split('\n').filter(Boolean).map((url) => fileURLToPath(url)))].filter((file) => file !== preload);
}

const generateArgs = (out: string): string[] => ['generate', path.join(repoRoot, 'specs', 'petstore', 'openapi.yaml'), '--out', path.join(dir, out), '--quiet'];
const HEAVY_PACKAGES = ['/@redocly/openapi-core/', '/swagger2openapi/', '/@stoplight/spectral-core/', '/better-sqlite3/', '/ajv/', '/undici/', '/libphonenumber-js/'];
const HEAVY_MODULES = ['dist/lint/index.js', 'dist/commands/lint.js', 'dist/convert/bundle.js', 'dist/sync/store-path.js'];

describe('connectgen generate start-up', () => {
  it('runs the bundle, which loads a few files and none of the packages only other commands or inputs need', async () => {
    // As the CLI's first run after a build does; then this run reads a current manifest.
    await refreshManifest();
    expect(bundleIsCurrent(PACKAGE_ROOT, {}), 'no current dist/bundle/: the test setup makes it with esbuild (a devDependency: `npm install`)').toBe(true);
    // Cold (no code cache) and warm: the same files either way.
    for (const run of ['cold', 'warm']) {
      const files = await runRecordingImports(generateArgs(`bundled-${run}`));
      const bundleDir = path.join(PACKAGE_ROOT, BUNDLE_DIR);
      expect(files, run).toContain(path.join(bundleDir, BUNDLE_FILE));
      // Nothing of ours from outside the bundle but its launcher and the precompiled templates. (Our heavy
      // modules are in the bundle file, and run only when imported: they cannot be seen from here, their packages can.)
      expect(files.filter((file) => file.startsWith(path.join(PACKAGE_ROOT, 'dist')) && !file.startsWith(bundleDir)).sort(), run).toEqual(
        ['cli/code-cache.js', 'cli/launch.js', 'templates.compiled.cjs'].map((name) => path.join(PACKAGE_ROOT, 'dist', name)),
      );
      for (const heavy of HEAVY_PACKAGES) expect(files.filter((file) => file.includes(heavy)), `${run} ${heavy}`).toEqual([]);
      // The unbundled CLI loads ~400 files for this (oclif alone ~150).
      expect(files.length, run).toBeLessThan(30);
    }
  });

  it('loads only the modules a self-contained OpenAPI document needs from the modules tsc wrote', async () => {
    await refreshManifest();
    const files = await runRecordingImports(generateArgs('unbundled'), { CONNECTGEN_BUNDLE: '0' });
    const loaded = files.join('\n');
    // The hook sees ES modules and CommonJS loaded through import: the generator's own files.
    expect(loaded).toContain('/generator/dist/pipeline.js');
    expect(loaded).toContain('/generator/dist/emit/render.js');
    expect(loaded).not.toContain('/generator/dist/bundle/');
    for (const heavy of [...HEAVY_PACKAGES, ...HEAVY_MODULES.map((module) => `/generator/${module}`)]) expect(loaded, heavy).not.toContain(heavy);
  });
});
