/**
 * Heavy libraries the mapping needs only when a mapping uses them: luxon (format_date),
 * libphonenumber-js with its full metadata (format_phone, ~90 ms of CPU to load) and yaml
 * (parseMapping). `@connectgen/runtime`'s root entry exports the mapping API, so a connector that
 * never maps would otherwise load all three at import time. `require` keeps the mapping API
 * synchronous: `compileMapping` loads what its transformations need the first time it meets them.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** A loader that requires `specifier` on its first call and returns the cached module after. */
function lazy<T>(specifier: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= require(specifier) as T);
}

export const luxon = lazy<typeof import('luxon')>('luxon');
export const phoneNumbers = lazy<typeof import('libphonenumber-js/max')>('libphonenumber-js/max');
export const yaml = lazy<typeof import('yaml')>('yaml');
