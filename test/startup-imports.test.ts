/**
 * Start-up cost is mostly module loading (bench/startup.mjs), so what `connectgen generate` loads
 * for a plain OpenAPI file is pinned here: not the bundler, the Swagger 2.0 converter, Spectral,
 * SQLite, Ajv or undici, which only other commands or other inputs need.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { refreshManifest } from '../generator/src/cli/manifest.js';
import { repoRoot } from './helpers/cli.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'cg-startup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the CLI with a module hook that appends every file URL loaded (ES or CommonJS) to `log`. */
function runRecordingImports(args: string[], log: string): Promise<number> {
  const hooks = `export async function load(url, context, next) { if (url.startsWith('file:')) (await import('node:fs')).appendFileSync(${JSON.stringify(log)}, url + '\\n'); return next(url, context); }`;
  const register = `import { register } from 'node:module'; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(hooks)}`)});`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(register)}`, path.join(repoRoot, 'generator', 'bin', 'run.js'), ...args], { stdio: 'ignore' });
    child.on('error', reject);
    child.on('close', (code) => resolve(code ?? -1));
  });
}

describe('connectgen generate start-up', () => {
  it('loads only the modules a self-contained OpenAPI document needs', async () => {
    // As the CLI's first run after a build does; then this run reads a current manifest.
    await refreshManifest();
    const log = path.join(dir, 'loaded.txt');
    writeFileSync(log, '');
    const code = await runRecordingImports(['generate', path.join(repoRoot, 'specs', 'petstore', 'openapi.yaml'), '--out', path.join(dir, 'out'), '--quiet'], log);
    expect(code).toBe(0);
    const loaded = readFileSync(log, 'utf8');
    // The hook sees ES modules and CommonJS loaded through import: the generator's own files.
    expect(loaded).toContain('/generator/dist/pipeline.js');
    expect(loaded).toContain('/generator/dist/emit/render.js');
    for (const heavy of ['@redocly/openapi-core', 'swagger2openapi', '@stoplight/spectral-core', 'better-sqlite3', '/ajv/', '/undici/', 'libphonenumber-js', '/generator/dist/lint/index.js', '/generator/dist/commands/lint.js']) {
      expect(loaded, heavy).not.toContain(heavy);
    }
  });
});
