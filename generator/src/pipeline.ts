/**
 * The connectgen pipeline: load -> convert -> ir -> emit -> write, each a function from data to data.
 * This is the one file that knows the order of the stages; it names and times each so that a slow
 * spec says which stage was slow. Only `load` reads input and only `emit/write` writes output.
 * The later stages' modules are imported when they run: `convert` and `lint` stop before them, and
 * a CLI run's time is mostly loading code.
 */
import type { ConfigSettings } from './config/settings.js';
import { convertSpec, type ConvertedSpec } from './convert/index.js';
import type { Diagnostic } from './diagnostics/diagnostic.js';
import { ConnectgenError } from './diagnostics/errors.js';
import type { ConnectorIR } from './ir/types.js';
import { loadSpec, resolveSourceArgument, type LoadedSpec, type LoadOptions } from './load/index.js';

export interface StageTiming {
  readonly stage: string;
  readonly ms: number;
  /** What the stage produced, for progress lines: `1043 operations, 912 schemas`. */
  readonly detail?: string;
}

export interface PipelineOptions extends LoadOptions {
  /** Called as each stage finishes; commands print it unless `--quiet`. */
  readonly onStage?: (timing: StageTiming) => void;
  /** Generate even when some `$ref`s cannot be resolved; their types become `unknown`. */
  readonly allowUnresolvedRefs?: boolean;
}

export interface GenerateOptions extends PipelineOptions {
  /** Write into a directory holding files connectgen did not write, or over edited generated files. */
  readonly force?: boolean;
}

export class StageTimer {
  readonly timings: StageTiming[] = [];
  constructor(private readonly onStage?: (timing: StageTiming) => void) {}

  async run<T>(stage: string, work: () => T | Promise<T>, describe?: (result: T) => string): Promise<T> {
    const started = performance.now();
    const result = await work();
    const timing: StageTiming = {
      stage,
      ms: Math.round((performance.now() - started) * 10) / 10,
      ...(describe ? { detail: describe(result) } : {}),
    };
    this.timings.push(timing);
    this.onStage?.(timing);
    return result;
  }
}

export interface ConvertPipelineResult {
  readonly loaded: LoadedSpec;
  readonly converted: ConvertedSpec;
  readonly timings: readonly StageTiming[];
}

/** load -> convert: a spec path or URL to a bundled OpenAPI 3 document. */
export async function loadAndConvert(source: string, options: PipelineOptions = {}): Promise<ConvertPipelineResult> {
  const timer = new StageTimer(options.onStage);
  const loaded = await timer.run('load', () => loadSpec(source, options), (spec) => `${spec.version}, ${spec.format}, ${spec.text.length} chars`);
  const converted = await timer.run('convert', () => convertOrExplain(loaded, options), (spec) => `OpenAPI ${spec.openapiVersion}`);
  return { loaded, converted, timings: timer.timings };
}

/**
 * Conversion stops on a few broken inputs (a $ref cycle with nothing but $refs loops forever). Lint
 * can say exactly where; we only pay for that walk when conversion has already failed.
 */
async function convertOrExplain(loaded: LoadedSpec, options: LoadOptions): Promise<ConvertedSpec> {
  try {
    return await convertSpec(loaded, options);
  } catch (error) {
    if (!(error instanceof ConnectgenError) || error.code !== 'CG_BUNDLE_FAILED') throw error;
    // Imported here: lint brings Spectral, which the happy path of convert and generate never needs.
    const { lintSpec } = await import('./lint/index.js');
    const blocking = (await lintSpec(loaded, { oas: false, refs: options })).find((d) => d.code === 'CG_REF_CYCLE');
    if (!blocking) throw error;
    throw new ConnectgenError(blocking.code, blocking.message, {
      file: blocking.file ?? loaded.uri,
      pointer: blocking.pointer,
      ...(blocking.start ? { position: blocking.start } : {}),
      ...(blocking.hint ? { hint: blocking.hint } : {}),
      cause: error,
    });
  }
}

/**
 * load -> convert, keeping of the loaded spec only its URI: its text and parsed document (tens of
 * MB on a large spec) can then be collected while the IR and the files are built.
 */
async function convertedSpec(spec: string, options: PipelineOptions): Promise<{ sourceUri: string; converted: ConvertedSpec; timings: readonly StageTiming[] }> {
  const { loaded, converted, timings } = await loadAndConvert(spec, options);
  return { sourceUri: loaded.uri, converted, timings };
}

export interface GenerateResult {
  readonly outDir: string;
  readonly ir: ConnectorIR;
  readonly files: ReadonlyMap<string, string>;
  /** Files of the previous generation that this one no longer has, removed (unless edited). */
  readonly removed: readonly string[];
  readonly bytes: number;
  /** Every stage's findings in stage order: conversion, then the IR's. */
  readonly diagnostics: readonly Diagnostic[];
  readonly timings: readonly StageTiming[];
}

/**
 * Conversion found errors (an unresolvable $ref): a connector built anyway would silently type those
 * parts as `unknown`, so nothing is written. Carries the findings for the command to print.
 */
