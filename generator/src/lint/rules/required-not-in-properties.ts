/**
 * JSON Schema Validation §6.5.3 `required`: names properties an instance must have. A name that no
 * `properties` declares (here, in an `allOf`/`anyOf`/`oneOf` member, or in an `allOf` sibling) is
 * usually a typo, and would give the generated type a required field of unknown type. Names declared
 * by the parent of an allOf/anyOf/oneOf member count as declared.
 */
import { defineRule, isObject, type JsonObject } from '../rule.js';
import { getAt, type Located, type SpecIndex } from '../walk.js';

const COMPOSITIONS = ['allOf', 'anyOf', 'oneOf'];

/** Property names declared by `schema` and its composition members; `undefined` if one is unknown. */
function declared(index: SpecIndex, schema: Located, names: Set<string>, seen: Set<object>): boolean {
  let node: Located | undefined = schema;
  for (let hops = 0; node && typeof node.node['$ref'] === 'string' && hops < 32; hops++) node = index.resolve(node.file, node.node['$ref']);
  if (!node || seen.has(node.node)) return node !== undefined;
  seen.add(node.node);
  const properties = node.node['properties'];
  if (isObject(properties)) for (const name of Object.keys(properties)) names.add(name);
  for (const keyword of COMPOSITIONS) {
    const members = node.node[keyword];
    if (!Array.isArray(members)) continue;
    for (const [i, member] of members.entries()) {
      if (isObject(member) && !declared(index, { node: member, path: [...node.path, keyword, i], file: node.file }, names, seen)) return false;
    }
  }
  // `additionalProperties: <schema>` or `patternProperties` accept undeclared names on purpose.
  return !isObject(node.node['additionalProperties']) && !isObject(node.node['patternProperties']);
}

export default defineRule({
  id: 'required-not-in-properties',
  code: 'CG_REQUIRED_NOT_IN_PROPERTIES',
  description: 'Every name in `required` must be declared in `properties`.',
  given: '$..[?(@.required && @.properties)]',
  target: 'schema',
  severity: 'warn',
  hint: 'fix the name in `required`, or declare the property under `properties`',
  check(schema, index) {
    const required = schema.node['required'];
    if (!Array.isArray(required) || required.length === 0) return undefined;
    const hasComposition = COMPOSITIONS.some((k) => Array.isArray(schema.node[k]));
    if (!isObject(schema.node['properties']) && !hasComposition) return undefined; // e.g. an anyOf branch `{ required: [a] }`
    const names = new Set<string>();
    if (!declared(index, schema, names, new Set())) return undefined;
    // A member of an allOf may require what its siblings declare; an anyOf/oneOf branch often
    // requires one of its parent's properties (GitHub: `anyOf: [{ required: [conclusion] }, ...]`).
    const last = schema.path[schema.path.length - 2];
    if (typeof last === 'string' && COMPOSITIONS.includes(last)) {
      const parentPath = schema.path.slice(0, -2);
      const parent = getAt(index.files.get(schema.file)?.document, parentPath);
      if (isObject(parent) && !declared(index, { node: parent as JsonObject, path: parentPath, file: schema.file }, names, new Set())) return undefined;
    }
    const missing = required.filter((name): name is string => typeof name === 'string' && !names.has(name));
    if (missing.length === 0) return undefined;
    return [{ path: [...schema.path, 'required'], message: `required ${missing.map((n) => `"${n}"`).join(', ')} not declared in properties` }];
  },
});
