import { describe, expect, it } from 'vitest';
import { lintDocument, lintFixture, oas30, only, swagger2 } from '../testing.js';

const CODE = 'CG_REF_CYCLE';

describe(CODE, () => {
  it('fires once per cycle: A -> B -> A and C -> C, not on recursion through properties', async () => {
    const found = only(CODE, await lintFixture('bad/ref-cycle.yaml'));
    expect(found.map((d) => d.pointer)).toEqual(['/components/schemas/A/$ref', '/components/schemas/C/$ref']);
    expect(found[0]?.message).toContain('#/components/schemas/A -> #/components/schemas/B -> #/components/schemas/A');
  });

  it('fires on Swagger 2.0 definitions and on parameters that refer to themselves', async () => {
    const doc = swagger2({ definitions: { X: { $ref: '#/definitions/X' } }, parameters: { p: { $ref: '#/parameters/p' } } });
    expect(only(CODE, await lintDocument(doc)).map((d) => d.pointer)).toEqual(['/definitions/X/$ref', '/parameters/p/$ref']);
  });

  it('is silent on chains that end in a schema, and on recursive schemas', async () => {
    const doc = oas30({ components: { schemas: { A: { $ref: '#/components/schemas/B' }, B: { type: 'object', properties: { a: { $ref: '#/components/schemas/A' } } } } } });
    expect(only(CODE, await lintDocument(doc))).toEqual([]);
    expect(only(CODE, await lintFixture('good/petstore-swagger2.yaml'))).toEqual([]);
  });
});
