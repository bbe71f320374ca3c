import { describe, expect, it } from 'vitest';
import { lintDocument, lintFixture, oas30, only, swagger2 } from '../testing.js';

const CODE = 'CG_NO_OPERATION_ID';

describe(CODE, () => {
  it('fires on an operation without operationId, with file and line', async () => {
    const found = only(CODE, await lintFixture('bad/no-operation-id.yaml'));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ pointer: '/paths/~1pets/get', severity: 'error', start: { line: 11, column: 5 } });
    expect(found[0]?.file).toMatch(/no-operation-id\.yaml$/);
  });

  it('fires on Swagger 2.0 and ignores webhooks (they are not actions)', async () => {
    const op = { responses: { '200': { description: 'ok' } } };
    expect(only(CODE, await lintDocument(swagger2({ paths: { '/a': { post: op } } })))).toHaveLength(1);
    const webhooks = await lintDocument(oas30({ openapi: '3.1.0', webhooks: { ping: { post: op } } }));
    expect(only(CODE, webhooks)).toEqual([]);
  });

  it('is silent on documents where every operation has one', async () => {
    for (const good of ['good/petstore-swagger2.yaml', 'good/petstore-oas30.json', 'good/webhooks-oas31.yaml', 'good/multi-file/openapi.yaml']) {
      expect(only(CODE, await lintFixture(good))).toEqual([]);
    }
  });
});
