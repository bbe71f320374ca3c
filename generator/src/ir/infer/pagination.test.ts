import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { buildIR } from '../build/document.js';

const fixture = (): Record<string, unknown> =>
  parse(readFileSync(new URL('../../../../specs/features/pagination.yaml', import.meta.url), 'utf8')) as Record<string, unknown>;

const item = { kind: 'ref', name: 'Item' };

describe('pagination inference', () => {
  const ir = buildIR(fixture());
  const op = (name: string) => ir.operations.find((o) => o.name === name);

  test.each([
    ['listByOffset', { type: 'offset', offsetParam: 'offset', resultsKey: 'results', pageSizeParam: 'limit', defaultPageSize: 50 }],
    ['listFromOne', { type: 'offset', offsetParam: 'startIndex', firstOffset: 1, resultsKey: 'Resources', pageSizeParam: 'count' }],
    ['listByPage', { type: 'page', pageParam: 'page', firstPage: 0, pageSizeParam: 'per_page' }],
    ['listByCursor', { type: 'cursor', cursorParam: 'cursor', nextCursorPath: 'meta.next_cursor', resultsKey: 'data', pageSizeParam: 'page_size' }],
    ['listByToken', { type: 'cursor', cursorParam: 'pageToken', nextCursorPath: 'nextPageToken', resultsKey: 'items' }],
    ['listByLinkHeader', { type: 'link', rel: 'next', pageSizeParam: 'per_page' }],
    ['listByNextUrl', { type: 'link', nextUrlPath: 'links.next', resultsKey: 'data', pageSizeParam: 'limit' }],
    ['listAfterCursor', { type: 'link', rel: 'next', pageSizeParam: 'per_page' }],
    ['searchByPageToken', { type: 'cursor', cursorParam: 'page', nextCursorPath: 'next_page', resultsKey: 'data' }],
    ['listOData', { type: 'link', nextUrlPath: "$['@odata.nextLink']", resultsKey: 'value', pageSizeParam: '$top' }],
    ['listAfterLastItem', { type: 'cursor', cursorParam: 'starting_after', nextCursorPath: 'data[-1].id', resultsKey: 'data', pageSizeParam: 'limit' }],
  ])('%s', (name, config) => {
    expect(op(name)?.pagination).toEqual({ config, itemType: item, source: 'inferred' });
  });

  test('not paginated: a single object, a POST, a list without paging parameters, a date filter, an object holding an array', () => {
    expect(op('getSingle')?.pagination).toBeUndefined();
    expect(op('listAfterDate')?.pagination).toBeUndefined();
    expect(op('getHolder')?.pagination).toBeUndefined();
    expect(op('searchItems')?.pagination).toBeUndefined();
    expect(op('listPlain')?.pagination).toBeUndefined();
  });
});

describe('pagination from connector.yaml', () => {
  test('per-action override, including turning it off and paginating by hand', () => {
    const ir = buildIR(fixture(), {
      actions: {
        overrides: {
          listByOffset: { pagination: { type: 'none' } },
          listPlain: { pagination: { type: 'link', rel: 'next' } },
          'GET /single': { pagination: { type: 'page', pageParam: 'page' } },
        },
      },
    });
    const op = (name: string) => ir.operations.find((o) => o.name === name);
    expect(op('listByOffset')?.pagination).toBeUndefined();
    expect(op('listPlain')?.pagination).toEqual({ config: { type: 'link', rel: 'next' }, itemType: item, source: 'config' });
    expect(op('getSingle')?.pagination).toMatchObject({ config: { type: 'page' }, itemType: { kind: 'unknown' } });
    expect(ir.diagnostics.map((d) => d.code)).toContain('CG_PAGINATION_ITEMS_UNKNOWN');
  });

  test('connector default applies where its parameter exists, inference elsewhere', () => {
    const ir = buildIR(fixture(), { pagination: { type: 'cursor', cursorParam: 'cursor', nextCursorPath: 'next', resultsKey: 'data' } });
    const op = (name: string) => ir.operations.find((o) => o.name === name);
    expect(op('listByCursor')?.pagination).toMatchObject({ source: 'config', config: { nextCursorPath: 'next' }, itemType: item });
    expect(op('listByOffset')?.pagination).toMatchObject({ source: 'inferred', config: { type: 'offset' } });
  });

  test('a `none` default turns inference off', () => {
    const ir = buildIR(fixture(), { pagination: { type: 'none' } });
    expect(ir.operations.filter((o) => o.pagination !== undefined)).toEqual([]);
  });
});
