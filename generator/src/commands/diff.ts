import { Args, Flags } from '@oclif/core';
import { BaseCommand, EXIT_FINDINGS } from '../cli/base-command.js';
import { refFlags, refOptions } from '../cli/ref-flags.js';

export default class Diff extends BaseCommand {
  static override description =
    "Compare two versions of an API as connectors: every change to the actions, their inputs and outputs, auth and servers, classed breaking or not for a caller (with the reason and the JSON pointer in both specs), and the semver bump it calls for.";

  static override examples = [
    '<%= config.bin %> <%= command.id %> old/openapi.yaml new/openapi.yaml',
    '<%= config.bin %> <%= command.id %> connectors/petstore specs/petstore/connector.yaml --format markdown',
    '<%= config.bin %> <%= command.id %> v1.json v2.json --json --fail-on breaking',
  ];

  static override args = {
    old: Args.string({ description: 'the old version: a spec, a connector.yaml, or a generated package directory', required: true }),
    new: Args.string({ description: 'the new version: a spec, a connector.yaml, or a generated package directory', required: true }),
  };

  static override flags = {
    ...refFlags,
    format: Flags.string({ char: 'f', description: 'output format', options: ['text', 'json', 'markdown'], default: 'text' }),
    json: Flags.boolean({ description: 'same as --format json' }),
    'fail-on': Flags.string({ description: 'exit 1 when there is a change of this kind (for CI)', options: ['breaking', 'any'] }),
    'allow-unresolved-refs': Flags.boolean({ description: 'compare even when a $ref cannot be resolved (those types become unknown)' }),
    'timeout-ms': Flags.integer({ description: 'give up fetching a URL after this long', default: 30_000, min: 1 }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Diff);
    const { buildConnectorIR } = await import('../pipeline.js');
    const { diffIR } = await import('../diff/index.js');
    const { formatMarkdown, formatText } = await import('../diff/format.js');
    const options = { timeoutMs: flags['timeout-ms'], ...refOptions(flags), allowUnresolvedRefs: flags['allow-unresolved-refs'] };
    const [before, after] = await Promise.all([buildConnectorIR(args.old, options), buildConnectorIR(args.new, options)]);
    const result = diffIR(before.ir, after.ir);
    const format = flags.json ? 'json' : flags.format;
    if (format === 'json') process.stdout.write(JSON.stringify(result, null, 2) + '\n');
    else if (format === 'markdown') process.stdout.write(formatMarkdown(result));
    else process.stdout.write(formatText(result));
    const failOn = flags['fail-on'];
    if ((failOn === 'breaking' && result.counts.breaking > 0) || (failOn === 'any' && result.changes.length > 0)) this.exit(EXIT_FINDINGS);
  }
}
