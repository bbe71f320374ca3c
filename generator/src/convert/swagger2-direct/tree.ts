/**
 * The first pass: a copy of the Swagger 2.0 document with what swagger2openapi does everywhere
 * before it looks at any object in particular:
 * - a member whose value is `null` is dropped, unless its key starts with `x-`, is `default`, or
 *   some key on its path (its own included) starts with `example`;
 * - every `$ref` is rewritten to its OpenAPI 3 place (`#/definitions/X` -> `#/components/schemas/X`,
 *   likewise parameters and responses), and an object holding a `$ref` keeps nothing else.
 * What it would handle some other way (a `null` array entry it leaves as a hole, a `$ref` it
 * resolves by guessing, a name it renames, its own `x-s2o-` markers) declines.
 */
import { decline, type Node } from './decline.js';
import { sanitise, sanitiseAll } from './names.js';

/** Names a `$ref` may take without the converter escaping, decoding or renaming anything. */
const PLAIN_NAME = /^[A-Za-z0-9_.-]+$/;

/**
 * `knownTree`: the caller knows no object is reachable twice (JSON.parse's output, unchanged).
 * Otherwise that is checked first over the whole input: swagger2openapi refuses such documents
 * (YAML aliases), and the copy would not see an object hidden among a `$ref`'s siblings.
 */
export function copyTree(document: Node, knownTree: boolean): Node {
  if (!knownTree) assertTree(document, new Set());
  const definitions = ownNames(document['definitions']);
  const parameters = ownNames(document['parameters']);
  const responses = ownNames(document['responses']);

  // Kubernetes writes 3,000 `$ref`s to 584 targets: each distinct one is checked once.
  const rewritten = new Map<string, string>();
  const rewrite = (ref: string): string => {
    let target = rewritten.get(ref);
    if (target === undefined) {
      target = rewriteOnce(ref);
      rewritten.set(ref, target);
    }
    return target;
  };
  const rewriteOnce = (ref: string): string => {
    if (ref.startsWith('#/definitions/')) {
      const rest = ref.slice('#/definitions/'.length);
      const name = rest.split('/')[0]!;
      // `~` and `%` would be unescaped/decoded before the lookup; a renamed schema changes the name.
      if (/[~%]/.test(name) || !definitions.has(name) || sanitiseAll(name) !== name) decline(`$ref ${ref}`);
      return `#/components/schemas/${rest}`;
    }
    for (const [prefix, names, place] of [['#/parameters/', parameters, 'parameters'], ['#/responses/', responses, 'responses']] as const) {
      if (!ref.startsWith(prefix)) continue;
      const name = ref.slice(prefix.length);
      if (!PLAIN_NAME.test(name) || !names.has(name) || sanitise(name) !== name) decline(`$ref ${ref}`);
      return `#/components/${place}/${name}`;
    }
    return decline(`$ref ${ref}`);
  };

  const copy = (value: unknown, inExample: boolean): unknown => {
    if (value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) {
      const out = new Array<unknown>(value.length);
      for (let i = 0; i < value.length; i++) {
        const item: unknown = value[i];
        // swagger2openapi deletes it, leaving a hole that later steps read in their own ways.
        if (item === null && !inExample) decline('null array entry');
        out[i] = copy(item, inExample);
      }
      return out;
    }
    const node = value as Node;
    const ref: unknown = node['$ref'];
    // Only a string is a reference (Kubernetes has a property named `$ref`).
    if (typeof ref === 'string') return { $ref: rewrite(ref) };
    const out: Node = {};
    for (const key of Object.keys(node)) {
      const child: unknown = node[key];
      if (key === '__proto__' || key.startsWith('x-s2o') || key === 'x-ms-odata') decline(`key ${key}`);
      const example = inExample || key.startsWith('example');
      if (child === null && !example && key !== 'default' && !key.startsWith('x-')) continue;
      out[key] = copy(child, example);
    }
    return out;
  };

  if (typeof document['$ref'] === 'string') decline('root $ref');
  return copy(document, false) as Node;
}

function ownNames(map: unknown): ReadonlySet<string> {
  if (map === undefined || map === null) return new Set();
  if (typeof map !== 'object' || Array.isArray(map)) decline('components map is not an object');
  return new Set(Object.keys(map));
}

function assertTree(value: unknown, visited: Set<object>): void {
  if (value === null || typeof value !== 'object') return;
  if (visited.has(value)) decline('an object reached twice (a YAML alias)');
  visited.add(value);
  if (Array.isArray(value)) {
    for (const item of value) assertTree(item, visited);
    return;
  }
  // The copy knows plain data only (a YAML parser set to other schemas could give dates or maps).
  if (Object.getPrototypeOf(value) !== Object.prototype) decline('not plain JSON data');
  for (const key of Object.keys(value)) assertTree((value as Node)[key], visited);
}