export class GenerationBlockedError extends ConnectgenError {
  constructor(readonly diagnostics: readonly Diagnostic[]) {
    const errors = diagnostics.filter((d) => d.severity === 'error').length;
    super('CG_GENERATE_BLOCKED', `not generated: ${errors} error(s) in the spec must be fixed first`, {
      hint: 'fix the findings above, or pass --allow-unresolved-refs to generate with those types as unknown',
    });
  }
}

/** Conversion errors stop generation (unless the only ones are unresolved refs and that is allowed). */
export function refuseBlocked(converted: ConvertedSpec, options: PipelineOptions): void {
  const blocking = converted.diagnostics.some((d) => d.severity === 'error' && !(options.allowUnresolvedRefs && d.code === 'CG_REF_UNRESOLVED'));
  if (blocking) throw new GenerationBlockedError(converted.diagnostics);
}

/**
 * load -> convert -> ir -> emit -> write: a spec (or a connector.yaml naming one) to a connector
 * package in `outDir`, with its generation record in `.connectgen/` (see record/record.ts). Throws
 * GenerationBlockedError, writing nothing, when conversion found errors, and a coded error when
 * `outDir` is not a place generate may write (record/package-dir.ts).
 */
export async function generateConnector(source: string, outDir: string, options: GenerateOptions = {}): Promise<GenerateResult> {
  const [{ checkOutDir }, { buildIR }, { emit }, { removeFiles, writeFiles }, { recordFiles }] = await Promise.all([
    import('./record/package-dir.js'),
    import('./ir/index.js'),
    import('./emit/index.js'),
    import('./emit/write.js'),
    import('./record/record.js'),
  ]);
  // Only the previous file list is kept: its merge base (the whole last output) is collected.
  const previousFiles = (await checkOutDir(outDir, { force: options.force ?? false })).previous?.record.files ?? [];
  const { spec, config, configFile } = await resolveSourceArgument(source, options);
  // Checked before the spec is even loaded: a bad config fails fast, and nothing is written.
  const settings = await readSettings(configFile);
  const { sourceUri, converted, timings: early } = await convertedSpec(spec, options);
  refuseBlocked(converted, options);
  const timer = new StageTimer(options.onStage);
  const ir = await timer.run(
    'ir',
    () => buildIR(converted.document, settings?.config, { sourceUri, ...settings?.buildOptions }),
    (ir) => `${ir.operations.length} operations, ${ir.schemas.length} schemas`,
  );
  const files = await timer.run('emit', () => emit(ir), (files) => `${files.size} files`);
  const record = recordFiles({ source, outDir, ...(config ? { config } : {}), document: converted.document, files });
  // Files the last generation wrote and this one does not (a removed tag's actions), if unedited.
  const removed = previousFiles.filter((path) => !files.has(path));
  const written = await timer.run(
    'write',
    async () => {
      await removeFiles(outDir, removed);
      return writeFiles(outDir, new Map([...files, ...record]));
    },
    (w) => `${w.bytes} bytes`,
  );
  const diagnostics = [...converted.diagnostics, ...ir.diagnostics];
  return { outDir, ir, files, removed, bytes: written.bytes, diagnostics, timings: [...early, ...timer.timings] };
}

export interface ConnectorSource {
  readonly ir: ConnectorIR;
  /** The bundled OpenAPI 3 document the IR was built from. */
  readonly document: Record<string, unknown>;
  /** The connector.yaml settings, when there were any. */
  readonly config?: Record<string, unknown>;
  /** Conversion and IR findings. */
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * A spec, a connector.yaml, or a generated package (its `.connectgen/` snapshot of the spec and
 * settings it was generated from) -> its IR, writing nothing. What `diff` compares.
 */
export async function buildConnectorIR(argument: string, options: PipelineOptions = {}): Promise<ConnectorSource> {
  const [{ readPackageArgument }, { buildIR }] = await Promise.all([import('./record/package-dir.js'), import('./ir/index.js')]);
  const packaged = await readPackageArgument(argument);
  if (packaged) {
    const { spec, record } = packaged;
    const ir = buildIR(spec, record.config, { sourceUri: argument });
    return { ir, document: spec, ...(record.config ? { config: record.config } : {}), diagnostics: ir.diagnostics };
  }
  const { spec, config, configFile } = await resolveSourceArgument(argument, options);
  const settings = await readSettings(configFile);
  const { loaded, converted } = await loadAndConvert(spec, options);
  refuseBlocked(converted, options);
  const ir = buildIR(converted.document, config, { sourceUri: loaded.uri, ...settings?.buildOptions });
  return { ir, document: converted.document, ...(config ? { config } : {}), diagnostics: [...converted.diagnostics, ...ir.diagnostics] };
}

/**
 * connector.yaml's settings and the build options they give, when there is one. The config reader
 * (its schema validator and YAML locator) is imported only then: most runs have no config.
 */
async function readSettings(configFile: string | undefined): Promise<(ConfigSettings & { buildOptions: ReturnType<typeof import('./config/settings.js').configBuildOptions> }) | undefined> {
  if (configFile === undefined) return undefined;
  const { configBuildOptions, readConfigSettings } = await import('./config/settings.js');
  const settings = readConfigSettings(configFile);
  return { ...settings, buildOptions: configBuildOptions(settings) };
}
