/**
 * connector.yaml settings through a generated connector and a real 127.0.0.1 server: an override
 * pages a POST search endpoint (its body re-sent with each page's cursor), the connector default
 * pages the list and not getItem, and every request carries the configured headers and a
 * User-Agent naming the package and its version.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GenerateResult } from '../generator/src/pipeline.js';
import { generateInto, importConnector } from './helpers/generate.js';
import { startServer, type TestServer } from './helpers/server.js';
import { tsc } from './helpers/tsc.js';

type Paginated = ((input: unknown) => Promise<unknown>) & { all(input: unknown, options?: unknown): AsyncIterable<{ id: string }> };
type Connector = { searchItems: Paginated; listItems: Paginated; getItem: ((input: unknown) => Promise<unknown>) & { all?: unknown }; close(): Promise<void> };

const ITEMS = Array.from({ length: 5 }, (_, i) => ({ id: `item-${i}` }));

let server: TestServer;
let connector: Connector;
let generated: GenerateResult;

beforeAll(async () => {
  const result = await generateInto('specs/features/config/connector.yaml', 'e2e-config');
  generated = result;
  expect((await tsc(result.dir)).errors).toEqual([]);
  const mod = await importConnector<Record<string, (options: object) => Connector>>(result.dir);
  server = await startServer();
  connector = mod['createCatalogConnector']!({ baseUrl: server.url, retry: false });
}, 60_000);

afterAll(async () => {
  await connector?.close();
  await server?.close();
});

describe('connector.yaml through a generated connector', () => {
  it('an override pages a POST search: the cursor goes in the query, the body is sent with every page', async () => {
    server.reset((r) => {
      const start = Number(r.query.get('cursor') ?? 0);
      const next = start + 2 < ITEMS.length ? String(start + 2) : null;
      return { body: { results: ITEMS.slice(start, start + 2), '@odata.nextCursor': next } };
    });
    const seen: string[] = [];
    for await (const item of connector.searchItems.all({ body: { query: 'blue' } })) seen.push(item.id);
    expect(seen).toEqual(ITEMS.map((item) => item.id));
    expect(server.requests.map((r) => [r.method, r.query.get('cursor'), JSON.parse(r.body.toString('utf8'))])).toEqual([
      ['POST', null, { query: 'blue' }],
      ['POST', '2', { query: 'blue' }],
      ['POST', '4', { query: 'blue' }],
    ]);
  });

  it('the connector default pages the list, not getItem, and the count is reported', async () => {
    expect(typeof connector.listItems.all).toBe('function');
    expect(connector.getItem.all).toBeUndefined();
    const report = generated.diagnostics.find((d) => d.code === 'CG_CONFIG_PAGINATION_DEFAULT');
    expect(report?.message).toContain('applies to 1 list operation: listItems');
  });

  it('every request carries the configured headers and a User-Agent naming the package', async () => {
    server.reset(() => ({ body: { id: 'item-0' } }));
    await connector.getItem({ id: 'item-0' });
    expect(server.requests[0]?.headers).toMatchObject({ 'x-api-version': '2024-06-01', 'user-agent': '@connectgen-examples/catalog/2.0.0' });
  });
});
