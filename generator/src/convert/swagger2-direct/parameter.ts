/**
 * Swagger 2.0 Parameter Object -> OpenAPI 3.0, in place, as swagger2openapi does it:
 * - a query, header or path parameter: `collectionFormat` becomes `style`/`explode`, its type
 *   properties (`type`, `items`, `format`, `enum`...) move into a new `schema`, and a path parameter
 *   is made required;
 * - a body parameter becomes the operation's `requestBody`: one media type per `consumes` entry
 *   (`application/json` when there are none), each with its own copy of the schema; the parameter
 *   is then marked and dropped from the list (a shared one, from `#/parameters`, is referenced by
 *   each operation and dropped from the components).
 *   A body parameter with `type` and no `schema` gets a schema built from its type properties;
 * - a formData parameter becomes a property of the operation's form request body (see formParameter).
 * Shared formData parameters, `type: file` outside formData and everything swagger2openapi patches
 * or warns about decline.
 */
import { decline, isNode, type Node } from './decline.js';
import { camelCase, SCHEMA_PROPERTIES, sanitiseAll, unique } from './names.js';
import { fixSchema } from './schema.js';

/** swagger2openapi's mark on a shared parameter that became a request body: dropped from the components. */
export const MOVED = Symbol('became a request body');

export interface ParameterContext {
  /** components.parameters, to follow a `$ref` to a shared body parameter. */
  readonly shared: Node;
  /** The operation's `consumes`, else the document's (arrays of strings). */
  readonly consumes: readonly string[];
}

/** A body parameter's answer: the request body it became (the parameter itself is dropped). */
export class BodyParameter {
  constructor(readonly body: Node) {}
}

/**
 * A formData parameter's answer: a request body whose one media type holds an object schema with
 * this parameter as its property. The operation's first form parameter gives its request body,
 * the next ones are merged into it (mergeFormParameter).
 */
export class FormParameter {
  constructor(readonly body: Node, readonly contentType: string) {}
}

/**
 * The converted parameter (a new object, or the `$ref` as it was), or the request body a body
 * parameter became. `operation`: the one it belongs to, for the body's name; none for shared ones.
 */
export function convertParameter(param: unknown, context: ParameterContext, operation?: Node): Node | BodyParameter {
  if (!isNode(param)) decline('parameter is not an object');
  let target: Node = param;
  if (typeof param['$ref'] === 'string') {
    const ref = param['$ref'];
    if (!ref.startsWith('#/components/parameters/')) decline(`parameter $ref ${ref}`);
    const shared: unknown = context.shared[ref.slice('#/components/parameters/'.length)];
    if (!isNode(shared)) decline(`parameter $ref ${ref}`);
    // Still a parameter: the reference stays as it is.
    if (!shared[MOVED]) return param;
    // A shared body parameter: converted again, for this operation.
    target = shared;
  }
  if (!target['name'] && !target['in']) decline('parameter without name or in');
  if (target['x-deprecated'] !== undefined || target['x-example'] !== undefined || target['x-ms-skip-url-encoding'] !== undefined) {
    decline('parameter extension swagger2openapi converts');
  }
  const location: unknown = target['in'];
  if (location === 'formData') {
    // A shared one is converted once for the components and again per operation, its objects then shared.
    if (target !== param || operation === undefined) decline('shared formData parameter');
    return formParameter(target, context.consumes, operation);
  }
  if (target['type'] === 'file') decline('file parameter outside formData');
  if (location !== 'body') {
    if (typeof target['type'] !== 'string' || target['type'] === '') decline('parameter without a type');
    if (typeof target['description'] === 'object') decline('description is an object');
    return plainParameter(target);
  }
  let source = target;
  if (target['type'] !== undefined) source = { ...target, schema: bodySchemaFromType(target) };
  else if (target['collectionFormat'] !== undefined) decline('body parameter with a collectionFormat');
  if (source['schema'] !== undefined) fixSchema(source['schema']);
  const body = requestBody(source, context.consumes, operation);
  target[MOVED] = true;
  if (!body['x-s2o-name'] && operation?.['operationId']) body['x-s2o-name'] = sanitiseAll(operation['operationId']);
  return new BodyParameter(body);
}

/**
 * A formData parameter as swagger2openapi turns it into a request body: multipart when the
 * operation (else the document) consumes `multipart/form-data`, else urlencoded; the property gets
 * the description, example, type and type properties, `allOf`, an array's `items` (without their
 * own collectionFormat) and the extensions; a file becomes a binary string. Unlike a body's, this
 * schema is not fixed up (swagger2openapi leaves `x-nullable` and friends inside as they are).
 */
