/**
 * The only writer of generated output. Takes the file map `emit` produced and puts it under the
 * output directory: creates directories, starts the writes in sorted order with LF line endings, and refuses
 * any path that would land outside the directory (absolute, `..`, or through a symlink).
 */
import { lstat, mkdir, open, readdir, realpath, rm, rmdir, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { ConnectgenError } from '../diagnostics/errors.js';

/**
 * A file's text: whole, or pieces made as they are written (the generation record's large JSON
 * files, which are never held whole; see record/json-chunks.ts).
 */
export type FileText = string | Iterable<string>;

/** Pieces are written in batches of about this many characters: few system calls, little held at once. */
const BATCH_CHARS = 1 << 20;

export interface WriteResult {
  readonly files: number;
  readonly bytes: number;
}

/** Whole files being written at once: the process makes the next file's checks and text meanwhile. */
const WRITES_IN_FLIGHT = 8;

export async function writeFiles(outDir: string, files: ReadonlyMap<string, FileText>, { batchChars = BATCH_CHARS } = {}): Promise<WriteResult> {
  await mkdir(outDir, { recursive: true });
  const root = await realpath(resolve(outDir));
  let bytes = 0;
  /** Directories made and checked in this call: most files share one (src/actions/). */
  const checkedDirs = new Set<string>();
  /** Whole files being written; the first error of any of them, thrown as soon as it is seen. */
  const writing = new Set<Promise<void>>();
  let failure: { error: unknown } | undefined;
  try {
    for (const path of [...files.keys()].sort()) {
      if (failure) throw failure.error;
      const target = checkedTarget(root, path);
      const dir = dirname(target);
      if (!checkedDirs.has(dir)) {
        await mkdir(dir, { recursive: true });
        await refuseLinkedDir(root, dir, target);
        checkedDirs.add(dir);
      }
      await refuseLinkedFile(target);
      const text = files.get(path)!;
      if (typeof text === 'string') {
        // Encoded once: its length is the bytes written.
        const contents = Buffer.from(toLf(text), 'utf8');
        bytes += contents.length;
        const write: Promise<void> = writeFile(target, contents).then(
          () => void writing.delete(write),
          (error: unknown) => {
            writing.delete(write);
            failure ??= { error };
          },
        );
        writing.add(write);
        if (writing.size >= WRITES_IN_FLIGHT) await Promise.race(writing);
      } else {
        bytes += await writePieces(target, text, batchChars);
      }
    }
  } finally {
    // Nothing is left writing once this returns or throws (these promises never reject).
    await Promise.all(writing);
  }
  if (failure) throw failure.error;
  return { files: files.size, bytes };
}

/**
 * Writes `pieces` in order with LF line endings, in batches of about `batchChars`; returns the bytes
 * written. A batch is written while the next one is made: making the record's pieces is most of
 * the work, and the wait for each write would otherwise leave the process idle.
 */
async function writePieces(target: string, pieces: Iterable<string>, batchChars: number): Promise<number> {
  const handle = await open(target, 'w');
  let bytes = 0;
  /** The batch being written; the next waits for it (writes on one handle go in order, one at a time). */
  let writing: Promise<void> = Promise.resolve();
  const flush = async (text: string): Promise<void> => {
    const contents = Buffer.from(toLf(text), 'utf8');
    await writing;
    // Marked handled now: a failed write is thrown where the next batch, or the end, awaits it.
    writing = handle.writeFile(contents);
    writing.catch(() => {});
    bytes += contents.length;
  };
  try {
    let pending = '';
    for (const piece of pieces) {
      pending += piece;
      if (pending.length < batchChars) continue;
      // A CR ending this batch may be half of a CRLF that the next piece completes.
      const keep = pending.endsWith('\r') ? 1 : 0;
      await flush(pending.slice(0, pending.length - keep));
      pending = pending.slice(pending.length - keep);
    }
    await flush(pending);
    await writing;
  } finally {
    // Closed once its last write has settled, whatever came of it.
    await writing.catch(() => {});
    await handle.close();
  }
  return bytes;
}

function toLf(text: string): string {
  // includes() first: a scan for one character is far quicker than the regex, and CRs are rare.
  return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
}

/**
 * Removes generated files that the new output no longer has (a removed action's file), then the
 * directories that leaves empty. Only the listed paths; whatever else is there stays.
 */
export async function removeFiles(outDir: string, paths: readonly string[]): Promise<void> {
  if (paths.length === 0) return;
  const root = await realpath(resolve(outDir));
  for (const path of paths) {
    const target = checkedTarget(root, path);
    await refuseSymlinkEscape(root, target);
    await rm(target, { force: true });
    for (let dir = dirname(target); dir !== root && relative(root, dir) !== ''; dir = dirname(dir)) {
      const left = await readdir(dir).catch(() => ['?']);
      if (left.length > 0) break;
      await rmdir(dir);
    }
  }
}

function checkedTarget(root: string, path: string): string {
  const outside = () =>
    new ConnectgenError('CG_EMIT_PATH_OUTSIDE', `refusing to write ${JSON.stringify(path)} outside ${root}`, {
      hint: 'this is a connectgen bug; please report it with the spec that caused it',
    });
  if (path === '' || isAbsolute(path) || path.includes('\\') || path.includes('\0')) throw outside();
  const target = resolve(root, path);
  const rel = relative(root, target);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) throw outside();
  return target;
}

/** A directory inside out that is a symlink to elsewhere would carry the write out of it. */
async function refuseSymlinkEscape(root: string, target: string): Promise<void> {
  await refuseLinkedDir(root, dirname(target), target);
  await refuseLinkedFile(target);
}

async function refuseLinkedDir(root: string, dir: string, target: string): Promise<void> {
  const realDir = await realpath(dir);
  const rel = relative(root, realDir);
  if (rel.startsWith('..') || isAbsolute(rel)) {
    throw new ConnectgenError('CG_EMIT_PATH_OUTSIDE', `refusing to write through a link out of ${root}: ${target}`);
  }
}

async function refuseLinkedFile(target: string): Promise<void> {
  const existing = await lstat(target).catch(() => undefined);
  if (existing?.isSymbolicLink()) {
    throw new ConnectgenError('CG_EMIT_PATH_OUTSIDE', `refusing to overwrite the symbolic link ${target}`);
  }
}
