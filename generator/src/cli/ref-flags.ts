/**
 * How a spec and its `$ref`s are read: the size cap and the flags that loosen the $ref policy
 * (load/ref-policy.ts), shared by every command that reads a spec (lint, convert, generate) so they
 * read, and refuse, the same way.
 */
import { Flags } from '@oclif/core';
import type { LoadOptions } from '../load/index.js';
import { DEFAULT_MAX_BYTES } from '../load/read-source.js';

export const refFlags = {
  'allow-remote-refs': Flags.boolean({
    description: "fetch $refs to http(s) URLs on other origins than the spec's (off by default: a spec is untrusted input)",
  }),
  'allow-private-refs': Flags.boolean({
    description: 'let remote $refs reach loopback, private and link-local addresses (only for servers you run yourself)',
  }),
  'max-bytes': Flags.integer({ description: 'refuse a spec, or a file it references, larger than this many bytes', default: DEFAULT_MAX_BYTES, min: 1 }),
};

export function refOptions(flags: { 'allow-remote-refs': boolean; 'allow-private-refs': boolean; 'max-bytes': number }): LoadOptions {
  return { allowRemoteRefs: flags['allow-remote-refs'], allowPrivateRefs: flags['allow-private-refs'], maxBytes: flags['max-bytes'] };
}
