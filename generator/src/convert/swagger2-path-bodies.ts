/**
 * Swagger 2.0 §Path Item Object allows `parameters` beside the operations, every kind included.
 * swagger2openapi converts the path-level path, query and header ones but silently drops `body`
 * and `formData` ones (they become a Request Body, which OAS 3 has no path-level place for): the
 * action then had no body input and sent an empty POST. Before converting, such parameters are
 * moved down into each operation of their path item, where an operation's own parameter of the
 * same name and location still wins (§Operation Object `parameters`). The input is not changed:
 * the affected path items are copied. Each operation gets its own copy of a moved parameter: one
 * object in two places is what a YAML alias gives, and swagger2openapi refuses such documents.
 */
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch'];
const MOVED = new Set(['body', 'formData']);

type Obj = Record<string, unknown>;

const isObj = (value: unknown): value is Obj => typeof value === 'object' && value !== null && !Array.isArray(value);

export function moveBodyParametersIntoOperations(document: Obj): Obj {
  const paths = document['paths'];
  if (!isObj(paths)) return document;
  let changed: Obj | undefined;
  for (const [path, item] of Object.entries(paths)) {
    if (!isObj(item) || !Array.isArray(item['parameters'])) continue;
    const shared = item['parameters'] as unknown[];
    const moved = shared.filter((parameter) => MOVED.has(locationOf(document, parameter) ?? ''));
    if (moved.length === 0) continue;
    const copy: Obj = { ...item, parameters: shared.filter((parameter) => !moved.includes(parameter)) };
    for (const method of METHODS) {
      const operation = item[method];
      if (!isObj(operation)) continue;
      const own = Array.isArray(operation['parameters']) ? (operation['parameters'] as unknown[]) : [];
      const taken = new Set(own.map((parameter) => identity(document, parameter)));
      const added = moved.filter((parameter) => !taken.has(identity(document, parameter))).map((parameter) => structuredClone(parameter));
      copy[method] = { ...operation, parameters: [...own, ...added] };
    }
    changed ??= { ...paths };
    changed[path] = copy;
  }
  return changed === undefined ? document : { ...document, paths: changed };
}

/** A parameter's `in`, following a local `#/parameters/<name>` reference. */
function locationOf(document: Obj, parameter: unknown): string | undefined {
  const resolved = resolve(document, parameter);
  return isObj(resolved) && typeof resolved['in'] === 'string' ? resolved['in'] : undefined;
}

/** Name and location: what makes two parameters the same one (§Parameter Object). */
function identity(document: Obj, parameter: unknown): string {
  const resolved = resolve(document, parameter);
  // Every body parameter is the body, whatever its name.
  if (isObj(resolved) && resolved['in'] === 'body') return 'body';
  return isObj(resolved) ? `${String(resolved['in'])}\u0000${String(resolved['name'])}` : JSON.stringify(parameter);
}

function resolve(document: Obj, parameter: unknown): unknown {
  if (!isObj(parameter) || typeof parameter['$ref'] !== 'string') return parameter;
  const match = /^#\/parameters\/(.+)$/.exec(parameter['$ref']);
  const shared = document['parameters'];
  if (match?.[1] === undefined || !isObj(shared)) return undefined;
  const name = match[1].replace(/~1/g, '/').replace(/~0/g, '~');
  return Object.hasOwn(shared, name) ? shared[name] : undefined;
}
