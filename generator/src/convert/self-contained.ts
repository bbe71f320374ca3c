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

/** Fields of plain data: the bundler does not walk into them (nor into extensions). */
const DATA_FIELDS: ReadonlySet<string> = new Set(['example', 'examples', 'default', 'enum', 'const', 'value']);
/** Holders whose `example` field the bundler walks as plain data: schemas, media types, parameters, headers. */
const EXAMPLE_HOLDER_MAPS: ReadonlySet<string> = new Set(['properties', 'patternProperties', 'definitions', '$defs', 'dependentSchemas', 'schemas', 'content', 'parameters', 'headers']);

/**
 * A `$ref` in the `example` of a schema, media type, parameter or header: a field of plain data
 * that the bundler walks, replacing such a `$ref` with a copy of its target (GitHub's spec has them).
 */
export interface InlinedExample {
  /** The place of the object holding the `example`, from the root: what `unbundled` copies to rewrite it. */
  readonly path: readonly (string | number)[];
}

type Key = string | number | undefined;
type HolderField = 'example' | 'value' | undefined;

/** Thrown out of the walk to stop at the first thing only the bundler may decide. */
const BUNDLER_DECIDES = Symbol('bundler decides');

/**
 * Whether bundling would change nothing but what `unbundled` does: the `$ref`s in OpenAPI 3.0
 * `example` fields to inline (see InlinedExample), or undefined when the bundler must run.
 *
 * One walk of the document (load refused text nested past MAX_DEPTH, so recursion is bounded),
 * allocating nothing per node (the path is one stack of keys); each distinct `$ref` is resolved once. Then a second, cheaper walk
 * measures the depth through refs (nestsTooDeep). On Kubernetes' 4 MB spec both take a few tens of ms.
 */
export function selfContained(document: Record<string, unknown>): { readonly examples: readonly InlinedExample[] } | undefined {
  const refs = new RefTable(document);
  const examples: InlinedExample[] = [];
  const openapi30 = typeof document['openapi'] === 'string' && document['openapi'].startsWith('3.0');
  /** The keys from the root to the node being visited. */
  const path: (string | number)[] = [];

  /**
   * `walked`: whether the bundler walks this node; `holderWalked` and `holderField`: the same of
   * the object holding it, and which plain-data field of that holder (dataField) this node may be.
   */
  const visit = (node: object, key: Key, parent: object | undefined, parentKey: Key, walked: boolean, holderWalked: boolean, holderField: HolderField): void => {
    if (Array.isArray(node)) {
      for (let index = 0; index < node.length; index++) {
        const item: unknown = node[index];
        if (item === null || typeof item !== 'object') continue;
        path.push(index);
        visit(item, index, node, key, walked, walked, undefined);
        path.pop();
      }
      return;
    }
    const record = node as Record<string, unknown>;
    const ref = record['$ref'];
    if (typeof ref === 'string') {
      if (!refs.resolves(ref)) throw BUNDLER_DECIDES;
      // Inside plain data the bundler never walks (an example's value), a ref stays as it is; so
      // does one that is an Example object's `value`, a field the bundler does not resolve.
      const untouched = !holderWalked || (holderField === 'value' && key === 'value');
      if (!untouched && holderField === 'example' && key === 'example' && openapi30 && refs.isInlinable(ref)) examples.push({ path: path.slice(0, -1) });
      else if (!untouched && !inNamedPosition(key, parent, parentKey)) throw BUNDLER_DECIDES;
    }
    if (typeof record['externalValue'] === 'string') throw BUNDLER_DECIDES;
    const discriminator = record['discriminator'];
    if (discriminator !== null && typeof discriminator === 'object' && !plainMappings(refs, discriminator as Record<string, unknown>)) throw BUNDLER_DECIDES;
    const field = dataField(key, parentKey);
    // An extension's own object is walked, its members are plain data.
    const inExtension = typeof key === 'string' && key.startsWith('x-');
    const inNameMap = typeof key === 'string' && NAME_MAPS.has(key);
    for (const childKey in record) {
      const child = record[childKey];
      if (child === null || typeof child !== 'object') continue;
      // `examples` is plain data as a 3.1 schema's array, a map of Example objects elsewhere.
      const isData = !inNameMap && DATA_FIELDS.has(childKey) && !(childKey === 'examples' && !Array.isArray(child));
      path.push(childKey);
      visit(child, childKey, record, key, walked && !inExtension && !isData, walked, field);
      path.pop();
    }
  };

  try {
    visit(document, undefined, undefined, undefined, true, false, undefined);
  } catch (error) {
    if (error === BUNDLER_DECIDES) return undefined;
    throw error;
  }
  return nestsTooDeep(document, refs, MAX_DEPTH) ? undefined : { examples };
}

