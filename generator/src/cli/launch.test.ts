import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BUILD_INFO_FILE, BUNDLE_DIR, BUNDLE_SOURCE_FILE, bundledEntry, bundleIsCurrent, buildInfoMtimeMs, codeCacheProfile, nodeRunsBundle } from './launch.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A package root with build info written at `builtAt` and, optionally, a bundle that records `recorded`. */
function packageRoot(builtAt: Date | undefined, recorded?: number | null): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'cg-launch-'));
  dirs.push(root);
  mkdirSync(path.join(root, BUNDLE_DIR), { recursive: true });
  if (builtAt) {
    writeFileSync(path.join(root, BUILD_INFO_FILE), '{}');
    utimesSync(path.join(root, BUILD_INFO_FILE), builtAt, builtAt);
  }
  if (recorded !== undefined) writeFileSync(path.join(root, BUNDLE_DIR, BUNDLE_SOURCE_FILE), JSON.stringify({ buildInfoMtimeMs: recorded }));
  return root;
}

describe('bundleIsCurrent', () => {
  const built = new Date('2026-11-30T12:00:00Z');

  it('runs the bundle made from the build now in dist/', () => {
    const root = packageRoot(built, built.getTime());
    expect(buildInfoMtimeMs(root)).toBe(built.getTime());
    expect(bundleIsCurrent(root, {})).toBe(true);
  });

  it('never runs a bundle made from an earlier build, however recent the bundle file is', () => {
    // As after editing a source file and `tsc -b`: the build info was rewritten after the bundle was made.
    const root = packageRoot(new Date(built.getTime() + 1), built.getTime());
    expect(bundleIsCurrent(root, {})).toBe(false);
    // A build info older than the bundle's record is just as much another build.
    expect(bundleIsCurrent(packageRoot(new Date(built.getTime() - 1000), built.getTime()), {})).toBe(false);
  });

  it('runs the modules tsc wrote when there is no bundle, or an unfinished one', () => {
    expect(bundleIsCurrent(packageRoot(built), {})).toBe(false);
    const half = packageRoot(built);
    writeFileSync(path.join(half, BUNDLE_DIR, BUNDLE_SOURCE_FILE), '{"buildInfo');
    expect(bundleIsCurrent(half, {})).toBe(false);
  });

  it('runs the bundle of an installed package, which has no build info', () => {
    expect(bundleIsCurrent(packageRoot(undefined, built.getTime()), {})).toBe(true);
  });

  it('runs the modules tsc wrote when CONNECTGEN_BUNDLE=0', () => {
    expect(bundleIsCurrent(packageRoot(built, built.getTime()), { CONNECTGEN_BUNDLE: '0' })).toBe(false);
  });
});

describe('bundledEntry', () => {
  it('names a dist/ file by its path, one level inside dist/bundle/', () => {
    expect(bundledEntry('./dist/hooks/command-not-found.js')).toEqual({ name: 'hooks-command-not-found', path: './dist/bundle/hooks-command-not-found.cjs' });
    expect(bundledEntry('dist/cli/main.js')).toEqual({ name: 'cli-main', path: './dist/bundle/cli-main.cjs' });
  });
});

describe('nodeRunsBundle', () => {
  it('runs the bundle where Node requires ES modules silently', () => {
    expect(nodeRunsBundle('v20.19.0', true)).toBe(true);
    expect(nodeRunsBundle('v20.20.2', true)).toBe(true);
    expect(nodeRunsBundle('v22.13.0', true)).toBe(true);
    expect(nodeRunsBundle('v23.5.0', true)).toBe(true);
    expect(nodeRunsBundle('v24.1.0', true)).toBe(true);
  });

  it('runs the modules tsc wrote where require(esm) is off or prints a warning', () => {
    expect(nodeRunsBundle('v22.11.0', undefined)).toBe(false);
    expect(nodeRunsBundle('v22.11.0', false)).toBe(false);
    expect(nodeRunsBundle('v22.12.0', true)).toBe(false);
    expect(nodeRunsBundle('v23.4.0', true)).toBe(false);
  });

  it('holds for the Node running this test (engines: >=20.19)', () => {
    expect(nodeRunsBundle()).toBe(true);
  });
});

describe('codeCacheProfile', () => {
  const topics = ['generate', 'lint', 'sync'];

  it('keeps one code cache per command word', () => {
    expect(codeCacheProfile(['generate', 'spec.yaml', '--out', 'x'], topics)).toBe('generate');
    expect(codeCacheProfile(['sync', 'run', 'a.yaml'], topics)).toBe('sync');
  });

  it('shares one for help, version and anything that is not a command (no cache file per typo)', () => {
    expect(codeCacheProfile([], topics)).toBe('other');
    expect(codeCacheProfile(['--version'], topics)).toBe('other');
    expect(codeCacheProfile(['generat', 'spec.yaml'], topics)).toBe('other');
    expect(codeCacheProfile(['../../etc/passwd'], topics)).toBe('other');
  });
});
