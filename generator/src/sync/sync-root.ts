/**
 * Queue jobs name their file (a sync definition, an RPA job) by a path relative to a root directory
 * that the enqueuer and each worker are given (`--root`, $CONNECTGEN_SYNC_ROOT, default the working
 * directory), so a worker on another machine or in a container finds the file wherever its copy of
 * the tree is mounted. A job is data from Redis: a path that leads out of the worker's root (`..`,
 * an absolute path elsewhere, a symbolic link pointing out) is refused, never read.
 */
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { Flags } from '@oclif/core';
import { ConnectgenError } from '../diagnostics/errors.js';

export const ROOT_ENV = 'CONNECTGEN_SYNC_ROOT';

export const rootFlag = Flags.string({
  description: 'the directory queued files are named relative to; give each worker its own copy of the tree and its path (default: the working directory)',
  env: ROOT_ENV,
});

/** The job's name for `file`: relative to `root`, with `/` separators. Refuses a file outside the root. */
export function jobPath(root: string | undefined, file: string): string {
  const base = path.resolve(root ?? '.');
  const relative = path.relative(base, path.resolve(file));
  if (escapes(relative)) {
    throw new ConnectgenError('CG_QUEUE_OUTSIDE_ROOT', `${file} is not inside the sync root ${base}`, {
      file,
      hint: `pass --root with a directory that holds the file (the workers get the same tree at their own --root), or run from that directory`,
    });
  }
  return relative.split(path.sep).join('/');
}

/** The file a job names, inside the worker's `root`; a path that leads out of it is `CG_QUEUE_PATH_ESCAPES`. */
export function resolveJobPath(root: string | undefined, name: string): string {
  const base = path.resolve(root ?? '.');
  const refuse = (why: string) =>
    new ConnectgenError('CG_QUEUE_PATH_ESCAPES', `the job names "${name}", which ${why} the worker's root ${base}`, {
      hint: 'queue files with `enqueue --root DIR` from inside the tree the workers serve; the worker never reads outside its --root',
    });
  // Jobs queued before paths were relative carry an absolute path: fine while it lies inside the root.
  const file = path.resolve(base, name);
  if (name.includes('\0') || escapes(path.relative(base, file))) throw refuse('leads out of');
  let real: string;
  try {
    real = realpathSync(file);
  } catch {
    return file; // missing: the loader says so with its own error
  }
  if (escapes(path.relative(realpathSync(base), real))) throw refuse('is a link out of');
  return file;
}

function escapes(relative: string): boolean {
  return relative === '' || relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative);
}
