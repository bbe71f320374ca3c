/**
 * Swagger 2.0 Paths Object -> OpenAPI 3.0, in place, in swagger2openapi's order: each operation's
 * parameters (a body one becomes its requestBody), its responses, `schemes` it adds beyond the
 * document's (an empty `servers` list, as swagger2openapi leaves it when the document has no host),
 * then the path item's own parameters. Each request body is recorded by the hash of its JSON, so
 * that bodies used by several operations can become shared components (see shareRequestBodies).
 */
import { decline, isNode, type Node } from './decline.js';
import { camelCase, hashText, HTTP_METHODS, sanitise, sanitiseAll } from './names.js';
import { BodyParameter, convertParameter, FormParameter, mergeFormParameter, MOVED } from './parameter.js';
import { convertResponse } from './response.js';

export interface RequestBodyUses {
  name: string;
  readonly body: Node;
  /** Path items and methods whose operation has this body. */
  readonly uses: { readonly item: Node; readonly method: string }[];
}

/** Keyed by the body's hash, a plain object as swagger2openapi keeps it: its key order decides names. */
export type RequestBodyTable = Record<string, RequestBodyUses>;

export function convertPaths(paths: Node, document: Node, bodies: RequestBodyTable): void {
  const shared = document['components']['parameters'] as Node;
  for (const path of Object.keys(paths)) {
    const item: unknown = paths[path];
    if (!isNode(item)) decline('path item is not an object');
    for (const key of ['x-trace', 'x-summary', 'x-description', 'x-servers', '$ref', 'x-amazon-apigateway-any-method']) {
      if (item[key] !== undefined) decline(`path item ${key}`);
    }
    const own: unknown = item['parameters'];
    if (own !== undefined && !Array.isArray(own)) decline('path parameters is not an array');
    // swagger2openapi moves path-level body and form parameters in its own way (swagger2-path-bodies.ts runs first).
    for (const param of own ?? []) {
      const resolved: unknown = isNode(param) && typeof param['$ref'] === 'string' ? shared[String(param['$ref']).replace('#/components/parameters/', '')] : param;
      if (!isNode(resolved) || resolved['in'] === 'body' || resolved['in'] === 'formData' || resolved['type'] === 'file' || resolved[MOVED]) decline('path-level body parameter');
    }
    for (const method of Object.keys(item)) {
      if (HTTP_METHODS.has(method)) convertOperation(item, method, path, document, bodies);
    }
    if (own) {
      const context = { shared, consumes: document['consumes'] ?? [] };
      item['parameters'] = own.map((param) => convertParameter(param, context));
    }
  }
}

/** The members swagger2openapi removes from an operation (their meaning moved into content and servers). */
const DROPPED: ReadonlySet<string> = new Set(['consumes', 'produces', 'schemes']);

/**
 * One operation, built anew (deleting members makes V8 objects slow) in swagger2openapi's member
 * order: its own members, `requestBody` right after `parameters`, then any `servers` it adds.
 */
function convertOperation(item: Node, method: string, path: string, document: Node, bodies: RequestBodyTable): void {
  const operation: unknown = item[method];
  if (!isNode(operation)) decline('operation is not an object');
  for (const key of ['servers', 'x-servers', 'x-ms-examples', 'requestBody']) {
    if (operation[key] !== undefined) decline(`operation ${key}`);
  }
  const parameters: unknown = operation['parameters'];
  if (parameters !== undefined && !Array.isArray(parameters)) decline('parameters is not an array');
  const kept: Node[] = [];
  let body: Node | undefined;
  let form = false;
  if (parameters) {
    const context = { shared: document['components']['parameters'], consumes: mediaTypes(operation['consumes']) ?? document['consumes'] ?? [] };
    for (const param of parameters) {
      const converted = convertParameter(param, context, operation);
      if (converted instanceof FormParameter) {
        // formData after a body replaces its content: not mirrored.
        if (body && !form) decline('body and formData parameters together');
        if (body) mergeFormParameter(body, converted);
        else body = converted.body;
        form = true;
      } else if (!(converted instanceof BodyParameter)) kept.push(converted);
      else if (body) decline('more than one request body');
      else body = converted.body;
    }
  }
  if (operation['security'] !== undefined) checkSecurity(operation['security']);
  const responses: unknown = operation['responses'];
  if (!isNode(responses)) decline('operation without responses');
  const produces = mediaTypes(operation['produces']) ?? document['produces'] ?? [];
  for (const status of Object.keys(responses)) responses[status] = convertResponse(responses[status], produces);

  const schemes: unknown = operation['schemes'];
  if (schemes !== undefined && !Array.isArray(schemes)) decline('schemes is not an array');
  let addsServers = false;
  for (const scheme of schemes ?? []) {
    const everywhere: unknown[] | undefined = document['schemes'];
    if (everywhere && everywhere.includes(scheme)) continue;
    // swagger2openapi adds a server per document server with this scheme (URL rewriting we do not mirror).
    if (Array.isArray(document['servers'])) decline('operation scheme beyond the document servers');
    addsServers = true;
  }

  const out: Node = {};
  for (const key of Object.keys(operation)) {
    if (DROPPED.has(key)) continue;
    if (key !== 'parameters') out[key] = operation[key];
    else {
      if (kept.length > 0) out['parameters'] = kept;
      if (body) out['requestBody'] = body;
    }
  }
  if (addsServers) out['servers'] = [];
  item[method] = out;
  if (body) recordRequestBody(item, method, path, out, bodies);
}

function recordRequestBody(item: Node, method: string, path: string, operation: Node, bodies: RequestBodyTable): void {
  const body = operation['requestBody'] as Node;
  // swagger2openapi escapes the path into a pointer here, and fails on what cannot be escaped.
  encodeURIComponent(path);
  const operationId: unknown = operation['operationId'];
  if (operationId !== undefined && typeof operationId !== 'string') decline('operationId is not a string');
  const fallback = operationId ? sanitiseAll(operationId) : camelCase(sanitiseAll(method + path));
  const name = sanitise(body['x-s2o-name'] || fallback || '');
  delete body['x-s2o-name'];
  const hash = hashText(JSON.stringify(body));
  bodies[hash] ??= { name, body, uses: [] };
  bodies[hash].uses.push({ item, method });
}

/** A security requirement's scheme names, which swagger2openapi would rename if they were not plain. */
export function checkSecurity(requirements: unknown): void {
  if (!Array.isArray(requirements)) decline('security is not an array');
  for (const requirement of requirements) {
    if (!isNode(requirement)) decline('security requirement is not an object');
    for (const name of Object.keys(requirement)) if (sanitise(name) !== name) decline(`security scheme name ${name}`);
  }
}

/** `consumes`/`produces`: undefined or a list of strings (swagger2openapi patches a bare string). */
export function mediaTypes(value: unknown): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || !value.every((type) => typeof type === 'string' && !(type in Object.prototype))) decline('media type list');
  return value as string[];
}
