/**
 * npm as a user runs it, for tests that pack, install and publish real packages. Installs are
 * offline-safe: the runtime's dependencies are packed from the workspace's own node_modules, so an
 * empty directory can install the runtime without reaching any registry.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { dependencyClosure, tarInstalled } from './dependency-tarballs.js';
import { REPO_ROOT } from './generate.js';

const exec = promisify(execFile);

export interface NpmResult {
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs npm in `cwd`; throws with npm's output when it fails. */
export async function npm(args: readonly string[], cwd: string, env: Record<string, string> = {}): Promise<NpmResult> {
  try {
    return await exec('npm', [...args], {
      cwd,
      env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false', ...env },
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (error) {
    const e = error as Error & { stdout?: string; stderr?: string };
    throw new Error(`npm ${args.join(' ')} failed in ${cwd}:\n${e.stdout ?? ''}\n${e.stderr ?? ''}`, { cause: error });
  }
}

/** `npm pack` of the package in `dir` into `dest`; returns the tarball's path. */
export async function pack(dir: string, dest: string, extra: readonly string[] = []): Promise<string> {
  const { stdout } = await npm(['pack', '--json', '--pack-destination', dest, ...extra], dir);
  const [info] = JSON.parse(stdout) as { filename: string }[];
  return join(dest, info!.filename);
}

/** The runtime's dependencies, transitively, as tarballs of the workspace's installed copies. */
export async function packRuntimeDependencies(dest: string): Promise<string[]> {
  return Promise.all(dependencyClosure(join(REPO_ROOT, 'runtime')).map((pkg) => tarInstalled(pkg, dest)));
}

/** A fresh, empty ESM project outside the repository (so nothing resolves from the workspace). */
export async function emptyProject(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }, null, 2));
  return dir;
}