function formParameter(param: Node, consumes: readonly string[], operation: Node): FormParameter {
  const { name, type } = param;
  if (typeof name !== 'string' || name === '' || name === '__proto__') decline('formData parameter name');
  if (typeof type !== 'string' || type === '') decline('parameter without a type');
  if (param['schema'] !== undefined) decline('formData parameter with a schema');
  if (param['description'] !== undefined && typeof param['description'] !== 'string') decline('description is not a string');
  let format: unknown = param['collectionFormat'];
  if (type === 'array' && !format) format = 'csv';
  // Warned about outside the query (ssv, pipes) or everywhere (tsv).
  if (format === 'ssv' || format === 'pipes' || format === 'tsv') decline(`collectionFormat ${format} outside the query`);
  const operationId: unknown = operation['operationId'];
  if (operationId !== undefined && typeof operationId !== 'string') decline('operationId is not a string');

  const contentType = consumes.includes('multipart/form-data') ? 'multipart/form-data' : 'application/x-www-form-urlencoded';
  const property: Node = {};
  if (param['description']) property['description'] = param['description'];
  if (param['example']) property['example'] = param['example'];
  property['type'] = type;
  for (const key of SCHEMA_PROPERTIES) {
    if (param[key] !== undefined) property[key] = param[key];
  }
  if (param['allOf']) property['allOf'] = param['allOf'];
  if (type === 'array' && param['items']) {
    if (!isNode(param['items'])) decline('formData items is not an object');
    property['items'] = param['items'];
    delete property['items']['collectionFormat'];
  }
  if (type === 'file') {
    property['type'] = 'string';
    property['format'] = 'binary';
  }
  for (const key of Object.keys(param)) {
    if (key.startsWith('x-')) property[key] = param[key];
  }
  const schema: Node = { type: 'object', properties: { [name]: property } };
  const body: Node = { content: { [contentType]: { schema } } };
  if (param['required'] === true) {
    schema['required'] = [name];
    body['required'] = true;
  }
  if (operationId) body['x-s2o-name'] = sanitiseAll(operationId);
  return new FormParameter(body, contentType);
}

/**
 * A further formData parameter of the same operation: its property joins the first one's schema
 * (replacing one of the same name in place) and its name the `required` list; the request body's
 * own `required` stays the first parameter's, as swagger2openapi leaves it.
 */
export function mergeFormParameter(body: Node, form: FormParameter): void {
  const schema: Node | undefined = body['content'][form.contentType]?.schema;
  if (!isNode(schema) || !isNode(schema['properties'])) decline('formData parameters of two media types');
  const added: Node = form.body['content'][form.contentType].schema;
  Object.assign(schema['properties'], added['properties']);
  const required = [...((schema['required'] as string[] | undefined) ?? []), ...((added['required'] as string[] | undefined) ?? [])];
  if (required.length > 0) schema['required'] = required;
  else delete schema['required'];
}

/**
 * A body parameter written like a query one (`type`, `format`... and no `schema`; invalid Swagger
 * 2.0, but common): swagger2openapi builds its schema from those members, as for a query
 * parameter, and the request body gets that schema. Each call builds it anew (a shared parameter
 * is converted once per operation); the parameter itself is dropped, so it is left as it is.
 */
function bodySchemaFromType(param: Node): Node {
  const type: unknown = param['type'];
  if (param['schema'] !== undefined || typeof type !== 'string' || type === '') decline('body parameter with a type and a schema');
  // Only an array's own csv default passes without a patch or a warning.
  if (param['collectionFormat'] !== undefined && !(type === 'array' && param['collectionFormat'] === 'csv')) decline('body parameter with a collectionFormat');
  const schema: Node = { type };
  if (param['items'] !== undefined) {
    schema['items'] = structuredClone(param['items']);
    dropCollectionFormats(schema['items'], 'csv');
  }
  for (const key of SCHEMA_PROPERTIES) {
    if (param[key] !== undefined) schema[key] = param[key];
  }
  return schema;
}

/** What moves out of a query, header or path parameter (into `schema`, or into style and explode). */
const MOVED_OUT: ReadonlySet<string> = new Set(['type', 'collectionFormat', 'items', ...SCHEMA_PROPERTIES]);

/**
 * A query, header or path parameter: type, items, format, enum... -> `schema`; collectionFormat ->
 * style and explode. Built anew rather than edited (deleting members makes V8 objects slow), with
 * swagger2openapi's member order: the parameter's own, then style, explode, schema, required.
 */
function plainParameter(param: Node): Node {
  const type = param['type'] as string;
  const location: unknown = param['in'];
  if (param['schema'] !== undefined || param['style'] !== undefined || param['explode'] !== undefined) decline('parameter already has schema, style or explode');
  let format: unknown = param['collectionFormat'];
  if (type === 'array' && !format) format = 'csv';
  let style: string | undefined;
  let explode: boolean | undefined;
  if (format === 'csv' && (location === 'query' || location === 'cookie')) {
    style = 'form';
    explode = false;
  }
  if (format === 'csv' && (location === 'path' || location === 'header')) style = 'simple';
  if (format === 'ssv' || format === 'pipes') {
    if (location !== 'query') decline(`collectionFormat ${format} outside the query`);
    style = format === 'ssv' ? 'spaceDelimited' : 'pipeDelimited';
  }
  if (format === 'multi') explode = true;
  if (format === 'tsv') decline('collectionFormat tsv');

  const schema: Node = { type };
  if (param['items'] !== undefined) {
    schema['items'] = param['items'];
    dropCollectionFormats(schema['items'], format);
  }
  for (const key of SCHEMA_PROPERTIES) {
    if (param[key] !== undefined) schema[key] = param[key];
  }
  fixSchema(schema);

  const out: Node = {};
  for (const key of Object.keys(param)) {
    if (!MOVED_OUT.has(key)) out[key] = param[key];
  }
  if (style !== undefined) out['style'] = style;
  if (explode !== undefined) out['explode'] = explode;
  out['schema'] = schema;
  if (location === 'path' && out['required'] !== true) out['required'] = true;
  return out;
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
