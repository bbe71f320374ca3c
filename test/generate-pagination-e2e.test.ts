/**
 * Pagination inferred from the spec (specs/features/pagination.yaml), through a generated connector
 * and a real server: for each strategy, `.all()` must yield every item exactly once, in order.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateInto, importConnector } from './helpers/generate.js';
import { startServer, type RecordedRequest, type Reply, type TestServer } from './helpers/server.js';
import { tsc } from './helpers/tsc.js';

type Paginated = { all(input: unknown, options?: unknown): AsyncIterable<unknown> };
type Connector = Record<string, Paginated> & { close(): Promise<void> };

const ITEMS = Array.from({ length: 7 }, (_, i) => ({ id: `item-${i}` }));
const SIZE = 3;

let server: TestServer;
let connector: Connector;

beforeAll(async () => {
  const { dir, ir } = await generateInto('specs/features/pagination.yaml', 'e2e-pagination');
  expect((await tsc(dir)).errors).toEqual([]);
  const mod = await importConnector<Record<string, (options: object) => Connector>>(dir);
  server = await startServer();
  connector = mod[`create${ir.info.pascalName}Connector`]!({ baseUrl: server.url, retry: false });
}, 60_000);

afterAll(async () => {
  await connector?.close();
  await server?.close();
});

const number = (request: RecordedRequest, name: string, fallback: number) => Number(request.query.get(name) ?? fallback);

/** action -> how the server answers a page request. */
const STRATEGIES: Record<string, (request: RecordedRequest) => Reply> = {
  listByOffset: (r) => ({ body: { total: ITEMS.length, results: ITEMS.slice(number(r, 'offset', 0), number(r, 'offset', 0) + SIZE) } }),
  listByPage: (r) => ({ body: ITEMS.slice(number(r, 'page', 0) * SIZE, (number(r, 'page', 0) + 1) * SIZE) }),
  listByCursor: (r) => {
    const start = number(r, 'cursor', 0);
    const next = start + SIZE < ITEMS.length ? String(start + SIZE) : null;
    return { body: { data: ITEMS.slice(start, start + SIZE), meta: { next_cursor: next } } };
  },
  listByToken: (r) => {
    const start = number(r, 'pageToken', 0);
    return { body: { items: ITEMS.slice(start, start + SIZE), ...(start + SIZE < ITEMS.length ? { nextPageToken: String(start + SIZE) } : {}) } };
  },
  listByLinkHeader: (r) => {
    const page = number(r, 'page', 1);
    const last = Math.ceil(ITEMS.length / SIZE);
    const headers: Record<string, string> = page < last ? { link: `<${server.url}/link-header?page=${page + 1}&per_page=${SIZE}>; rel="next"` } : {};
    return { headers, body: ITEMS.slice((page - 1) * SIZE, page * SIZE) };
  },
  // OData (Microsoft Graph): `$top` sizes the page, the server hands back `@odata.nextLink` with a
  // `$skiptoken` the client never interprets, and the last page has no link.
  listOData: (r) => {
    const start = number(r, '$skiptoken', 0);
    const size = number(r, '$top', 100);
    const more = start + size < ITEMS.length;
    const next = `${server.url}/odata/items?$top=${size}&$skiptoken=${start + size}`;
    return { body: { '@odata.context': `${server.url}/$metadata#items`, value: ITEMS.slice(start, start + size), ...(more ? { '@odata.nextLink': next } : {}) } };
  },
  listByNextUrl: (r) => {
    const start = number(r, 'start', 0);
    const next = start + SIZE < ITEMS.length ? `${server.url}/next-url?start=${start + SIZE}` : undefined;
    return { body: { data: ITEMS.slice(start, start + SIZE), links: next === undefined ? {} : { next } } };
  },
};

describe('inferred pagination through a generated connector', () => {
  it.each(Object.keys(STRATEGIES))('%s: .all() yields every item once, in order', async (action) => {
    server.reset(STRATEGIES[action]!);
    const seen: unknown[] = [];
    for await (const item of connector[action]!.all({}, { pageSize: SIZE, maxPages: 10 })) seen.push(item);
    expect(seen).toEqual(ITEMS);
    expect(server.requests.length).toBeGreaterThanOrEqual(Math.ceil(ITEMS.length / SIZE));
  });
});
