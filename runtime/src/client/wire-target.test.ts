/**
 * The fast path of wire-target.ts must put on the wire exactly what `new URL()` would: every case
 * here is compared with the parser's own answer, and the ones the fast path must not take are named.
 */
import { describe, expect, it } from 'vitest';
import { wireBase, wireTarget } from './wire-target.js';

const viaUrl = (baseUrl: string, path: string, query: string) => {
  const url = new URL(`${baseUrl}${path}${query ? `?${query}` : ''}`);
  return { origin: url.origin, path: `${url.pathname}${url.search}` };
};

describe('wireTarget', () => {
  const cases: Array<[string, string, string]> = [
    ['http://127.0.0.1:8080', '/items/42', ''],
    ['http://127.0.0.1:8080', '/items/42', 'fields=id,name&limit=10'],
    ['https://api.example.com/v2', '/users/a%20b', 'q=x%26y'],
    ['https://api.example.com/v2', '/v1/{name}:cancel', ''],
    ['https://api.example.com', '/items/it\'s', "note=it's"],
    ['https://api.example.com', '/a b/c', 'q=a b'],
    ['https://api.example.com', '/caf\u00e9', 'q=\u00fc'],
    ['https://api.example.com/base', '/items/..', ''],
    ['https://api.example.com/base', '/items/./x', ''],
    ['https://api.example.com/base', '/items/%2e%2E/x', ''],
    ['https://api.example.com/base', '/items/.x/..y', 'a=..'],
    ['https://api.example.com', '/p', 'tags=a|b&deep[x]=1&path=/a/b?c'],
    ['https://api.example.com', '/p', 'q="quoted"&r=<tag>'],
    ['https://api.example.com', '/p\\q', ''],
    ['https://api.example.com', '/p', 'pct=%zz'],
    ['https://api.example.com', '', ''],
    ['https://user:secret@api.example.com/v1', '/items', 'a=1'],
    ['http://[::1]:3000/api', '/items', 'a=1'],
  ];

  it.each(cases)('%s + %s ? %s goes where new URL() says', (baseUrl, path, query) => {
    const base = wireBase(baseUrl, new URL(baseUrl).origin);
    expect(wireTarget(base, path, query)).toEqual(viaUrl(baseUrl, path, query));
  });

  it('takes the text as is for a canonical path and query, without a user-info base', () => {
    const base = wireBase('https://api.example.com/v2', 'https://api.example.com');
    expect(wireTarget(base, '/items/7', 'a=1')).toEqual({ origin: 'https://api.example.com', path: '/v2/items/7?a=1' });
    expect(wireBase('https://u:p@api.example.com', 'https://api.example.com').origin).toBeUndefined();
  });
});
