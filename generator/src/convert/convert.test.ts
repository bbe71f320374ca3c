import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSpec } from '../load/index.js';
import { convertSpec } from './index.js';

const specs = path.resolve(import.meta.dirname, '../../../specs/formats');

/** Every `$ref` left in a document; after bundling they must all be internal. */
function refsIn(node: unknown, found: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((item) => refsIn(item, found));
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') found.push(value);
      else refsIn(value, found);
    }
  }
  return found;
}

describe('convertSpec', () => {
  it('converts Swagger 2.0 to OpenAPI 3.0, keeping 2.0-only features', async () => {
    const converted = await convertSpec(await loadSpec(path.join(specs, 'swagger-2.0.yaml')));
    const doc = converted.document as any;
    expect(converted.openapiVersion).toBe('3.0');
    expect(doc.openapi).toMatch(/^3\.0\./);
    expect(doc.swagger).toBeUndefined();
    expect(doc.servers).toEqual([{ url: 'https://api.petstore.test/v1' }]);
    // in: body -> requestBody with the global `consumes`
    expect(doc.paths['/pets'].post.requestBody.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/NewPet' });
    // formData + type: file -> multipart schema with a binary property
    const multipart = doc.paths['/pets/{petId}/photo'].post.requestBody.content['multipart/form-data'].schema;
    expect(multipart.properties.file).toMatchObject({ type: 'string', format: 'binary' });
    expect(multipart.required).toEqual(['file']);
    // collectionFormat: csv -> style form, explode false
    const tags = doc.paths['/pets'].get.parameters.find((p: any) => p.name === 'tags');
    expect(tags).toMatchObject({ style: 'form', explode: false, schema: { type: 'array' } });
    // x-nullable -> nullable
    expect(doc.components.schemas.NewPet.properties.tag.nullable).toBe(true);
    expect(doc.components.securitySchemes.apiKey).toEqual({ type: 'apiKey', in: 'header', name: 'X-API-Key' });
    expect(refsIn(doc).every((ref) => ref.startsWith('#/components/'))).toBe(true);
  });

  it('bundles external refs of a multi-file spec into components, keeping recursion as a ref', async () => {
    const converted = await convertSpec(await loadSpec(path.join(specs, 'multi-file/openapi.yaml')));
    const doc = converted.document as any;
    expect(converted.diagnostics).toEqual([]);
    expect(Object.keys(doc.components.schemas).sort()).toEqual(['address', 'contact']);
    expect(doc.components.schemas.contact.properties.manager).toEqual({ $ref: '#/components/schemas/contact' });
    expect(doc.components.parameters.Page).toMatchObject({ name: 'page', in: 'query' });
    expect(refsIn(doc).every((ref) => ref.startsWith('#/'))).toBe(true);
  });

  it('leaves OpenAPI 3.1 documents (webhooks, type arrays) as they are', async () => {
    const loaded = await loadSpec(path.join(specs, 'openapi-3.1-webhooks.yaml'));
    const before = structuredClone(loaded.document);
    const converted = await convertSpec(loaded);
    expect(converted.openapiVersion).toBe('3.1');
    expect(converted.document).toEqual(before);
  });

  it('reports an unresolvable $ref with its file and pointer instead of dropping it', async () => {
    const converted = await convertSpec(await loadSpec(path.join(specs, '../convert/missing-ref.yaml')));
    const unresolved = converted.diagnostics.filter((d) => d.code === 'CG_REF_UNRESOLVED');
    expect(unresolved).toHaveLength(1);
    expect(unresolved[0]).toMatchObject({ severity: 'error', pointer: '/components/schemas/Pet/properties/owner' });
    expect(unresolved[0]?.file).toMatch(/missing-ref\.yaml$/);
    expect(unresolved[0]?.start?.line).toBe(23);
  });
});

/** Freezes every object and array reachable from `value`, so any write throws in strict mode. */
function deepFreeze<T>(value: T): T {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== 'object' || Object.isFrozen(node)) continue;
    Object.freeze(node);
    stack.push(...Object.values(node));
  }
  return value;
}

describe('convertSpec leaves its input alone', () => {
  it.each(['swagger-2.0.yaml', 'multi-file/openapi.yaml', 'openapi-3.0.json', '../convert/missing-ref.yaml'])('%s (deep-frozen) converts', async (file) => {
    const loaded = await loadSpec(path.join(specs, file));
    const before = structuredClone(loaded.document);
    deepFreeze(loaded.document);
    const converted = await convertSpec(loaded);
    expect(converted.document).not.toBe(loaded.document);
    expect(loaded.document).toEqual(before);
  });
});
