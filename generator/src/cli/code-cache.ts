/**
 * Loads the bundled CLI (dist/bundle/cli.cjs, one CommonJS file) with a V8 code cache, so a start-up
 * deserialises the bytecode an earlier run compiled instead of parsing and compiling ~1.6 MB of
 * JavaScript again (Node 20 has no compile cache of its own: `module.enableCompileCache` is 22.1+).
 *
 * The cache is only ever a shortcut to the same code:
 * - it lives in the user's cache directory (as oclif places it: CONNECTGEN_CACHE_DIR, else
 *   ~/Library/Caches/connectgen on macOS, $XDG_CACHE_HOME or %LOCALAPPDATA% or ~/.cache), never
 *   beside the package (which may be read-only) or in a directory the user named;
 * - each file records the bundle's path, size, mtime and inode and the Node version and architecture it
 *   was made for (as Python's .pyc records its source's mtime and size); a rebuilt bundle, another
 *   Node or a file that is not ours is ignored, and V8 itself rejects data from another V8 or
 *   other flags (`cachedDataRejected`); either way the bundle compiles from source and the cache is
 *   written again;
 * - any error reading or writing it (no home, a read-only or full disk, a half-written file) only
 *   means compiling from source, silently;
 * - like the user's other dot-files, it is trusted as the user's own: whoever can write there can
 *   already change what the user runs.
 *
 * One cache per "profile" (the command word: `generate`, `sync`...): V8 caches the functions that
 * had been compiled when the cache was made, so each command gets the cache of its own first run,
 * written when the process exits.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import vm from 'node:vm';

/** Set to 0 to compile the bundle from source on every run (benchmarks, debugging). */
export const CODE_CACHE_ENV = 'CONNECTGEN_CODE_CACHE';

export interface CodeCacheOptions {
  /** Directory of the cache files; undefined: no cache. */
  readonly dir: string | undefined;
  /** Which run's compiled functions the cache holds: letters, digits and dashes. */
  readonly profile: string;
}

type DynamicImport = (specifier: string, options?: ImportCallOptions) => Promise<unknown>;

/** How a load used the code cache: none asked for, none there (or made for another build or Node), rejected by V8, or used. */
export type CacheUse = 'off' | 'absent' | 'rejected' | 'accepted';

/** Runs a CommonJS file (as `require` would, once per process) and returns its exports, through the code cache. */
export function loadCommonJs(file: string, options: CodeCacheOptions): { readonly exports: unknown; readonly cache: CacheUse } {
  const source = readFileSync(file, 'utf8');
  // Runs under other Node options (--max-old-space-size...) get their own file: V8 would reject the
  // other's data, and each would keep replacing the other's.
  const cacheFile = options.dir === undefined ? undefined : join(options.dir, `${fnv1a([file, process.env['NODE_OPTIONS'] ?? '', ...process.execArgv].join('\0'))}-${options.profile}.v8`);
  const key = cacheFile === undefined ? '' : cacheKey(file);
  const cached = cacheFile === undefined ? undefined : readCache(cacheFile, key);
  const script = compile(source, file, cached);
  // Registered before it runs, as require does: files that require it (the shims oclif loads) get these exports.
  const module = new Module(file);
  module.filename = file;
  createRequire(file).cache[file] = module;
  const wrapper = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: Module, filename: string, dirname: string, dynamicImport: DynamicImport) => void;
  const base = pathToFileURL(file);
  const dynamicImport: DynamicImport = (specifier, options) => import(specifier.startsWith('.') ? new URL(specifier, base).href : specifier, options);
  wrapper.call(module.exports, module.exports, createRequire(file), module, file, dirname(file), dynamicImport);
  module.loaded = true;
  const cache: CacheUse = cacheFile === undefined ? 'off' : cached === undefined ? 'absent' : script.cachedDataRejected === true ? 'rejected' : 'accepted';
  if (cacheFile !== undefined && cache !== 'accepted') {
    // At exit, so the cache holds the functions this command compiled, not only the top level.
    process.once('exit', () => writeCache(cacheFile, key, source, file, script));
  }
  return { exports: module.exports, cache };
}

/**
 * Compiles the file as Node's CommonJS loader would, with one more parameter: the bundle's
 * `import()` (dynamic-imports.ts). A script compiled from a V8 code cache in Node 20 has no
 * dynamic-import callback, so the bundle calls this function, whose import() is this module's own
 * (same package: bare names resolve as from the bundle; relative ones are taken from the file).
 */
function compile(source: string, file: string, cachedData: Buffer | undefined): vm.Script {
  return new vm.Script(`(function (exports, require, module, __filename, __dirname, __cgImport) {${source}\n});`, { filename: file, ...(cachedData ? { cachedData } : {}) });
}

/**
 * What a cache file must have been made for. The bundle is written whole and renamed into place, so
 * a new build is a new file (inode) with a new mtime; V8 adds its own check of its version, flags
 * and the source's length.
 */
function cacheKey(file: string): string {
  const stat = statSync(file);
  return JSON.stringify([file, stat.size, stat.mtimeMs, stat.ino, process.version, process.arch]);
}

/** The cached data when the file holds a cache made for `key`: the key, a newline, V8's data. */
function readCache(cacheFile: string, key: string): Buffer | undefined {
  let content: Buffer;
  try {
    content = readFileSync(cacheFile);
  } catch {
    return undefined;
  }
  const newline = content.indexOf(10);
  if (newline < 0 || content.toString('utf8', 0, newline) !== key) return undefined;
  return content.subarray(newline + 1);
}

function writeCache(cacheFile: string, key: string, source: string, file: string, script: vm.Script): void {
  // Written whole under another name, then renamed: a concurrent run reads the old cache or the new one, never half of one.
  const temporary = `${cacheFile}.${process.pid}.tmp`;
  try {
    const data = script.createCachedData();
    // V8 stamps the data with the flags in force now: if the run changed one (v8.setFlagsFromString)
    // and kept it, the next start-up would reject the data and write it again, every run. Only data
    // this process itself accepts is kept.
    if (compile(source, file, data).cachedDataRejected === true) return;
    mkdirSync(dirname(cacheFile), { recursive: true });
    writeFileSync(temporary, Buffer.concat([Buffer.from(key + '\n'), data]));
    renameSync(temporary, cacheFile);
  } catch {
    try {
      rmSync(temporary, { force: true });
    } catch {
      // Nothing was written there either.
    }
  }
}

/** The directory of code caches: `code-cache/` in connectgen's cache directory, placed as oclif places it; undefined when there is no home. */
export function codeCacheDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string | undefined {
  if (env[CODE_CACHE_ENV] === '0') return undefined;
  const scoped = env['CONNECTGEN_CACHE_DIR'];
  if (scoped) return join(scoped, 'code-cache');
  let home: string;
  try {
    home = env['HOME'] || os.homedir();
  } catch {
    return undefined;
  }
  if (!home) return undefined;
  const base =
    platform === 'darwin' ? join(home, 'Library', 'Caches') : env['XDG_CACHE_HOME'] || (platform === 'win32' ? env['LOCALAPPDATA'] : undefined) || join(home, '.cache');
  return join(base, 'connectgen', 'code-cache');
}

/** A short name (32-bit FNV-1a, hex) for a cache file; its content says which bundle it is for. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return (hash >>> 0).toString(16).padStart(8, '0');
}
