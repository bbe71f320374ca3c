import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import type { ConnectorIR, ObjectType, SchemaIR, TypeNode } from '../types.js';
import { buildIR } from './document.js';

const spec = (name: string): Record<string, unknown> =>
  parse(readFileSync(new URL(`../../../../specs/features/${name}`, import.meta.url), 'utf8')) as Record<string, unknown>;

const schema = (ir: ConnectorIR, name: string): SchemaIR => {
  const found = ir.schemas.find((s) => s.name === name);
  if (found === undefined) throw new Error(`no schema ${name}`);
  return found;
};
const prop = (node: TypeNode, name: string) => (node as ObjectType).properties.find((p) => p.name === name);
const codes = (ir: ConnectorIR): string[] => ir.diagnostics.map((d) => d.code);

/** Same document with every object's keys in reverse order, except where order is meaningful. */
function shuffle(value: unknown, parentKey = ''): unknown {
  if (Array.isArray(value)) return value.map((v) => shuffle(v));
  if (typeof value !== 'object' || value === null) return value;
  const keys = Object.keys(value);
  // Property order and enum order are spec order by design; everything keyed by name is not.
  const ordered = parentKey === 'properties' ? keys : [...keys].reverse();
  return Object.fromEntries(ordered.map((k) => [k, shuffle((value as Record<string, unknown>)[k], k)]));
}

describe('buildIR: schemas (3.0)', () => {
  const ir = buildIR(spec('schemas-3.0.yaml'));

  test('objects, required, nullable, formats, additionalProperties', () => {
    const pet = schema(ir, 'Pet').type;
    expect(pet.kind).toBe('object');
    expect(prop(pet, 'id')).toMatchObject({ required: true, readOnly: true, type: { kind: 'integer', format: 'int64' } });
    expect(prop(pet, 'tag')?.type).toEqual({ kind: 'union', members: [{ kind: 'string' }, { kind: 'null' }] });
    expect(prop(pet, 'born')?.type).toEqual({ kind: 'string', format: 'date-time' });
    expect(prop(pet, 'photo')?.type).toEqual({ kind: 'binary' });
    expect(prop(pet, 'labels')?.type).toEqual({ kind: 'object', properties: [], additionalProperties: { kind: 'string' } });
    expect(prop(pet, 'extra')?.type).toEqual({ kind: 'object', properties: [], additionalProperties: true });
    expect(prop(pet, 'owner')?.type).toEqual({ kind: 'union', members: [{ kind: 'ref', name: 'Owner' }, { kind: 'null' }] });
    expect((pet as ObjectType).additionalProperties).toBe(false);
  });

  test('enums keep spec order; non-string enums become literals', () => {
    expect(schema(ir, 'PetKind').type).toEqual({ kind: 'string', enum: ['dog', 'cat', '`${process.exit(1)}`', 'line\u2028break'] });
    expect(schema(ir, 'Negatif').type).toEqual({ kind: 'number', enum: [-1, 0, 1.5] });
    expect(schema(ir, 'Flags').type).toEqual({ kind: 'union', members: [{ kind: 'literal', value: true }, { kind: 'literal', value: false }] });
  });

  test('allOf, oneOf with discriminator mapping (explicit then implicit), anyOf', () => {
    expect(schema(ir, 'Cat').type).toMatchObject({ kind: 'intersection', members: [{ kind: 'ref', name: 'Animal' }, { kind: 'object' }] });
    expect(schema(ir, 'AnyAnimal').type).toEqual({
      kind: 'union',
      members: [{ kind: 'ref', name: 'Cat' }, { kind: 'ref', name: 'Dog' }],
      discriminator: {
        propertyName: 'petType',
        mapping: [
          { value: 'kitty', type: { kind: 'ref', name: 'Cat' } },
          { value: 'Dog', type: { kind: 'ref', name: 'Dog' } },
        ],
      },
    });
    expect(schema(ir, 'Mixed').type).toEqual({ kind: 'union', members: [{ kind: 'string' }, { kind: 'integer' }] });
  });

  test('recursion goes through named refs', () => {
    expect(prop(schema(ir, 'TreeNode').type, 'children')?.type).toEqual({ kind: 'array', items: { kind: 'ref', name: 'TreeNode' } });
  });

  test('awkward schema and property names', () => {
    const names = ir.schemas.map((s) => s.name);
    expect(names).toEqual([...names].sort());
    expect(schema(ir, 'FooBarBaz').specName).toBe('FooBarBaz');
    expect(schema(ir, 'FooBarBaz2').specName).toBe('Foo.Bar-baz');
    expect(schema(ir, '_123abc').specName).toBe('123abc');
    expect(schema(ir, 'RecordType').specName).toBe('Record');
    expect(schema(ir, 'Negatif').specName).toBe('Négatif');
    const awkward = schema(ir, 'Awkward').type as ObjectType;
    expect(awkward.properties.map((p) => p.name)).toEqual(['123', '__proto__', 'a-b', 'quote"d', 'new\nline', 'constructor']);
    expect(prop(awkward, '__proto__')?.required).toBe(true);
  });

  test('unsupported constructs degrade to unknown with a warning', () => {
    expect(schema(ir, 'Nope').type).toEqual({ kind: 'unknown' });
    expect(schema(ir, 'Weird').type).toEqual({ kind: 'unknown' });
    expect(ir.diagnostics.filter((d) => d.code === 'CG_UNSUPPORTED_SCHEMA').map((d) => d.pointer)).toEqual([
      '/components/schemas/Nope/not',
      '/components/schemas/Weird/type',
    ]);
  });

  test('readOnly/writeOnly: an input variant only for schemas used in requests', () => {
    expect(schema(ir, 'Pet').inputName).toBe('PetInput');
    expect(schema(ir, 'Owner').inputName).toBeUndefined();
    expect(schema(ir, 'TreeNode').inputName).toBeUndefined();
  });
});

