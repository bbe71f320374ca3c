import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSpec } from '../load/index.js';
import { convertSpec } from './index.js';

const dir = path.resolve(import.meta.dirname, '../../../specs/swagger2');
const convert = async (file: string) => (await convertSpec(await loadSpec(path.join(dir, file)))).document as any;

// Swagger 2.0 features that OpenAPI 3 dropped or moved, and what each must become.
describe('Swagger 2.0 -> OpenAPI 3.0', () => {
  it('maps every collectionFormat to style/explode', async () => {
    const params = Object.fromEntries(
      (await convert('collection-formats.yaml')).paths['/search/{ids}'].get.parameters.map((p: any) => [p.name, p]),
    );
    expect(params.csv).toMatchObject({ in: 'query', style: 'form', explode: false });
    expect(params.ssv).toMatchObject({ style: 'spaceDelimited' });
    expect(params.pipes).toMatchObject({ style: 'pipeDelimited' });
    expect(params.multi).toMatchObject({ explode: true });
    expect(params.multi.style ?? 'form').toBe('form');
    expect(params['X-Ids']).toMatchObject({ in: 'header', style: 'simple' });
    expect(params.ids).toMatchObject({ in: 'path', required: true, style: 'simple', schema: { type: 'array' } });
  });

  it('turns formData into urlencoded and multipart bodies, and type: file into binary', async () => {
    const doc = await convert('form-upload.yaml');
    const login = doc.paths['/login'].post.requestBody;
    expect(login.required).toBe(true);
    expect(login.content['application/x-www-form-urlencoded'].schema).toMatchObject({
      type: 'object',
      required: ['username', 'password'],
      properties: { remember: { type: 'boolean', default: false } },
    });
    const upload = doc.paths['/files'].post.requestBody.content['multipart/form-data'].schema;
    expect(upload.properties.file).toMatchObject({ type: 'string', format: 'binary' });
    expect(doc.paths['/files'].get.responses['200'].content['application/octet-stream'].schema).toEqual({ type: 'string', format: 'binary' });
    // One server per scheme; the basePath's trailing slash dropped.
    expect(doc.servers).toEqual([{ url: 'http://files.test/api' }, { url: 'https://files.test/api' }]);
    expect(doc.components.schemas.File.properties.checksum).toMatchObject({ type: 'string', nullable: true });
  });

  it('applies global consumes/produces, shared parameters and responses, discriminators and security', async () => {
    const doc = await convert('global-consumes.yaml');
    expect(Object.keys(doc.paths['/orders'].post.requestBody.content)).toEqual(['application/json', 'application/xml']);
    expect(doc.paths['/orders'].post.responses['201'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/Order' });
    expect(doc.paths['/orders/{orderId}'].parameters).toEqual([{ $ref: '#/components/parameters/orderId' }]);
    expect(doc.paths['/orders/{orderId}'].get.responses['404']).toEqual({ $ref: '#/components/responses/NotFound' });
    expect(doc.components.schemas.Item.discriminator).toEqual({ propertyName: 'kind' });
    expect(doc.components.securitySchemes).toEqual({
      oauth: { type: 'oauth2', flows: { clientCredentials: { tokenUrl: 'https://orders.test/oauth/token', scopes: { orders: 'Read and write orders' } } } },
      basic: { type: 'http', scheme: 'basic' },
    });
  });
});
