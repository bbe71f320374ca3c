/**
 * Whether bundling can be skipped: a document whose every reference is an internal `#/...` pointer
 * that resolves gives back, from Redocly's bundler, exactly what went in (plus an empty
 * `components` on OpenAPI 3). Loading and running the bundler costs more than the rest of
 * converting a small spec, and about 40% of generating a large one, so `convert` asks this first.
 *
 * The test is deliberately narrow: anything the bundler would rewrite or report (a file or URL
 * reference, an `externalValue`, a pointer that does not resolve, a chain of `$ref`s that loops, a
 * `$ref` where it expects plain data, a discriminator mapping that names something other than a
 * plain `#/components/schemas/Name`) answers false, and the bundler runs as before. `self-contained.test.ts` holds both paths to
 * identical output over every spec in the repository.
 */
import { MAX_DEPTH } from '../load/depth.js';
import type { LoadedSpec } from '../load/types.js';
import type { BundleOutput } from './bundle.js';

/** Redocly's mapping-reference test: values that look like a pointer, path or file. */
const MAPPING_REF = /^#|^[a-z][a-z0-9+.-]*:|\/|\.(ya?ml|json)$/i;
const PLAIN_SCHEMA_REF = /^#\/components\/schemas\/[A-Za-z0-9_.-]+$/;

/** Keys whose object values are named OpenAPI objects (schemas, parameters...), never plain data. */
const NAMED_FIELDS: ReadonlySet<string> = new Set([
  'schema', 'items', 'not', 'additionalProperties', 'additionalItems', 'contains', 'propertyNames',
  'if', 'then', 'else', 'unevaluatedItems', 'unevaluatedProperties', 'contentSchema',
]);
/** Keys whose values are maps from names to named OpenAPI objects. */
const NAME_MAPS: ReadonlySet<string> = new Set([
  'paths', 'webhooks', 'pathItems', 'properties', 'patternProperties', 'definitions', '$defs', 'dependentSchemas', 'schemas',
  'parameters', 'responses', 'requestBodies', 'headers', 'examples', 'links', 'callbacks', 'securitySchemes',
  'securityDefinitions', 'content', 'encoding', 'variables',
]);
/** Keys whose values are arrays of named OpenAPI objects. */
const NAMED_ARRAYS: ReadonlySet<string> = new Set(['allOf', 'oneOf', 'anyOf', 'prefixItems', 'parameters']);

/** Where a node sits: its key, the object or array holding it, and that holder's own key. */
interface Frame {
  readonly key?: string | number;
  readonly parent?: object;
  readonly parentKey?: string | number;
}

export function isSelfContained(document: Record<string, unknown>): boolean {
  // Only objects are stacked, each with its own key and its holder's: no frame per scalar.
  const nodes: object[] = [document];
  const keys: (string | number | undefined)[] = [undefined];
  const parents: (object | undefined)[] = [undefined];
  const parentKeys: (string | number | undefined)[] = [undefined];
  while (nodes.length > 0) {
    const node = nodes.pop()!;
    const key = keys.pop();
    const parent = parents.pop();
    const parentKey = parentKeys.pop();
    if (Array.isArray(node)) {
      for (let index = 0; index < node.length; index++) {
        const item: unknown = node[index];
        if (item === null || typeof item !== 'object') continue;
        nodes.push(item);
        keys.push(index);
        parents.push(node);
        parentKeys.push(key);
      }
      continue;
    }
    const record = node as Record<string, unknown>;
    const ref = record['$ref'];
    if (typeof ref === 'string' && !(inNamedPosition({ key, parent, parentKey }) && resolvesInternally(document, ref))) return false;
    if (typeof record['externalValue'] === 'string') return false;
    const discriminator = record['discriminator'];
    if (discriminator !== null && typeof discriminator === 'object' && !plainMappings(document, discriminator as Record<string, unknown>)) return false;
    for (const childKey in record) {
      const child = record[childKey];
      if (child === null || typeof child !== 'object') continue;
      nodes.push(child);
      keys.push(childKey);
      parents.push(record);
      parentKeys.push(key);
    }
  }
  return !nestsTooDeep(document, MAX_DEPTH);
}

/**
 * Whether the document nests deeper than `limit` once its `$ref`s are followed (a chain of 1,000
 * schemas, each a property $ref to the next, is shallow text). Load refuses text nested past
 * MAX_DEPTH; the bundler walks through refs and refuses such a chain by running out of stack
 * (CG_TOO_DEEP), so it is left to the bundler to say so. Depth-first, iterative, each object's
 * depth remembered; a ref back into the current path (recursion) adds nothing.
 */
