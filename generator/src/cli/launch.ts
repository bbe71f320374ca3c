/**
 * Which copy of the CLI `bin/run.js` starts: the bundle in dist/bundle/ (bundle.ts; a few files, so
 * start-up does not resolve and read the ~400 modules of oclif, YAML, Handlebars and our own), or
 * the modules tsc wrote in dist/.
 *
 * The bundle is made from dist/ and records the build it was made from (the mtime of
 * dist/tsconfig.tsbuildinfo, which tsc rewrites whenever it emits anything). It runs only while
 * that build is still the current one, so after a source change and `tsc -b` the CLI runs the new
 * modules until the bundle is made again (`npm run build`, the test setup): a stale bundle never
 * runs old code. A packed package ships the bundle and no build info, so an installed CLI always
 * runs the bundle. This module is loaded before anything else and imports only Node's own modules.
 *
 * The bundle is one CommonJS file, loaded through a V8 code cache (code-cache.ts). Modules it
 * leaves to node_modules that are ES modules (the runtime's sync engine, Redocly, publint) are
 * then loaded with `require`, which Node does silently only from 20.19, 22.13 and 23.5 on; on the
 * Node versions between, the CLI runs the modules tsc wrote (slower to start, same behaviour).
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { codeCacheDir, loadCommonJs } from './code-cache.js';

/** The bundle's place inside the package; two levels down, as dist/cli/, so the relative paths in modules (`../../package.json`) still hold. */
export const BUNDLE_DIR = 'dist/bundle';

/** What the bundle records of the build it was made from. */
export const BUNDLE_SOURCE_FILE = 'source.json';

/** The bundle itself: every module the CLI starts with, and those it loads on demand, in one file. */
export const BUNDLE_FILE = 'cli.cjs';

export const BUILD_INFO_FILE = 'dist/tsconfig.tsbuildinfo';

/** Set to 0 to run the modules tsc wrote even when the bundle is current (debugging, tests). */
export const BUNDLE_ENV = 'CONNECTGEN_BUNDLE';

export interface BundleSource {
  /** mtime of dist/tsconfig.tsbuildinfo when the bundle was made; null when there was none. */
  readonly buildInfoMtimeMs: number | null;
  /** The first word of every command id (`generate`, `sync`): the code cache keeps one cache per word. */
  readonly topics?: readonly string[];
}

/** True when dist/bundle/ exists and was made from the build now in dist/. */
export function bundleIsCurrent(root: string, env: NodeJS.ProcessEnv = process.env): boolean {
  return currentBundle(root, env) !== undefined;
}

/** What dist/bundle/ records, when it exists and was made from the build now in dist/. */
export function currentBundle(root: string, env: NodeJS.ProcessEnv = process.env): BundleSource | undefined {
  if (env[BUNDLE_ENV] === '0') return undefined;
  let source: BundleSource;
  try {
    source = JSON.parse(readFileSync(join(root, BUNDLE_DIR, BUNDLE_SOURCE_FILE), 'utf8')) as BundleSource;
  } catch {
    return undefined;
  }
  const built = buildInfoMtimeMs(root);
  // No build info: an installed package, whose dist/ and bundle were packed together.
  return built === null || built === source.buildInfoMtimeMs ? source : undefined;
}

/**
 * Whether this Node requires an ES module without a word: `process.features.require_module`
 * (20.19+, 22.12+, 23+), less 22.12 and 23.0-23.4, which print an ExperimentalWarning when they do.
 */
export function nodeRunsBundle(version: string = process.version, requireModule: boolean | undefined = (process.features as { require_module?: boolean }).require_module): boolean {
  if (requireModule !== true) return false;
  const [major = 0, minor = 0] = version.replace(/^v/, '').split('.').map(Number);
  return !((major === 22 && minor < 13) || (major === 23 && minor < 5));
}

/** Starts the CLI: the bundle when it is current and this Node can run it, else the modules tsc wrote. */
export async function launch(root: string, argv: readonly string[] = process.argv.slice(2), env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const source = nodeRunsBundle() ? currentBundle(root, env) : undefined;
  if (source === undefined) {
    const { main } = (await import('./main.js')) as typeof import('./main.js');
    return main({ bundled: false });
  }
  const { exports } = loadCommonJs(join(root, BUNDLE_DIR, BUNDLE_FILE), { dir: codeCacheDir(env), profile: codeCacheProfile(argv, source.topics ?? []) });
  return (exports as { entries: { 'cli-main': typeof import('./main.js') } }).entries['cli-main'].main({ bundled: true });
}

/** Which code cache a run uses: its command's first word when that is one, else `other` (help, version, a mistyped command). */
export function codeCacheProfile(argv: readonly string[], topics: readonly string[]): string {
  const word = argv[0];
  return word !== undefined && topics.includes(word) ? word : 'other';
}

export function buildInfoMtimeMs(root: string): number | null {
  try {
    return statSync(join(root, BUILD_INFO_FILE)).mtimeMs;
  } catch {
    return null;
  }
}

/** Where the bundle keeps what stands at `distPath` (`./dist/hooks/x.js`) in the unbundled CLI: a file that hands on the bundle's copy of that module. */
export function bundledEntry(distPath: string): { name: string; path: string } {
  const name = distPath
    .replace(/^\.?\/?dist\//, '')
    .replace(/\.js$/, '')
    .split('/')
    .join('-');
  return { name, path: `./${BUNDLE_DIR}/${name}.cjs` };
}
