import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MANIFEST_FILE, PACKAGE_ROOT, refreshManifest } from './manifest.js';

const manifestFile = path.join(PACKAGE_ROOT, MANIFEST_FILE);

/** Command ids as oclif derives them from dist/commands (`sync/run.js` -> `sync:run`). */
function builtCommandIds(): string[] {
  return readdirSync(path.join(PACKAGE_ROOT, 'dist', 'commands'), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.js'))
    .map((file) => file.replace(/\.js$/, '').split(path.sep).join(':'))
    .sort();
}

describe('oclif manifest', () => {
  it('lists every built command with its flags', async () => {
    await refreshManifest();
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as { commands: Record<string, { flags: Record<string, unknown> }> };
    expect(Object.keys(manifest.commands).sort()).toEqual(builtCommandIds());
    expect(Object.keys(manifest.commands['generate']!.flags)).toEqual(expect.arrayContaining(['out', 'force', 'quiet', 'json']));
  });

  it('is written when missing, rewritten when the build is newer than it, and left alone otherwise', async () => {
    // A package of its own (the real commands, linked), so CLI runs in other tests never see it stale.
    const root = mkdtempSync(path.join(os.tmpdir(), 'cg-manifest-'));
    afterAll(() => rmSync(root, { recursive: true, force: true }));
    copyFileSync(path.join(PACKAGE_ROOT, 'package.json'), path.join(root, 'package.json'));
    mkdirSync(path.join(root, 'dist'));
    symlinkSync(path.join(PACKAGE_ROOT, 'dist', 'commands'), path.join(root, 'dist', 'commands'), 'dir');
    const buildInfo = path.join(root, 'dist', 'tsconfig.tsbuildinfo');
    writeFileSync(buildInfo, '{}');
    const manifest = path.join(root, MANIFEST_FILE);

    expect(await refreshManifest(root)).toBe(true);
    expect(Object.keys(JSON.parse(readFileSync(manifest, 'utf8')).commands).sort()).toEqual(builtCommandIds());
    expect(await refreshManifest(root)).toBe(false);
    // As after a `tsc -b` that emitted something: the build info is newer than the manifest.
    const earlier = new Date(statSync(buildInfo).mtimeMs - 60_000);
    utimesSync(manifest, earlier, earlier);
    expect(await refreshManifest(root)).toBe(true);
    expect(statSync(manifest).mtimeMs).toBeGreaterThan(earlier.getTime());
    expect(await refreshManifest(root)).toBe(false);
  });
});
