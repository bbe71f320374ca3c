/**
 * Tarballs of a package's production dependencies, made from the workspace's installed copies, so
 * tests can install the runtime into an empty directory, or seed a private registry, without
 * reaching any public registry. `tar` packs each installed directory under `package/`, as npm does.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

const exec = promisify(execFile);

export interface InstalledPackage {
  readonly name: string;
  readonly version: string;
  readonly dir: string;
  readonly manifest: Record<string, unknown>;
}

/** Every package `dir`'s dependencies need at run time, transitively, each once. */
export function dependencyClosure(dir: string): InstalledPackage[] {
  const found = new Map<string, InstalledPackage>();
  const visit = (from: string) => {
    const manifest = JSON.parse(readFileSync(join(from, 'package.json'), 'utf8')) as { dependencies?: Record<string, string>; optionalDependencies?: Record<string, string> };
    for (const name of Object.keys({ ...manifest.dependencies, ...manifest.optionalDependencies })) {
      const location = locate(from, name);
      if (!location) {
        if (manifest.optionalDependencies?.[name]) continue;
        throw new Error(`${name} (needed by ${from}) is not installed`);
      }
      const pkg = JSON.parse(readFileSync(join(location, 'package.json'), 'utf8')) as Record<string, unknown>;
      const key = `${name}@${String(pkg['version'])}`;
      if (found.has(key)) continue;
      found.set(key, { name, version: String(pkg['version']), dir: location, manifest: pkg });
      visit(location);
    }
  };
  visit(dir);
  return [...found.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
}

/** Node's lookup: `<dir>/node_modules/<name>`, then each parent's. */
function locate(from: string, name: string): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

/** `<dest>/<name>-<version>.tgz` of an installed package (its own node_modules left out). */
export async function tarInstalled(pkg: InstalledPackage, dest: string): Promise<string> {
  await mkdir(dest, { recursive: true });
  const file = join(dest, `${pkg.name.replace('@', '').replace('/', '-')}-${pkg.version}.tgz`);
  await exec('tar', ['-czf', file, '--exclude=./node_modules', '--transform', 's,^\\.,package,', '-C', pkg.dir, '.']);
  return file;
}
