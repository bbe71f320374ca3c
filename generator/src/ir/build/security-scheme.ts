/**
 * Security Scheme Objects and Security Requirements -> ConnectorIR.auth and each operation's security.
 * OpenAPI 3.0 §4.7.27 / §4.7.30, 3.1 §4.8.27 / §4.8.30: `components.securitySchemes` by name; a
 * `security` list is OR over requirement objects, AND within one; `{}` in the list makes auth
 * optional and `security: []` makes an operation public. The runtime takes one scheme per call, so
 * an AND of several schemes keeps the first by name (with a warning).
 */
import type { AuthSchemeIR } from '../types.js';
import { inferAuth } from '../infer/auth.js';
import { compareStrings } from '../infer/names.js';
import type { BuildContext, Obj } from './context.js';
import { child, deref, isObj, own, ownObj, report } from './context.js';

/** Scheme names of a `security` list (in spec order, unique), or undefined when absent. */
export function requirementNames(ctx: BuildContext, raw: unknown, pointer: string, scopes: Map<string, Set<string>>): string[] | undefined {
  if (!Array.isArray(raw)) return undefined;
  const names: string[] = [];
  raw.forEach((requirement, i) => {
    if (!isObj(requirement)) return;
    // Within one requirement the keys are an AND, so their order means nothing: sort them.
    const keys = Object.keys(requirement).sort(compareStrings);
    const [first] = keys;
    if (first === undefined) return;
    if (keys.length > 1) {
      report(ctx, 'warn', 'CG_AUTH_COMBINED', child(pointer, i), `schemes ${keys.join(' + ')} are required together; only ${first} is applied`, 'configure extra headers for the other schemes in connector.yaml auth.extraHeaders');
    }
    if (!names.includes(first)) names.push(first);
    const wanted = own(requirement, first);
    const set = scopes.get(first) ?? new Set<string>();
    if (Array.isArray(wanted)) for (const scope of wanted) if (typeof scope === 'string') set.add(scope);
    scopes.set(first, set);
  });
  return names;
}

/**
 * Auth schemes by name, the default first: the first scheme of the root `security`, else the first
 * by name. Unsupported schemes are left out (a warning says so).
 */
export function buildAuth(ctx: BuildContext, rootSecurity: readonly string[], scopes: ReadonlyMap<string, ReadonlySet<string>>): Record<string, AuthSchemeIR> {
  const schemes = ownObj(ownObj(ctx.document, 'components'), 'securitySchemes') ?? {};
  const entries: [string, AuthSchemeIR][] = [];
  for (const name of Object.keys(schemes).sort(compareStrings)) {
    const pointer = child('/components/securitySchemes', name);
    const resolved = deref(ctx, own(schemes, name), pointer);
    if (resolved === undefined) continue;
    const inference = inferAuth(resolved.value as Obj, [...(scopes.get(name) ?? [])].sort(compareStrings));
    for (const finding of inference.findings) report(ctx, finding.severity, finding.code, pointer, finding.message, finding.hint);
    if (inference.config === undefined) continue;
    const description = own(resolved.value, 'description');
    entries.push([name, { config: inference.config, source: 'spec', pointer, ...(typeof description === 'string' && description.trim() !== '' ? { description } : {}) }]);
  }
  const preferred = rootSecurity.find((name) => entries.some(([entry]) => entry === name));
  if (preferred !== undefined) entries.sort(([a], [b]) => Number(b === preferred) - Number(a === preferred));
  return Object.fromEntries(entries);
}
