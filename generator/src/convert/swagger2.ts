/**
 * Swagger 2.0 -> OpenAPI 3.0 with swagger2openapi. It patches small errors it knows how to fix;
 * anything it cannot convert becomes an `x-s2o-warning` on the node, which we
 * collect as diagnostics and strip, so nothing is silently dropped and nothing leaks into output.
 */
import converter from 'swagger2openapi';
import { toPointer, type Diagnostic } from '../diagnostics/diagnostic.js';
import { ConnectgenError } from '../diagnostics/errors.js';
import { moveBodyParametersIntoOperations } from './swagger2-path-bodies.js';

const WARNING_KEY = 'x-s2o-warning';

export async function swagger2ToOpenApi3(
  document: Record<string, unknown>,
  uri: string,
): Promise<{ document: Record<string, unknown>; diagnostics: Diagnostic[] }> {
  let result;
  try {
    // `text` must be set: without it swagger2openapi re-serialises the whole document to YAML
    // just to keep a copy, which costs seconds on large specs.
    result = await converter.convertObj(moveBodyParametersIntoOperations(document), { patch: true, warnOnly: true, warnProperty: WARNING_KEY, source: uri, text: '-' });
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
