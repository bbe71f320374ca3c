/**
 * publish: a generated package -> built (tsc to dist/ with declarations) -> packed -> checked
 * (publint, @arethetypeswrong/core) -> `npm publish` of that same tarball, as a dry run unless told
 * otherwise. A draft connector is refused; so is a real publish whose registry lacks the
 * `@connectgen/runtime` version the connector needs, unless `withRuntime` publishes it first.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import semver from 'semver';
import { ConnectgenError } from '../diagnostics/errors.js';
import { readPackageRecord } from '../record/package-dir.js';
import { buildPackage } from './build.js';
import { checkTarball, type PackageProblem } from './check.js';
import { runNpm } from './npm.js';

export const RUNTIME_PACKAGE = '@connectgen/runtime';

export interface PublishOptions {
  /** `npm publish --dry-run` (the default) or the real thing. */
  readonly dryRun?: boolean;
  readonly registry?: string;
  readonly tag?: string;
  readonly access?: 'public' | 'restricted';
  /** Publish the runtime first when the registry lacks the version the connector needs. */
  readonly withRuntime?: boolean;
  /** Skip the build (the package's dist/ is already current). */
  readonly skipBuild?: boolean;
}

export interface PublishedPackage {
  readonly name: string;
  readonly version: string;
  readonly files: readonly string[];
}

export interface PublishResult {
  readonly package: PublishedPackage;
  readonly dryRun: boolean;
  /** Why nothing was published (a draft, check problems, a missing runtime); empty when it was. */
  readonly refused: readonly string[];
  readonly problems: readonly PackageProblem[];
  /** The runtime range the connector depends on, and whether the registry has a version in it. */
  readonly runtime?: { readonly range: string; readonly available: boolean | 'unknown'; readonly published?: PublishedPackage };
}

interface PackageJson {
  readonly name?: string;
  readonly version?: string;
  readonly dependencies?: Record<string, string>;
}

export async function publishPackage(dir: string, options: PublishOptions = {}): Promise<PublishResult> {
  const dryRun = options.dryRun ?? true;
  const pkg = await readPackageJson(dir);
  const draft = await isDraft(dir);
  const work = await mkdtemp(join(tmpdir(), 'connectgen-publish-'));
  try {
    if (!options.skipBuild) await buildPackage(dir);
    const packed = await pack(dir, work);
    const problems = await checkTarball(packed.bytes);
    const refused: string[] = [];
    if (draft) refused.push('the connector is a draft (status: draft in connector.yaml): set status: published to publish it');
    if (problems.length > 0) refused.push(`${problems.length} package problem(s) found by publint / arethetypeswrong`);

    let runtime: PublishResult['runtime'];
    const range = pkg.dependencies?.[RUNTIME_PACKAGE];
    if (range !== undefined) {
      const available = await registryHas(RUNTIME_PACKAGE, range, dir, options.registry);
      runtime = { range, available };
      if (available === false && options.withRuntime && refused.length === 0) {
        runtime = { ...runtime, published: await publishRuntime(range, work, dryRun, options) };
      } else if (available === false && !dryRun) {
        refused.push(`the registry has no ${RUNTIME_PACKAGE}@${range}: pass --with-runtime to publish it first`);
      }
    }
    if (refused.length === 0) await runNpm(['publish', packed.file, ...publishFlags(dryRun, options)], dir);
    return { package: packed.info, dryRun, refused, problems, ...(runtime ? { runtime } : {}) };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

async function readPackageJson(dir: string): Promise<PackageJson & { name: string; version: string }> {
  let pkg: PackageJson;
  try {
    pkg = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as PackageJson;
  } catch (error) {
    throw new ConnectgenError('CG_PUBLISH_NOT_PACKAGE', `no readable package.json in ${dir}`, {
      hint: 'name a package directory (written by `connectgen generate`)',
      cause: error,
    });
  }
  if (typeof pkg.name !== 'string' || typeof pkg.version !== 'string') {
    throw new ConnectgenError('CG_PUBLISH_NOT_PACKAGE', `package.json in ${dir} has no name or version`, { pointer: '/name', hint: 'set "name" and "version"' });
  }
  return pkg as PackageJson & { name: string; version: string };
}

/** `status: draft` reaches the manifest (connector.json) and the generation record's settings. */
async function isDraft(dir: string): Promise<boolean> {
  const manifest = await readFile(join(dir, 'connector.json'), 'utf8').then((t) => JSON.parse(t) as { status?: unknown }, () => undefined);
  if (manifest?.status === 'draft') return true;
  const record = await readPackageRecord(dir).catch(() => undefined);
  return record?.record.config?.['status'] === 'draft';
}

async function pack(dir: string, dest: string): Promise<{ file: string; bytes: Uint8Array; info: PublishedPackage }> {
  // Built already: prepack would build a second time.
  const { stdout } = await runNpm(['pack', '--json', '--ignore-scripts', '--pack-destination', dest], dir);
  const [info] = JSON.parse(stdout) as { name: string; version: string; filename: string; files: { path: string }[] }[];
  const file = join(dest, info!.filename);
  return { file, bytes: new Uint8Array(await readFile(file)), info: { name: info!.name, version: info!.version, files: info!.files.map((f) => f.path).sort() } };
}

/** Whether `npm view` finds a version in range; 'unknown' when the registry could not be asked. */
async function registryHas(name: string, range: string, cwd: string, registry: string | undefined): Promise<boolean | 'unknown'> {
  try {
    const { stdout } = await runNpm(['view', `${name}@${range}`, 'version', '--json', ...(registry ? ['--registry', registry] : [])], cwd);
    return stdout.trim() !== '';
  } catch (error) {
    const output = `${(error as { stdout?: string }).stdout ?? ''}${(error as { stderr?: string }).stderr ?? ''}`;
    return /E404|404 Not Found|No match found/i.test(output) ? false : 'unknown';
  }
}

/** The runtime installed beside connectgen (the version it generates code for), packed, checked and published. */
async function publishRuntime(range: string, work: string, dryRun: boolean, options: PublishOptions): Promise<PublishedPackage> {
  const manifest = createRequire(import.meta.filename).resolve(`${RUNTIME_PACKAGE}/package.json`);
  const dir = dirname(manifest);
  const version = (JSON.parse(await readFile(manifest, 'utf8')) as { version: string }).version;
  if (!semver.satisfies(version, range)) {
    throw new ConnectgenError('CG_PUBLISH_RUNTIME_MISMATCH', `the connector needs ${RUNTIME_PACKAGE}@${range}, and this connectgen has ${version}`, {
      hint: 'regenerate the connector with this connectgen, or use the connectgen version that generated it',
    });
  }
  const dest = await mkdtemp(join(work, 'runtime-'));
  const packed = await pack(dir, dest);
  const problems = await checkTarball(packed.bytes);
  if (problems.length > 0) {
    throw new ConnectgenError('CG_PUBLISH_CHECK_FAILED', `${RUNTIME_PACKAGE}: ${problems.map((p) => p.message).join('; ')}`, { hint: 'this is a connectgen packaging bug; please report it' });
  }
  await runNpm(['publish', packed.file, ...publishFlags(dryRun, { ...options, tag: undefined })], dir);
  return packed.info;
}

function publishFlags(dryRun: boolean, options: PublishOptions): string[] {
  return [
    ...(dryRun ? ['--dry-run'] : []),
    ...(options.registry ? ['--registry', options.registry] : []),
    ...(options.tag ? ['--tag', options.tag] : []),
    ...(options.access ? ['--access', options.access] : []),
  ];
}
