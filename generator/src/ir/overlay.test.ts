import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { ConnectgenError } from '../diagnostics/errors.js';
import { buildIR } from './build/document.js';
import { pathMatches, validateConfig } from './overlay.js';

const fixture = (name: string): Record<string, unknown> =>
  parse(readFileSync(new URL(`../../../specs/features/${name}`, import.meta.url), 'utf8')) as Record<string, unknown>;

function configError(config: unknown): ConnectgenError {
  try {
    validateConfig(config);
  } catch (error) {
    if (error instanceof ConnectgenError) return error;
    throw error;
  }
  throw new Error('expected a ConnectgenError');
}

describe('validateConfig', () => {
  test('accepts an empty or absent config and a full one', () => {
    expect(validateConfig(undefined)).toEqual({});
    expect(validateConfig(null)).toEqual({});
    const full = {
      name: 'petstore',
      package: '@acme/petstore-connector',
      version: '1.2.3',
      description: 'Pets',
      baseUrl: 'https://{tenant}.example.com/api',
      status: 'draft',
      auth: { type: 'oauth2', grant: 'client_credentials', tokenUrl: 'https://t', refresh: { strategy: 'interval', intervalSeconds: 600 } },
      pagination: { type: 'page', pageParam: 'page', firstPage: 0, defaultPageSize: 100 },
      actions: {
        include: { tags: ['pets'] },
        exclude: { operationIds: ['deletePet'], paths: ['/admin/**'] },
        rename: [{ pattern: '^pets', replacement: '' }],
        overrides: { listPets: { name: 'list', pagination: { type: 'none' } } },
      },
      retry: { maxAttempts: 5, statuses: [429, 503] },
      rateLimit: { requests: 10, intervalMs: 1000, burst: 0, concurrency: 2 },
      timeoutMs: 30000,
      testAction: 'listPets',
    };
    expect(validateConfig(full)).toBe(full);
  });

  test.each([
    [{ nme: 'x' }, '/nme'],
    [{ name: 'Bad Name' }, '/name'],
    [{ package: 'UPPER' }, '/package'],
    [{ version: 'v1' }, '/version'],
    [{ baseUrl: 'ftp://x' }, '/baseUrl'],
    [{ auth: { type: 'magic' } }, '/auth/type'],
    [{ auth: { type: 'apiKey', in: 'body' } }, '/auth/in'],
    [{ auth: { type: 'oauth2', refresh: { strategy: 'interval' } } }, '/auth/refresh/intervalSeconds'],
    [{ pagination: { type: 'cursor', cursorParam: 'c' } }, '/pagination/nextCursorPath'],
    [{ pagination: { type: 'offset', offsetParam: 'o', defaultPageSize: 5000 } }, '/pagination/defaultPageSize'],
    [{ actions: { rename: [{ pattern: '(', replacement: '' }] } }, '/actions/rename/0/pattern'],
    [{ actions: { include: { tags: 'pets' } } }, '/actions/include/tags'],
    [{ retry: { statuses: [999] } }, '/retry/statuses/0'],
    [{ timeoutMs: -1 }, '/timeoutMs'],
    ['just a string', ''],
  ])('%j fails at %s', (config, pointer) => {
    const error = configError(config);
    expect(error.code).toBe('CG_CONFIG_INVALID');
    expect(error.pointer).toBe(pointer);
    expect(error.hint).toBeTruthy();
  });

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
