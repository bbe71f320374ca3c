/**
 * load: a file path or URL -> { uri, text, format, document, version }. Nothing else in connectgen
 * reads spec input; later stages work on the returned value.
 */
import { detectVersion } from './detect-version.js';
import { parseText } from './parse.js';
import { readSource, type SourceText } from './read-source.js';
import type { LoadedSpec, LoadOptions } from './types.js';

export type { LoadedSpec, LoadOptions, SpecFormat, SpecVersion } from './types.js';
export { resolveSourceArgument, type SourceArgument } from './source-argument.js';
export { parseText } from './parse.js';
export { isStackOverflow, tooDeep } from './depth.js';
export { createRefPolicy, refAddressRefusal, refRefusal, type RefPolicy, type RefPolicyOptions } from './ref-policy.js';
export { readRef, readRefSync, type ReadRefOptions } from './read-ref.js';

/** A path or URL to read, or text already read from one (see SourceArgument.read). */
export async function loadSpec(source: string | SourceText, options: LoadOptions = {}): Promise<LoadedSpec> {
  const { uri, text } = typeof source === 'string' ? await readSource(source, options) : source;
  return parseSpec(text, uri);
}

/** The pure half of `loadSpec`, for text already in memory. */
export function parseSpec(text: string, uri: string): LoadedSpec {
  const { format, value, diagnostics } = parseText(text, uri);
  const { version, versionString } = detectVersion(value, text, uri);
  return { uri, text, format, document: value as Record<string, unknown>, version, versionString, diagnostics };
}
