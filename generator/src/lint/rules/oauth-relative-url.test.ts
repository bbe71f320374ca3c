import { describe, expect, it } from 'vitest';
import { lintFixture, only } from '../testing.js';

const CODE = 'CG_AUTH_RELATIVE_URL';

describe(CODE, () => {
  it('reports every relative flow URL at info level, and no absolute one', async () => {
    const found = only(CODE, await lintFixture('bad/oauth-relative-url.yaml'));
    expect(found.map((d) => [d.severity, d.pointer])).toEqual([
      ['info', '/components/securitySchemes/oauth/flows/clientCredentials/tokenUrl'],
      ['info', '/components/securitySchemes/oauth/flows/authorizationCode/tokenUrl'],
      ['info', '/components/securitySchemes/oauth/flows/authorizationCode/refreshUrl'],
    ]);
  });

  it('is silent on absolute URLs', async () => {
    expect(only(CODE, await lintFixture('good/petstore-oas30.json'))).toEqual([]);
  });
});
