/**
 * An OpenAPI document -> JSON or YAML text, key order as given (deterministic for a given input).
 * Bundled documents can share one object in several places; YAML must write each in full rather
 * than as anchors and aliases, which many OpenAPI tools do not read.
 */
import { createRequire } from 'node:module';

export type DocumentFormat = 'json' | 'yaml';

export function serializeDocument(document: unknown, format: DocumentFormat): string {
  if (format === 'json') return JSON.stringify(document, null, 2) + '\n';
  // Required here: JSON output, the usual kind for large specs, never loads the YAML writer.
  const { stringify } = createRequire(import.meta.url)('yaml') as typeof import('yaml');
  return stringify(document, { aliasDuplicateObjects: false, lineWidth: 0 });
}

/** `.yaml`/`.yml` -> yaml, `.json` -> json, anything else undefined. */
export function formatFromPath(file: string): DocumentFormat | undefined {
  if (/\.ya?ml$/i.test(file)) return 'yaml';
  if (/\.json$/i.test(file)) return 'json';
  return undefined;
}
