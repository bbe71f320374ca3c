/**
 * Discriminator Object -> the IR's value -> member mapping.
 * OpenAPI 3.0 §4.7.25 / 3.1 §4.8.25: `propertyName` names the property whose value selects the
 * member; `mapping` maps values to schemas by `$ref` or by schema name; members not in the mapping
 * are selected by their schema name (the implicit mapping).
 */
import type { RefType, TypeNode } from '../types.js';
import type { BuildContext, Obj } from './context.js';
import { child, isObj, own, ownObj, ownString, refPointer, report } from './context.js';

const SCHEMA_PREFIX = '/components/schemas/';

/**
 * Explicit `mapping` entries first (in spec order), then every `$ref` member not yet mapped under its
 * schema key, as the spec defines the implicit mapping.
 */
export function discriminatorMapping(
  ctx: BuildContext,
  discriminator: Obj | undefined,
  list: readonly unknown[],
  members: readonly TypeNode[],
  pointer: string,
): { value: string; type: RefType }[] {
  const out: { value: string; type: RefType }[] = [];
  const mapped = new Set<string>();
  const mapping = ownObj(discriminator, 'mapping');
  for (const value of Object.keys(mapping ?? {})) {
    const target = own(mapping, value);
    if (typeof target !== 'string') continue;
    const at = target.startsWith('#') ? refPointer(target) : SCHEMA_PREFIX + target.replace(/~/g, '~0').replace(/\//g, '~1');
    const name = at === undefined ? undefined : ctx.schemaNames.get(at);
    if (name === undefined) {
      report(ctx, 'warn', 'CG_DISCRIMINATOR_MAPPING', child(pointer, 'mapping', value), `discriminator mapping target ${JSON.stringify(target)} is not a schema in components.schemas`, 'point the mapping at #/components/schemas/<Name>');
      continue;
    }
    out.push({ value, type: { kind: 'ref', name } });
    mapped.add(name);
  }
  list.forEach((member, i) => {
    const node = members[i];
    const ref = isObj(member) ? ownString(member, '$ref') : undefined;
    if (node?.kind !== 'ref' || ref === undefined || mapped.has(node.name)) return;
    const at = refPointer(ref);
    if (at === undefined || !at.startsWith(SCHEMA_PREFIX)) return;
    const key = at.slice(SCHEMA_PREFIX.length).replace(/~1/g, '/').replace(/~0/g, '~');
    out.push({ value: key, type: node });
  });
  return out;
}
