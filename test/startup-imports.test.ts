/**
 * Start-up cost is mostly module loading (bench/startup.mjs), so what `connectgen generate` loads
 * for a plain OpenAPI file is pinned here, from the bundle (dist/bundle/, what users run) and from
 * the modules tsc wrote (what runs while the bundle is stale): not the bundler, the Swagger 2.0
 * converter, Spectral, SQLite, Ajv or undici, which only other commands or other inputs need.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { BUNDLE_META_FILE } from '../generator/src/cli/bundle.js';
import { BUNDLE_DIR, bundleIsCurrent } from '../generator/src/cli/launch.js';
import { PACKAGE_ROOT, refreshManifest } from '../generator/src/cli/manifest.js';
import { repoRoot } from './helpers/cli.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'cg-startup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the CLI with a module hook that writes every file loaded through import (ES or CommonJS) to a log; returns the files. */
async function runRecordingImports(args: string[], env: NodeJS.ProcessEnv = {}): Promise<string[]> {
  const log = path.join(dir, `loaded-${Math.random().toString(36).slice(2)}.txt`);
  writeFileSync(log, '');
  const hooks = `export async function load(url, context, next) { if (url.startsWith('file:')) (await import('node:fs')).appendFileSync(${JSON.stringify(log)}, url + '\\n'); return next(url, context); }`;
  const register = `import { register } from 'node:module'; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(hooks)}`)});`;
  const code = await new Promise<number>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(register)}`, path.join(repoRoot, 'generator', 'bin', 'run.js'), ...args], {
      stdio: 'ignore',
      env: { ...process.env, ...env },
    });
    child.on('error', reject);
    child.on('close', (exit) => resolve(exit ?? -1));
  });
  expect(code).toBe(0);
  return readFileSync(log, 'utf8').split('\n').filter(Boolean).map((url) => fileURLToPath(url));
}

const generateArgs = (out: string): string[] => ['generate', path.join(repoRoot, 'specs', 'petstore', 'openapi.yaml'), '--out', path.join(dir, out), '--quiet'];
const HEAVY_PACKAGES = ['/@redocly/openapi-core/', '/swagger2openapi/', '/@stoplight/spectral-core/', '/better-sqlite3/', '/ajv/', '/undici/', '/libphonenumber-js/'];
const HEAVY_MODULES = ['dist/lint/index.js', 'dist/commands/lint.js', 'dist/convert/bundle.js', 'dist/sync/store-path.js'];

describe('connectgen generate start-up', () => {
  it('runs the bundle, which loads a few files and only the modules a self-contained OpenAPI document needs', async () => {
    // As the CLI's first run after a build does; then this run reads a current manifest.
    await refreshManifest();
    expect(bundleIsCurrent(PACKAGE_ROOT, {}), 'no current dist/bundle/: the test setup makes it with esbuild (a devDependency: `npm install`)').toBe(true);
    const files = await runRecordingImports(generateArgs('bundled'));
    const bundleDir = path.join(PACKAGE_ROOT, BUNDLE_DIR);
    expect(files).toContain(path.join(bundleDir, 'cli-main.js'));
    // Nothing of ours from outside the bundle but its launcher.
    expect(files.filter((file) => file.startsWith(path.join(PACKAGE_ROOT, 'dist')) && !file.startsWith(bundleDir))).toEqual([path.join(PACKAGE_ROOT, 'dist', 'cli', 'launch.js')]);
    // Which modules went into the bundle files that were loaded (esbuild's metafile; paths relative to generator/).
    const meta = JSON.parse(readFileSync(path.join(bundleDir, BUNDLE_META_FILE), 'utf8')) as { outputs: Record<string, { inputs: Record<string, unknown> }> };
    const modules = files.flatMap((file) => {
      const output = meta.outputs[path.relative(PACKAGE_ROOT, file).split(path.sep).join('/')];
      return output ? Object.keys(output.inputs) : [file];
    });
    expect(modules).toContain('dist/pipeline.js');
    expect(modules).toContain('dist/emit/render.js');
    for (const heavy of [...HEAVY_PACKAGES, ...HEAVY_MODULES]) expect(modules.filter((module) => module.includes(heavy)), heavy).toEqual([]);
    // The unbundled CLI loads ~400 files for this (oclif alone ~150).
    expect(files.length).toBeLessThan(60);
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
