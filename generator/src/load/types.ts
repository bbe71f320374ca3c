import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { RefPolicyOptions } from './ref-policy.js';

/** What `load` hands to every later stage: the text as read, the parsed value, and its dialect. */
export type SpecVersion = 'swagger-2.0' | 'openapi-3.0' | 'openapi-3.1';

export type SpecFormat = 'json' | 'yaml';

export interface LoadedSpec {
  /** Absolute file path or the final URL after redirects. */
  readonly uri: string;
  readonly text: string;
  /** Detected from the content, not the extension. */
  readonly format: SpecFormat;
  readonly document: Record<string, unknown>;
  readonly version: SpecVersion;
  /** The version string as written (`2.0`, `3.0.3`, `3.1.0`). */
  readonly versionString: string;
  /** Problems found while reading that did not stop it (a JSON key given twice). */
  readonly diagnostics?: readonly Diagnostic[];
}

export interface LoadOptions extends RefPolicyOptions {
  /** Directory relative paths resolve against; default `process.cwd()`. */
  readonly cwd?: string;
  /** Abort a URL fetch after this long; default 30 s. */
  readonly timeoutMs?: number;
  /** Refuse documents larger than this; default 100 MiB. */
  readonly maxBytes?: number;
}
