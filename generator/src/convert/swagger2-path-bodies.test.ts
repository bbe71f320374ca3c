import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadSpec } from '../load/index.js';
import { convertSpec } from './index.js';
import { swagger2ToOpenApi3, swagger2ToOpenApi3Reference } from './swagger2.js';
import { convertSwagger2Directly } from './swagger2-direct/index.js';
import { moveBodyParametersIntoOperations } from './swagger2-path-bodies.js';

const spec = (): Record<string, unknown> =>
  parse(readFileSync(new URL('../../../specs/swagger2/path-level-params.yaml', import.meta.url), 'utf8')) as Record<string, unknown>;

type Parameter = { name: string; in: string; $ref?: string };
type Operation = { requestBody?: { content: Record<string, unknown> } };
type PathItem = { parameters?: Parameter[]; put?: Operation; patch?: Operation; post?: Operation };

describe('Swagger 2.0 path-level parameters', () => {
  it('every kind survives conversion: path, header and query stay shared, body and formData become each operation`s request body', async () => {
    const { document } = await swagger2ToOpenApi3(spec(), 'path-level-params.yaml');
    const paths = document['paths'] as Record<string, PathItem>;
    expect(paths['/items/{id}']!.parameters!.map((p) => p.$ref ?? `${p.in}:${p.name}`)).toEqual(['path:id', '#/components/parameters/Tenant', 'query:verbose']);
    expect(Object.keys(paths['/items/{id}']!.put!.requestBody!.content)).toEqual(['application/json']);
    expect(JSON.stringify(paths['/items/{id}']!.patch!.requestBody)).toContain('"op"');
    expect(Object.keys(paths['/notes']!.post!.requestBody!.content)).toEqual(['application/x-www-form-urlencoded']);
  });

  it('leaves the loaded document as it was', async () => {
    const original = spec();
    const before = JSON.stringify(original);
    await swagger2ToOpenApi3(original, 'path-level-params.yaml');
    expect(JSON.stringify(original)).toBe(before);
  });
});

describe('a path-level body shared by several operations', () => {
  const sharedBody = path.resolve(import.meta.dirname, '../../../specs/swagger2/shared-path-body.yaml');
  type Converted = { paths: Record<string, Record<string, { requestBody?: { $ref?: string } }>>; components: { requestBodies: Record<string, { content: Record<string, { schema: unknown }> }> } };

  // Regression: each operation got the same parameter object, which swagger2openapi refused as a
  // YAML alias (CG_CONVERT_SWAGGER2) and the direct converter declined.
  it('converts through convertSpec: every operation has the body, as one shared request body', async () => {
    const converted = await convertSpec(await loadSpec(sharedBody));
    expect(converted.diagnostics).toEqual([]);
    const document = converted.document as unknown as Converted;
    for (const [route, methods] of [['/items/{id}', ['put', 'patch']], ['/notes/{id}', ['put', 'post']]] as const) {
      const refs = methods.map((method) => document.paths[route]![method]!.requestBody?.$ref);
      expect(refs[0], route).toMatch(/^#\/components\/requestBodies\//);
      expect(refs[1], route).toBe(refs[0]);
    }
    const item = document.components.requestBodies['replaceItemItem']!;
    expect(item.content['application/json']!.schema).toMatchObject({ required: ['name'], properties: { size: { type: 'integer' } } });
    expect(JSON.stringify(document.components.requestBodies['replaceNoteNote'])).toContain('"text"');
  });

  it('the direct converter takes it, and swagger2openapi (the fallback) gives the same bytes', async () => {
    const loaded = await loadSpec(sharedBody);
    const prepared = moveBodyParametersIntoOperations(loaded.document);
    const direct = convertSwagger2Directly(prepared);
    if ('declined' in direct) throw new Error(`declined: ${direct.declined}`);
    const reference = await swagger2ToOpenApi3Reference(loaded.document, loaded.uri);
    expect(reference.diagnostics).toEqual([]);
    expect(JSON.stringify(direct.document, null, 2)).toBe(JSON.stringify(reference.document, null, 2));
    const entry = await swagger2ToOpenApi3(loaded.document, loaded.uri);
    expect(JSON.stringify(entry.document, null, 2)).toBe(JSON.stringify(reference.document, null, 2));
  });

  it('gives each operation its own copy of the moved parameter', () => {
    const document = parse(readFileSync(sharedBody, 'utf8')) as Record<string, unknown>;
    const paths = moveBodyParametersIntoOperations(document)['paths'] as Record<string, Record<string, { parameters: object[] }>>;
    const [put, patch] = [paths['/items/{id}']!['put']!.parameters, paths['/items/{id}']!['patch']!.parameters];
    expect(put).toEqual(patch);
    expect(put[0]).not.toBe(patch[0]);
  });
});
