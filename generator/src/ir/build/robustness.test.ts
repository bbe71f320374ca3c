/** Strange but parseable documents: buildIR reports, it never throws. */
import { describe, expect, test } from 'vitest';
import { buildIR } from './document.js';

const base = { openapi: '3.0.3', info: { title: 'T', version: '1.0.0' }, servers: [{ url: 'https://x.example.com' }] };

describe('buildIR never throws on odd documents', () => {
  test.each([
    ['empty document', {}],
    ['paths is a list', { ...base, paths: [] }],
    ['path item is a string', { ...base, paths: { '/a': 'nope' } }],
    ['operation is a number', { ...base, paths: { '/a': { get: 5 } } }],
    ['parameters are strings', { ...base, paths: { '/a': { get: { parameters: ['x', null, { name: 'q' }] } } } }],
    ['responses are odd', { ...base, paths: { '/a': { get: { responses: { '200': 'ok', '99': {}, default: { content: { 'application/json': 7 } } } } } } }],
    ['schemas of every wrong shape', { ...base, components: { schemas: { A: 1, B: 'x', C: null, D: [], E: false, F: { type: 7 }, G: { properties: 3 }, H: { enum: 'x' }, I: { allOf: {} }, J: { required: 'a', properties: { a: {} } } } } }],
    ['security of every wrong shape', { ...base, security: 'x', components: { securitySchemes: { a: 1, b: { type: 'oauth2' }, c: { type: 'oauth2', flows: { clientCredentials: 3 } } } }, paths: { '/a': { get: { security: [1, { a: 'x' }] } } } }],
    ['servers of every wrong shape', { ...base, servers: [1, { url: 2 }, { url: 'https://{v}.x', variables: { v: 3 } }] }],
    ['ref loops', { ...base, paths: { '/a': { $ref: '#/paths/~1a' } }, components: { parameters: { p: { $ref: '#/components/parameters/p' } } } }],
    ['keys that are Object.prototype names', { ...base, components: { schemas: { constructor: { type: 'object', properties: { __proto__: { type: 'string' }, hasOwnProperty: { type: 'string' } } }, toString: { $ref: '#/components/schemas/constructor' } } } }],
  ])('%s', (_name, document) => {
    const ir = buildIR(document as Record<string, unknown>);
    expect(JSON.parse(JSON.stringify(ir))).toEqual(ir);
  });

  test('a schema key named __proto__ stays a schema', () => {
    const document = JSON.parse('{"openapi":"3.0.3","info":{"title":"T","version":"1"},"paths":{},"components":{"schemas":{"__proto__":{"type":"string"},"A":{"$ref":"#/components/schemas/__proto__"}}}}');
    const ir = buildIR(document);
    expect(ir.schemas.map((s) => [s.name, s.specName])).toEqual([
      ['A', 'A'],
      ['Proto', '__proto__'],
    ]);
    expect(ir.schemas[0]?.type).toEqual({ kind: 'ref', name: 'Proto' });
  });
});

describe('servers', () => {
  test('relative URLs resolve against an http source, else warn', () => {
    const document = { ...base, servers: [{ url: '/api/v3/' }] };
    expect(buildIR(document, undefined, { sourceUri: 'https://petstore.example.com/openapi.json' }).servers).toEqual([
      { url: 'https://petstore.example.com/api/v3', variables: {} },
    ]);
    const local = buildIR(document, undefined, { sourceUri: '/home/me/openapi.yaml' });
    expect(local.servers[0]?.url).toBe('/api/v3');
    expect(local.diagnostics.map((d) => d.code)).toContain('CG_RELATIVE_SERVER_URL');
  });

  test('variables without defaults, and undeclared ones, get an empty default and a warning', () => {
    const ir = buildIR({ ...base, servers: [{ url: 'https://{tenant}.example.com/{v}', variables: { v: { default: 'v1' } } }] });
    expect(ir.servers[0]?.variables).toEqual({ tenant: { default: '' }, v: { default: 'v1' } });
    expect(ir.diagnostics.map((d) => [d.code, d.pointer])).toContainEqual(['CG_SERVER_VARIABLE_NO_DEFAULT', '/servers/0/variables/tenant']);
  });
});
