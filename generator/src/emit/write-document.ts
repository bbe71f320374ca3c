/**
 * Writes a single document (convert's output, lint --fix's output). Writes to a temporary file
 * beside the target and renames it over, so an interrupted run never leaves half a spec behind.
 */
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ConnectgenError } from '../diagnostics/errors.js';

export async function writeDocument(file: string, text: string): Promise<string> {
  const target = path.resolve(file);
  const temporary = `${target}.${process.pid}.tmp`;
  try {
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(temporary, text, 'utf8');
    await rename(temporary, target);
  } catch (error) {
    throw new ConnectgenError('CG_WRITE_FAILED', `cannot write output: ${(error as Error).message}`, {
      file: target,
      hint: 'check that the directory exists and is writable',
      cause: error,
    });
  }
  return target;
}
