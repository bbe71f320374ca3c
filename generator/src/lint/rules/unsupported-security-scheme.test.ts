import { describe, expect, it } from 'vitest';
import { lintDocument, lintFixture, only, swagger2 } from '../testing.js';

const CODE = 'CG_UNSUPPORTED_SECURITY_SCHEME';

describe(CODE, () => {
  it('fires on mutual TLS, HTTP digest and an implicit-only OAuth2 scheme', async () => {
    const found = only(CODE, await lintFixture('bad/unsupported-security-scheme.yaml'));
    expect(found.map((d) => d.pointer)).toEqual([
      '/components/securitySchemes/mtls',
      '/components/securitySchemes/digest',
      '/components/securitySchemes/implicitOnly',
    ]);
  });

  it('fires on Swagger 2.0 password flow and cookie API keys, not on basic or header keys', async () => {
    const doc = swagger2({
      securityDefinitions: {
        password: { type: 'oauth2', flow: 'password', tokenUrl: 'https://x.org/token', scopes: {} },
        cookie: { type: 'apiKey', in: 'cookie', name: 'sid' },
        basic: { type: 'basic' },
        key: { type: 'apiKey', in: 'header', name: 'X-Key' },
        app: { type: 'oauth2', flow: 'application', tokenUrl: 'https://x.org/token', scopes: {} },
      },
    });
    expect(only(CODE, await lintDocument(doc)).map((d) => d.pointer)).toEqual(['/securityDefinitions/password', '/securityDefinitions/cookie']);
  });

  it('is silent on bearer, basic, API keys and client-credentials OAuth2', async () => {
    expect(only(CODE, await lintFixture('good/petstore-oas30.json'))).toEqual([]);
    expect(only(CODE, await lintFixture('good/webhooks-oas31.yaml'))).toEqual([]);
  });
});