describe('buildIR: a discriminator on a base schema', () => {
  test('uses of the base become the union of its mapped and implicit subtypes; the subtypes extend the base itself', () => {
    const ir = buildIR(spec('discriminator-base.yaml'));
    const union = {
      kind: 'union',
      members: [{ kind: 'ref', name: 'Cat' }, { kind: 'ref', name: 'Dog' }],
      discriminator: { propertyName: 'petType', mapping: [{ value: 'kitty', type: { kind: 'ref', name: 'Cat' } }, { value: 'Dog', type: { kind: 'ref', name: 'Dog' } }] },
    };
    expect(ir.operations.find((op) => op.name === 'getPet')?.success.type).toEqual(union);
    expect(ir.operations.find((op) => op.name === 'listPets')?.success.type).toEqual({ kind: 'array', items: union });
    expect(schema(ir, 'Cat').type).toMatchObject({ kind: 'intersection', members: [{ kind: 'ref', name: 'Pet' }, { kind: 'object' }] });
    expect(schema(ir, 'Pet').type.kind).toBe('object');
  });
});

describe('buildIR: validation constraints', () => {
  test('pattern, lengths, bounds and item counts are kept, 3.0 boolean exclusive bounds in 2020-12 form', () => {
    const ir = buildIR({
      openapi: '3.0.3',
      info: { title: 't', version: '1' },
      paths: {},
      components: {
        schemas: {
          Box: {
            type: 'object',
            properties: {
              code: { type: 'string', pattern: '^[A-Z]{3}$', minLength: 3, maxLength: 3 },
              size: { type: 'integer', minimum: 1, maximum: 10, exclusiveMaximum: true, multipleOf: 2 },
              tags: { type: 'array', items: { type: 'string' }, minItems: 1, uniqueItems: true },
              plain: { type: 'number', minimum: 'not a number' },
            },
          },
        },
      },
    });
    const box = ir.schemas.find((schema) => schema.name === 'Box')?.type as ObjectType;
    const typeOf = (name: string) => box.properties.find((p) => p.name === name)?.type;
    expect(typeOf('code')).toEqual({ kind: 'string', constraints: { pattern: '^[A-Z]{3}$', minLength: 3, maxLength: 3 } });
    expect(typeOf('size')).toEqual({ kind: 'integer', constraints: { minimum: 1, exclusiveMaximum: 10, multipleOf: 2 } });
    expect(typeOf('tags')).toEqual({ kind: 'array', items: { kind: 'string' }, constraints: { minItems: 1, uniqueItems: true } });
    expect(typeOf('plain')).toEqual({ kind: 'number' });
  });
});

