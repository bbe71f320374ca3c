/**
 * OAS 3.1 §4.8.12.4 "Style Examples": the spec's table, row by row, with
 * color = "blue" | ["blue","black","brown"] | { R: 100, G: 200, B: 150 }.
 */
import { describe, expect, it } from 'vitest';
import type { ParameterStyle } from '../../definition.js';
import { serializeCookieParam, serializeHeaderParam } from './header-cookie.js';
import { serializePathParam } from './path.js';
import { serializeQueryParam } from './query.js';
import { compileParameters } from './request.js';

const string = 'blue';
const array = ['blue', 'black', 'brown'];
const object = { R: 100, G: 200, B: 150 };

type Row = [style: ParameterStyle, explode: boolean, empty: string | null, str: string | null, arr: string | null, obj: string | null];

const pathRows: Row[] = [
  ['matrix', false, ';color', ';color=blue', ';color=blue,black,brown', ';color=R,100,G,200,B,150'],
  ['matrix', true, ';color', ';color=blue', ';color=blue;color=black;color=brown', ';R=100;G=200;B=150'],
  ['label', false, '.', '.blue', '.blue,black,brown', '.R,100,G,200,B,150'],
  ['label', true, '.', '.blue', '.blue.black.brown', '.R=100.G=200.B=150'],
  ['simple', false, '', 'blue', 'blue,black,brown', 'R,100,G,200,B,150'],
  ['simple', true, '', 'blue', 'blue,black,brown', 'R=100,G=200,B=150'],
];

const queryRows: Row[] = [
  ['form', false, 'color=', 'color=blue', 'color=blue,black,brown', 'color=R,100,G,200,B,150'],
  ['form', true, 'color=', 'color=blue', 'color=blue&color=black&color=brown', 'R=100&G=200&B=150'],
  ['spaceDelimited', false, null, null, 'color=blue%20black%20brown', 'color=R%20100%20G%20200%20B%20150'],
  ['pipeDelimited', false, null, null, 'color=blue|black|brown', 'color=R|100|G|200|B|150'],
  ['deepObject', true, null, null, null, 'color[R]=100&color[G]=200&color[B]=150'],
];

describe('path parameters (style examples table)', () => {
  it.each(pathRows)('%s explode=%s', (style, explode, empty, str, arr, obj) => {
    expect(serializePathParam('color', '', style, explode)).toBe(empty);
    expect(serializePathParam('color', string, style, explode)).toBe(str);
    expect(serializePathParam('color', array, style, explode)).toBe(arr);
    expect(serializePathParam('color', object, style, explode)).toBe(obj);
  });

  it('percent-encodes reserved characters in values', () => {
    expect(serializePathParam('id', 'a/b c?', 'simple')).toBe('a%2Fb%20c%3F');
  });
});

describe('query parameters (style examples table)', () => {
  it.each(queryRows)('%s explode=%s', (style, explode, empty, str, arr, obj) => {
    if (empty !== null) expect(serializeQueryParam('color', '', style, explode)).toBe(empty);
    if (str !== null) expect(serializeQueryParam('color', string, style, explode)).toBe(str);
    if (arr !== null) expect(serializeQueryParam('color', array, style, explode)).toBe(arr);
    if (obj !== null) expect(serializeQueryParam('color', object, style, explode)).toBe(obj);
  });

  it('defaults to form with explode', () => {
    expect(serializeQueryParam('color', array)).toBe('color=blue&color=black&color=brown');
  });

  it('omits undefined and null', () => {
    expect(serializeQueryParam('color', undefined)).toBe('');
    expect(serializeQueryParam('color', null)).toBe('');
  });

  it('encodes reserved characters unless allowReserved', () => {
    expect(serializeQueryParam('q', 'a/b?c&d=e f', 'form', true)).toBe('q=a%2Fb%3Fc%26d%3De%20f');
    expect(serializeQueryParam('q', 'a/b?c:d@e', 'form', true, true)).toBe('q=a/b?c:d@e');
    // '#' would end the query string, so it stays encoded even with allowReserved.
    expect(serializeQueryParam('q', 'a#b', 'form', true, true)).toBe('q=a%23b');
  });

  it('serializes dates, booleans and numbers as text', () => {
    expect(serializeQueryParam('since', new Date('2024-01-02T03:04:05.000Z'))).toBe('since=2024-01-02T03%3A04%3A05.000Z');
    expect(serializeQueryParam('b', false)).toBe('b=false');
    expect(serializeQueryParam('n', 0)).toBe('n=0');
  });

  it('nests deepObject with brackets', () => {
    expect(serializeQueryParam('filter', { a: { b: 1 }, tags: ['x', 'y'] }, 'deepObject', true)).toBe(
      'filter[a][b]=1&filter[tags]=x&filter[tags]=y',
    );
  });
});

