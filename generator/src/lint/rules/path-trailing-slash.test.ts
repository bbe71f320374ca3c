import { describe, expect, it } from 'vitest';
import { lintDocument, lintFixture, oas30, only } from '../testing.js';

const CODE = 'CG_PATH_TRAILING_SLASH';

describe(CODE, () => {
  it('fires on each path ending with a slash', async () => {
    const found = only(CODE, await lintFixture('bad/path-trailing-slash.yaml'));
    expect(found.map((d) => d.pointer)).toEqual(['/paths/~1pets~1', '/paths/~1users~1']);
    expect(found[0]?.start).toEqual({ line: 10, column: 3 });
  });

  it('is silent on the root path and on clean paths', async () => {
    expect(only(CODE, await lintDocument(oas30({ paths: { '/': {}, '/a/{b}': {} } })))).toEqual([]);
    expect(only(CODE, await lintFixture('good/petstore-oas30.json'))).toEqual([]);
  });
});
