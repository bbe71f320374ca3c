import { describe, expect, it } from 'vitest';
import { lintDocument, lintFixture, oas30, only } from '../testing.js';

const CODE = 'CG_REQUIRED_NOT_IN_PROPERTIES';

describe(CODE, () => {
  it('fires on a required name with no property (Swagger 2.0)', async () => {
    const found = only(CODE, await lintFixture('bad/required-not-in-properties.yaml'));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ pointer: '/definitions/Pet/required', start: { line: 12 } });
    expect(found[0]?.message).toContain('"nmae"');
  });

  it('looks through allOf members, their $refs and allOf siblings', async () => {
    const schemas = {
      Base: { type: 'object', properties: { id: { type: 'string' } } },
      Both: { allOf: [{ $ref: '#/components/schemas/Base' }, { type: 'object', required: ['id', 'extra'], properties: { extra: { type: 'string' } } }] },
      Bad: { allOf: [{ $ref: '#/components/schemas/Base' }], required: ['id', 'nope'] },
    };
    const found = only(CODE, await lintDocument(oas30({ components: { schemas } })));
    expect(found.map((d) => d.pointer)).toEqual(['/components/schemas/Bad/required']);
  });

  it('is silent on good documents and on anyOf branches that only list required names', async () => {
    expect(only(CODE, await lintFixture('good/petstore-oas30.json'))).toEqual([]);
    const schema = { type: 'object', properties: { a: {}, b: {} }, anyOf: [{ required: ['a'] }, { required: ['b'] }] };
    expect(only(CODE, await lintDocument(oas30({ components: { schemas: { S: schema } } })))).toEqual([]);
    // GitHub's check-runs PATCH body: a branch with its own properties requiring the parent's.
    const branch = { type: 'object', properties: { status: {}, conclusion: {} }, anyOf: [{ properties: { status: { enum: ['completed'] } }, required: ['conclusion'] }] };
    expect(only(CODE, await lintDocument(oas30({ components: { schemas: { S: branch } } })))).toEqual([]);
  });
});
