/**
 * Swagger 2.0 Response and Header Objects -> OpenAPI 3.0, in place, as swagger2openapi does it:
 * a missing description becomes '';
 * the response's `schema` becomes one media type per `produces` entry (`*\/*` when there are none),
 * each with its own copy of the schema and its `examples` entry; a header's type properties move
 * into its `schema`, and `collectionFormat` into `style`/`explode`.
 */
import { decline, isNode, type Node } from './decline.js';
import { SCHEMA_PROPERTIES, unique } from './names.js';
import { fixSchema } from './schema.js';

/**
 * `produces`: the operation's, else the document's (already checked to be arrays of strings).
 * The response is built anew (deleting members makes V8 objects slow) in swagger2openapi's member
 * order: its own members but `schema` and `examples`, then `content`.
 */
export function convertResponse(response: unknown, produces: readonly string[]): Node {
  if (!isNode(response)) decline('response is not an object');
  if (typeof response['$ref'] === 'string') return response;
  const description: unknown = response['description'];
  if (description !== undefined && typeof description !== 'string') decline('response description is not a string');
  if (response['content'] !== undefined) decline('response has content');
  const examples: unknown = response['examples'];
  if (examples !== undefined && !isNode(examples)) decline('response examples is not an object');
  const out: Node = {};
  for (const key of Object.keys(response)) {
    if (key !== 'schema' && key !== 'examples') out[key] = response[key];
  }
  // A missing description is patched to '' (swagger2openapi meant a status code's text but looks
  // it up by the response object, so finds none), appended before the content.
  if (description === undefined) out['description'] = '';
  let content: Node | undefined;
  const placed = new Set<string>();
  if (response['schema'] !== undefined) {
    fixSchema(response['schema']);
    const types = unique(produces);
    if (types.length === 0) types.push('*/*');
    content = {};
    for (const type of types) {
      const media: Node = { schema: structuredClone(response['schema']) };
      content[type] = media;
      if (examples?.[type]) {
        media['examples'] = { response: { value: examples[type] } };
        placed.add(type);
      }
      if (media['schema']?.type === 'file') media['schema'] = { type: 'string', format: 'binary' };
    }
  }
  for (const type of examples ? Object.keys(examples) : []) {
    if (placed.has(type)) continue;
    // swagger2openapi would write onto what the name inherits (`constructor`...).
    if (type in Object.prototype) decline(`example media type ${type}`);
    content ??= {};
    content[type] ??= {};
    content[type].examples = { response: { value: examples![type] } };
  }
  if (content) out['content'] = content;
  const headers: unknown = out['headers'];
  if (headers) {
    if (!isNode(headers)) decline('headers is not an object');
    for (const name of Object.keys(headers)) {
      if (name.toLowerCase() === 'status code') decline('Status Code header');
      convertHeader(headers[name]);
    }
  }
  return out;
}

export function convertHeader(header: unknown): void {
  if (!isNode(header)) decline('header is not an object');
  if (header['$ref'] !== undefined) decline('header $ref');
  // Once converted (components.responses are converted twice over): nothing left to move.
  if (header['type'] === undefined && isNode(header['schema'])) return;
  if (!header['type'] || header['schema'] !== undefined) decline('header without type, or with a schema');
  const schema: Node = {};
  header['schema'] = schema;
  schema['type'] = header['type'];
  const items: unknown = header['items'];
  if (items) {
    if (!isNode(items)) decline('header items is not an object');
    if (items['type'] !== 'array') {
      if (items['collectionFormat'] !== header['collectionFormat']) decline('nested collectionFormat');
      delete items['collectionFormat'];
    }
  }
  if (header['type'] === 'array') {
    const format: unknown = header['collectionFormat'];
    if (format === 'ssv' || format === 'pipes' || format === 'tsv') decline(`header collectionFormat ${format}`);
    if (format === 'multi') header['explode'] = true;
    else header['style'] = 'simple';
    delete header['collectionFormat'];
  } else if (header['collectionFormat']) {
    delete header['collectionFormat'];
  }
  delete header['type'];
  for (const key of [...SCHEMA_PROPERTIES, 'items']) {
    if (header[key] === undefined) continue;
    schema[key] = header[key];
    delete header[key];
  }
}
