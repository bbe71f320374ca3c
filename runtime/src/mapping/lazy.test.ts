/**
 * The root entry must not load mapping's heavy libraries: a connector that never maps would pay
 * for them at import time. Walks the static import graph of src/index.ts (value imports only; type
 * imports vanish at build) and checks that none of those libraries is in it, then that the lazy
 * loaders do hand out the real modules.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { luxon, phoneNumbers, yaml } from './lazy.js';

const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const HEAVY = ['luxon', 'libphonenumber-js', 'yaml'];
// `import x from`, `import { a } from`, `export { a } from`, `export * from`, `import 'x'`; not `import type` / `export type`.
const VALUE_IMPORT = /^\s*(?:import|export)\s+(?!type\b)(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm;

function packagesReachedFrom(entry: string): Set<string> {
  const packages = new Set<string>();
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const [, specifier] of readFileSync(file, 'utf8').matchAll(VALUE_IMPORT)) {
      if (specifier === undefined || specifier.startsWith('node:')) continue;
      if (specifier.startsWith('.')) visit(path.resolve(path.dirname(file), specifier.replace(/\.js$/, '.ts')));
      else packages.add(specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : (specifier.split('/')[0] ?? specifier));
    }
  };
  visit(entry);
  return packages;
}

describe('lazy mapping dependencies', () => {
  it('the root entry imports none of luxon, libphonenumber-js and yaml', () => {
    const reached = packagesReachedFrom(path.join(src, 'index.ts'));
    expect(reached).toContain('undici'); // the walk does find packages
    for (const name of HEAVY) expect(reached).not.toContain(name);
  });

  it('loads each library on first use, once', () => {
    expect(luxon().DateTime.fromISO('2026-01-02T03:04:05Z', { zone: 'utc' }).toISODate()).toBe('2026-01-02');
    expect(phoneNumbers().parsePhoneNumberFromString('+12015550123')?.isValid()).toBe(true);
    expect(yaml().parse('a: 1')).toEqual({ a: 1 });
    expect(luxon()).toBe(luxon());
  });
});
