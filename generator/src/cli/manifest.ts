/**
 * oclif's command manifest (`oclif.manifest.json` beside package.json). Without it oclif imports
 * every command file at start-up to learn the command ids and flags, and with them SQLite, the sync
 * engine and Spectral, to run `generate`; with it only the command being run is imported.
 *
 * The manifest follows the build: `bin/run.js` rewrites it when the build is newer than it (tsc
 * writes dist/tsconfig.tsbuildinfo whenever it emits anything, and a command's flags may live in
 * a file it imports), so a new or changed command can never hide behind a stale manifest. A packed
 * package ships the manifest (prepack writes it) and no build info, so an installed CLI only reads it.
 */
import { renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Plugin } from '@oclif/core';

export const MANIFEST_FILE = 'oclif.manifest.json';

/** The CLI package's root: `dist/cli/` and `src/cli/` are both two levels down. */
export const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Writes the manifest when it is missing or older than the last build; true if written. */
export async function refreshManifest(root: string = PACKAGE_ROOT): Promise<boolean> {
  if (!isStale(root)) return false;
  await writeManifest(root);
  return true;
}

/** Loads every command (as oclif does without a manifest) and writes what it learned. */
export async function writeManifest(root: string = PACKAGE_ROOT): Promise<void> {
  const plugin = new Plugin({ root, isRoot: true, type: 'core', ignoreManifest: true, errorOnManifestCreate: true, respectNoCacheDefault: true });
  await plugin.load();
  // Renamed into place: CLI processes started together (a test run) may all find it stale at once.
  const file = join(root, MANIFEST_FILE);
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, JSON.stringify(plugin.manifest, null, 2) + '\n');
    renameSync(temporary, file);
  } catch (error) {
    // A read-only install can still run; oclif then reads what it has, or loads every command.
    if ((error as NodeJS.ErrnoException).code !== 'EACCES' && (error as NodeJS.ErrnoException).code !== 'EROFS') throw error;
  }
}

function isStale(root: string): boolean {
  const written = modified(join(root, MANIFEST_FILE));
  if (written === undefined) return true;
  const built = modified(join(root, 'dist', 'tsconfig.tsbuildinfo'));
  return built !== undefined && built > written;
}

function modified(file: string): number | undefined {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return undefined;
  }
}
