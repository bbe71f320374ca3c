/**
 * Swagger 2.0 -> OpenAPI 3.0. swagger2openapi is the converter of record: it patches small errors
 * it knows how to fix; anything it cannot convert becomes an `x-s2o-warning` on the node, which we
 * collect as diagnostics and strip, so nothing is silently dropped and nothing leaks into output.
 * When the document is one the direct converter (swagger2-direct/) reproduces exactly, that runs
 * instead: same bytes, no warnings by construction, and neither swagger2openapi's deep clones and
 * walks nor its loading (a few times faster on large specs).
 */
import { toPointer, type Diagnostic } from '../diagnostics/diagnostic.js';
import { ConnectgenError } from '../diagnostics/errors.js';
import { convertSwagger2Directly } from './swagger2-direct/index.js';
import { moveBodyParametersIntoOperations } from './swagger2-path-bodies.js';

const WARNING_KEY = 'x-s2o-warning';

export interface Swagger2Options {
  /**
   * The document is a tree, each object reached once (JSON.parse's output, unchanged), so the
   * direct converter need not check. YAML aliases and our own copies can share objects, which
   * swagger2openapi refuses; without this the direct converter checks first and declines those.
   */
  readonly tree?: boolean;
}

export interface Swagger2Result {
  readonly document: Record<string, unknown>;
  readonly diagnostics: Diagnostic[];
}

export async function swagger2ToOpenApi3(document: Record<string, unknown>, uri: string, options: Swagger2Options = {}): Promise<Swagger2Result> {
  const prepared = moveBodyParametersIntoOperations(document);
  // Moving path-level bodies keeps a tree a tree: each operation gets its own copy of one.
  const direct = convertSwagger2Directly(prepared, { knownTree: options.tree === true });
  if ('document' in direct) return { document: direct.document, diagnostics: [] };
  return withSwagger2openapi(prepared, uri);
}

/** swagger2openapi alone, whatever the document: the reference the direct converter is held to. */
export function swagger2ToOpenApi3Reference(document: Record<string, unknown>, uri: string): Promise<Swagger2Result> {
  return withSwagger2openapi(moveBodyParametersIntoOperations(document), uri);
}

async function withSwagger2openapi(document: Record<string, unknown>, uri: string): Promise<Swagger2Result> {
  // Imported here: the direct converter handles most documents without it.
  const { default: converter } = await import('swagger2openapi');
  let result;
  try {
    // `text` must be set: without it swagger2openapi re-serialises the whole document to YAML
    // just to keep a copy, which costs seconds on large specs.
    result = await converter.convertObj(document, { patch: true, warnOnly: true, warnProperty: WARNING_KEY, source: uri, text: '-' });
  } catch (error) {
    throw new ConnectgenError('CG_CONVERT_SWAGGER2', `cannot convert Swagger 2.0 to OpenAPI 3: ${(error as Error).message}`, {
      file: uri,
      hint: 'run `connectgen lint` on the file to see what is wrong with it',
      cause: error,
    });
  }
  // result.patches is not reported: swagger2openapi counts ordinary conversions (x-nullable) as
  // patches too, so the number would alarm without informing. Real problems come back as warnings.
  const diagnostics = collectWarnings(result.openapi, uri);
  return { document: result.openapi, diagnostics };
}

function collectWarnings(root: Record<string, unknown>, uri: string): Diagnostic[] {
  const found: Diagnostic[] = [];
  const seen = new Set<object>();
  // One path, extended and shortened as the walk goes: no copy per node of a large document.
  const path: (string | number)[] = [];
  const visit = (node: object): void => {
    if (seen.has(node)) return;
    seen.add(node);
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        const item: unknown = node[i];
        if (item === null || typeof item !== 'object') continue;
        path.push(i);
        visit(item);
        path.pop();
      }
      return;
    }
    const record = node as Record<string, unknown>;
    if (WARNING_KEY in record) {
      found.push({
        code: 'CG_CONVERT_WARNING',
        severity: 'warn',
        message: String(record[WARNING_KEY]),
        pointer: toPointer(path),
        hint: 'fix this in the Swagger 2.0 source and convert again',
        file: uri,
      });
      delete record[WARNING_KEY];
    }
    for (const key of Object.keys(record)) {
      const child = record[key];
      if (child === null || typeof child !== 'object') continue;
      path.push(key);
      visit(child);
      path.pop();
    }
  };
  visit(root);
  return found;
}
