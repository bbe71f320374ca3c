/**
 * connector.yaml pagination reaches every operation it names and only those: an override pages any
 * method (POST search endpoints), the connector default pages only operations whose response is a
 * list, and how many it paged is reported.
 */
import { describe, expect, test } from 'vitest';
import { buildIR } from './build/document.js';

const pet = { type: 'object', properties: { id: { type: 'string' }, tags: { type: 'array', items: { type: 'string' } } } };
const page = (key: string) => ({ type: 'object', properties: { [key]: { type: 'array', items: { $ref: '#/components/schemas/Pet' } }, next: { type: 'string' } } });
const ok = (schema: unknown) => ({ '200': { description: 'ok', content: { 'application/json': { schema } } } });
const query = (name: string) => ({ name, in: 'query', schema: { type: 'string' } });

const document = {
  openapi: '3.0.3',
  info: { title: 'Pets', version: '1.0.0' },
  paths: {
    '/pets': { get: { operationId: 'listPets', parameters: [query('offset'), query('limit')], responses: ok({ type: 'array', items: { $ref: '#/components/schemas/Pet' } }) } },
    '/pets/{id}': { get: { operationId: 'getPet', parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }, query('offset')], responses: ok({ $ref: '#/components/schemas/Pet' }) } },
    '/orders': { get: { operationId: 'listOrders', parameters: [query('offset'), query('limit')], responses: ok(page('items')) } },
    '/pets/search': { post: { operationId: 'searchPets', parameters: [query('cursor')], requestBody: { content: { 'application/json': { schema: { type: 'object' } } } }, responses: ok(page('data')) } },
  },
  components: { schemas: { Pet: pet } },
};

describe('connector.yaml pagination', () => {
  // Regression: paginate() returned early for anything but GET, so this override was dropped.
  test('an override pages a POST search endpoint', () => {
    const ir = buildIR(document, { actions: { overrides: { searchPets: { pagination: { type: 'cursor', cursorParam: 'cursor', nextCursorPath: 'next', resultsKey: 'data' } } } } });
    const search = ir.operations.find((op) => op.name === 'searchPets');
    expect(search?.pagination).toMatchObject({ config: { type: 'cursor', cursorParam: 'cursor' }, itemType: { kind: 'ref', name: 'Pet' }, source: 'config' });
  });

  // Regression: a default without a parameter (link) paged every GET, getPet included.
  test('the default pages only list responses, never getPet, and says how many it paged', () => {
    const ir = buildIR(document, { pagination: { type: 'link', nextUrlPath: 'next' } });
    const paged = ir.operations.filter((op) => op.pagination?.source === 'config').map((op) => op.name);
    expect(paged).toEqual(['listOrders', 'listPets']);
    expect(ir.operations.find((op) => op.name === 'listOrders')?.pagination?.config).toMatchObject({ type: 'link', resultsKey: 'items' });
    const report = ir.diagnostics.find((d) => d.code === 'CG_CONFIG_PAGINATION_DEFAULT');
    expect(report).toMatchObject({ severity: 'info', pointer: '/pagination' });
    expect(report?.message).toContain('applies to 2 list operations');
  });

  test('a default with a parameter pages list operations that have it; one that pages nothing is a warning', () => {
    const offset = buildIR(document, { pagination: { type: 'offset', offsetParam: 'offset', pageSizeParam: 'limit' } });
    expect(offset.operations.filter((op) => op.pagination?.source === 'config').map((op) => op.name)).toEqual(['listOrders', 'listPets']);
    const none = buildIR(document, { pagination: { type: 'page', pageParam: 'page' } });
    expect(none.diagnostics.find((d) => d.code === 'CG_CONFIG_PAGINATION_DEFAULT')).toMatchObject({ severity: 'warn' });
  });

  test('resultsKey may be any path the runtime reads: bracketed names and JSON Pointers find the item type', () => {
    for (const resultsKey of ["$['items']", '/items', 'items']) {
      const ir = buildIR(document, { actions: { overrides: { listOrders: { pagination: { type: 'link', nextUrlPath: "$['next']", resultsKey } } } } });
      expect(ir.operations.find((op) => op.name === 'listOrders')?.pagination?.itemType, resultsKey).toEqual({ kind: 'ref', name: 'Pet' });
    }
  });
});
