/**
 * The code cache in real processes (it is written as a process exits): each case runs `node` on the
 * built code-cache.js, loading a small CommonJS file from a temporary package.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { codeCacheDir } from './code-cache.js';
import { PACKAGE_ROOT } from './manifest.js';

const BUILT = pathToFileURL(path.join(PACKAGE_ROOT, 'dist', 'cli', 'code-cache.js')).href;
const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function temporaryDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cg-code-cache-'));
  dirs.push(dir);
  return dir;
}

/** A module with enough functions for V8 to cache, which records each time it runs and returns `value`. */
function moduleSource(value: string): string {
  return [
    `globalThis.__runs = (globalThis.__runs ?? 0) + 1;`,
    ...Array.from({ length: 50 }, (_, i) => `function f${i}(x) { return x + ${i}; }`),
    `exports.value = ${JSON.stringify(value)} + f1(0);`,
    // As the bundle calls import() (dynamic-imports.ts): through the loader's function.
    `exports.dynamic = () => __cgImport('node:path').then((m) => typeof m.join);`,
  ].join('\n');
}

interface Run {
  readonly status: number | null;
  readonly stderr: string;
  readonly out: { value: string; cache: string; runs: number; sameViaRequire: boolean; dynamic: string };
}

/** Loads `file` through the cache in a new process, as bin/run.js loads the bundle. */
function load(file: string, dir: string | undefined): Run {
  const script = `
    import { createRequire } from 'node:module';
    const { loadCommonJs } = await import(${JSON.stringify(BUILT)});
    const { exports, cache } = loadCommonJs(${JSON.stringify(file)}, { dir: ${JSON.stringify(dir)}, profile: 'test' });
    const again = createRequire(${JSON.stringify(file)})(${JSON.stringify(file)});
    const dynamic = await exports.dynamic();
    process.stdout.write(JSON.stringify({ value: exports.value, cache, runs: globalThis.__runs, sameViaRequire: again === exports, dynamic }));`;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  return { status: result.status, stderr: result.stderr, out: JSON.parse(result.stdout || '{}') as Run['out'] };
}

function cacheFiles(dir: string): string[] {
  try {
    return readdirSync(dir).map((name) => path.join(dir, name));
  } catch {
    return [];
  }
}

describe('loadCommonJs', () => {
  it('compiles from source once, then runs from the cache; the module is also what require returns', () => {
    const root = temporaryDir();
    const file = path.join(root, 'cli.cjs');
    const cache = path.join(root, 'cache');
    writeFileSync(file, moduleSource('first'));
    const cold = load(file, cache);
    expect(cold).toEqual({ status: 0, stderr: '', out: { value: 'first1', cache: 'absent', runs: 1, sameViaRequire: true, dynamic: 'function' } });
    const [written] = cacheFiles(cache);
    expect(written).toMatch(/-test\.v8$/);
    const before = readFileSync(written!);
    const warm = load(file, cache);
    expect(warm).toEqual({ status: 0, stderr: '', out: { value: 'first1', cache: 'accepted', runs: 1, sameViaRequire: true, dynamic: 'function' } });
    // An accepted cache is not written again.
    expect(readFileSync(written!).equals(before)).toBe(true);
  });

  it('never runs a cache made for an earlier version of the file, even one of the same length', () => {
    const root = temporaryDir();
    const file = path.join(root, 'cli.cjs');
    const cache = path.join(root, 'cache');
    writeFileSync(file, moduleSource('old'));
    expect(load(file, cache).out.cache).toBe('absent');
    // Same length, so V8's own check (the source's length) would take the old cache: ours must not.
    writeFileSync(file, moduleSource('new'));
    const later = new Date(statSync(file).mtimeMs + 5000);
    utimesSync(file, later, later);
    expect(load(file, cache).out).toMatchObject({ value: 'new1', cache: 'absent' });
    expect(load(file, cache).out).toMatchObject({ value: 'new1', cache: 'accepted' });
  });

  it('compiles from source when the cache file is damaged, and writes a good one', () => {
    const root = temporaryDir();
    const file = path.join(root, 'cli.cjs');
    const cache = path.join(root, 'cache');
    writeFileSync(file, moduleSource('x'));
    load(file, cache);
    const [written] = cacheFiles(cache);
    const content = readFileSync(written!);
    const header = content.subarray(0, content.indexOf(10) + 1);
    writeFileSync(written!, Buffer.concat([header, Buffer.from('not V8 data at all')]));
    expect(load(file, cache)).toMatchObject({ status: 0, stderr: '', out: { value: 'x1', cache: 'rejected' } });
    expect(load(file, cache).out.cache).toBe('accepted');
  });

  it('runs silently without a cache where none can be written', () => {
    const root = temporaryDir();
    const file = path.join(root, 'cli.cjs');
    writeFileSync(file, moduleSource('y'));
    // The cache directory's place is a file.
    const blocked = path.join(root, 'blocked');
    writeFileSync(blocked, '');
    expect(load(file, path.join(blocked, 'cache'))).toEqual({ status: 0, stderr: '', out: { value: 'y1', cache: 'absent', runs: 1, sameViaRequire: true, dynamic: 'function' } });
    // A read-only cache directory (root ignores permissions, so only where they hold).
    const readOnly = path.join(root, 'read-only');
    mkdirSync(readOnly);
    chmodSync(readOnly, 0o555);
    expect(load(file, readOnly)).toMatchObject({ status: 0, stderr: '', out: { value: 'y1' } });
    // No cache asked for.
    expect(load(file, undefined)).toMatchObject({ status: 0, stderr: '', out: { value: 'y1', cache: 'off' } });
  });
});

describe('codeCacheDir', () => {
  it('places the cache where oclif places connectgen’s cache directory', () => {
    expect(codeCacheDir({ HOME: '/home/u' }, 'linux')).toBe(path.join('/home/u', '.cache', 'connectgen', 'code-cache'));
    expect(codeCacheDir({ HOME: '/home/u', XDG_CACHE_HOME: '/xdg' }, 'linux')).toBe(path.join('/xdg', 'connectgen', 'code-cache'));
    expect(codeCacheDir({ HOME: '/Users/u' }, 'darwin')).toBe(path.join('/Users/u', 'Library', 'Caches', 'connectgen', 'code-cache'));
    expect(codeCacheDir({ HOME: 'C:\\Users\\u', LOCALAPPDATA: 'C:\\Users\\u\\AppData\\Local' }, 'win32')).toBe(path.join('C:\\Users\\u\\AppData\\Local', 'connectgen', 'code-cache'));
    expect(codeCacheDir({ HOME: '/home/u', CONNECTGEN_CACHE_DIR: '/c' }, 'linux')).toBe(path.join('/c', 'code-cache'));
  });

  it('is off with CONNECTGEN_CODE_CACHE=0', () => {
    expect(codeCacheDir({ HOME: '/home/u', CONNECTGEN_CODE_CACHE: '0' }, 'linux')).toBeUndefined();
  });
});
