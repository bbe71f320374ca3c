import { describe, expect, it } from 'vitest';
import { lintDocument, lintFixture, only, swagger2 } from '../testing.js';

const CODE = 'CG_NO_INFO_DESCRIPTION';

describe(CODE, () => {
  it('fires when info has no description', async () => {
    const found = only(CODE, await lintFixture('bad/no-info-description.yaml'));
    expect(found).toMatchObject([{ pointer: '/info', severity: 'warn', start: { line: 3, column: 1 } }]);
  });

  it('fires on an empty description in Swagger 2.0', async () => {
    expect(only(CODE, await lintDocument(swagger2({ info: { title: 'T', version: '1', description: ' ' } })))).toHaveLength(1);
  });

  it('is silent when there is one', async () => {
    expect(only(CODE, await lintFixture('good/petstore-swagger2.yaml'))).toEqual([]);
  });
});
