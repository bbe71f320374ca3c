import { resolve } from 'node:path';
import { Args, Flags } from '@oclif/core';
import { BaseCommand, EXIT_FINDINGS } from '../cli/base-command.js';
import { formatDiagnosticLine } from '../cli/print-diagnostics.js';
import { refFlags, refOptions } from '../cli/ref-flags.js';

export default class Regenerate extends BaseCommand {
  static override description =
    "Regenerate a connector package from its spec (the one recorded in .connectgen/, re-read): show what changed, bump the version by semver (major for breaking changes, minor for additions, patch otherwise), prepend the changes to CHANGELOG.md, and keep your edits to generated files by a 3-way merge. Files you added and src/custom/ are never touched. Exit 1 when a merge conflicts.";

  static override examples = [
    '<%= config.bin %> <%= command.id %> connectors/petstore',
    '<%= config.bin %> <%= command.id %> my-connector --dry-run',
    '<%= config.bin %> <%= command.id %> my-connector --spec https://example.com/openapi-v2.json --json',
  ];

  static override args = {
    dir: Args.string({ description: 'the package directory (written by `connectgen generate`)', required: true }),
  };

  static override flags = {
    ...refFlags,
    'dry-run': Flags.boolean({ description: 'print what would change (diff, version, files) and write nothing' }),
    spec: Flags.string({ description: 'read this spec or connector.yaml instead of the recorded one (and record it)' }),
    json: Flags.boolean({ description: 'print the result (diff, version, files, conflicts) as JSON on stdout' }),
    quiet: Flags.boolean({ char: 'q', description: 'print nothing but errors and conflicts' }),
    'allow-unresolved-refs': Flags.boolean({ description: 'regenerate even when a $ref cannot be resolved; those types become unknown' }),
    'timeout-ms': Flags.integer({ description: 'give up fetching a URL after this long', default: 30_000, min: 1 }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Regenerate);
    const { regenerateConnector } = await import('../regenerate/index.js');
    const { formatText } = await import('../diff/format.js');
    const { GenerationBlockedError } = await import('../pipeline.js');
    let result;
    try {
      result = await regenerateConnector(resolve(args.dir), {
        timeoutMs: flags['timeout-ms'],
        ...refOptions(flags),
        allowUnresolvedRefs: flags['allow-unresolved-refs'],
        dryRun: flags['dry-run'],
        ...(flags.spec ? { source: resolve(flags.spec) } : {}),
      });
    } catch (error) {
      if (!(error instanceof GenerationBlockedError)) throw error;
      for (const d of error.diagnostics) if (d.severity === 'error') process.stderr.write(formatDiagnosticLine(d) + '\n');
      process.stderr.write(`${error.message}\n`);
      this.exit(EXIT_FINDINGS);
    }
    const files = result.plan.actions.filter((a) => !(a.kind === 'keep' && a.why === 'unchanged'));
    if (flags.json) {
      process.stdout.write(JSON.stringify({ ...result, plan: undefined, files, conflicts: result.plan.conflicts }, null, 2) + '\n');
    } else {
      if (!flags.quiet) {
        process.stdout.write(formatText(result.diff));
        process.stdout.write(`version ${result.previousVersion} -> ${result.version} (${result.bump})${result.dryRun ? ' [dry run: nothing written]' : ''}\n`);
        for (const action of files) process.stdout.write(`  ${describeAction(action)}\n`);
        if (result.changelog && !result.dryRun) process.stdout.write('  CHANGELOG.md: new entry\n');
      }
      for (const path of result.plan.conflicts) {
        process.stderr.write(`conflict CG_MERGE_CONFLICT ${path}: your edit and the regenerated code change the same lines\n`);
      }
      if (result.plan.conflicts.length > 0) {
        process.stderr.write('  Try this: resolve the <<<<<<< yours / ======= / >>>>>>> regenerated blocks, then build\n');
      }
      for (const m of result.apiMismatches) {
        process.stderr.write(
          `error CG_API_CHECK_MISMATCH ${m.owner}: ${m.problem === 'types-changed-but-not-in-diff' ? 'its TypeScript types changed but the diff lists no change for it' : 'the diff lists a change but its TypeScript types are the same'}\n` +
            '  This is a bug in connectgen; please report it with both specs.\n',
        );
      }
    }
    if (result.plan.conflicts.length > 0 || result.apiMismatches.length > 0) this.exit(EXIT_FINDINGS);
  }
}

function describeAction(action: { kind: string; path: string; how?: string; why?: string; conflicts?: number }): string {
  if (action.kind === 'delete') return `${action.path}: removed (no longer generated)`;
  if (action.kind === 'keep') return `${action.path}: ${action.why === 'yours' ? 'kept (your edit; the generated code did not change)' : 'kept (you edited it; it is no longer generated: delete it or keep it)'}`;
  if (action.how === 'conflict') return `${action.path}: CONFLICT (${action.conflicts} block(s) with markers)`;
  return `${action.path}: ${action.how === 'merged' ? 'merged with your edits' : action.how === 'new' ? 'written' : 'updated'}`;
}
