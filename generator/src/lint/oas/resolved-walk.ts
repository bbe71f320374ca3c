/**
 * One walk of Spectral's resolved document for the spectral:oas rules whose `given` is a deep scan
 * (`$..`): it finds the nodes those JSONPaths select, as nimma would, without visiting shared subtrees
 * again and again. The resolved document inlines every `$ref` by sharing the target object, so a
 * tree walk (what nimma does) sees `#/components/schemas/repository` once per place that refers to
 * it: on GitHub's spec that made ~213,000 example validations of ~2,000 distinct nodes. Here an
 * object is walked once per distinct walk state (which anchors lie above it, and whether it is under
 * a request or a response), and each selected node is kept once.
 *
 * Why that gives the same findings: Spectral maps every result path of a resolved rule back to where
 * the node is written (`findAssociatedItemForPath`) and drops duplicate results, so a node reached by
 * two paths yields one finding either way; only what depends on the path (the state) must be kept.
 * Each predicate below mirrors one `given` of spectral:oas, quoted beside it; `GIVEN` holds those
 * strings and resolved-walk.test.ts checks them against the installed ruleset.
 */
import type { Path } from '../walk.js';

export interface Target {
  readonly path: Path;
  readonly node: unknown;
}

/** The nodes each deep-scan rule is given, in first-seen order. */
export interface DeepTargets {
  /** duplicated-entry-in-enum */
  readonly enums: Target[];
  /** typed-enum */
  readonly typedEnums: Target[];
  /** no-eval-in-markdown, no-script-tags-in-markdown: `description` / `title` values. */
  readonly markdown: Target[];
  readonly oas3MediaExamples: Target[];
  readonly oas3SchemaExamples: Target[];
  readonly oas2MediaExamples: Target[];
  readonly oas2SchemaExamples: Target[];
  /** oas3-examples-value-or-externalValue: Example Objects. */
  readonly exampleObjects: Target[];
}

/** The `given` of each rule this walk stands in for, exactly as spectral:oas writes it. */
export const GIVEN: Readonly<Record<string, readonly string[]>> = {
  'duplicated-entry-in-enum': ["$..[?(@property !== 'properties' && @ != null && @.enum && @.enum.constructor.name === 'Array')]"],
  'typed-enum': ['$..[?(@ && @.enum && @.type)]'],
  'no-eval-in-markdown': ['$..[description,title]'],
  'no-script-tags-in-markdown': ['$..[description,title]'],
  'oas3-valid-media-example': [
    '$..content..[?(@ && @.schema && (@.example !== void 0 || @.examples))]',
    '$..headers..[?(@ && @.schema && (@.example !== void 0 || @.examples))]',
    '$..parameters..[?(@ && @.schema && (@.example !== void 0 || @.examples))]',
  ],
  'oas3-valid-schema-example': [
    "$.components.schemas..[?(@property !== 'properties' && @ && (@ && @.example !== void 0 || @.default !== void 0) && (@.enum || @.type || @.format || @.$ref || @.properties || @.items))]",
    "$..content..[?(@property !== 'properties' && @ && (@ && @.example !== void 0 || @.default !== void 0) && (@.enum || @.type || @.format || @.$ref || @.properties || @.items))]",
    "$..headers..[?(@property !== 'properties' && @ && (@ && @.example !== void 0 || @.default !== void 0) && (@.enum || @.type || @.format || @.$ref || @.properties || @.items))]",
    "$..parameters..[?(@property !== 'properties' && @ && (@ && @.example !== void 0 || @.default !== void 0) && (@.enum || @.type || @.format || @.$ref || @.properties || @.items))]",
  ],
  'oas2-valid-media-example': ['$..responses..[?(@ && @.schema && @.examples)]'],
  'no-$ref-siblings': ["$..[?(@property === '$ref')]"],
  'array-items': ['#ArrayProperties'],
  'oas3-examples-value-or-externalValue': [
    '$.components.examples[*]',
    '$.paths[*][*]..content[*].examples[*]',
    '$.paths[*][*]..parameters[*].examples[*]',
    '$.components.parameters[*].examples[*]',
    '$.paths[*][*]..headers[*].examples[*]',
    '$.components.headers[*].examples[*]',
  ],
  'oas2-valid-schema-example': [
    "$..definitions..[?(@property !== 'properties' && @ && (@.example !== void 0 || @['x-example'] !== void 0 || @.default !== void 0) && (@.enum || @.type || @.format || @.$ref || @.properties || @.items))]",
    "$..parameters..[?(@property !== 'properties' && @ && (@.example !== void 0 || @['x-example'] !== void 0 || @.default !== void 0) && (@.enum || @.type || @.format || @.$ref || @.properties || @.items))]",
    "$..responses..[?(@property !== 'properties' && @ && (@.example !== void 0 || @['x-example'] !== void 0 || @.default !== void 0) && (@.enum || @.type || @.format || @.$ref || @.properties || @.items))]",
  ],
};

