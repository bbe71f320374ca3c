/**
 * Swagger 2.0 Response and Header Objects -> OpenAPI 3.0, in place, as swagger2openapi does it:
 * the response's `schema` becomes one media type per `produces` entry (`*\/*` when there are none),
 * each with its own copy of the schema and its `examples` entry; a header's type properties move
 * into its `schema`, and `collectionFormat` into `style`/`explode`.
 */
import { decline, isNode, type Node } from './decline.js';
import { SCHEMA_PROPERTIES, unique } from './names.js';
import { fixSchema } from './schema.js';

/** `produces`: the operation's, else the document's (already checked to be arrays of strings). */
export function convertResponse(response: unknown, produces: readonly string[]): void {
  if (!isNode(response)) decline('response is not an object');
  if (typeof response['$ref'] === 'string') return;
  const description: unknown = response['description'];
  if (typeof description !== 'string' || description === '') decline('response without description');
  if (response['content'] !== undefined) decline('response has content');
  const examples: unknown = response['examples'];
  if (examples !== undefined && !isNode(examples)) decline('response examples is not an object');
  if (response['schema'] !== undefined) {
    fixSchema(response['schema']);
    const types = unique(produces);
    if (types.length === 0) types.push('*/*');
    const content: Node = {};
    response['content'] = content;
    for (const type of types) {
      const media: Node = { schema: structuredClone(response['schema']) };
      content[type] = media;
      if (examples?.[type]) {
        media['examples'] = { response: { value: examples[type] } };
        delete examples[type];
      }
      if (media['schema']?.type === 'file') media['schema'] = { type: 'string', format: 'binary' };
    }
    delete response['schema'];
  }
  if (examples) {
    for (const type of Object.keys(examples)) {
      response['content'] ??= {};
      response['content'][type] ??= {};
      response['content'][type].examples = { response: { value: examples[type] } };
    }
  }
  delete response['examples'];
  const headers: unknown = response['headers'];
  if (headers) {
    if (!isNode(headers)) decline('headers is not an object');
    for (const name of Object.keys(headers)) {
      if (name.toLowerCase() === 'status code') decline('Status Code header');
      convertHeader(headers[name]);
    }
  }
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
