import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { swagger2ToOpenApi3 } from './swagger2.js';

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
