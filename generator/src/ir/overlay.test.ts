import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { ConnectgenError } from '../diagnostics/errors.js';
import { buildIR } from './build/document.js';
import { pathMatches } from './overlay.js';

const fixture = (name: string): Record<string, unknown> =>
  parse(readFileSync(new URL(`../../../specs/features/${name}`, import.meta.url), 'utf8')) as Record<string, unknown>;

describe('validation', () => {
  // The whole table of bad configs is in config/bad-configs.test.ts; here: buildIR runs it.
  test('buildIR validates its config', () => {
    expect(() => buildIR(fixture('naming.yaml'), { timeoutMs: 'soon' })).toThrow(ConnectgenError);
  });
});

describe('applying the config', () => {
  test('include by tag, exclude by operationId and path glob', () => {
    expect(pathMatches('/pets/*', '/pets/{id}')).toBe(true);
    expect(pathMatches('/pets/*', '/pets/{id}/photos')).toBe(false);
    expect(pathMatches('/pets/**', '/pets/{id}/photos')).toBe(true);
    const byTag = buildIR(fixture('naming.yaml'), { actions: { include: { tags: ['Pet Store'] } } });
    expect(byTag.operations.map((op) => op.name)).toEqual(['delete_']);
    const excluded = buildIR(fixture('naming.yaml'), { actions: { exclude: { operationIds: ['listPets'], paths: ['/stores/**', '/'] } } });
    expect(excluded.operations.map((op) => op.name)).toEqual(['listPets', 'delete_', 'petsUpdateOne', 'deletePetsById']);
  });

  test('rename rules run in order and are kept as written when they give an identifier (else made safe), then unique; an override name wins', () => {
    const ir = buildIR(fixture('naming.yaml'), {
      actions: {
        rename: [
          { pattern: '^pets', replacement: '' },
          { pattern: 'Pets', replacement: 'Animals' },
          { pattern: '^_2fast$', replacement: 'new' },
        ],
        overrides: { 'GET /': { name: 'ping' }, delete: { name: 'getPet' } },
      },
    });
    expect(ir.operations.map((op) => op.name)).toEqual(['ping', 'listAnimals', 'listAnimals2', 'getPet', 'UpdateOne', 'deleteAnimalsById', 'new_']);
  });

  test('name, package, version, description, baseUrl, retry, rate limit, timeout', () => {
    const ir = buildIR(fixture('naming.yaml'), {
      name: 'pets',
      package: '@acme/pets',
      version: '2.0.0',
      description: 'Our pets',
      baseUrl: 'https://{region}.pets.example.com/v2/',
      retry: { maxAttempts: 2 },
      rateLimit: { requests: 5, intervalMs: 1000 },
      timeoutMs: 1000,
      testAction: 'listPets',
    });
    expect(ir.info).toMatchObject({ name: 'pets', pascalName: 'Pets', packageName: '@acme/pets', version: '2.0.0', description: 'Our pets' });
    expect(ir.servers).toEqual([{ url: 'https://{region}.pets.example.com/v2', variables: { region: { default: 'eu', enum: ['eu', 'us'] } } }]);
    expect(ir).toMatchObject({ retry: { maxAttempts: 2 }, rateLimit: { requests: 5, intervalMs: 1000 }, timeoutMs: 1000, testAction: 'listPets' });
  });
});
