/** Runs the real TypeScript compiler (the workspace's `tsc`) on a generated package. */
import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from './generate.js';

const run = promisify(execFile);
const TSC = join(REPO_ROOT, 'node_modules', '.bin', 'tsc');

export interface TscResult {
  readonly exitCode: number;
  /** `src/x.ts(3,5): error TS2322: ...` lines. */
  readonly errors: string[];
  readonly output: string;
  readonly ms: number;
}

/**
 * `tsc -p <dir or tsconfig file>` (emits to dist/ unless `noEmit`); strictness comes from the
 * package's own tsconfig.
 */
export async function tsc(dir: string, options: { noEmit?: boolean } = {}): Promise<TscResult> {
  const args = ['-p', dir, '--pretty', 'false', ...(options.noEmit ? ['--noEmit'] : [])];
  const started = performance.now();
  let exitCode = 0;
  let output = '';
  try {
    const cwd = dir.endsWith('.json') ? dirname(dir) : dir;
    const { stdout, stderr } = await run(TSC, args, { cwd, maxBuffer: 64 * 1024 * 1024 });
    output = stdout + stderr;
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    exitCode = typeof failed.code === 'number' ? failed.code : 1;
    output = (failed.stdout ?? '') + (failed.stderr ?? '');
  }
  const errors = output.split('\n').filter((line) => /error TS\d+/.test(line));
  return { exitCode, errors, output, ms: Math.round(performance.now() - started) };
}
