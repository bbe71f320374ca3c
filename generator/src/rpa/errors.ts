/**
 * The runtime's RPA errors as the CLI prints every other error: a code, where, and a hint, exit 2.
 * A job file with several problems prints them all before stopping.
 */
import { formatDiagnostic, RpaBrowserError, RpaInputError, RpaJobError } from '@connectgen/runtime/rpa';
import { ConnectgenError } from '../diagnostics/errors.js';

/** Prints every problem of a bad job and returns true; false for errors that are not the user's input. */
export function printRpaError(error: unknown, write: (text: string) => void): boolean {
  if (error instanceof RpaJobError) {
    for (const d of error.diagnostics) write(`error ${formatDiagnostic(d, error.file)}\n`);
    return true;
  }
  return false;
}

/** Input and browser errors become `ConnectgenError`s, which the base command prints with their hint. */
export function toConnectgenError(error: unknown): unknown {
  if (error instanceof RpaInputError) return new ConnectgenError(error.code, error.message, { hint: error.hint });
  if (error instanceof RpaBrowserError) return new ConnectgenError(error.code, error.message, { hint: error.hint });
  return error;
}

/** Loads a job file; a bad one has every problem printed, then `exit` (the command's, exit code 2). */
export async function loadJobOrExit(file: string, exit: () => never): Promise<import('@connectgen/runtime/rpa').RpaJob> {
  const { loadJob } = await import('@connectgen/runtime/rpa');
  try {
    return await loadJob(file);
  } catch (error) {
    if (printRpaError(error, (text) => process.stderr.write(text))) exit();
    throw error;
  }
}
