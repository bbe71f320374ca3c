import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSpec } from '../../load/index.js';
import { swagger2ToOpenApi3, swagger2ToOpenApi3Reference } from '../swagger2.js';
import { convertSwagger2Directly } from './index.js';
import { randomSwagger } from './random-swagger.js';

type Doc = Record<string, any>;
const specsDir = path.resolve(import.meta.dirname, '../../../../specs');
const text = (value: unknown) => JSON.stringify(value, null, 2);

/** The direct converter's answer beside swagger2openapi's (through the same options and warning collection). */
async function both(input: Doc) {
  // A tree, as JSON.parse gives (the cases below reuse objects; swagger2openapi refuses shared ones).
  const document = JSON.parse(JSON.stringify(input)) as Doc;
  const before = text(document);
  const direct = convertSwagger2Directly(document);
  expect(text(document), 'the input is not changed').toBe(before);
  const reference = await swagger2ToOpenApi3Reference(structuredClone(document), '/virtual/swagger.json');
  return { direct, reference };
}

/** Converted directly, and byte-identical to swagger2openapi. */
async function expectSame(document: Doc): Promise<Doc> {
  const { direct, reference } = await both(document);
  if ('declined' in direct) throw new Error(`declined: ${direct.declined}`);
  expect(text(direct.document)).toBe(text(reference.document));
  expect(reference.diagnostics).toEqual([]);
  return direct.document;
}

async function expectDeclined(document: Doc, reason: RegExp): Promise<void> {
  const { direct } = await both(document);
  expect('declined' in direct ? direct.declined : 'accepted').toMatch(reason);
}

const swagger = (extra: Doc): Doc => ({ swagger: '2.0', info: { title: 'T', version: '1' }, paths: {}, ...extra });
const ok = { '200': { description: 'OK' } };

