/**
 * convert: a loaded spec of any supported version -> one self-contained OpenAPI 3.x document.
 * Bundle first (every dialect), then convert Swagger 2.0 to 3.0; 3.0 and 3.1 otherwise pass through.
 * The bundler (Redocly) and the converter (swagger2openapi) are imported only when they have work:
 * loading them takes longer than converting a small spec.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { LoadedSpec, LoadOptions } from '../load/index.js';
import { selfContained, unbundled } from './self-contained.js';

export interface ConvertedSpec {
  /** A bundled OpenAPI 3.0 or 3.1 document: only internal `#/...` refs remain. */
  readonly document: Record<string, unknown>;
  readonly openapiVersion: '3.0' | '3.1';
  /** Where the document came from and in which dialect. */
  readonly source: Pick<LoadedSpec, 'uri' | 'version'>;
  readonly diagnostics: readonly Diagnostic[];
}

/** `options` set how `$ref`s are read (remote refs, private addresses, timeouts): see load/ref-policy.ts. */
export async function convertSpec(spec: LoadedSpec, options: LoadOptions = {}): Promise<ConvertedSpec> {
  const plan = selfContained(spec.document);
  const bundled = plan ? unbundled(spec, plan.examples) : await (await import('./bundle.js')).bundleSpec(spec, options);
  // Reading's warnings travel with the document so every command that converts shows them.
  const diagnostics = [...(spec.diagnostics ?? []), ...bundled.diagnostics];
  let document = bundled.document;
  if (spec.version === 'swagger-2.0') {
    const { swagger2ToOpenApi3 } = await import('./swagger2.js');
    // JSON.parse gives a tree (the direct converter checks any other document).
    const converted = await swagger2ToOpenApi3(document, spec.uri, { tree: spec.format === 'json' && document === spec.document });
    document = converted.document;
    diagnostics.push(...converted.diagnostics);
  }
  return {
    document,
    openapiVersion: spec.version === 'openapi-3.1' ? '3.1' : '3.0',
    source: { uri: spec.uri, version: spec.version },
    diagnostics,
  };
}
