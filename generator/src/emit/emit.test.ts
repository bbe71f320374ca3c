import { describe, expect, it } from 'vitest';
import type { ConnectorIR } from '../ir/types.js';
import { emit } from './index.js';

describe('emit', () => {
  it('returns the package files in sorted order', () => {
    expect([...emit(smallIR).keys()]).toEqual([
      'connector.json',
      'package.json',
      'README.md',
      'src/actions/default.ts',
      'src/actions/pets.ts',
      'src/index.ts',
      'src/types.ts',
      'tsconfig.json',
    ].sort());
  });

  it('is a pure function: two runs give identical text', () => {
    expect(emit(smallIR)).toEqual(emit(smallIR));
  });

  it('writes package.json and connector.json as valid JSON', () => {
    const files = emit(smallIR);
    const pkg = JSON.parse(files.get('package.json')!);
    expect(pkg).toMatchObject({ name: '@acme/petstore', type: 'module', dependencies: { '@connectgen/runtime': expect.any(String) } });
    const manifest = JSON.parse(files.get('connector.json')!);
    expect(manifest.actions.map((a: { name: string }) => a.name)).toEqual(['listPets', 'createPet', 'ping']);
    expect(manifest.actions[0].pagination).toMatchObject({ type: 'offset', item: { $ref: '#/$defs/Pet' } });
    expect(manifest.actions[1].input.properties.body).toMatchObject({ $ref: '#/$defs/PetInput' });
  });
});

/** A small hand-written IR: two groups, pagination, a body with an input variant, auth. */
const smallIR: ConnectorIR = {
  irVersion: 1,
  info: {
    name: 'petstore',
    pascalName: 'Petstore',
    packageName: '@acme/petstore',
    version: '1.0.0',
    title: 'Petstore',
    description: 'A pet store.\n\nSecond paragraph.',
    apiVersion: '2.0',
    openapi: '3.0',
  },
  servers: [{ url: 'https://{region}.example.com', variables: { region: { default: 'eu', enum: ['eu', 'us'] } } }],
  auth: { apiKey: { config: { type: 'apiKey', in: 'header', name: 'X-API-Key' }, source: 'spec', pointer: '/components/securitySchemes/apiKey' } },
  security: ['apiKey'],
  operations: [
    {
      name: 'listPets',
      operationId: 'listPets',
      method: 'GET',
      path: '/pets',
      pointer: '/paths/~1pets/get',
      summary: 'List pets',
      deprecated: false,
      tags: ['pets'],
      group: 'pets',
      parameters: [
        { name: 'limit', key: 'limit', in: 'query', required: false, type: { kind: 'integer' }, description: 'Page size', pointer: '' },
        { name: 'offset', key: 'offset', in: 'query', required: false, type: { kind: 'integer' }, pointer: '' },
      ],
      responses: [],
      success: { status: '200', kind: 'json', type: { kind: 'array', items: { kind: 'ref', name: 'Pet' } } },
      pagination: {
        config: { type: 'offset', offsetParam: 'offset', pageSizeParam: 'limit' },
        itemType: { kind: 'ref', name: 'Pet' },
        source: 'inferred',
      },
    },
    {
      name: 'createPet',
      method: 'POST',
      path: '/pets',
      pointer: '/paths/~1pets/post',
      deprecated: true,
      tags: ['pets'],
      group: 'pets',
      parameters: [],
      requestBody: {
        mediaType: 'application/json',
        encoding: 'json',
        required: true,
        type: { kind: 'ref', name: 'Pet' },
        mediaTypes: ['application/json'],
        pointer: '',
      },
      responses: [],
      success: { status: '201', kind: 'json', type: { kind: 'ref', name: 'Pet' } },
    },
    {
      name: 'ping',
      method: 'GET',
      path: '/ping',
      pointer: '/paths/~1ping/get',
      deprecated: false,
      tags: [],
      group: 'default',
      parameters: [],
      responses: [],
      success: { status: '204', kind: 'empty', type: { kind: 'unknown' } },
      security: [],
    },
  ],
  schemas: [
    {
      name: 'Pet',
      specName: 'Pet',
      pointer: '/components/schemas/Pet',
      description: 'A pet.',
      inputName: 'PetInput',
      type: {
        kind: 'object',
        properties: [
          { name: 'id', type: { kind: 'integer' }, required: true, readOnly: true },
          { name: 'name', type: { kind: 'string' }, required: true, description: 'Its name' },
          { name: 'kind', type: { kind: 'string', enum: ['dog', 'cat'] }, required: false },
        ],
        additionalProperties: false,
      },
    },
  ],
  diagnostics: [],
};

describe('binary properties of named schemas', () => {
  it('are typed as the runtime`s file input in the schema`s input variant, and as a string in responses', async () => {
    const { readFileSync } = await import('node:fs');
    const { parse } = await import('yaml');
    const { buildIR } = await import('../ir/build/document.js');
    const spec = parse(readFileSync(new URL('../../../specs/features/bodies.yaml', import.meta.url), 'utf8')) as Record<string, unknown>;
    const ir = buildIR(spec);
    expect(ir.schemas.find((s) => s.name === 'Attachment')?.inputName).toBe('AttachmentInput');
    const files = emit(ir);
    expect(files.get('src/types.ts')).toContain('import type { BlobLike } from "@connectgen/runtime/connector";');
    expect(files.get('src/types.ts')).toContain('export type AttachmentInput = {\n  file: BlobLike | Uint8Array | string;');
    expect(files.get('src/types.ts')).toContain('export type Attachment = {\n  file: string;');
    expect(files.get('src/actions/attachments.ts')).toContain('body: AttachmentInput;');
  });
});