describe('direct Swagger 2.0 conversion', () => {
  it('gives swagger2openapi\'s document, byte for byte, for every Swagger 2.0 spec in specs/ it accepts', async () => {
    const files = readdirSync(specsDir, { recursive: true, encoding: 'utf8' }).filter((file) => /\.(ya?ml|json)$/.test(file)).sort();
    const accepted: string[] = [];
    for (const file of files) {
      let loaded;
      try {
        loaded = await loadSpec(path.join(specsDir, file));
      } catch {
        continue;
      }
      if (loaded.version !== 'swagger-2.0') continue;
      // Through convert's entry too (path-level bodies moved first, the tree checked): same document.
      const entry = await swagger2ToOpenApi3(loaded.document, loaded.uri);
      const oracle = await swagger2ToOpenApi3Reference(loaded.document, loaded.uri);
      expect(text(entry.document), file).toBe(text(oracle.document));
      expect(entry.diagnostics, file).toEqual(oracle.diagnostics);
      const { direct, reference } = await both(loaded.document);
      if ('declined' in direct) continue;
      accepted.push(file);
      expect(text(direct.document), file).toBe(text(reference.document));
    }
    expect(accepted).toEqual(expect.arrayContaining(['swagger2/collection-formats.yaml', 'swagger2/global-consumes.yaml', 'lint/good/petstore-swagger2.yaml']));
  });

  it('gives swagger2openapi\'s document for every random document it accepts (seeds 1-150)', async () => {
    let accepted = 0;
    for (let seed = 1; seed <= 150; seed++) {
      const { direct, reference } = await both(randomSwagger(seed));
      if ('declined' in direct) continue;
      accepted++;
      expect(text(direct.document), `seed ${seed}`).toBe(text(reference.document));
      expect(reference.diagnostics, `seed ${seed}`).toEqual([]);
    }
    // Most are accepted: the sample tests the conversion, not only the declines.
    expect(accepted).toBeGreaterThan(60);
  });

  it('drops null members except defaults, extensions and examples, and rewrites every $ref', async () => {
    const doc = await expectSame(swagger({
      info: { title: 'T', version: '1', description: null, 'x-note': null },
      definitions: {
        Pet: {
          type: 'object',
          description: null,
          properties: {
            owner: { $ref: '#/definitions/Owner', description: 'siblings of a $ref are dropped' },
            tag: { type: 'string', default: null, 'x-nullable': true },
            exampleish: { type: 'object', properties: { a: { type: 'string', format: null } } },
          },
          example: { owner: null, link: { $ref: '#/definitions/Owner', extra: 1 }, list: [null, 1] },
        },
        Owner: { type: 'object', discriminator: 'kind', properties: { kind: { type: 'string' }, file: { type: 'file' }, list: { type: 'array' } } },
        JSONSchemaProps: { type: 'object', properties: { $ref: { type: 'string' } } },
      },
    }));
    expect(doc['components'].schemas.Pet.properties.owner).toEqual({ $ref: '#/components/schemas/Owner' });
    expect(doc['components'].schemas.Pet.example.link).toEqual({ $ref: '#/components/schemas/Owner' });
  });

  it('converts parameters, collection formats, shared parameters and request bodies', async () => {
    const body = { name: 'pet', in: 'body', required: true, description: 'The pet', schema: { $ref: '#/definitions/Pet' }, 'x-body': { a: 1 } };
    await expectSame(swagger({
      consumes: ['application/json', 'application/xml', 'application/json'],
      parameters: {
        limit: { name: 'limit', in: 'query', type: 'integer', format: 'int32', minimum: 1, default: 20 },
        sharedBody: { name: 'shared', in: 'body', schema: { type: 'array', items: { $ref: '#/definitions/Pet' } } },
      },
      definitions: { Pet: { type: 'object' } },
      paths: {
        '/pets/{id}': {
          parameters: [{ name: 'id', in: 'path', type: 'string' }, { $ref: '#/parameters/limit' }],
          get: {
            operationId: 'get-pet/by id',
            parameters: [
              { name: 'csv', in: 'query', type: 'array', items: { type: 'string', collectionFormat: 'csv' } },
              { name: 'multi', in: 'query', type: 'array', collectionFormat: 'multi', items: { type: 'integer', enum: [1, 2] }, uniqueItems: true },
              { name: 'ssv', in: 'query', type: 'array', collectionFormat: 'ssv', items: { type: 'string' } },
              { name: 'pipes', in: 'query', type: 'array', collectionFormat: 'pipes', items: { type: 'string' } },
              { name: 'X-Ids', in: 'header', type: 'array', items: { type: 'string' } },
              { name: 'odd', in: 'query', type: 'string', collectionFormat: 'csv', allowEmptyValue: true },
              { $ref: '#/parameters/limit' },
            ],
            responses: ok,
          },
          put: { parameters: [{ ...body }], responses: ok },
          post: { operationId: 'addPet', parameters: [{ ...body }], consumes: ['application/json'], responses: ok },
          patch: { operationId: 'patchPet', parameters: [{ $ref: '#/parameters/sharedBody' }], responses: ok },
          delete: { operationId: 'deletePet', parameters: [{ $ref: '#/parameters/sharedBody' }], responses: ok },
        },
        '/other': {
          put: { operationId: 'put', parameters: [{ ...body }], responses: ok },
          post: { parameters: [{ name: 'raw', in: 'body', schema: { type: 'string' } }], consumes: [], responses: ok },
        },
      },
    }));
  });

  // Found by the npm corpus sweep (swagger-test-templates' fixtures): a body parameter written like
  // a query one, `type` and `format` and no `schema`. swagger2openapi builds the schema from them;
  // the direct converter gave an empty schema.
  it('builds a body parameter\'s schema from its type properties when it has no schema', async () => {
    const latitude = { name: 'latitude', in: 'body', description: 'Latitude.', required: true, type: 'number', format: 'double', minimum: -90, default: 0, 'x-unit': 'deg' };
    const doc = await expectSame(swagger({
      consumes: ['application/json', 'text/plain'],
      parameters: { Latitude: { ...latitude } },
      definitions: { Pet: { type: 'object' } },
      paths: {
        '/a': {
          post: { operationId: 'addA', parameters: [{ ...latitude }, { name: 'q', in: 'query', type: 'string' }], responses: ok },
          put: { parameters: [{ $ref: '#/parameters/Latitude' }], responses: ok },
          patch: { parameters: [{ $ref: '#/parameters/Latitude' }], responses: ok },
        },
        '/b': {
          post: { parameters: [{ name: 'ids', in: 'body', type: 'array', items: { type: 'integer', collectionFormat: 'csv' }, maxItems: 5 }], responses: ok },
          put: { parameters: [{ name: 'pets', in: 'body', type: 'array', items: { $ref: '#/definitions/Pet' } }], responses: ok },
          patch: { parameters: [{ name: 'flag', in: 'body', type: 'boolean', 'x-nullable': true }], responses: ok },
        },
      },
    }));
    // The three /a bodies are one body: shared under the first operation's name.
    expect(doc['paths']['/a'].put.requestBody).toEqual({ $ref: '#/components/requestBodies/addALatitude' });
    expect(doc['components'].requestBodies.addALatitude.content['text/plain'].schema).toEqual({ type: 'number', format: 'double', minimum: -90, default: 0 });
    await expectDeclined(swagger({ paths: { '/a': { post: { parameters: [{ name: 'b', in: 'body', type: 'array', collectionFormat: 'ssv', items: { type: 'string' } }], responses: ok } } } }), /collectionFormat/);
    await expectDeclined(swagger({ paths: { '/a': { post: { parameters: [{ name: 'b', in: 'body', type: 'string', schema: { type: 'string' } }], responses: ok } } } }), /type and a schema/);
  });

  // The most common decline in the npm corpus sweep (21 of 245 real documents): formData.
  it('converts formData parameters into a form request body, multipart or urlencoded', async () => {
    const upload = { name: 'file', in: 'formData', type: 'file', required: true, description: 'The file', 'x-field': { order: 1 } };
    const doc = await expectSame(swagger({
      consumes: ['application/json'],
      paths: {
        '/upload': {
          post: {
            operationId: 'upload-file',
            consumes: ['application/json', 'multipart/form-data'],
            parameters: [
              { name: 'id', in: 'query', type: 'string' },
              { ...upload },
              { name: 'note', in: 'formData', type: 'string', example: 'hi', default: 'x', maxLength: 20, 'x-nullable': true },
              { name: 'tags', in: 'formData', type: 'array', collectionFormat: 'multi', items: { type: 'string', collectionFormat: 'csv', enum: ['a'] }, required: true },
              { name: 'note', in: 'formData', type: 'integer', format: 'int32', allOf: [{ minimum: 1 }] },
            ],
            responses: ok,
          },
          // urlencoded (no multipart in consumes), no field required, and the same form again: a shared request body.
          put: { parameters: [{ name: 'a', in: 'formData', type: 'boolean', required: false }, { name: 'b', in: 'formData', type: 'number', enum: [1, 2] }], responses: ok },
          patch: { operationId: 'patchIt', parameters: [{ name: 'a', in: 'formData', type: 'boolean', required: false }, { name: 'b', in: 'formData', type: 'number', enum: [1, 2] }], responses: ok },
        },
        // Required only from the second field on: the request body's own `required` stays unset.
        '/later': { post: { consumes: ['multipart/form-data'], parameters: [{ name: 'x', in: 'formData', type: 'string' }, { ...upload }], responses: ok } },
      },
    }));
    const form = doc['paths']['/upload'].post.requestBody;
    expect(Object.keys(form.content)).toEqual(['multipart/form-data']);
    expect(form.content['multipart/form-data'].schema.properties.file).toEqual({ description: 'The file', type: 'string', format: 'binary', 'x-field': { order: 1 } });
    expect(form.content['multipart/form-data'].schema.required).toEqual(['file', 'tags']);
    expect(doc['paths']['/upload'].patch.requestBody.$ref).toMatch(/^#\/components\/requestBodies\//);
    expect(doc['paths']['/later'].post.requestBody.required).toBeUndefined();
  });

  it('names shared request bodies as swagger2openapi does, suffixes and hash order included', async () => {
    const paths: Doc = {};
    for (let i = 0; i < 12; i++) {
      const body = (n: number) => ({ name: 'body', in: 'body', description: `variant ${n}`, schema: { type: 'object', properties: { [`p${n}`]: { type: 'string' } } } });
      paths[`/things/${i}`] = {
        post: { operationId: i % 3 === 0 ? 'create' : `create${i % 2}`, parameters: [body(i % 4)], responses: ok },
        put: { parameters: [body(i % 4)], responses: ok },
      };
    }
    const doc = await expectSame(swagger({ paths }));
    expect(Object.keys(doc['components'].requestBodies).length).toBeGreaterThan(1);
  });

  it('converts responses, examples, headers, produces and shared responses', async () => {
    await expectSame(swagger({
      produces: ['application/json', 'text/plain'],
      responses: {
        NotFound: { description: 'missing', schema: { type: 'string' }, headers: { 'X-Rate': { type: 'integer', format: 'int32' }, 'X-List': { type: 'array', items: { type: 'string', collectionFormat: 'csv' }, collectionFormat: 'csv' } } },
      },
      paths: {
        '/a': {
          get: {
            produces: ['application/json', 'application/xml'],
            responses: {
              '200': {
                description: 'OK',
                schema: { type: 'array', items: { type: 'file' } },
                examples: { 'application/json': [1, 2], 'text/csv': 'a,b' },
                headers: { 'X-Multi': { type: 'array', items: { type: 'integer', collectionFormat: 'multi' }, collectionFormat: 'multi', description: 'd' }, 'X-Plain': { type: 'array', items: { type: 'integer' } } },
              },
              '404': { $ref: '#/responses/NotFound' },
              default: { description: 'no body' },
            },
          },
          post: { produces: [], responses: { '201': { description: 'made', schema: { $ref: '#/definitions/Thing' } } } },
        },
      },
      definitions: { Thing: { type: 'object' } },
    }));
  });

  // 5 real documents of the npm corpus sweep (AutoRest's) declined on this: swagger2openapi patches it.
  it('gives a response without description an empty one, before its content', async () => {
    const doc = await expectSame(swagger({
      responses: { Gone: { schema: { type: 'string' }, headers: { 'X-A': { type: 'string' } } } },
      paths: { '/a': { get: { responses: { '200': { schema: { type: 'integer' }, examples: { 'text/csv': 'a' } }, '204': { description: '' }, '404': { description: null }, '410': { $ref: '#/responses/Gone' } } } } },
    }));
    expect(Object.keys(doc['paths']['/a'].get.responses['200'])).toEqual(['description', 'content']);
    expect(doc['paths']['/a'].get.responses['200'].description).toBe('');
    expect(Object.keys(doc['components'].responses.Gone)).toEqual(['headers', 'description', 'content']);
  });

  it('converts servers, security schemes and operation schemes', async () => {
    const securityDefinitions = {
      basic: { type: 'basic' },
      key: { type: 'apiKey', name: 'X-Key', in: 'header' },
      code: { type: 'oauth2', flow: 'accessCode', authorizationUrl: 'https://a.test/auth?x=1', tokenUrl: ' https://a.test/token ', scopes: { read: 'r' } },
      app: { type: 'oauth2', flow: 'application', tokenUrl: 'https://a.test/token', name: 'dropped' },
      implicit: { type: 'oauth2', flow: 'implicit', authorizationUrl: '' },
    };
    const paths = { '/a': { get: { schemes: ['wss', 'https'], security: [{ code: ['read'] }], responses: ok } } };
    await expectSame(swagger({ host: 'api.{region}.test', basePath: '/v1/', schemes: ['https', 'http'], securityDefinitions, security: [{ key: [] }], paths: { '/a': { get: { schemes: ['https'], responses: ok } } } }));
    await expectSame(swagger({ basePath: '/{{tenant}}/api' }));
    await expectSame(swagger({ paths }));
    await expectSame(swagger({ host: 'h.test', info: { title: 'T', version: '1', termsOfService: 'not a url' } }));
    await expectSame(swagger({ paths, info: { title: 'T', version: '1', termsOfService: 'https://t.test/terms' } }));
  });

  it('declines what it does not reproduce exactly, and swagger2openapi converts it', async () => {
    await expectDeclined(swagger({ parameters: { F: { name: 'f', in: 'formData', type: 'string' } }, paths: { '/a': { post: { parameters: [{ $ref: '#/parameters/F' }], responses: ok } } } }), /shared formData/);
    await expectDeclined(swagger({ paths: { '/a': { post: { parameters: [{ name: 'b', in: 'body', schema: {} }, { name: 'f', in: 'formData', type: 'string' }], responses: ok } } } }), /body and formData/);
    await expectDeclined(swagger({ paths: { '/a': { post: { parameters: [{ name: 'f', in: 'formData', type: 'string' }, { name: 'b', in: 'body', schema: {} }], responses: ok } } } }), /more than one request body/);
    await expectDeclined(swagger({ paths: { '/a': { post: { parameters: [{ name: 'f', in: 'formData', type: 'array', collectionFormat: 'pipes', items: { type: 'string' } }], responses: ok } } } }), /pipes/);
    await expectDeclined(swagger({ paths: { '/a': { get: { parameters: [{ name: 'f', in: 'query', type: 'file' }], responses: ok } } } }), /file parameter/);
    await expectDeclined(swagger({ definitions: { 'Pet Item': { type: 'object' } } }), /schema name/);
    await expectDeclined(swagger({ definitions: { A: { type: ['string', 'null'] } } }), /type array/);
    await expectDeclined(swagger({ definitions: { A: { enum: ['a', null] } } }), /null array entry/);
    await expectDeclined(swagger({ definitions: { A: { $ref: '#/definitions/Missing' } } }), /\$ref/);
    await expectDeclined(swagger({ paths: { '/a': { get: {} } } }), /responses/);
    await expectDeclined(swagger({ paths: { '/a': { get: { responses: { '200': { description: 7 } } } } } }), /description/);
    await expectDeclined(swagger({ paths: { '/a': { get: { parameters: [{ name: 'q', in: 'header', type: 'array', collectionFormat: 'ssv' }], responses: ok } } } }), /ssv/);
    await expectDeclined(swagger({ host: 'h.test', schemes: ['https'], paths: { '/a': { get: { schemes: ['http'], responses: ok } } } }), /scheme/);
    await expectDeclined(swagger({ paths: { '/a': { get: { parameters: [{ name: 'q', in: 'query' }], responses: ok } } } }), /type/);
    await expectDeclined(swagger({ 'x-ms-paths': {} }), /x-ms-paths/);
    await expectDeclined(swagger({ paths: { '/a': { get: { 'x-s2o-warning': 'planted', responses: ok } } } }), /x-s2o/);
  });

  it('declines documents that reach an object twice, and falls back to swagger2openapi with its warnings', async () => {
    const document = swagger({ paths: { '/a': { get: { parameters: [{ name: 'q', in: 'header', type: 'array', collectionFormat: 'ssv' }], responses: ok } } } });
    const fallback = await swagger2ToOpenApi3(structuredClone(document), '/virtual/swagger.json', { tree: true });
    expect(fallback.diagnostics.map((d) => d.code)).toEqual(['CG_CONVERT_WARNING']);
    // Two operations sharing one parameter object: swagger2openapi's refusal stays the answer.
    const param = { name: 'q', in: 'query', type: 'string' };
    const shared = swagger({ paths: { '/a': { get: { parameters: [param], responses: ok }, put: { parameters: [param], responses: ok } } } });
    await expect(swagger2ToOpenApi3(shared, '/virtual/swagger.json')).rejects.toMatchObject({ code: 'CG_CONVERT_SWAGGER2' });
    // A shared array (a YAML alias of a list): refused the same way.
    const colours = ['red', 'green'];
    const sharedArray = swagger({ definitions: { A: { type: 'string', enum: colours }, B: { type: 'string', enum: colours } } });
    expect(convertSwagger2Directly(sharedArray)).toEqual({ declined: expect.stringMatching(/reached twice/) });
    await expect(swagger2ToOpenApi3(sharedArray, '/v.json')).rejects.toMatchObject({ code: 'CG_CONVERT_SWAGGER2' });
    const tree = swagger({ paths: { '/a': { get: { parameters: [{ ...param }], responses: ok } } } });
    expect(text((await swagger2ToOpenApi3(tree, '/v.json', { tree: true })).document)).toBe(text((await swagger2ToOpenApi3Reference(tree, '/v.json')).document));
  });
});
