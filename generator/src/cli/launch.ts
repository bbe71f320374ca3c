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
 * runs the bundle. This module is loaded before anything else and imports only node:fs.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The bundle's place inside the package; two levels down, as dist/cli/, so the relative paths in modules (`../../package.json`) still hold. */
export const BUNDLE_DIR = 'dist/bundle';

/** What the bundle records of the build it was made from. */
export const BUNDLE_SOURCE_FILE = 'source.json';

export const BUILD_INFO_FILE = 'dist/tsconfig.tsbuildinfo';

/** Set to 0 to run the modules tsc wrote even when the bundle is current (debugging, tests). */
export const BUNDLE_ENV = 'CONNECTGEN_BUNDLE';

export interface BundleSource {
  /** mtime of dist/tsconfig.tsbuildinfo when the bundle was made; null when there was none. */
  readonly buildInfoMtimeMs: number | null;
}

/** True when dist/bundle/ exists and was made from the build now in dist/. */
export function bundleIsCurrent(root: string, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env[BUNDLE_ENV] === '0') return false;
  let source: BundleSource;
  try {
    source = JSON.parse(readFileSync(join(root, BUNDLE_DIR, BUNDLE_SOURCE_FILE), 'utf8')) as BundleSource;
  } catch {
    return false;
  }
  const built = buildInfoMtimeMs(root);
  // No build info: an installed package, whose dist/ and bundle were packed together.
  return built === null || built === source.buildInfoMtimeMs;
}

export function buildInfoMtimeMs(root: string): number | null {
  try {
    return statSync(join(root, BUILD_INFO_FILE)).mtimeMs;
  } catch {
    return null;
  }
}

/** Where the bundle keeps what stands at `distPath` (`./dist/hooks/x.js`) in the unbundled CLI. */
export function bundledEntry(distPath: string): { name: string; path: string } {
  const name = distPath
    .replace(/^\.?\/?dist\//, '')
    .replace(/\.js$/, '')
    .split('/')
    .join('-');
  return { name, path: `./${BUNDLE_DIR}/${name}.js` };
}
