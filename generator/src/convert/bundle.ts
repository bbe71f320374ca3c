/**
 * Bundling: pull every external `$ref` (other files, URLs) into the one document, as components,
 * so later stages see a single self-contained tree with only `#/...` refs. @redocly/openapi-core
 * does the resolution; it handles Swagger 2.0 and OpenAPI 3.x alike, so Swagger documents are
 * bundled before conversion and swagger2openapi never has to chase files.
 */
import { BaseResolver, bundle, createConfig, getLineColLocation, ResolveError, Source, type Config, type NormalizedProblem } from '@redocly/openapi-core';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { ConnectgenError } from '../diagnostics/errors.js';
import { createRefPolicy, isStackOverflow, readRef, tooDeep, type LoadedSpec, type LoadOptions, type RefPolicy } from '../load/index.js';

export interface BundleOutput {
  readonly document: Record<string, unknown>;
  readonly diagnostics: Diagnostic[];
}

let configPromise: Promise<Config> | undefined;

/**
 * Redocly's resolver, reading through load/ under the spec's $ref policy. A refusal is remembered by
 * its message, so the problem Redocly reports at the $ref ("Can't resolve $ref: <message>") gets
 * the refusal's own code and hint.
 */
class PolicyResolver extends BaseResolver {
  readonly refusals = new Map<string, ConnectgenError>();
  constructor(
    private readonly policy: RefPolicy,
    private readonly options: LoadOptions,
  ) {
    super();
  }

  override async loadExternalRef(absoluteRef: string): Promise<Source> {
    try {
      const { text } = await readRef(this.policy, absoluteRef, this.options);
      return new Source(absoluteRef, text.replace(/\r\n/g, '\n'));
    } catch (error) {
      if (error instanceof ConnectgenError && error.code.startsWith('CG_REF_')) this.refusals.set(error.message, error);
      throw new ResolveError(error as Error);
    }
  }
}

export async function bundleSpec(spec: LoadedSpec, options: LoadOptions = {}): Promise<BundleOutput> {
  // An empty config: we want resolution only, not Redocly's lint rules or a redocly.yaml lookup.
  configPromise ??= createConfig({});
  const config = await configPromise;
  // Redocly bundles in place (it adds `components` and rewrites $refs). A stage returns new data and
  // leaves its input alone: lint, the IR's source maps and callers all hold the loaded document.
  const doc = { source: new Source(spec.uri, spec.text), parsed: structuredClone(spec.document) };
  const resolver = new PolicyResolver(createRefPolicy(spec.uri, options), options);
  let result;
  try {
    result = await bundle({ doc, config, externalRefResolver: resolver, removeUnusedComponents: false });
  } catch (error) {
    if (isStackOverflow(error)) throw tooDeep(spec.uri, error);
    // Redocly throws (rather than reports) on some broken documents, e.g. "Self-referencing
    // circular pointer" for a $ref that resolves to itself. That is the input's fault, not ours.
    throw new ConnectgenError('CG_BUNDLE_FAILED', `cannot resolve the document's $refs: ${(error as Error).message}`, {
      file: spec.uri,
      hint: 'run `connectgen lint` on the file: it points at the $ref to fix',
      cause: error,
    });
  }
  return {
    document: result.bundle.parsed as Record<string, unknown>,
    diagnostics: result.problems.map((problem) => toDiagnostic(problem, resolver.refusals)),
  };
}

function toDiagnostic(problem: NormalizedProblem, refusals: ReadonlyMap<string, ConnectgenError>): Diagnostic {
  const location = problem.location[0];
  const unresolved = problem.message.startsWith("Can't resolve $ref");
  const refused = unresolved ? refusals.get(problem.message.replace(/^Can't resolve \$ref: /, '')) : undefined;
  let start: Diagnostic['start'];
  if (location) {
    try {
      const lineCol = getLineColLocation(location);
      start = { line: lineCol.start.line, column: lineCol.start.col };
    } catch {
      // Position lookup needs the file's text; when that is missing we still have the pointer.
    }
  }
  return {
    code: refused?.code ?? (unresolved ? 'CG_REF_UNRESOLVED' : 'CG_BUNDLE'),
    severity: refused || problem.severity === 'error' ? 'error' : 'warn',
    message: refused?.message ?? problem.message,
    pointer: (location?.pointer ?? '#').replace(/^#/, ''),
    ...(refused?.hint ? { hint: refused.hint } : unresolved ? { hint: 'fix the path or pointer of this $ref, or add the file it names' } : {}),
    ...(location ? { file: location.source.absoluteRef } : {}),
    ...(start ? { start } : {}),
  };
}
