/**
 * How lint reaches what a spec's `$ref`s name: only through load/, under the spec's $ref policy
 * (load/ref-policy.ts), for both halves of lint (our walk and Spectral's resolver). A refused `$ref`
 * is a finding with the refusal's code at the `$ref`, and is never read.
 */
import { Resolver } from '@stoplight/spectral-ref-resolver';
import { toPointer, type Diagnostic } from '../diagnostics/diagnostic.js';
import { ConnectgenError } from '../diagnostics/errors.js';
import { parseText, readRef, readRefSync, refAddressRefusal, refRefusal, type LoadOptions, type RefPolicy } from '../load/index.js';
import { refTarget, type ReadSource, type SpecIndex } from './walk.js';

/** Refusals met while reading, by target, so each `$ref` to a refused target can be reported. */
export type Refusals = Map<string, ConnectgenError>;

/** Our walk's reader: local files inside the policy; URLs are left to Spectral's resolver. */
export function policyReader(policy: RefPolicy, options: LoadOptions, refusals: Refusals): ReadSource {
  return (uri) => {
    if (/^https?:/i.test(uri)) {
      // Not fetched here (this reader is synchronous), but refused without needing DNS.
      const refused = refRefusal(policy, uri);
      if (refused) refusals.set(uri, refused);
      return undefined;
    }
    try {
      const { text } = readRefSync(policy, uri, options);
      const parsed = parseText(text, uri);
      return { uri, text, format: parsed.format, document: parsed.value };
    } catch (error) {
      if (error instanceof ConnectgenError && error.code.startsWith('CG_REF_')) refusals.set(uri, error);
      return undefined; // unreadable or unparsable: Spectral reports the broken $ref
    }
  };
}

/** Spectral's resolver (it reads `$ref`s too, to validate across files), reading through load/. */
export function policyResolver(policy: RefPolicy, options: LoadOptions, refusals: Refusals): Resolver {
  const read = async (ref: { href(): string }): Promise<string> => {
    const target = ref.href();
    try {
      return (await readRef(policy, target, options)).text;
    } catch (error) {
      if (error instanceof ConnectgenError && error.code.startsWith('CG_REF_')) refusals.set(target, error);
      throw error;
    }
  };
  return new Resolver({ resolvers: { file: { resolve: read }, http: { resolve: read }, https: { resolve: read } } });
}

/** Remote targets our walk met but did not fetch: refused when their host resolves to a private address. */
export async function checkRemoteAddresses(index: SpecIndex, policy: RefPolicy, refusals: Refusals): Promise<void> {
  const targets = new Set(index.refs.map((r) => (r.ref.startsWith('#') ? '' : refTarget(r.file, r.ref))).filter((t) => /^https?:/i.test(t) && !refusals.has(t)));
  await Promise.all(
    [...targets].map(async (target) => {
      const refused = await refAddressRefusal(policy, target);
      if (refused) refusals.set(target, refused);
    }),
  );
}

/** One finding per `$ref` whose target was refused, at the object holding the `$ref`. */
export function refusedRefFindings(index: SpecIndex, refusals: Refusals): Diagnostic[] {
  const found: Diagnostic[] = [];
  for (const ref of index.refs) {
    if (ref.ref.startsWith('#')) continue;
    const target = refTarget(ref.file, ref.ref);
    const refused = refusals.get(target) ?? refusals.get(target.replace(/^file:\/\//i, ''));
    if (!refused) continue;
    found.push({
      code: refused.code,
      severity: 'error',
      message: refused.message,
      pointer: toPointer(ref.path),
      ...(refused.hint ? { hint: refused.hint } : {}),
      file: ref.file,
    });
  }
  return found;
}