export type Node = Record<string | number, unknown>;
export const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null;

// Keys whose presence above a node switches on a `$..key..[?()]` scan (one bit each).
const CONTENT = 1;
const HEADERS = 2;
const PARAMETERS = 4;
const DEFINITIONS = 8;
const RESPONSES = 16;
const UNDER_COMPONENT_SCHEMAS = 32; // `$.components.schemas..`
// For oas3-examples-value-or-externalValue: `$.paths[*][*]..content|parameters|headers[*].examples[*]`,
// `$.components.parameters|headers[*].examples[*]` and `$.components.examples[*]`.
const UNDER_PATHS = 64;
const HOLDER = 128; // a content/parameters/headers map at a place those paths name
const IN_HOLDER = 256; // a member of such a map
const EXAMPLES_MAP = 512; // that member's `examples`: its members are selected
const ANCHOR_BITS: Readonly<Record<string, number>> = { content: CONTENT, headers: HEADERS, parameters: PARAMETERS, definitions: DEFINITIONS, responses: RESPONSES };

// `@.enum || @.type || @.format || @.$ref || @.properties || @.items`
const schemaLike = (n: Node): boolean => Boolean(n['enum'] || n['type'] || n['format'] || n['$ref'] || n['properties'] || n['items']);

/**
 * Walks `root` (Spectral's resolved document). `mediaState` names what, beyond the anchors, the
 * example rules read from a node's path (request or response, see valid-example.ts); nodes whose
 * paths differ in it are kept once per value. With `share` false every path to a node is kept, as
 * nimma would give them (for documents whose `$ref`s Spectral may not map back cleanly).
 */
