/**
 * Generating connectors for tests: into `.tmp/<name>` inside the repository, so the generated
 * package resolves `@connectgen/runtime` (and `@types/node`) from the workspace's node_modules.
 */
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { generateConnector, type GenerateResult } from '../../generator/src/pipeline.js';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const TMP_ROOT = join(REPO_ROOT, '.tmp');

/** Generates `spec` (relative to the repository root) into a fresh `.tmp/<name>`. */
export async function generateInto(spec: string, name: string): Promise<GenerateResult & { dir: string }> {
  const dir = join(TMP_ROOT, name);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const result = await generateConnector(resolve(REPO_ROOT, spec), dir);
  return { ...result, dir };
}

/** Every file under `dir` (relative paths, sorted) with its bytes; skips `dist` and `node_modules`. */
export async function readTree(dir: string): Promise<Map<string, Buffer>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = new Map<string, Buffer>();
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const rel = relative(dir, path).split('\\').join('/');
    if (rel.startsWith('dist/') || rel.startsWith('node_modules/')) continue;
    files.set(rel, await readFile(path));
  }
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** Imports the compiled connector (`dist/index.js`) of a generated package. */
export async function importConnector<T = Record<string, unknown>>(dir: string): Promise<T> {
  return (await import(pathToFileURL(join(dir, 'dist', 'index.js')).href)) as T;
}
