import { describe, expect, it } from 'vitest';
import { formatPath, getAll, getPath, parsePath, PathSyntaxError, PathWriteError, setPath } from './index.js';

describe('parsePath', () => {
  it.each<[string, string]>([
    ['', '$'],
    ['$', '$'],
    ['meta.next_cursor', '$.meta.next_cursor'],
    ['$.meta.next_cursor', '$.meta.next_cursor'],
    ["$['@odata.nextLink']", "$['@odata.nextLink']"],
    ['$["a b"]["c.d"]', "$['a b']['c.d']"],
    ["['x']", "$.x"],
    ['[0].id', '$[0].id'],
    ['data[-1].id', '$.data[-1].id'],
    ['items[*].sku', '$.items[*].sku'],
    ['items.*', '$.items[*]'],
    ['next-page', "$['next-page']"],
    ['@count', "$['@count']"],
    ["$[ 'a' ]", '$.a'],
    ["$['it\\'s']", "$['it\\'s']"],
    ['$["\\u00e9t\\u00e9"]', "$['été']"],
    ['/data/0/id', '$.data[\'0\'].id'],
    ['/a~1b/c~0d', "$['a/b']['c~d']"],
    ['/', "$['']"],
  ])('%s reads as %s', (text, canonical) => {
    expect(formatPath(parsePath(text).segments)).toBe(canonical);
  });

  it.each<[string, number]>([
    ['a..b', 2],
    ['$..b', 2],
    ['a[', 2],
    ["a['x", 4],
    ['a[1:2]', 3],
    ['a[0,1]', 3],
    ['a[?(@.x)]', 2],
    ['$x', 1],
    ['a.', 2],
    ['/a~2', 2],
    ["a['\\q']", 4],
  ])('%s is refused at offset %i', (text, offset) => {
    const error = (() => {
      try {
        parsePath(text);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(PathSyntaxError);
    expect((error as PathSyntaxError).code).toBe('CG_PATH_SYNTAX');
    expect((error as PathSyntaxError).offset).toBe(offset);
  });

  it('flags paths that can match several values', () => {
    expect(parsePath('a[*].b').multiple).toBe(true);
    expect(parsePath('a[0].b').multiple).toBe(false);
  });
});

describe('getPath', () => {
  const odata = { '@odata.nextLink': 'https://graph/next', value: [{ id: 'a' }, { id: 'b' }], 'a.b': { 'c d': 1 } };

  it.each<[unknown, string, unknown]>([
    [{ meta: { next: 'c2' } }, '$.meta.next', 'c2'],
    [{ meta: { next: 'c2' } }, 'meta.next', 'c2'],
    [{ links: [{ href: 'u' }] }, 'links[0].href', 'u'],
    [{ a: null }, 'a.b', undefined],
    [[1, 2], '$', [1, 2]],
    [{ data: [{ id: 'a' }, { id: 'b' }] }, 'data[-1].id', 'b'],
    [[{ id: 'a' }], '$[-1].id', 'a'],
    [{ data: [] }, 'data[-1].id', undefined],
    [odata, "$['@odata.nextLink']", 'https://graph/next'],
    [odata, "$['a.b']['c d']", 1],
    [odata, '/a.b/c d', 1],
    [odata, '/value/1/id', 'b'],
    [odata, 'value.0.id', 'a'],
    [odata, 'value[5].id', undefined],
    [{ a: 1 }, 'constructor', undefined],
    [{ a: 1 }, 'a.toString', undefined],
    [{ items: [{ sku: 'x' }, { sku: 'y' }, {}] }, 'items[*].sku', ['x', 'y']],
    [{ m: { a: 1, b: 2 } }, 'm.*', [1, 2]],
    [{}, 'items[*].sku', []],
  ])('%j at %s', (value, path, expected) => {
    expect(getPath(value, path)).toEqual(expected);
  });

  it('returns the whole value for no path', () => {
    expect(getPath({ a: 1 }, undefined)).toEqual({ a: 1 });
  });

  it('getAll lists one match for a singular path and none for a missing one', () => {
    expect(getAll({ a: { b: 0 } }, 'a.b')).toEqual([0]);
    expect(getAll({ a: {} }, 'a.b')).toEqual([]);
  });

  it('throws the syntax error for a bad path instead of reading nothing', () => {
    expect(() => getPath({}, 'a..b')).toThrow(PathSyntaxError);
  });
});

describe('setPath', () => {
  it('creates objects for names and arrays for indexes', () => {
    const t: Record<string, unknown> = {};
    setPath(t, 'customer.name.first', 'Ada');
    setPath(t, 'tags[0]', 'x');
    setPath(t, "$['@type']", 'person');
    setPath(t, '/phones/0/number', '+1');
    expect(t).toEqual({ customer: { name: { first: 'Ada' } }, tags: ['x'], '@type': 'person', phones: { 0: { number: '+1' } } });
  });

  it('spreads an array over a wildcard', () => {
    const t: Record<string, unknown> = {};
    setPath(t, 'lines[*].sku', ['a', 'b']);
    setPath(t, 'lines[*].qty', [1, 2]);
    expect(t).toEqual({ lines: [{ sku: 'a', qty: 1 }, { sku: 'b', qty: 2 }] });
  });

  it('writes into existing arrays by negative index', () => {
    const t = { items: [{ id: 1 }, { id: 2 }] };
    setPath(t, 'items[-1].last', true);
    expect(t.items[1]).toEqual({ id: 2, last: true });
  });

  it.each<[string, unknown, string]>([
    ['__proto__.polluted', 1, '"__proto__" cannot be written'],
    ['a.constructor.prototype.x', 1, '"constructor" cannot be written'],
    ['s.x', 1, 's already holds a string'],
    ['a[*].b[*]', [1], 'one wildcard'],
    ['list[*]', 'not-an-array', 'spreads an array'],
    ['arr.name', 1, 'is an array'],
    ['$', 1, 'root'],
  ])('refuses %s', (path, value, message) => {
    const t: Record<string, unknown> = { s: 'text', arr: [] };
    expect(() => setPath(t, path, value)).toThrow(PathWriteError);
    expect(() => setPath(t, path, value)).toThrow(message);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});
