import { describe, expect, it } from 'vitest';
import { lintDocument, lintFixture, oas30, only } from '../testing.js';

const CODE = 'CG_NO_SERVER';

describe(CODE, () => {
  it('fires on OAS 3 without servers and Swagger 2.0 without host', async () => {
    expect(only(CODE, await lintFixture('bad/no-server.yaml'))).toMatchObject([{ pointer: '' }]);
    expect(only(CODE, await lintFixture('bad/no-server-swagger2.yaml'))).toHaveLength(1);
  });

  it('fires when every server URL is relative', async () => {
    const found = only(CODE, await lintDocument(oas30({ servers: [{ url: '/v1' }] })));
    expect(found).toMatchObject([{ pointer: '/servers' }]);
    expect(found[0]?.message).toContain('/v1');
  });

  it('is silent with an absolute or templated server URL, or a host', async () => {
    expect(only(CODE, await lintFixture('good/webhooks-oas31.yaml'))).toEqual([]);
    expect(only(CODE, await lintFixture('good/petstore-swagger2.yaml'))).toEqual([]);
    expect(only(CODE, await lintDocument(oas30({ servers: [{ url: '{base}/v1', variables: { base: { default: 'https://x.org' } } }] })))).toEqual([]);
  });
});
