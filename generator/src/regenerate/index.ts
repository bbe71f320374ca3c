/**
 * regenerate: a generated package + the spec it records (re-read, since the vendor may have moved
 * on) -> the package regenerated, the user's edits kept by a 3-way merge, the version bumped by the
 * diff's semver, CHANGELOG.md written. The order of the stages:
 *
 *   record -> load + convert the new spec -> old IR (from the snapshot) and new IR -> diff -> version
 *   -> emit -> public API check (ts-morph) -> merge plan -> write (unless dry run)
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { configBuildOptions, readConfigSettings } from '../config/settings.js';
import { ConnectgenError } from '../diagnostics/errors.js';
import { diffIR, nextVersion, type Bump, type DiffResult } from '../diff/index.js';
import { emit } from '../emit/index.js';
import { removeFiles, writeFiles } from '../emit/write.js';
import { buildIR } from '../ir/index.js';
import type { ConnectorIR } from '../ir/types.js';
import { resolveSourceArgument } from '../load/index.js';
import { isUrl } from '../load/read-source.js';
import { loadAndConvert, refuseBlocked, type PipelineOptions } from '../pipeline.js';
import { readPackageRecord } from '../record/package-dir.js';
import { RECORD_FILE, recordFiles } from '../record/record.js';
import { prependChangelog } from './changelog.js';
import { planMerge, type MergePlan } from './plan.js';
import { checkDiff, readPublicApi, type ApiMismatch } from './public-api.js';

export const CHANGELOG = 'CHANGELOG.md';

export interface RegenerateOptions extends PipelineOptions {
  /** Show what would change; write nothing. */
  readonly dryRun?: boolean;
  /** A spec or connector.yaml to read instead of the recorded one (recorded from then on). */
  readonly source?: string;
  /** The clock for the changelog's date. */
  readonly now?: () => Date;
}

export interface RegenerateResult {
  readonly dir: string;
  readonly previousVersion: string;
  readonly version: string;
  /** The diff's bump, or `patch` when only the generated code changed. */
  readonly bump: Bump;
  readonly diff: DiffResult;
  readonly plan: MergePlan;
  /** Where the real types disagree with the diff: a connectgen bug, reported. */
  readonly apiMismatches: readonly ApiMismatch[];
  readonly changelog: boolean;
  readonly dryRun: boolean;
}

export async function regenerateConnector(dir: string, options: RegenerateOptions = {}): Promise<RegenerateResult> {
  const previous = await readPackageRecord(dir);
  if (!previous) {
    throw new ConnectgenError('CG_NOT_GENERATED_PACKAGE', `${dir} has no connectgen record (${RECORD_FILE})`, {
      hint: 'regenerate works on a package written by `connectgen generate <spec> --out <dir>`',
    });
  }
  const source = options.source ?? (isUrl(previous.record.source) ? previous.record.source : resolve(dir, previous.record.source));
  const { spec, config, configFile } = await resolveSourceArgument(source, options);
  // The same reader as generate: file:line:col in config errors, and the icon (which an IR built from the bare config would drop).
  const settings = configFile === undefined ? undefined : readConfigSettings(configFile);
  const { loaded, converted } = await loadAndConvert(spec, options);
  refuseBlocked(converted, options);
  const oldIR = buildIR(previous.spec, previous.record.config, { sourceUri: join(dir, RECORD_FILE) });
  const fresh = buildIR(converted.document, config, { sourceUri: loaded.uri, ...configBuildOptions(settings) });
  const diff = diffIR(oldIR, fresh);

  const baseVersion = versionIn(previous.base.get('package.json')) ?? oldIR.info.version;
  const current = await readCurrent(dir, [...previous.base.keys(), ...emit(fresh).keys(), 'package.json', CHANGELOG]);
  const previousVersion = versionIn(current.get('package.json')) ?? baseVersion;
  const codeChanged = !sameFiles(emit(withVersion(fresh, baseVersion)), previous.base);
  const bump: Bump = diff.bump !== 'none' ? diff.bump : codeChanged ? 'patch' : 'none';
  const version = nextVersion(previousVersion, bump);
  const files = emit(withVersion(fresh, version));

  const apiMismatches = checkDiff(readPublicApi(emit(oldIR), oldIR), readPublicApi(files, fresh), diff.changes);
  const plan = planMerge({ base: userVersionInBase(previous.base, baseVersion, previousVersion), current, generated: files });
  const changelog = bump !== 'none';
  if (!options.dryRun) {
    const writes = new Map<string, string>();
    for (const action of plan.actions) if (action.kind === 'write') writes.set(action.path, action.text);
    if (changelog) {
      const date = (options.now ?? (() => new Date()))().toISOString().slice(0, 10);
      writes.set(CHANGELOG, prependChangelog(current.get(CHANGELOG), { version, date, api: `${fresh.info.title} ${fresh.info.apiVersion}`, diff }));
    }
    const record = recordFiles({ source, outDir: dir, ...(config ? { config } : {}), document: converted.document, files });
    await removeFiles(dir, plan.actions.filter((a) => a.kind === 'delete').map((a) => a.path));
    await writeFiles(dir, new Map([...writes, ...record]));
  }
  return { dir, previousVersion, version, bump, diff, plan, apiMismatches, changelog, dryRun: options.dryRun ?? false };
}

function withVersion(ir: ConnectorIR, version: string): ConnectorIR {
  return { ...ir, info: { ...ir.info, version } };
}

function versionIn(packageJson: string | undefined): string | undefined {
  if (packageJson === undefined) return undefined;
  try {
    const version = (JSON.parse(packageJson) as { version?: unknown }).version;
    return typeof version === 'string' ? version : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The user may have set package.json's version by hand; the new one is computed from theirs. Seen
 * from the merge, that line is then not the user's edit, so it must not collide with the new version.
 */
function userVersionInBase(base: ReadonlyMap<string, string>, baseVersion: string, userVersion: string): ReadonlyMap<string, string> {
  const pkg = base.get('package.json');
  if (pkg === undefined || baseVersion === userVersion) return base;
  const next = new Map(base);
  next.set('package.json', pkg.replace(`"version": ${JSON.stringify(baseVersion)}`, `"version": ${JSON.stringify(userVersion)}`));
  return next;
}

async function readCurrent(dir: string, paths: readonly string[]): Promise<Map<string, string>> {
  const current = new Map<string, string>();
  for (const path of new Set(paths)) {
    const text = await readFile(join(dir, path), 'utf8').catch(() => undefined);
    if (text !== undefined) current.set(path, text);
  }
  return current;
}

function sameFiles(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean {
  return a.size === b.size && [...a].every(([path, text]) => b.get(path) === text);
}