describe('header and cookie parameters', () => {
  it('header simple', () => {
    expect(serializeHeaderParam('X-Color', string)).toBe('blue');
    expect(serializeHeaderParam('X-Color', array)).toBe('blue,black,brown');
    expect(serializeHeaderParam('X-Color', object, false)).toBe('R,100,G,200,B,150');
    expect(serializeHeaderParam('X-Color', object, true)).toBe('R=100,G=200,B=150');
    expect(serializeHeaderParam('X-Color', undefined)).toBeUndefined();
  });

  it('refuses header values with line breaks', () => {
    expect(() => serializeHeaderParam('X-Evil', 'a\r\nInjected: 1')).toThrow(/line break/);
  });

  it('cookie form', () => {
    expect(serializeCookieParam('color', string)).toBe('color=blue');
    expect(serializeCookieParam('color', array, false)).toBe('color=blue,black,brown');
    expect(serializeCookieParam('color', array, true)).toBe('color=blue; color=black; color=brown');
    expect(serializeCookieParam('color', object, true)).toBe('R=100; G=200; B=150');
  });
});

describe('compileParameters', () => {
  const serialize = compileParameters({
    id: 'thingGet',
    method: 'GET',
    path: '/things/{id}{coords}/items',
    response: 'json',
    parameters: [
      { name: 'id', key: 'id', in: 'path', required: true },
      { name: 'coords', key: 'coords', in: 'path', style: 'matrix', explode: true },
      { name: 'tag', key: 'tag', in: 'query' },
      { name: 'ids', key: 'ids', in: 'query', explode: false },
      { name: 'X-Trace', key: 'trace', in: 'header' },
      { name: 'session', key: 'session', in: 'cookie' },
      { name: 'theme', key: 'theme', in: 'cookie' },
      { name: 'class', key: 'class_', in: 'query' },
    ],
  });

  it('puts each parameter where it belongs', () => {
    const out = serialize({ id: 'a b', coords: { x: 1, y: 2 }, tag: ['p', 'q'], ids: [1, 2], trace: 't1', session: 's', theme: 'dark', class_: 'c' });
    expect(out.path).toBe('/things/a%20b;x=1;y=2/items');
    expect(out.query).toBe('tag=p&tag=q&ids=1,2&class=c');
    expect(out.headers).toEqual({ 'x-trace': 't1', cookie: 'session=s; theme=dark' });
  });

  it('throws a coded error for a missing path parameter', () => {
    expect(() => serialize({ coords: {} })).toThrow(expect.objectContaining({ code: 'CG_CONFIG' }));
  });
});

describe('spec-given constants', () => {
  const serialize = compileParameters({
    id: 'putRecord',
    method: 'POST',
    path: '/{region}/records',
    parameters: [
      { name: 'region', key: 'region', in: 'path', required: true, constant: 'eu' },
      { name: 'X-Amz-Target', key: 'xAmzTarget', in: 'header', required: true, constant: 'Kinesis_20131202.PutRecord' },
      { name: 'version', key: 'version', in: 'query', required: true, constant: 2 },
    ],
    response: 'json',
  });

  it('are sent when the input leaves them out', () => {
    expect(serialize({})).toEqual({ path: '/eu/records', query: 'version=2', headers: { 'x-amz-target': 'Kinesis_20131202.PutRecord' } });
  });

  it('give way to a value the caller passes', () => {
    expect(serialize({ region: 'us', version: 3 })).toMatchObject({ path: '/us/records', query: 'version=3' });
  });
});
