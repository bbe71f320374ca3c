import { Args, Flags } from '@oclif/core';
import { BaseCommand, EXIT_CANNOT_RUN, EXIT_FINDINGS } from '../../cli/base-command.js';
import { parseInputs } from '../../rpa/inputs.js';
import { openRpaRunStore, rpaStoreFlag } from '../../sync/store-path.js';

export default class RpaRun extends BaseCommand {
  static override description =
    "Run an RPA job (browser steps for a system without an API) in the system's Chromium. Prints the outputs as JSON on stdout and each step on stderr; the execution record (secret inputs masked) and its screenshots go to the local store. Exit 1 names the step that failed.";

  static override examples = [
    '<%= config.bin %> <%= command.id %> specs/rpa/apply.yaml --input baseUrl=http://127.0.0.1:8080 --input name="Ada Lovelace" --input email=ada@example.org --input password=$PASSWORD',
    '<%= config.bin %> <%= command.id %> orders.yaml -i baseUrl=https://intranet.example --headed',
  ];

  static override args = {
    job: Args.string({ description: 'the job file (YAML or JSON)', required: true }),
  };

  static override flags = {
    input: Flags.string({ char: 'i', description: 'an input as name=value (repeat for each); lists as JSON or a,b,c', multiple: true, default: [] }),
    headed: Flags.boolean({ description: 'show the browser window (needs a display)' }),
    chromium: Flags.string({ description: 'the Chromium binary (default $CHROMIUM_PATH, else /usr/bin/chromium)' }),
    store: rpaStoreFlag,
    json: Flags.boolean({ description: 'print the whole execution record as JSON instead of the outputs' }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(RpaRun);
    const inputs = parseInputs(flags.input);
    // Loaded on use: oclif imports every command at start-up, and Playwright is heavy.
    const { runJob } = await import('@connectgen/runtime/rpa');
    const { loadJobOrExit, toConnectgenError } = await import('../../rpa/errors.js');
    const { formatOutcome, formatStep } = await import('../../rpa/summary.js');

    const job = await loadJobOrExit(args.job, () => this.exit(EXIT_CANNOT_RUN));
    const store = await openRpaRunStore(flags.store);
    let result;
    try {
      process.stderr.write(`${job.name}: ${job.steps.length} steps\n`);
      result = await runJob(job, inputs, {
        store,
        headed: flags.headed,
        ...(flags.chromium ? { chromiumPath: flags.chromium } : {}),
        onStep: (step) => process.stderr.write(formatStep(step) + '\n'),
      });
    } catch (error) {
      throw toConnectgenError(error);
    } finally {
      await store.close();
    }
    const { record } = result;
    process.stdout.write(JSON.stringify(flags.json ? record : record.outputs, null, 2) + '\n');
    process.stderr.write(formatOutcome(record) + '\n');
    if (record.status === 'failed') this.exit(EXIT_FINDINGS);
  }
}