/** Whether bundling can be skipped (see selfContained). */
export function isSelfContained(document: Record<string, unknown>): boolean {
  return selfContained(document) !== undefined;
}

/**
 * The plain-data field of the object at `key` under `parentKey`: `example` in a schema, media
 * type, parameter or header (the bundler resolves it); `value` in an Example object (it does not).
 */
function dataField(key: Key, parentKey: Key): HolderField {
  if (typeof key === 'number') return typeof parentKey === 'string' && NAMED_ARRAYS.has(parentKey) ? 'example' : undefined;
  if (key === undefined || key.startsWith('x-')) return undefined;
  if (parentKey === 'examples') return 'value';
  return NAMED_FIELDS.has(key) || (typeof parentKey === 'string' && EXAMPLE_HOLDER_MAPS.has(parentKey)) ? 'example' : undefined;
}

/**
 * Whether the document nests deeper than `limit` once its `$ref`s are followed (a chain of 1,000
 * schemas, each a property $ref to the next, is shallow text). Load refuses text nested past
 * MAX_DEPTH; the bundler walks through refs and refuses such a chain by running out of stack
 * (CG_TOO_DEEP), so it is left to the bundler to say so. Depth-first; the height of each object a
 * `$ref` points at is remembered, and a ref back into the current path (recursion) adds nothing.
 * Only ref targets can be met twice or be on the path again, so only they are tracked.
 */
function nestsTooDeep(document: Record<string, unknown>, refs: RefTable, limit: number): boolean {
  const heights = new Map<object, number>();
  const onPath = new Set<object>();
  const height = (node: object, level: number): number => {
    if (level > limit) throw BUNDLER_DECIDES;
    const isTarget = refs.targets.has(node);
    if (isTarget) {
      const known = heights.get(node);
      if (known !== undefined) return known;
      if (onPath.has(node)) return 0;
      onPath.add(node);
    }
    let deepest = 0;
    const ref = (node as Record<string, unknown>)['$ref'];
    if (Array.isArray(node)) {
      for (const item of node as unknown[]) if (item !== null && typeof item === 'object') deepest = Math.max(deepest, height(item, level + 1));
    } else if (typeof ref === 'string') {
      // For a `$ref` object, only its target (selfContained checked that it resolves).
      const target = refs.lookUp(ref);
      if (target !== null && typeof target === 'object') deepest = height(target, level + 1);
    } else {
      for (const key in node) {
        const child = (node as Record<string, unknown>)[key];
        if (child !== null && typeof child === 'object') deepest = Math.max(deepest, height(child, level + 1));
      }
    }
    if (isTarget) {
      onPath.delete(node);
      heights.set(node, deepest + 1);
    }
    return deepest + 1;
  };
  try {
    return height(document, 1) > limit;
  } catch (error) {
    if (error === BUNDLER_DECIDES) return true;
    throw error;
  }
}

/** The document's `#/...` pointers, each looked up once: large specs repeat the same few hundred refs thousands of times. */
class RefTable {
  private readonly found = new Map<string, unknown>();
  private readonly resolved = new Map<string, boolean>();
  /** Every object a `$ref` looked up here points at. */
  readonly targets = new Set<object>();

  constructor(private readonly document: Record<string, unknown>) {}

  /** The value at a `#/a/b` pointer, or undefined when any step is missing or passes through a `$ref`. */
  lookUp(ref: string): unknown {
    if (this.found.has(ref)) return this.found.get(ref);
    const target = lookUp(this.document, ref);
    this.found.set(ref, target);
    if (target !== null && typeof target === 'object') this.targets.add(target);
    return target;
  }

  /** A `#/...` pointer that reaches a value, through `$ref` objects only at its end, without a loop. */
  resolves(ref: string): boolean {
    let answer = this.resolved.get(ref);
    if (answer === undefined) {
      answer = this.follow(ref);
      this.resolved.set(ref, answer);
    }
    return answer;
  }

  /** An example's target the bundler copies as it is: an object that is not itself a `$ref`. */
  isInlinable(ref: string): boolean {
    const target = this.lookUp(ref);
    return target !== null && typeof target === 'object' && !Array.isArray(target) && !('$ref' in target);
  }

