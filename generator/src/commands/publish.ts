import { resolve } from 'node:path';
import { Args, Flags } from '@oclif/core';
import { BaseCommand, EXIT_FINDINGS } from '../cli/base-command.js';

export default class Publish extends BaseCommand {
  static override description =
    'Build a connector package (tsc to dist/ with declarations), check the packed tarball (publint, arethetypeswrong), and npm publish it: a dry run unless --no-dry-run. Refuses a draft connector, and a real publish to a registry that lacks the @connectgen/runtime version it needs (--with-runtime publishes that first).';

  static override examples = [
    '<%= config.bin %> <%= command.id %> my-connector',
    '<%= config.bin %> <%= command.id %> my-connector --no-dry-run --registry https://npm.example.com --tag next',
    '<%= config.bin %> <%= command.id %> my-connector --no-dry-run --with-runtime --access public',
  ];

  static override args = {
    dir: Args.string({ description: 'the package directory (written by `connectgen generate`)', required: true }),
  };

  static override flags = {
    'dry-run': Flags.boolean({ description: 'run npm publish --dry-run (the default); --no-dry-run publishes for real', default: true, allowNo: true }),
    registry: Flags.string({ description: 'registry URL, passed to npm' }),
    tag: Flags.string({ description: 'dist-tag, passed to npm (default latest)' }),
    access: Flags.string({ description: 'access for a scoped package, passed to npm', options: ['public', 'restricted'] }),
    'with-runtime': Flags.boolean({ description: 'publish @connectgen/runtime first when the registry lacks the version the connector needs' }),
    json: Flags.boolean({ description: 'print the result as JSON on stdout' }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Publish);
    const { publishPackage } = await import('../publish/index.js');
    const result = await publishPackage(resolve(args.dir), {
      dryRun: flags['dry-run'],
      withRuntime: flags['with-runtime'],
      ...(flags.registry ? { registry: flags.registry } : {}),
      ...(flags.tag ? { tag: flags.tag } : {}),
      ...(flags.access ? { access: flags.access as 'public' | 'restricted' } : {}),
    });
    if (flags.json) process.stdout.write(JSON.stringify(result, null, 2) + '\n');
    else {
      for (const problem of result.problems) process.stderr.write(`error CG_PACKAGE_PROBLEM ${problem.tool} ${problem.code}: ${problem.message}\n`);
      if (result.runtime?.published) process.stdout.write(`published ${result.runtime.published.name}@${result.runtime.published.version}${result.dryRun ? ' (dry run)' : ''}\n`);
      else if (result.runtime?.available === false) process.stderr.write(`warning: the registry has no @connectgen/runtime@${result.runtime.range} (installs of this package will fail there); --with-runtime publishes it\n`);
      else if (result.runtime?.available === 'unknown') process.stderr.write('warning: could not ask the registry whether it has @connectgen/runtime\n');
      for (const reason of result.refused) process.stderr.write(`error CG_PUBLISH_REFUSED ${reason}\n`);
      if (result.refused.length === 0) {
        process.stdout.write(`${result.dryRun ? 'would publish' : 'published'} ${result.package.name}@${result.package.version} (${result.package.files.length} files)${result.dryRun ? ' [dry run; --no-dry-run publishes]' : ''}\n`);
      }
    }
    if (result.refused.length > 0) this.exit(EXIT_FINDINGS);
  }
}