describe('buildIR: type alias cycles', () => {
  test('eager cycles are broken with a warning; recursion under properties is kept', () => {
    const ir = buildIR(spec('alias-cycles.yaml'));
    expect(schema(ir, 'NullableSelf').type).toEqual({ kind: 'union', members: [{ kind: 'unknown' }, { kind: 'null' }] });
    // Circle -> Shape -> Circle: cut once, where the walk in name order closes the loop (at Shape).
    expect(schema(ir, 'Circle').type).toMatchObject({ kind: 'intersection', members: [{ kind: 'ref', name: 'Shape' }, { kind: 'object' }] });
    expect(schema(ir, 'Shape').type).toMatchObject({ kind: 'union', members: [{ kind: 'unknown' }] });
    expect(ir.diagnostics.filter((d) => d.code === 'CG_CIRCULAR_ALIAS').map((d) => d.pointer)).toEqual([
      '/components/schemas/NullableSelf',
      '/components/schemas/Shape',
    ]);
  });

  test('a schema that is a $ref to itself', () => {
    const ir = buildIR({ openapi: '3.0.3', info: { title: 't', version: '1' }, paths: {}, components: { schemas: { A: { $ref: '#/components/schemas/A' } } } });
    expect(schema(ir, 'A').type).toEqual({ kind: 'unknown' });
    expect(ir.diagnostics.map((d) => d.code)).toContain('CG_CIRCULAR_ALIAS');
  });
});

describe('buildIR: 3.1', () => {
  const ir = buildIR(spec('schemas-3.1.yaml'));
  const thing = schema(ir, 'Thing').type;

  test('type arrays with null, const, examples, prefixItems, boolean schemas, contentMediaType, patternProperties', () => {
    expect(ir.info.openapi).toBe('3.1');
    expect(prop(thing, 'label')?.type).toEqual({ kind: 'union', members: [{ kind: 'string' }, { kind: 'null' }] });
    expect(prop(thing, 'size')?.type).toEqual({ kind: 'union', members: [{ kind: 'integer', enum: [1, 2] }, { kind: 'null' }] });
    expect(prop(thing, 'kind')?.type).toEqual({ kind: 'literal', value: 'thing' });
    expect(prop(thing, 'id')?.example).toBe('abc');
    expect(prop(thing, 'pair')?.type).toEqual({ kind: 'array', items: { kind: 'union', members: [{ kind: 'string' }, { kind: 'number' }] } });
    expect(prop(thing, 'anything')?.type).toEqual({ kind: 'unknown' });
    expect(prop(thing, 'blob')?.type).toEqual({ kind: 'binary' });
    expect(prop(thing, 'meta')?.type).toEqual({ kind: 'object', properties: [], additionalProperties: { kind: 'string' } });
    expect(schema(ir, 'Nullable').type).toEqual({ kind: 'union', members: [{ kind: 'ref', name: 'Thing' }, { kind: 'null' }] });
  });

  test('webhooks are not actions: they become typed events of the receiver', () => {
    expect(ir.operations.map((op) => op.name)).toEqual(['getThing']);
    expect(ir.webhooks?.length).toBeGreaterThan(0);
    expect(ir.webhooks!.every((w) => w.source === 'webhook' && w.pointer.startsWith('/webhooks/'))).toBe(true);
  });
});

