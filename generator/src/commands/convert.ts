import { Args, Flags } from '@oclif/core';
import { BaseCommand, EXIT_FINDINGS } from '../cli/base-command.js';
import { refFlags, refOptions } from '../cli/ref-flags.js';
import { formatDiagnosticLine } from '../cli/print-diagnostics.js';
import { ConnectgenError } from '../diagnostics/errors.js';
import { formatFromPath, serializeDocument, type DocumentFormat } from '../emit/serialize-document.js';
import { writeDocument } from '../emit/write-document.js';

export default class Convert extends BaseCommand {
  static override description =
    'Convert a Swagger 2.0 or OpenAPI 3.x document into one self-contained OpenAPI 3 document: Swagger 2.0 becomes 3.0, external $refs are bundled in, 3.0 and 3.1 are otherwise kept as they are.';

  static override examples = [
    '<%= config.bin %> <%= command.id %> specs/formats/swagger-2.0.yaml -o petstore.openapi.yaml',
    '<%= config.bin %> <%= command.id %> https://example.com/swagger.json -o openapi.json',
    '<%= config.bin %> <%= command.id %> specs/formats/multi-file/openapi.yaml > bundled.yaml',
  ];

  static override args = {
    spec: Args.string({ description: 'path or http(s) URL of the Swagger/OpenAPI document', required: true }),
  };

  static override flags = {
    ...refFlags,
    output: Flags.string({ char: 'o', description: 'write here; .json or .yaml/.yml picks the format (default: stdout)' }),
    format: Flags.string({ description: 'output format when it cannot come from --output (default: the input\'s)', options: ['json', 'yaml'] }),
    json: Flags.boolean({ description: 'print a JSON summary (output file, versions, diagnostics) instead of text' }),
    quiet: Flags.boolean({ char: 'q', description: 'print nothing but errors' }),
    'timeout-ms': Flags.integer({ description: 'give up fetching a URL after this long', default: 30_000, min: 1 }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Convert);
    const quiet = flags.quiet || flags.json;
    // Loaded on use: oclif imports every command file at start-up, and the pipeline is heavy.
    const { loadAndConvert } = await import('../pipeline.js');
    const { loaded, converted, timings } = await loadAndConvert(args.spec, {
      timeoutMs: flags['timeout-ms'],
      ...refOptions(flags),
      onStage: quiet ? undefined : (t) => this.progress(`${t.stage}: ${t.ms} ms${t.detail ? ` (${t.detail})` : ''}`),
    });
    const errors = converted.diagnostics.filter((d) => d.severity === 'error');
    let format: DocumentFormat = (flags.format as DocumentFormat | undefined) ?? loaded.format;
    if (flags.output) {
      const fromPath = formatFromPath(flags.output);
      if (!fromPath && !flags.format) {
        throw new ConnectgenError('CG_BAD_FLAG', `cannot tell the format of "${flags.output}"`, {
          hint: 'end the file name with .json, .yaml or .yml, or pass --format',
        });
      }
      format = fromPath ?? format;
    }
    let written: string | undefined;
    if (errors.length === 0) {
      const text = serializeDocument(converted.document, format);
      if (flags.output) written = await writeDocument(flags.output, text);
      else if (!flags.json) process.stdout.write(text);
    }
    if (flags.json) {
      const summary = { ok: errors.length === 0, from: loaded.version, to: `openapi-${converted.openapiVersion}`, output: written ?? null, diagnostics: converted.diagnostics, timings };
      process.stdout.write(JSON.stringify(summary, null, 2) + '\n');
    } else {
      for (const d of converted.diagnostics) {
        if (!quiet || d.severity === 'error') process.stderr.write(formatDiagnosticLine(d) + '\n');
      }
      if (!quiet && written) this.progress(`wrote ${written} (OpenAPI ${converted.openapiVersion}, ${format})`);
      if (errors.length > 0) process.stderr.write(`not written: ${errors.length} error(s) must be fixed first\n`);
    }
    if (errors.length > 0) this.exit(EXIT_FINDINGS);
  }
}
