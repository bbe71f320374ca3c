import { describe, expect, it } from 'vitest';
import type { ConnectorDefinition } from '../definition.js';
import { resolveBaseUrl } from './base-url.js';
import { withQuery } from './query.js';

describe('withQuery', () => {
  it('replaces only the named parameters and keeps the others byte for byte', () => {
    const url = new URL('http://h/x?tags=a,b&q=a%20b&offset=10&filter[kind]=cat');
    expect(withQuery(url, { offset: '20' }).search).toBe('?tags=a,b&q=a%20b&filter[kind]=cat&offset=20');
  });

  it('onlyIfAbsent leaves a value the caller set', () => {
    expect(withQuery(new URL('http://h/x?limit=5'), { limit: '100' }, true).search).toBe('?limit=5');
    expect(withQuery(new URL('http://h/x'), { limit: '100' }, true).search).toBe('?limit=100');
  });

  it('encodes what it adds', () => {
    expect(withQuery(new URL('http://h/x'), { cursor: 'a b/c=' }).search).toBe('?cursor=a%20b%2Fc%3D');
  });
});

describe('resolveBaseUrl', () => {
  const def = (url: string, variables?: ConnectorDefinition['servers'][number]['variables']): ConnectorDefinition => ({
    name: 'd',
    version: '1',
    servers: [{ url, ...(variables ? { variables } : {}) }],
    auth: {},
  });

  it.each<[ConnectorDefinition, Record<string, string> | undefined, string | undefined, string]>([
    [def('https://api.x.com/v2/'), undefined, undefined, 'https://api.x.com/v2'],
    [def('https://{sub}.x.com/{ver}', { sub: { default: 'eu' }, ver: { default: 'v1' } }), { sub: 'us' }, undefined, 'https://us.x.com/v1'],
    [def('https://api.x.com'), undefined, 'http://127.0.0.1:8080/base/', 'http://127.0.0.1:8080/base'],
  ])('%#', (definition, serverVariables, baseUrl, expected) => {
    const url = resolveBaseUrl(definition, { ...(serverVariables ? { serverVariables } : {}), ...(baseUrl ? { baseUrl } : {}) });
    expect(url.toString().replace(/\/$/, '')).toBe(expected);
  });

  it.each([
    [def('/relative'), {}],
    [def('ftp://x'), {}],
    [def('https://{missing}.x.com'), {}],
    [{ ...def('x'), servers: [] }, {}],
  ])('rejects %#', (definition, options) => {
    expect(() => resolveBaseUrl(definition, options)).toThrow(expect.objectContaining({ code: 'CG_CONFIG' }));
  });
});
