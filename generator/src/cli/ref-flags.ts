/**
 * The flags that loosen the $ref policy (load/ref-policy.ts), shared by every command that reads a
 * spec's `$ref`s (lint, convert, generate) so they read, and refuse, the same way.
 */
import { Flags } from '@oclif/core';
import type { RefPolicyOptions } from '../load/index.js';

export const refFlags = {
  'allow-remote-refs': Flags.boolean({
    description: "fetch $refs to http(s) URLs on other origins than the spec's (off by default: a spec is untrusted input)",
  }),
  'allow-private-refs': Flags.boolean({
    description: 'let remote $refs reach loopback, private and link-local addresses (only for servers you run yourself)',
  }),
};

export function refOptions(flags: { 'allow-remote-refs': boolean; 'allow-private-refs': boolean }): RefPolicyOptions {
  return { allowRemoteRefs: flags['allow-remote-refs'], allowPrivateRefs: flags['allow-private-refs'] };
}
