import { describe, expect, it } from 'vitest';
import { lintDocument, lintFixture, oas30, only } from '../testing.js';

const CODE = 'CG_DUPLICATE_OPERATION_ID';

describe(CODE, () => {
  it('fires on the second operation using an id (Swagger 2.0)', async () => {
    const found = only(CODE, await lintFixture('bad/duplicate-operation-id.yaml'));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ pointer: '/paths/~1animals~1{id}/get/operationId', start: { line: 19 } });
    expect(found[0]?.message).toContain('GET /pets/{id}');
  });

  it('counts webhook operations too (OAS 3.1)', async () => {
    const op = { operationId: 'ping', responses: { '200': { description: 'ok' } } };
    const found = only(CODE, await lintDocument(oas30({ openapi: '3.1.0', paths: { '/ping': { get: op } }, webhooks: { ping: { post: op } } })));
    expect(found.map((d) => d.pointer)).toEqual(['/webhooks/ping/post/operationId']);
  });

  it('is silent when ids are unique', async () => {
    expect(only(CODE, await lintFixture('good/petstore-oas30.json'))).toEqual([]);
    expect(only(CODE, await lintFixture('good/webhooks-oas31.yaml'))).toEqual([]);
  });
});
