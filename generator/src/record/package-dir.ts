/**
 * Reading a package directory's generation record, and deciding whether `generate` may write into a
 * directory: never into a file, never over a user's project (files connectgen did not write) and
 * never over hand edits of generated files, unless `--force`. Those edits are `regenerate`'s job.
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { readdir } from 'node:fs/promises';
import { ConnectgenError } from '../diagnostics/errors.js';
import { BASE_FILE, parseRecord, parseRecordAndBase, RECORD_FILE, SPEC_FILE, type PackageRecord } from './record.js';

/** The record of the package in `dir`, or undefined when connectgen never generated into it. */
export async function readPackageRecord(dir: string): Promise<PackageRecord | undefined> {
  const record = await readRecordFile(dir);
  if (record === undefined) return undefined;
  const [spec, base] = await Promise.all([readRecordPart(dir, SPEC_FILE), readRecordPart(dir, BASE_FILE)]);
  return parseRecord(dir, { record, spec, base });
}

/** As readPackageRecord, without the spec snapshot (see parseRecordAndBase). */
async function readPackageBase(dir: string): Promise<Omit<PackageRecord, 'spec'> | undefined> {
  const record = await readRecordFile(dir);
  if (record === undefined) return undefined;
  return parseRecordAndBase(dir, { record, base: await readRecordPart(dir, BASE_FILE) });
}

async function readRecordFile(dir: string): Promise<string | undefined> {
  return readFile(join(dir, RECORD_FILE), 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return undefined;
    throw error;
  });
}

async function readRecordPart(dir: string, file: string): Promise<string> {
  try {
    return await readFile(join(dir, file), 'utf8');
  } catch (error) {
    throw new ConnectgenError('CG_RECORD_INVALID', `${file} is missing`, {
      file: join(dir, file),
      hint: 'restore .connectgen/ from version control, or generate again with --force',
      cause: error,
    });
  }
}

/** Generated files whose text on disk differs from what was generated (missing files do not count). */
export async function editedFiles(dir: string, base: ReadonlyMap<string, string>): Promise<string[]> {
  const edited: string[] = [];
  for (const [path, text] of base) {
    const current = await readFile(join(dir, path), 'utf8').catch(() => undefined);
    if (current !== undefined && current !== text) edited.push(path);
  }
  return edited.sort();
}

/**
 * A command argument naming a generated package directory: its record. Undefined for anything
 * that is not a directory (a spec, a connector.yaml, a URL); a directory without a record is an error.
 */
export async function readPackageArgument(argument: string): Promise<PackageRecord | undefined> {
  if (/^https?:\/\//i.test(argument)) return undefined;
  const info = await stat(argument).catch(() => undefined);
  if (!info?.isDirectory()) return undefined;
  const record = await readPackageRecord(argument);
  if (!record) {
    throw new ConnectgenError('CG_NOT_GENERATED_PACKAGE', `${argument} is a directory without a connectgen record (${RECORD_FILE})`, {
      hint: 'name a spec, a connector.yaml, or a package written by `connectgen generate`',
    });
  }
  return record;
}

export interface OutDirCheck {
  /** The previous generation's record and files, when the directory has them. */
  readonly previous?: Omit<PackageRecord, 'spec'>;
}

/**
 * May `generate` write into `outDir`? Throws a coded error when not. A missing or empty directory is
 * fine; so is one connectgen generated before, as long as its generated files are unedited.
 */
export async function checkOutDir(outDir: string, { force = false } = {}): Promise<OutDirCheck> {
  const info = await stat(outDir).catch(() => undefined);
  if (!info) return {};
  if (!info.isDirectory()) {
    throw new ConnectgenError('CG_OUT_NOT_DIRECTORY', `--out names a file, not a directory: ${outDir}`, {
      hint: 'give --out a directory (it is created when missing), e.g. --out ./my-connector',
    });
  }
  const previous = await readPackageBase(outDir);
  if (!previous) {
    const entries = await readdir(outDir);
    if (entries.length > 0 && !force) {
      throw new ConnectgenError('CG_OUT_NOT_EMPTY', `--out ${outDir} holds ${entries.length} entr${entries.length === 1 ? 'y' : 'ies'} connectgen did not write (${preview(entries)})`, {
        hint: 'choose a new or empty directory, or pass --force to write into it anyway (files of the same name are overwritten)',
      });
    }
    return {};
  }
  const edited = await editedFiles(outDir, previous.base);
  if (edited.length > 0 && !force) {
    throw new ConnectgenError('CG_OUT_EDITED', `${edited.length} generated file(s) in ${outDir} were edited since they were generated (${preview(edited)})`, {
      hint: '`connectgen regenerate <dir>` keeps your edits; --force overwrites them',
    });
  }
  return { previous };
}

function preview(names: readonly string[]): string {
  const shown = [...names].sort().slice(0, 3).join(', ');
  return names.length > 3 ? `${shown}, ...` : shown;
}
