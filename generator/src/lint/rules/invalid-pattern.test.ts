import { describe, expect, it } from 'vitest';
import { lintDocument, lintFixture, oas30, only, swagger2 } from '../testing.js';

const CODE = 'CG_INVALID_PATTERN';

describe(CODE, () => {
  it('fires with the RegExp error, as error when invalid and warn when only the u flag rejects it', async () => {
    const found = only(CODE, await lintFixture('bad/invalid-pattern.json'));
    expect(found.map((d) => [d.pointer, d.severity])).toEqual([
      ['/paths/~1codes/get/parameters/0/schema/pattern', 'error'],
      ['/components/schemas/Slug/pattern', 'warn'],
      ['/components/schemas/Count/pattern', 'error'],
    ]);
    expect(found[0]?.message).toContain('Unterminated character class');
    expect(found[2]?.message).toContain('numbers out of order');
    expect(found[0]?.start?.line).toBe(10);
  });

  it('checks Swagger 2.0 parameters and patternProperties keys', async () => {
    const doc = swagger2({
      parameters: { q: { name: 'q', in: 'query', type: 'string', pattern: '(' } },
      definitions: { M: { type: 'object', patternProperties: { '[': { type: 'string' } } } },
    });
    expect(only(CODE, await lintDocument(doc)).map((d) => d.pointer)).toEqual(['/parameters/q/pattern', '/definitions/M/patternProperties/[']);
  });

  it('is silent on valid patterns, unicode property escapes included', async () => {
    expect(only(CODE, await lintFixture('good/petstore-oas30.json'))).toEqual([]);
    expect(only(CODE, await lintDocument(oas30({ components: { schemas: { s: { type: 'string', pattern: '^[\\w.-]+@\\p{L}+$' } } } })))).toEqual([]);
  });
});
