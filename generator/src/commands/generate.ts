import { dirname, resolve } from 'node:path';
import { Args, Flags } from '@oclif/core';
import { BaseCommand } from '../cli/base-command.js';
import { formatDiagnosticLine } from '../cli/print-diagnostics.js';
import { ConnectgenError } from '../diagnostics/errors.js';
import { emit } from '../emit/index.js';
import { writeFiles } from '../emit/write.js';
import { buildIR } from '../ir/index.js';
import type { ConnectorIR } from '../ir/types.js';
import { parseText } from '../load/parse.js';
import { isUrl, readSource } from '../load/read-source.js';
import { loadAndConvert, StageTimer, type StageTiming } from '../pipeline.js';

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
    out: Flags.string({ char: 'o', description: 'directory to write the connector package into', required: true }),
    json: Flags.boolean({ description: 'print a JSON summary (files, counts, timings, diagnostics) on stdout' }),
    quiet: Flags.boolean({ char: 'q', description: 'print nothing but errors' }),
    'timeout-ms': Flags.integer({ description: 'give up fetching a URL after this long', default: 30_000, min: 1 }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Generate);
    const quiet = flags.quiet || flags.json;
    const result = await generateConnector(args.spec, resolve(flags.out), {
      timeoutMs: flags['timeout-ms'],
      onStage: quiet ? undefined : (t) => this.progress(`${t.stage}: ${t.ms} ms${t.detail ? ` (${t.detail})` : ''}`),
    });
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
        diagnostics: result.ir.diagnostics,
        timings: result.timings,
      };
      process.stdout.write(JSON.stringify(summary, null, 2) + '\n');
      return;
    }
    if (!quiet) {
      for (const d of result.ir.diagnostics) process.stderr.write(formatDiagnosticLine(d) + '\n');
      const total = result.timings.reduce((sum, t) => sum + t.ms, 0);
      this.progress(
        `wrote ${result.files.size} files (${result.bytes} bytes) to ${result.outDir}: ` +
          `${result.ir.operations.length} actions, ${result.ir.schemas.length} types in ${Math.round(total)} ms`,
      );
    }
  }
}

export interface GenerateResult {
  readonly outDir: string;
  readonly ir: ConnectorIR;
  readonly files: ReadonlyMap<string, string>;
  readonly bytes: number;
  readonly timings: readonly StageTiming[];
}

export interface GenerateOptions {
  readonly timeoutMs?: number;
  readonly onStage?: (timing: StageTiming) => void;
}

/**
 * load -> convert -> ir -> emit -> write. Until pipeline.ts owns the whole chain, the stages after
 * convert are timed here with the pipeline's own timer.
 */
export async function generateConnector(source: string, outDir: string, options: GenerateOptions = {}): Promise<GenerateResult> {
  const { spec, config } = await resolveSource(source, options.timeoutMs);
  const { loaded, converted, timings: early } = await loadAndConvert(spec, { timeoutMs: options.timeoutMs, onStage: options.onStage });
  const timer = new StageTimer(options.onStage);
  const ir = await timer.run(
    'ir',
    () => buildIR(converted.document, config, { sourceUri: loaded.uri }),
    (ir) => `${ir.operations.length} operations, ${ir.schemas.length} schemas`,
  );
  const files = await timer.run('emit', () => emit(ir), (files) => `${files.size} files`);
  const written = await timer.run('write', () => writeFiles(outDir, files), (w) => `${w.bytes} bytes`);
  return { outDir, ir, files, bytes: written.bytes, timings: [...early, ...timer.timings] };
}

/**
 * A connector.yaml (a YAML/JSON object with `spec:` and no `openapi`/`swagger` key) names the spec
 * relative to itself; anything else is the spec.
 */
async function resolveSource(source: string, timeoutMs: number | undefined): Promise<{ spec: string; config?: Record<string, unknown> }> {
  if (isUrl(source) || !/\.(ya?ml|json)$/i.test(source)) return { spec: source };
  const { uri, text } = await readSource(source, { timeoutMs });
  if (!/^\s*(?:["']?(?:openapi|swagger)["']?\s*:)/m.test(text) && /^["']?spec["']?\s*:/m.test(text)) {
    const value = parseText(text, uri).value as Record<string, unknown>;
    const spec = value['spec'];
    if (typeof spec !== 'string' || spec === '') {
      throw new ConnectgenError('CG_CONFIG_NO_SPEC', '`spec:` must name the Swagger/OpenAPI document', {
        file: uri,
        hint: 'set `spec: ./openapi.yaml` (a path relative to connector.yaml, or an http(s) URL)',
      });
    }
    return { spec: isUrl(spec) ? spec : resolve(dirname(uri), spec), config: value };
  }
  return { spec: source };
}
