/** Import statements, sorted and wrapped the way prettier would write them. */
import { identifier, stringLiteral } from './safe.js';

const WIDTH = 100;

/**
 * Where a connector's actions, parameters, types and index import the runtime from: its narrow
 * entry (runtime/src/connector.ts), so a package's type-check does not parse the declarations of
 * webhooks, mapping and the rest. Webhooks and mappings files import the main entry.
 */
export const RUNTIME_ENTRY = '@connectgen/runtime/connector';

export function importStatement(names: Iterable<string>, from: string, typeOnly: boolean): string {
  const sorted = [...new Set(names)].sort(compareNames).map(identifier);
  const head = typeOnly ? 'import type' : 'import';
  const flat = `${head} { ${sorted.join(', ')} } from ${stringLiteral(from)};`;
  // Like prettier, a single name stays on one line however long the path.
  if (flat.length <= WIDTH || sorted.length === 1) return flat;
  return `${head} {\n${sorted.map((name) => `  ${name},`).join('\n')}\n} from ${stringLiteral(from)};`;
}

export function exportTypeStatement(names: Iterable<string>, from: string): string {
  return importStatement(names, from, true).replace(/^import type/, 'export type');
}

/** Case-insensitive first, so `Pet` and `pets` sort as a reader expects; ties by code point. */
export function compareNames(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  if (x !== y) return x < y ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