export function walkResolved(root: unknown, mediaState: (path: Path) => string, share = true): DeepTargets {
  const targets: DeepTargets = { enums: [], typedEnums: [], markdown: [], oas3MediaExamples: [], oas3SchemaExamples: [], oas2MediaExamples: [], oas2SchemaExamples: [], exampleObjects: [] };
  const seen = { enums: new Set<unknown>(), typedEnums: new Set<unknown>(), oas3Schema: new Set<unknown>(), oas2Schema: new Set<unknown>(), exampleObjects: new Set<unknown>() };
  const seenMedia = { oas3: new Map<unknown, Set<string>>(), oas2: new Map<unknown, Set<string>>() };
  const markdownDone = new Set<unknown>();
  const examplesDone = new Set<unknown>();
  // Containers already walked, by walk state: the same object under the same state selects the same nodes.
  const walked = new Map<string, WeakSet<object>>();
  const onStack = new Set<object>();

  const once = (set: Set<unknown>, node: unknown): boolean => !share || (!set.has(node) && Boolean(set.add(node)));
  const onceMedia = (map: Map<unknown, Set<string>>, node: unknown, state: string): boolean => {
    if (!share) return true;
    let states = map.get(node);
    if (!states) map.set(node, (states = new Set()));
    return !states.has(state) && Boolean(states.add(state));
  };

  /** `bits`: the anchors on `path` (the container's own path), which hold for each child. */
  function walk(container: Node, path: Path, bits: number): void {
    // The first four segments decide request/response (`paths/{path}/{method}/requestBody`).
    const media = mediaState(path);
    const stateKey = `${bits}|${media}`;
    if (share && path.length >= 4) {
      let done = walked.get(stateKey);
      if (!done) walked.set(stateKey, (done = new WeakSet()));
      if (done.has(container)) return;
      done.add(container);
    }
    if (onStack.has(container)) return; // nimma would not terminate; the resolver leaves cycles as $ref
    onStack.add(container);
    const firstVisit = !share || !markdownDone.has(container);
    markdownDone.add(container);
    const examplesHere = (bits & EXAMPLES_MAP) !== 0 && (!share || !examplesDone.has(container));
    if (examplesHere) examplesDone.add(container);
    const keys: (string | number)[] = Array.isArray(container) ? container.map((_, i) => i) : Object.keys(container);
    for (const key of keys) {
      const value = container[key];
      const childPath = [...path, key];
      // The six `...examples[*]` paths select every member, whatever it is.
      if (examplesHere && (!isNode(value) || once(seen.exampleObjects, value))) targets.exampleObjects.push({ path: childPath, node: value });
      // `$..[description,title]` selects the values themselves, whatever their type.
      if (firstVisit && (key === 'description' || key === 'title')) targets.markdown.push({ path: childPath, node: value });
      if (!isNode(value)) continue;
      select(value, key, childPath, bits);
      walk(value, childPath, childBits(bits, path, key));
    }
    onStack.delete(container);
  }

  function select(n: Node, key: string | number, path: Path, bits: number): void {
    const notProperties = key !== 'properties';
    // "$..[?(@property !== 'properties' && @ != null && @.enum && @.enum.constructor.name === 'Array')]"
    if (notProperties && n['enum'] && Array.isArray(n['enum']) && once(seen.enums, n)) targets.enums.push({ path, node: n });
    // '$..[?(@ && @.enum && @.type)]'
    if (n['enum'] && n['type'] && once(seen.typedEnums, n)) targets.typedEnums.push({ path, node: n });
    const childMedia = mediaState(path);
    // oas3 media: '$..content|headers|parameters..[?(@ && @.schema && (@.example !== void 0 || @.examples))]'
    if (bits & (CONTENT | HEADERS | PARAMETERS) && n['schema'] && (n['example'] !== undefined || n['examples']) && onceMedia(seenMedia.oas3, n, childMedia)) {
      targets.oas3MediaExamples.push({ path, node: n });
    }
    // oas3 schema: '$.components.schemas..' and '$..content|headers|parameters..' with
    // "[?(@property !== 'properties' && @ && (@.example !== void 0 || @.default !== void 0) && (schema-like))]"
    if (bits & (CONTENT | HEADERS | PARAMETERS | UNDER_COMPONENT_SCHEMAS) && notProperties && (n['example'] !== undefined || n['default'] !== undefined) && schemaLike(n) && once(seen.oas3Schema, n)) {
      targets.oas3SchemaExamples.push({ path, node: n });
    }
    // oas2 media: '$..responses..[?(@ && @.schema && @.examples)]'
    if (bits & RESPONSES && n['schema'] && n['examples'] && onceMedia(seenMedia.oas2, n, childMedia)) targets.oas2MediaExamples.push({ path, node: n });
    // oas2 schema: '$..definitions|parameters|responses..' with
    // "[?(@property !== 'properties' && @ && (@.example !== void 0 || @['x-example'] !== void 0 || @.default !== void 0) && (schema-like))]"
    if (bits & (DEFINITIONS | PARAMETERS | RESPONSES) && notProperties && (n['example'] !== undefined || n['x-example'] !== undefined || n['default'] !== undefined) && schemaLike(n) && once(seen.oas2Schema, n)) {
      targets.oas2SchemaExamples.push({ path, node: n });
    }
  }

  if (isNode(root)) walk(root, [], 0);
  return targets;
}

/** The anchors that hold below `key` (a child of the container at `path`). */
function childBits(bits: number, path: Path, key: string | number): number {
  let next = (bits & ~(HOLDER | IN_HOLDER | EXAMPLES_MAP)) | (typeof key === 'string' ? (ANCHOR_BITS[key] ?? 0) : 0);
  const inComponents = path.length === 1 && path[0] === 'components';
  if (inComponents && key === 'schemas') next |= UNDER_COMPONENT_SCHEMAS;
  if (path.length === 0 && key === 'paths') next |= UNDER_PATHS;
  // `$.paths[*][*]..holder`: the holder sits at least one level below an operation (index >= 3).
  if ((bits & UNDER_PATHS && path.length >= 3 && (key === 'content' || key === 'parameters' || key === 'headers')) || (inComponents && (key === 'parameters' || key === 'headers'))) next |= HOLDER;
  if (bits & HOLDER) next |= IN_HOLDER;
  if ((bits & IN_HOLDER && key === 'examples') || (inComponents && key === 'examples')) next |= EXAMPLES_MAP;
  return next;
}

/**
 * Whether Spectral maps a path through each `$ref` of `document` back to the referenced node, which
 * is what lets the walk keep a shared node once: true when every `$ref` is a plain pointer (letters,
 * digits, `_.-~/#`). A `$ref` with quotes, `%`-escapes, spaces or braces may map elsewhere, and then
 * each path to the node can yield its own finding.
 */
export function refsMapCleanly(document: unknown): boolean {
  const stack: unknown[] = [document];
  while (stack.length > 0) {
    const node = stack.pop();
    if (!isNode(node)) continue;
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string' && !/^[A-Za-z0-9_.\/~#-]*$/.test(value)) return false;
      if (isNode(value)) stack.push(value);
    }
  }
  return true;
}