function nestsTooDeep(document: Record<string, unknown>, limit: number): boolean {
  const finished = new Map<object, number>();
  const onPath = new Set<object>();
  const path: { node: object; children: object[]; next: number; deepest: number }[] = [];
  const enter = (node: object): void => {
    onPath.add(node);
    path.push({ node, children: childrenThroughRefs(document, node), next: 0, deepest: 0 });
  };
  enter(document);
  while (path.length > 0) {
    if (path.length > limit) return true;
    const top = path[path.length - 1]!;
    if (top.next < top.children.length) {
      const child = top.children[top.next++]!;
      const known = finished.get(child);
      if (known !== undefined) top.deepest = Math.max(top.deepest, known);
      else if (!onPath.has(child)) enter(child);
      continue;
    }
    path.pop();
    onPath.delete(top.node);
    const depth = top.deepest + 1;
    if (depth > limit) return true;
    finished.set(top.node, depth);
    const parent = path[path.length - 1];
    if (parent) parent.deepest = Math.max(parent.deepest, depth);
  }
  return false;
}

/** The objects inside `node`; for a `$ref` object, its target (isSelfContained checked it resolves). */
function childrenThroughRefs(document: Record<string, unknown>, node: object): object[] {
  const values = Array.isArray(node) ? node : typeof (node as Record<string, unknown>)['$ref'] === 'string' ? [lookUp(document, (node as Record<string, string>)['$ref']!)] : Object.values(node);
  return values.filter((value): value is object => value !== null && typeof value === 'object');
}

/**
 * Where the bundler leaves an internal `$ref` as it is: in the place of a named OpenAPI object. A
 * `$ref` in a plain-data field it walks (a schema's `example` or `default`, an extension's
 * members, a link's `requestBody`) it replaces with a copy of the target; those, and any place
 * not recognised here, go to the bundler.
 */
function inNamedPosition({ key, parent, parentKey }: Frame): boolean {
  if (key === undefined || (typeof parentKey === 'string' && parentKey.startsWith('x-'))) return false;
  if (typeof key === 'number') return typeof parentKey === 'string' && NAMED_ARRAYS.has(parentKey);
  if (key.startsWith('x-')) return false;
  if (typeof parentKey === 'string' && NAME_MAPS.has(parentKey)) return true;
  if (NAMED_FIELDS.has(key)) return true;
  // An operation's requestBody (operations always have responses), not a link's.
  return key === 'requestBody' && parent !== undefined && 'responses' in parent;
}

/** A `#/...` pointer that reaches a value, through `$ref` objects only at its end, without a loop. */
function resolvesInternally(document: Record<string, unknown>, ref: string): boolean {
  const seen = new Set<string>();
  let current = ref;
  for (;;) {
    if (seen.has(current)) return false;
    seen.add(current);
    const target = lookUp(document, current);
    if (target === undefined) return false;
    if (target === null || typeof target !== 'object' || !('$ref' in target)) return true;
    const next = (target as Record<string, unknown>)['$ref'];
    // A ref to a non-string `$ref` is odd enough to leave to the bundler.
    if (typeof next !== 'string') return false;
    current = next;
  }
}

/** The value at a `#/a/b` pointer, or undefined when any step is missing or passes through a `$ref`. */
function lookUp(document: Record<string, unknown>, ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  let node: unknown = document;
  for (const raw of ref.slice(2).split('/')) {
    // An empty step is one Redocly skips and JSON Pointer does not: not ours to decide.
    if (raw === '' || node === null || typeof node !== 'object') return undefined;
    if (!Array.isArray(node) && '$ref' in node) return undefined;
    const key = unescapeStep(raw);
    if (key === undefined || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

function unescapeStep(step: string): string | undefined {
  const unescaped = step.replaceAll('~1', '/').replaceAll('~0', '~');
  try {
    return decodeURIComponent(unescaped);
  } catch {
    return undefined;
  }
}

/**
 * Mapping values the bundler keeps as they are: plain schema names, or `#/components/schemas/Name`
 * naming a schema that is not itself a `$ref` (the bundler would rename it to the ref's target).
 */
function plainMappings(document: Record<string, unknown>, discriminator: Record<string, unknown>): boolean {
  const mapping = discriminator['mapping'];
  const values = [discriminator['defaultMapping'], ...(mapping !== null && typeof mapping === 'object' ? Object.values(mapping) : [])];
  return values.every((value) => {
    if (typeof value !== 'string' || !MAPPING_REF.test(value)) return true;
    if (!PLAIN_SCHEMA_REF.test(value)) return false;
    const target = lookUp(document, value);
    return target !== null && typeof target === 'object' && !('$ref' in target);
  });
}

/**
 * What Redocly's bundler returns for a self-contained document: a copy, with the `components`
 * object it adds to every OpenAPI 3 root. A copy, because a stage leaves its input alone and later
 * stages hold the converted document as their own. Swagger 2.0 is handed on as it is: the converter
 * that comes next builds a new document and leaves its input alone (convert.test.ts checks).
 */
export function unbundled(spec: LoadedSpec): BundleOutput {
  if (spec.version === 'swagger-2.0') return { document: spec.document, diagnostics: [] };
  const document = structuredClone(spec.document);
  if (!document['components']) document['components'] = {};
  return { document, diagnostics: [] };
}
