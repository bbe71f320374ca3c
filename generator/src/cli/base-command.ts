/**
 * Shared behaviour of every connectgen command: exit codes and error printing.
 *
 * Exit codes: 0 success; 1 the command ran and found errors (lint findings of the failing severity,
 * breaking changes...); 2 the command could not run (bad arguments, unreadable or unrecognised file).
 * A `ConnectgenError` prints as one line with its code and a hint, never as a stack trace.
 */
import { Command, Config, Errors, type Interfaces } from '@oclif/core';
import { ConnectgenError } from '../diagnostics/errors.js';
import { isStackOverflow, tooDeep } from '../load/depth.js';

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_CANNOT_RUN = 2;

export abstract class BaseCommand extends Command {
  /**
   * oclif's Command.run loads the configuration a second time when it is handed the one the CLI
   * already loaded (a new Config, every plugin and the manifest again: ~20 ms of each start-up);
   * this runs the command with that configuration instead. Anything else goes to oclif as before.
   */
  static override async run<T extends Command>(this: new (argv: string[], config: Config) => T, argv?: string[], opts?: Interfaces.LoadOptions): Promise<ReturnType<T['run']>> {
    if (!(opts instanceof Config)) return super.run.call(this, argv, opts) as Promise<ReturnType<T['run']>>;
    const command = new this(argv ?? process.argv.slice(2), opts) as T & { _run(): Promise<ReturnType<T['run']>> };
    return command._run();
  }

  /** Print to stderr unless `--quiet`/`--json` asked for silence; commands call this for progress. */
  protected progress(message: string): void {
    process.stderr.write(message + '\n');
  }

  protected override async catch(error: Error & { exitCode?: number; oclif?: { exit?: number } }): Promise<unknown> {
    // A stage ran out of stack on a nested input: the input's fault, said the same way every time.
    if (isStackOverflow(error)) return this.catch(tooDeep(undefined, error));
    if (error instanceof ConnectgenError) {
      process.stderr.write(`error ${error.toLine()}\n`);
      if (error.hint) process.stderr.write(`  Try this: ${error.hint}\n`);
      this.exit(EXIT_CANNOT_RUN);
    }
    // oclif's own exit() throws an ExitError that must pass through untouched.
    if (error instanceof Errors.ExitError) throw error;
    // Flag and argument parsing errors: oclif prints them; make the exit code 2 ("could not run").
    if (error instanceof Errors.CLIError && (error.oclif?.exit === undefined || error.oclif.exit === 2)) {
      process.stderr.write(`error ${error.message}\n`);
      this.exit(EXIT_CANNOT_RUN);
    }
    process.stderr.write(`error CG_INTERNAL ${error.message}\n  This is a bug in connectgen; please report it with the input that caused it.\n`);
    if (process.env['CONNECTGEN_DEBUG']) process.stderr.write(String(error.stack) + '\n');
    this.exit(EXIT_CANNOT_RUN);
  }
}
