/**
 * Security Scheme Objects and Security Requirements -> ConnectorIR.auth and each operation's security.
 * OpenAPI 3.0 §4.7.27 / §4.7.30, 3.1 §4.8.27 / §4.8.30: `components.securitySchemes` by name; a
 * `security` list is OR over requirement objects, AND within one; `{}` in the list makes auth
 * optional and `security: []` makes an operation public. An AND of several schemes stays a list;
 * the runtime applies all of them when the user passes credentials for each.
 */
import { requirementSchemes, type AuthSchemeIR, type SecurityRequirement } from '../types.js';
import { inferAuth } from '../infer/auth.js';
import { compareStrings } from '../infer/names.js';
import type { BuildContext, Obj } from './context.js';
import { child, deref, isObj, own, ownObj, report } from './context.js';

/**
 * Requirements of a `security` list in spec order, unique: a scheme name, or the sorted names of
 * schemes required together. Undefined when the list is absent.
 */
export function requirementNames(ctx: BuildContext, raw: unknown, pointer: string, scopes: Map<string, Set<string>>): SecurityRequirement[] | undefined {
  if (!Array.isArray(raw)) return undefined;
  const requirements: SecurityRequirement[] = [];
  const seen = new Set<string>();
  raw.forEach((requirement, i) => {
    if (!isObj(requirement)) return;
    // Within one requirement the keys are an AND, so their order means nothing: sort them.
    const keys = Object.keys(requirement).sort(compareStrings);
    if (keys.length === 0) return;
    if (keys.length > 1) {
      report(ctx, 'info', 'CG_AUTH_COMBINED', child(pointer, i), `schemes ${keys.join(' + ')} are required together`, `pass credentials for each: the default in \`auth\`, the others in \`credentials: { ${keys.slice(1).join(', ')} }\``);
    }
    const id = keys.join('\u0000');
    if (!seen.has(id)) {
      seen.add(id);
      requirements.push(keys.length === 1 ? keys[0]! : keys);
    }
    for (const key of keys) {
      const wanted = own(requirement, key);
      const set = scopes.get(key) ?? new Set<string>();
      if (Array.isArray(wanted)) for (const scope of wanted) if (typeof scope === 'string') set.add(scope);
      scopes.set(key, set);
    }
  });
  return requirements;
}

/**
 * Auth schemes by name, the default first: the first scheme of the root `security`, else the first
 * by name. Unsupported schemes are left out (a warning says so).
 */
export function buildAuth(ctx: BuildContext, rootSecurity: readonly SecurityRequirement[], scopes: ReadonlyMap<string, ReadonlySet<string>>): Record<string, AuthSchemeIR> {
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
  const preferred = rootSecurity.flatMap(requirementSchemes).find((name) => entries.some(([entry]) => entry === name));
  if (preferred !== undefined) entries.sort(([a], [b]) => Number(b === preferred) - Number(a === preferred));
  return Object.fromEntries(entries);
}
