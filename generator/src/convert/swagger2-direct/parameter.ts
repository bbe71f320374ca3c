/**
 * Swagger 2.0 Parameter Object -> OpenAPI 3.0, in place, as swagger2openapi does it:
 * - a query, header or path parameter: `collectionFormat` becomes `style`/`explode`, its type
 *   properties (`type`, `items`, `format`, `enum`...) move into a new `schema`, and a path parameter
 *   is made required;
 * - a body parameter becomes the operation's `requestBody`: one media type per `consumes` entry
 *   (`application/json` when there are none), each with its own copy of the schema; the parameter
 *   is then marked and dropped from the list (a shared one, from `#/parameters`, is referenced by
 *   each operation and dropped from the components).
 * formData, `type: file` and everything swagger2openapi patches or warns about decline.
 */
import { decline, isNode, type Node } from './decline.js';
import { camelCase, SCHEMA_PROPERTIES, sanitiseAll, unique } from './names.js';
import { fixSchema } from './schema.js';

/** swagger2openapi's mark on a parameter that became a request body; such parameters are dropped. */
export const MOVED = Symbol('became a request body');

export interface ParameterContext {
  /** components.parameters, to follow a `$ref` to a shared body parameter. */
  readonly shared: Node;
  /** The operation's `consumes`, else the document's (arrays of strings). */
  readonly consumes: readonly string[];
}

/** The operation being converted: `attach` swaps in a copy that has a `requestBody` member. */
export interface OperationSlot {
  operation: Node;
}

export function convertParameter(param: unknown, context: ParameterContext, slot?: OperationSlot): void {
  if (!isNode(param)) decline('parameter is not an object');
  let target: Node = param;
  if (typeof param['$ref'] === 'string') {
    const ref = param['$ref'];
    if (!ref.startsWith('#/components/parameters/')) decline(`parameter $ref ${ref}`);
    const shared: unknown = context.shared[ref.slice('#/components/parameters/'.length)];
    if (!isNode(shared)) decline(`parameter $ref ${ref}`);
    // Still a parameter: the reference stays as it is.
    if (!shared[MOVED]) return;
    // A shared body parameter: converted again, for this operation.
    param[MOVED] = true;
    target = shared;
  }
  if (!target['name'] && !target['in']) decline('parameter without name or in');
  if (target['x-deprecated'] !== undefined || target['x-example'] !== undefined || target['x-ms-skip-url-encoding'] !== undefined) {
    decline('parameter extension swagger2openapi converts');
  }
  const location: unknown = target['in'];
  if (location === 'formData' || target['type'] === 'file') decline('formData or file parameter');
  if (location !== 'body') {
    if (typeof target['type'] !== 'string' || target['type'] === '') decline('parameter without a type');
    if (typeof target['description'] === 'object') decline('description is an object');
    moveTypeIntoSchema(target);
  } else if (target['schema'] !== undefined) {
    if (target['type'] !== undefined || target['collectionFormat'] !== undefined) decline('body parameter with a type');
    fixSchema(target['schema']);
  }
  if (location === 'body') {
    const body = requestBody(target, context.consumes, slot?.operation);
    target[MOVED] = true;
    if (slot) attach(slot, body);
    return;
  }
  delete target['type'];
  for (const key of SCHEMA_PROPERTIES) delete target[key];
  if (location === 'path' && target['required'] !== true) target['required'] = true;
}

/** type, items, format, enum... -> `schema`; collectionFormat -> style and explode. */
function moveTypeIntoSchema(param: Node): void {
  const type = param['type'] as string;
  let format: unknown = param['collectionFormat'];
  if (type === 'array' && !format) format = 'csv';
  const location: unknown = param['in'];
  if (format) {
    if (type !== 'array') delete param['collectionFormat'];
    if (param['style'] !== undefined || param['explode'] !== undefined) decline('parameter already has style or explode');
    if (format === 'csv' && (location === 'query' || location === 'cookie')) {
      param['style'] = 'form';
      param['explode'] = false;
    }
    if (format === 'csv' && (location === 'path' || location === 'header')) param['style'] = 'simple';
    if (format === 'ssv' || format === 'pipes') {
      if (location !== 'query') decline(`collectionFormat ${format} outside the query`);
      param['style'] = format === 'ssv' ? 'spaceDelimited' : 'pipeDelimited';
    }
    if (format === 'multi') param['explode'] = true;
    if (format === 'tsv') decline('collectionFormat tsv');
    delete param['collectionFormat'];
  }
  if (param['schema'] !== undefined) decline('non-body parameter with a schema');
  const schema: Node = { type };
  param['schema'] = schema;
  if (param['items'] !== undefined) {
    schema['items'] = param['items'];
    delete param['items'];
    dropCollectionFormats(schema['items'], format);
  }
  for (const key of SCHEMA_PROPERTIES) {
    if (param[key] !== undefined) schema[key] = param[key];
    delete param[key];
  }
  fixSchema(schema);
}

/** Nested `collectionFormat`s have no OpenAPI 3 equivalent: dropped when they match the outer one. */
function dropCollectionFormats(value: unknown, outer: unknown): void {
  if (value === null || typeof value !== 'object') return;
  const node = value as Node;
  for (const key of Object.keys(node)) {
    if (key === 'collectionFormat' && typeof node[key] === 'string') {
      if (outer && node[key] !== outer) decline('nested collectionFormat');
      delete node[key];
    } else {
      dropCollectionFormats(node[key], outer);
    }
  }
}

function requestBody(param: Node, consumes: readonly string[], operation: Node | undefined): Node {
  const body: Node = { content: {} };
  const operationId: unknown = operation?.['operationId'];
  if (operationId !== undefined && typeof operationId !== 'string') decline('operationId is not a string');
  const name: unknown = param['name'];
  if (typeof name !== 'string' || name === '') decline('body parameter without a name');
  body['x-s2o-name'] = (operationId ? sanitiseAll(operationId) : '') + camelCase(`_${name}`);
  if (param['description']) body['description'] = param['description'];
  if (param['required']) body['required'] = param['required'];
  const schema: unknown = param['schema'];
  if (isNode(schema) && typeof schema['$ref'] === 'string') {
    body['x-s2o-name'] = decodeURIComponent(schema['$ref'].replace('#/components/schemas/', ''));
  } else if (isNode(schema) && schema['type'] === 'array' && isNode(schema['items']) && typeof schema['items']['$ref'] === 'string') {
    body['x-s2o-name'] = `${decodeURIComponent(schema['items']['$ref'].replace('#/components/schemas/', ''))}Array`;
  }
  const types = unique(consumes);
  if (types.length === 0) types.push('application/json');
  for (const type of types) {
    const copy = structuredClone(schema || {});
    fixSchema(copy);
    body['content'][type] = { schema: copy };
  }
  for (const key of Object.keys(param)) {
    if (key.startsWith('x-') && !key.startsWith('x-s2o')) body[key] = param[key];
  }
  return body;
}

/** The operation takes a `requestBody` member right after `parameters` (a copy, as swagger2openapi makes one). */
function attach(slot: OperationSlot, body: Node): void {
  const operation = slot.operation;
  if (operation['requestBody'] !== undefined) decline('more than one request body');
  const copy: Node = {};
  for (const key of Object.keys(operation)) {
    copy[key] = operation[key];
    if (key === 'parameters') copy['requestBody'] = {};
  }
  copy['requestBody'] = body;
  slot.operation = copy;
  if (!body['x-s2o-name'] && operation['operationId']) body['x-s2o-name'] = sanitiseAll(operation['operationId']);
}
