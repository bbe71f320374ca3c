import { resolve } from 'node:path';
import { Args, Flags } from '@oclif/core';
import { BaseCommand, EXIT_FINDINGS } from '../cli/base-command.js';
import { refFlags, refOptions } from '../cli/ref-flags.js';
import { formatDiagnosticLine } from '../cli/print-diagnostics.js';

export default class Generate extends BaseCommand {
  static override description =
    'Generate a typed connector package (TypeScript sources, README, connector.json manifest) from a Swagger/OpenAPI document or a connector.yaml that points at one.';

  static override examples = [
    '<%= config.bin %> <%= command.id %> specs/petstore/openapi.yaml --out connectors/petstore',
    '<%= config.bin %> <%= command.id %> specs/petstore/connector.yaml --out connectors/petstore',
    '<%= config.bin %> <%= command.id %> https://example.com/openapi.json --out ./my-connector --quiet',
  ];

  static override args = {
    spec: Args.string({
      description: 'Swagger/OpenAPI document (path or http(s) URL), or a connector.yaml whose `spec:` names one',
      required: true,
    }),
  };

  static override flags = {
    ...refFlags,
    out: Flags.string({ char: 'o', description: 'directory to write the connector package into', required: true }),
    json: Flags.boolean({ description: 'print a JSON summary (files, counts, timings, diagnostics) on stdout' }),
    quiet: Flags.boolean({ char: 'q', description: 'print nothing but errors' }),
    'allow-unresolved-refs': Flags.boolean({ description: 'generate even when a $ref cannot be resolved (a missing file, an unreachable URL); those types become unknown' }),
    'timeout-ms': Flags.integer({ description: 'give up fetching a URL after this long', default: 30_000, min: 1 }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Generate);
    const quiet = flags.quiet || flags.json;
    // Loaded on use: oclif imports every command file at start-up, and the pipeline is heavy.
    const { generateConnector, GenerationBlockedError } = await import('../pipeline.js');
    let result;
    try {
      result = await generateConnector(args.spec, resolve(flags.out), {
        timeoutMs: flags['timeout-ms'],
        ...refOptions(flags),
        allowUnresolvedRefs: flags['allow-unresolved-refs'],
        onStage: quiet ? undefined : (t) => this.progress(`${t.stage}: ${t.ms} ms${t.detail ? ` (${t.detail})` : ''}`),
      });
    } catch (error) {
      if (!(error instanceof GenerationBlockedError)) throw error;
      if (flags.json) process.stdout.write(JSON.stringify({ ok: false, diagnostics: error.diagnostics }, null, 2) + '\n');
      else for (const d of error.diagnostics) if (!quiet || d.severity === 'error') process.stderr.write(formatDiagnosticLine(d) + '\n');
      process.stderr.write(`${error.message}\n`);
      this.exit(EXIT_FINDINGS);
    }
    if (flags.json) {
      const summary = {
        ok: true,
        out: result.outDir,
        name: result.ir.info.name,
        package: result.ir.info.packageName,
        operations: result.ir.operations.length,
        schemas: result.ir.schemas.length,
        files: [...result.files.keys()],
        bytes: result.bytes,
        diagnostics: result.diagnostics,
        timings: result.timings,
      };
      process.stdout.write(JSON.stringify(summary, null, 2) + '\n');
      return;
    }
    if (!quiet) {
      for (const d of result.diagnostics) process.stderr.write(formatDiagnosticLine(d) + '\n');
      const total = result.timings.reduce((sum, t) => sum + t.ms, 0);
      this.progress(
        `wrote ${result.files.size} files (${result.bytes} bytes) to ${result.outDir}: ` +
          `${result.ir.operations.length} actions, ${result.ir.schemas.length} types in ${Math.round(total)} ms`,
      );
    }
  }
}
