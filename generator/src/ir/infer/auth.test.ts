import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { buildIR } from '../build/document.js';
import { inferAuth } from './auth.js';

const fixture = (): Record<string, unknown> =>
  parse(readFileSync(new URL('../../../../specs/features/auth.yaml', import.meta.url), 'utf8')) as Record<string, unknown>;

describe('inferAuth', () => {
  test.each([
    [{ type: 'apiKey', in: 'header', name: 'X-API-Key' }, { type: 'apiKey', in: 'header', name: 'X-API-Key' }],
    [{ type: 'apiKey', in: 'query', name: 'api_key' }, { type: 'apiKey', in: 'query', name: 'api_key' }],
    [{ type: 'apiKey', in: 'cookie', name: 'sid' }, { type: 'apiKey', in: 'cookie', name: 'sid' }],
    [{ type: 'http', scheme: 'basic' }, { type: 'basic' }],
    [{ type: 'http', scheme: 'Bearer' }, { type: 'bearer' }],
    [
      { type: 'oauth2', flows: { clientCredentials: { tokenUrl: 'https://t', scopes: {} } } },
      { type: 'oauth2', grant: 'client_credentials', tokenUrl: 'https://t' },
    ],
    [
      {
        type: 'oauth2',
        flows: {
          clientCredentials: { tokenUrl: 'https://t', scopes: {} },
          authorizationCode: { tokenUrl: 'https://t', authorizationUrl: 'https://a', scopes: {} },
        },
      },
      { type: 'oauth2', grant: 'authorization_code', tokenUrl: 'https://t', authorizationUrl: 'https://a' },
    ],
  ])('%j', (scheme, expected) => {
    const result = inferAuth(scheme);
    expect(result.config).toEqual(expected);
    expect(result.findings).toEqual([]);
  });

  test.each([
    [{ type: 'oauth2', flows: { implicit: { authorizationUrl: 'https://a', scopes: {} } } }, 'CG_AUTH_BEST_EFFORT'],
    [{ type: 'oauth2', flows: { password: { tokenUrl: 'https://t', scopes: {} } } }, 'CG_AUTH_BEST_EFFORT'],
    [{ type: 'openIdConnect', openIdConnectUrl: 'https://x/.well-known/openid-configuration' }, 'CG_AUTH_OIDC'],
    [{ type: 'oauth2', flows: { clientCredentials: { scopes: {} } } }, 'CG_AUTH_NO_TOKEN_URL'],
  ])('best effort with a warning: %j', (scheme, code) => {
    const result = inferAuth(scheme);
    expect(result.config?.type).toBe('oauth2');
    expect(result.findings.map((f) => f.code)).toEqual([code]);
  });

  test.each([[{ type: 'http', scheme: 'digest' }], [{ type: 'mutualTLS' }], [{ type: 'apiKey', in: 'body', name: 'k' }], [{}]])(
    'unsupported: %j',
    (scheme) => {
      const result = inferAuth(scheme);
      expect(result.config).toBeUndefined();
      expect(result.findings.map((f) => f.code)).toEqual(['CG_UNSUPPORTED_AUTH']);
    },
  );

  test('scopes are the ones asked for', () => {
    const scheme = { type: 'oauth2', flows: { clientCredentials: { tokenUrl: 'https://t', scopes: { a: '', b: '' } } } };
    expect(inferAuth(scheme, ['b'])).toMatchObject({ config: { scopes: ['b'] } });
  });
});

describe('auth in the IR', () => {
  const ir = buildIR(fixture());

  test('default scheme (root security) first, then by name; unsupported schemes left out', () => {
    expect(Object.keys(ir.auth)).toEqual([
      'bearerAuth',
      'apiKeyCookie',
      'apiKeyHeader',
      'apiKeyQuery',
      'basicAuth',
      'oauthClient',
      'oauthCode',
      'oauthImplicit',
      'oauthPassword',
      'oidc',
    ]);
    expect(ir.security).toEqual(['bearerAuth']);
    expect(ir.auth['oauthCode']?.config).toMatchObject({ scopes: ['admin', 'read'] });
  });

  test('operation security: absent = default, [] = public, OR list kept, AND kept as a list with a note', () => {
    const security = Object.fromEntries(ir.operations.map((op) => [op.name, op.security]));
    expect(security).toEqual({ getAdmin: ['oauthCode', 'apiKeyHeader'], getBoth: [['apiKeyCookie', 'apiKeyQuery']], getMe: undefined, getPublic: [] });
    expect(ir.diagnostics.map((d) => d.code)).toEqual(
      expect.arrayContaining(['CG_AUTH_COMBINED', 'CG_UNSUPPORTED_AUTH', 'CG_AUTH_OIDC', 'CG_AUTH_BEST_EFFORT']),
    );
  });

  test('connector.yaml auth merges over the scheme it replaces', () => {
    const configured = buildIR(fixture(), { auth: { type: 'oauth2', scheme: 'oauthCode', clientAuth: 'body' } });
    expect(configured.auth).toEqual({
      oauthCode: {
        config: {
          type: 'oauth2',
          grant: 'authorization_code',
          tokenUrl: 'https://auth.example.com/token',
          authorizationUrl: 'https://auth.example.com/authorize',
          scopes: ['admin', 'read'],
          clientAuth: 'body',
        },
        source: 'config',
        pointer: '/components/securitySchemes/oauthCode',
      },
    });
    expect(configured.security).toEqual(['oauthCode']);
    expect(configured.operations.map((op) => op.security)).toEqual([undefined, undefined, undefined, []]);
  });

  test('auth: none makes the connector public', () => {
    const configured = buildIR(fixture(), { auth: { type: 'none' } });
    expect(configured.auth).toEqual({});
    expect(configured.security).toEqual([]);
  });
});