describe('buildIR: operations', () => {
  test('names: operationId camelCase, reserved words, clashes, method + path fallback', () => {
    const ir = buildIR(spec('naming.yaml'));
    expect(ir.operations.map((op) => [op.method, op.path, op.name])).toEqual([
      ['GET', '/', 'getRoot'],
      ['GET', '/pets', 'listPets'],
      ['POST', '/pets', 'listPets2'],
      ['GET', '/pets/{id}', 'delete_'],
      ['PUT', '/pets/{id}', 'petsUpdateOne'],
      ['DELETE', '/pets/{id}', 'deletePetsById'],
      ['GET', '/stores/{storeId}/items/{itemId}', '_2fast'],
    ]);
    expect(codes(ir)).toContain('CG_NO_OPERATION_ID');
    expect(codes(ir)).toContain('CG_ACTION_NAME_CLASH');
    expect(ir.operations[3]?.group).toBe('pet-store');
  });

  test('groups: first tag, else the first resource segment of the path, else default', () => {
    const ok = { responses: { 200: { description: 'ok' } } };
    const ir = buildIR({
      openapi: '3.0.3',
      info: { title: 't', version: '1' },
      paths: {
        '/v1/customers/{id}': { get: { operationId: 'getCustomer', ...ok } },
        '/api/v2.1/Payment_Intents': { get: { operationId: 'listPaymentIntents', ...ok } },
        '/{tenant}': { get: { operationId: 'getTenant', ...ok } },
        '/#X-Amz-Target=Kinesis.PutRecord': { post: { operationId: 'putRecord', ...ok } },
        '/tags/{arn}#tagKeys': { delete: { operationId: 'untagResource', ...ok } },
        '/pets': { get: { operationId: 'listPets', tags: ['Pet Store'], ...ok } },
      },
    });
    expect(Object.fromEntries(ir.operations.map((op) => [op.name, op.group]))).toEqual({
      getTenant: 'default',
      putRecord: 'default',
      untagResource: 'tags',
      listPaymentIntents: 'payment-intents',
      getCustomer: 'customers',
      listPets: 'pet-store',
    });
  });

  test('a required parameter whose schema allows one value becomes a constant the runtime fills in', () => {
    const ir = buildIR({
      openapi: '3.1.0',
      info: { title: 't', version: '1' },
      paths: {
        '/': {
          post: {
            operationId: 'putRecord',
            parameters: [
              { name: 'X-Amz-Target', in: 'header', required: true, schema: { type: 'string', enum: ['Kinesis_20131202.PutRecord'] } },
              { name: 'version', in: 'query', required: true, schema: { const: 2 } },
              { name: 'mode', in: 'query', schema: { type: 'string', enum: ['fast'] } },
              { name: 'kind', in: 'query', required: true, schema: { type: 'string', enum: ['a', 'b'] } },
            ],
            responses: { 200: { description: 'ok' } },
          },
        },
      },
    });
    const constants = Object.fromEntries(ir.operations[0]!.parameters.map((p) => [p.name, p.constant]));
    expect(constants).toEqual({ 'X-Amz-Target': 'Kinesis_20131202.PutRecord', version: 2, mode: undefined, kind: undefined });
  });

  // Regression: AWS Transfer Family has an operation TestConnection, whose action shadowed the
  // connector's own testConnection() and broke the generated interface.
  test('names: actions never take the connector members testConnection and close', () => {
    const ir = buildIR({
      openapi: '3.0.3',
      info: { title: 't', version: '1' },
      paths: {
        '/test': { post: { operationId: 'TestConnection', responses: { 200: { description: 'ok' } } } },
        '/close': { post: { operationId: 'close', responses: { 200: { description: 'ok' } } } },
      },
    });
    expect(ir.operations.map((op) => op.name)).toEqual(['close2', 'testConnection2']);
  });

  test('parameters: path-level merged, keys unique across locations, body reserved, ignored headers dropped, path order', () => {
    const ir = buildIR(spec('naming.yaml'));
    const get = ir.operations.find((op) => op.name === 'delete_');
    expect(get?.parameters.map((p) => [p.in, p.name, p.key, p.required])).toEqual([
      ['path', 'id', 'id', true],
      ['query', 'body', 'queryBody', false],
      ['query', 'class', 'class_', false],
      ['query', 'id', 'queryId', false],
      ['header', 'X-Request-Id', 'xRequestId', false],
    ]);
    const nested = ir.operations.find((op) => op.name === '_2fast');
    expect(nested?.parameters.map((p) => p.name)).toEqual(['storeId', 'itemId']);
  });

  test('servers with variables; non-semver API version', () => {
    const ir = buildIR(spec('naming.yaml'));
    expect(ir.servers).toEqual([
      { url: 'https://{region}.example.com/{basePath}', variables: { basePath: { default: 'api' }, region: { default: 'eu', enum: ['eu', 'us'] } } },
    ]);
    expect(ir.info).toMatchObject({ name: 'naming-awkward-names', pascalName: 'NamingAwkwardNames', version: '0.1.0', apiVersion: 'v2-beta' });
  });

  test('operation- and path-level servers are carried on the operation, the operation\'s first', () => {
    const ok = { '200': { description: 'ok' } };
    const ir = buildIR({
      openapi: '3.0.3',
      info: { title: 'S', version: '1' },
      servers: [{ url: 'https://api.example.com/v1' }],
      paths: {
        '/files': {
          servers: [{ url: 'https://uploads.example.com/{v}', variables: { v: { default: 'v2' } } }],
          get: { operationId: 'listFiles', responses: ok },
          post: { operationId: 'upload', servers: [{ url: '/beta/' }], responses: ok },
        },
        '/plain': { get: { operationId: 'plain', responses: ok } },
      },
    });
    const byName = new Map(ir.operations.map((op) => [op.name, op.servers]));
    expect(byName.get('listFiles')).toEqual([{ url: 'https://uploads.example.com/{v}', variables: { v: { default: 'v2' } } }]);
    expect(byName.get('upload')).toEqual([{ url: '/beta', variables: {} }]);
    expect(byName.get('plain')).toBeUndefined();
    expect(codes(ir)).not.toContain('CG_OPERATION_SERVERS_IGNORED');
  });

  test('callbacks are reported at info level; relative OAuth2 URLs are kept and noted', () => {
    const ir = buildIR({
      openapi: '3.0.3',
      info: { title: 'S', version: '1' },
      servers: [{ url: 'https://api.example.com/v1' }],
      security: [{ oauth: [] }],
      paths: {
        '/subscriptions': {
          post: {
            operationId: 'subscribe',
            responses: { '201': { description: 'ok' } },
            callbacks: { onEvent: { '{$request.body#/url}': { post: { responses: { '200': { description: 'ok' } } } } } },
          },
        },
      },
      components: { securitySchemes: { oauth: { type: 'oauth2', flows: { authorizationCode: { authorizationUrl: '/authorize', tokenUrl: '/oauth/token', refreshUrl: 'oauth/refresh', scopes: {} } } } } },
    });
    // Callbacks are typed events of the connector's webhooks() receiver, like 3.1 webhooks.
    expect((ir.webhooks ?? []).map((w) => [w.name, w.source, w.pointer])).toEqual([
      ['onEvent', 'callback', '/paths/~1subscriptions/post/callbacks/onEvent/{$request.body#~1url}/post'],
    ]);
    expect(ir.auth['oauth']?.config).toMatchObject({ tokenUrl: '/oauth/token', authorizationUrl: '/authorize', refreshUrl: 'oauth/refresh' });
    expect(ir.diagnostics.filter((d) => d.code === 'CG_AUTH_RELATIVE_URL').length).toBe(3);
  });

  test('request bodies and responses by media type', () => {
    const ir = buildIR(spec('bodies.yaml'));
    const op = (name: string) => ir.operations.find((o) => o.name === name);
    expect(op('sendJson')?.requestBody).toMatchObject({ mediaType: 'application/json', encoding: 'json', required: true, mediaTypes: ['application/json', 'text/plain'] });
    expect(op('sendJson')?.responses.map((r) => [r.status, r.kind])).toEqual([['200', 'json'], ['400', 'json'], ['default', 'empty']]);
    expect(op('sendJson')?.success).toMatchObject({ status: '200', kind: 'json', mediaType: 'application/json' });
    expect(op('sendForm')?.requestBody).toMatchObject({ encoding: 'form', required: false });
    expect(op('sendForm')?.success).toMatchObject({ status: '204', kind: 'empty' });
    expect(op('upload')?.requestBody?.encoding).toBe('multipart');
    expect(op('upload')?.success).toMatchObject({ kind: 'text', type: { kind: 'string' } });
    expect(op('putRaw')?.requestBody).toMatchObject({ encoding: 'binary', type: { kind: 'binary' } });
    expect(op('putRaw')?.success).toMatchObject({ kind: 'binary', type: { kind: 'binary' } });
    expect(op('nothing')?.success).toEqual({ status: 'default', kind: 'json', type: { kind: 'unknown' } });
  });

  test('a dangling $ref is a warning, not a crash', () => {
    const ir = buildIR({
      openapi: '3.0.3',
      info: { title: 'x', version: '1' },
      paths: { '/a': { get: { parameters: [{ $ref: '#/components/parameters/Nope' }], responses: { '200': { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/Gone' } } } } } } } },
    });
    expect(codes(ir)).toEqual(expect.arrayContaining(['CG_UNRESOLVED_REF', 'CG_NO_SERVERS']));
    expect(ir.operations[0]?.success.type).toEqual({ kind: 'unknown' });
  });
});

describe('determinism', () => {
  for (const file of ['schemas-3.0.yaml', 'schemas-3.1.yaml', 'alias-cycles.yaml', 'auth.yaml', 'pagination.yaml', 'naming.yaml', 'bodies.yaml']) {
    test(`${file}: twice gives the same IR; shuffled key order too`, () => {
      const a = buildIR(spec(file));
      const b = buildIR(spec(file));
      expect(b).toEqual(a);
      expect(JSON.stringify(b)).toBe(JSON.stringify(a));
      expect(JSON.stringify(buildIR(shuffle(spec(file)) as Record<string, unknown>))).toBe(JSON.stringify(a));
    });
  }

  test('the IR is plain JSON', () => {
    const ir = buildIR(spec('schemas-3.0.yaml'));
    expect(JSON.parse(JSON.stringify(ir))).toEqual(ir);
  });
});
