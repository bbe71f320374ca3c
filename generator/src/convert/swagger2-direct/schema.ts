/**
 * Swagger 2.0 Schema Object -> OpenAPI 3.0 Schema Object, in place on our copy, as swagger2openapi
 * fixes a schema up (its fixUpSchema over oas-schema-walker): each schema the walker reaches through
 * items, additionalItems, additionalProperties, properties, patternProperties, allOf, anyOf, oneOf
 * and not is fixed before its subschemas; a `$ref` stops the walk. The fix-ups mirrored:
 * `x-nullable` -> `nullable`, a string `discriminator` -> `{ propertyName }`, `type: file` ->
 * binary string, an array without `items` gets `items: {}`, `allowEmptyValue` is dropped.
 * The rest (array `type` or `items`, `x-anyOf` and friends, boolean `required`) declines.
 */
import { decline, isNode, type Node } from './decline.js';

export function fixSchema(schema: unknown): void {
  if (schema === null || typeof schema !== 'object') return;
  if (Array.isArray(schema)) decline('schema is an array');
  const node = schema as Node;
  if (node['$ref'] !== undefined) return;
  fixOne(node);
  if (node['items'] !== undefined) fixSchema(node['items']);
  for (const key of ['additionalItems', 'additionalProperties'] as const) {
    if (node[key] && typeof node[key] === 'object') fixSchema(node[key]);
  }
  for (const key of ['properties', 'patternProperties'] as const) {
    const map: unknown = node[key];
    if (!map) continue;
    if (!isNode(map)) decline(`${key} is not an object`);
    for (const name of Object.keys(map)) fixSchema(map[name]);
  }
  for (const key of ['allOf', 'anyOf', 'oneOf'] as const) {
    const list: unknown = node[key];
    if (!list) continue;
    if (!Array.isArray(list)) decline(`${key} is not an array`);
    for (const item of list) fixSchema(item);
  }
  if (node['not']) fixSchema(node['not']);
}

function fixOne(schema: Node): void {
  for (const key of ['x-required', 'x-anyOf', 'x-oneOf', 'x-not', 'x-discriminator']) {
    if (schema[key] !== undefined) decline(`schema ${key}`);
  }
  if (typeof schema['x-nullable'] === 'boolean') {
    schema['nullable'] = schema['x-nullable'];
    delete schema['x-nullable'];
  }
  if (typeof schema['discriminator'] === 'string') schema['discriminator'] = { propertyName: schema['discriminator'] };
  if (Array.isArray(schema['items'])) decline('array items');
  if (Array.isArray(schema['type']) || schema['type'] === 'null') decline('type array or null');
  if (schema['type'] === 'array' && !schema['items']) schema['items'] = {};
  if (schema['type'] === 'file') {
    schema['type'] = 'string';
    schema['format'] = 'binary';
  }
  if (typeof schema['required'] === 'boolean') decline('boolean required');
  const xml: unknown = schema['xml'];
  if (isNode(xml) && xml['namespace'] === '') decline('empty xml namespace');
  delete schema['allowEmptyValue'];
}