  private follow(ref: string): boolean {
    const seen = new Set<string>();
    let current = ref;
    for (;;) {
      if (seen.has(current)) return false;
      seen.add(current);
      const target = this.lookUp(current);
      if (target === undefined) return false;
      if (target === null || typeof target !== 'object' || !('$ref' in target)) return true;
      const next = (target as Record<string, unknown>)['$ref'];
      // A ref to a non-string `$ref` is odd enough to leave to the bundler.
      if (typeof next !== 'string') return false;
      current = next;
    }
  }
}

/**
 * Where the bundler leaves an internal `$ref` as it is: in the place of a named OpenAPI object. A
 * `$ref` in a plain-data field it walks (a schema's `example` or `default`, an extension's
 * members, a link's `requestBody`) it replaces with a copy of the target; those, and any place
 * not recognised here, go to the bundler.
 */
function inNamedPosition(key: Key, parent: object | undefined, parentKey: Key): boolean {
  if (key === undefined || (typeof parentKey === 'string' && parentKey.startsWith('x-'))) return false;
  if (typeof key === 'number') return typeof parentKey === 'string' && NAMED_ARRAYS.has(parentKey);
  if (key.startsWith('x-')) return false;
  if (typeof parentKey === 'string' && NAME_MAPS.has(parentKey)) return true;
  if (NAMED_FIELDS.has(key)) return true;
  // An operation's requestBody (operations always have responses), not a link's.
  return key === 'requestBody' && parent !== undefined && 'responses' in parent;
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
function plainMappings(refs: RefTable, discriminator: Record<string, unknown>): boolean {
  const mapping = discriminator['mapping'];
  const values = [discriminator['defaultMapping'], ...(mapping !== null && typeof mapping === 'object' ? Object.values(mapping) : [])];
  return values.every((value) => {
    if (typeof value !== 'string' || !MAPPING_REF.test(value)) return true;
    if (!PLAIN_SCHEMA_REF.test(value)) return false;
    const target = refs.lookUp(value);
    return target !== null && typeof target === 'object' && !('$ref' in target);
  });
}

/**
 * What Redocly's bundler returns for a self-contained document: a new document, with the
 * `components` object it adds to every OpenAPI 3 root, that shares with its input every object it
 * does not change. A stage leaves its input alone, so only the root and the objects on the way to
 * each example it rewrites are copied: a deep copy of GitHub's spec cost a tenth of a generate run
 * and its memory. No later stage writes to the document it is given (the pipeline's stages build
 * new values). Swagger 2.0 is handed on as it is: the converter that comes next builds a new
 * document and leaves its input alone (convert.test.ts checks).
 */
export function unbundled(spec: LoadedSpec, examples: readonly InlinedExample[] = []): BundleOutput {
  if (spec.version === 'swagger-2.0' && examples.length === 0) return { document: spec.document, diagnostics: [] };
  const document = { ...spec.document };
  if (spec.version !== 'swagger-2.0' && !document['components']) document['components'] = {};
  const copies = new Map<object, Record<string, unknown>>([[spec.document, document]]);
  // Every path copied before any example is inlined: a target's shallow copy then shares the
  // copies below it, which later rewrites reach, as in a document copied whole.
  const holders = examples.map((example) => copyPath(copies, spec.document, [...example.path, 'example']));
  for (const example of holders) inlineExample(document, example);
  return { document, diagnostics: [] };
}

/** A copy of every object from `root` along `path` (each copied once, linked into its parent's copy); the last one's copy. */
function copyPath(copies: Map<object, Record<string, unknown>>, root: Record<string, unknown>, path: readonly (string | number)[]): Record<string, unknown> {
  let original: Record<string, unknown> = root;
  let copy = copies.get(root)!;
  for (const key of path) {
    const child = original[key] as Record<string, unknown>;
    let childCopy = copies.get(child);
    if (childCopy === undefined) {
      childCopy = (Array.isArray(child) ? [...(child as unknown[])] : { ...child }) as Record<string, unknown>;
      copies.set(child, childCopy);
      copy[key] = childCopy;
    }
    original = child;
    copy = childCopy;
  }
  return copy;
}

/**
 * As the bundler does with a `$ref` in an `example`: the ref object takes a shallow copy of its
 * target's members after its own (an example met twice is rewritten once).
 */
function inlineExample(document: Record<string, unknown>, example: Record<string, unknown>): void {
  if (typeof example['$ref'] !== 'string') return;
  const target = lookUp(document, example['$ref']) as Record<string, unknown>;
  delete example['$ref'];
  Object.assign(example, { ...target, ...example });
}
