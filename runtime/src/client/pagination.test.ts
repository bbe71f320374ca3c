/**
 * Paginated actions against real servers that paginate each way: offset, page, Link header, next
 * URL in the body, cursor. Plus: 10,000 items exactly once, resuming, and credentials never
 * following a next link to another host.
 */
import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page, PageState } from '../client-api.js';
import { createClient } from '../client.js';
import { ConnectorForeignHostError } from '../http/errors.js';
import type { AuthConfig, ConnectorDefinition, OperationSpec, PaginationConfig } from '../definition.js';
import { json, startServer, type TestServer } from '../testing/server.js';

const TOTAL = 10_000;
const ids = (from: number, count: number): Array<{ id: number }> =>
  Array.from({ length: Math.max(0, Math.min(count, TOTAL - from)) }, (_, i) => ({ id: from + i }));

let api: TestServer;
let other: TestServer;

beforeAll(async () => {
  other = await startServer((req, res) => {
    // A different origin serving the rest of a list; it records whatever credentials arrive.
    const url = new URL(req.url ?? '/', 'http://x');
    const page = Number(url.searchParams.get('page') ?? 0);
    json(res, 200, { items: ids(page * 100, 100), next: page < 2 ? `${other.origin}/more?page=${page + 1}` : null });
  });
  api = await startServer((req, res) => route(new URL(req.url ?? '/', api.origin), res));
});
afterAll(async () => {
  await Promise.all([api.close(), other.close()]);
});

function route(url: URL, res: ServerResponse): void {
  const q = url.searchParams;
  const size = Math.min(Number(q.get('limit') ?? 50), 1000);
  switch (url.pathname) {
    case '/offset':
      return json(res, 200, { data: ids(Number(q.get('offset') ?? 0), size) });
    case '/page': {
      const page = Number(q.get('page') ?? 1);
      return json(res, 200, ids((page - 1) * size, size));
    }
    case '/link-header': {
      const start = Number(q.get('start') ?? 0);
      const items = ids(start, size);
      const next = start + size < TOTAL ? `</link-header?start=${start + size}&limit=${size}>; rel="next"` : undefined;
      return json(res, 200, { items }, next ? { link: `${next}, </link-header?start=0>; rel="first"` } : {});
    }
    case '/link-body': {
      const start = Number(q.get('start') ?? 0);
      return json(res, 200, { results: ids(start, size), links: { next: start + size < TOTAL ? `${url.origin}/link-body?start=${start + size}&limit=${size}` : null } });
    }
    case '/cursor': {
      const start = Number(q.get('after') ?? 0);
      const more = start + size < TOTAL;
      return json(res, 200, { items: ids(start, size), meta: { next_cursor: more ? String(start + size) : null } });
    }
    case '/last-id': {
      // Stripe's shape: the next page starts after the last item's id; `has_more` says when to stop.
      const after = q.get('starting_after');
      const start = after === null ? 0 : Number(after) + 1;
      const data = ids(start, size);
      return json(res, 200, { object: 'list', data, has_more: start + size < TOTAL });
    }
    case '/cursor-loop':
      return json(res, 200, { items: [{ id: 1 }], meta: { next_cursor: 'same' } });
    case '/cross-host':
      return json(res, 200, { items: ids(0, 2), next: `${other.origin}/more?page=0` });
    case '/cross-host-echo': // a server that copies the caller's query key into its next link
      return json(res, 200, { items: ids(0, 2), next: `${other.origin}/more?page=2&api_key=${q.get('api_key') ?? ''}` });
    default:
      return json(res, 404, {});
  }
}

const definition = (auth: Record<string, AuthConfig> = {}): ConnectorDefinition => ({
  name: 'pager',
  version: '1.0.0',
  servers: [],
  auth,
  retry: { baseDelayMs: 1 },
});

const list = (path: string, pagination: PaginationConfig): OperationSpec => ({
  id: path.slice(1),
  method: 'GET',
  path,
  parameters: [],
  response: 'json',
  pagination,
});

const configs: Array<[string, PaginationConfig]> = [
  ['/offset', { type: 'offset', offsetParam: 'offset', pageSizeParam: 'limit', defaultPageSize: 250, resultsKey: 'data' }],
  ['/page', { type: 'page', pageParam: 'page', pageSizeParam: 'limit', defaultPageSize: 250 }],
  ['/link-header', { type: 'link', pageSizeParam: 'limit', defaultPageSize: 250, resultsKey: 'items' }],
  ['/link-body', { type: 'link', nextUrlPath: '$.links.next', pageSizeParam: 'limit', defaultPageSize: 250, resultsKey: 'results' }],
  ['/cursor', { type: 'cursor', cursorParam: 'after', nextCursorPath: '$.meta.next_cursor', pageSizeParam: 'limit', defaultPageSize: 250, resultsKey: 'items' }],
  ['/last-id', { type: 'cursor', cursorParam: 'starting_after', nextCursorPath: 'data[-1].id', pageSizeParam: 'limit', defaultPageSize: 250, resultsKey: 'data' }],
];

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of iterable) out.push(x);
  return out;
}

describe.each(configs)('%s pagination', (path, pagination) => {
  it(`yields each of ${TOTAL} items exactly once, lazily`, async () => {
    const c = createClient(definition(), { baseUrl: api.origin });
    const action = c.paginatedAction<object, unknown, { id: number }>(list(path, pagination));
    const before = api.received.length;
    const seen = new Set<number>();
    let count = 0;
    for await (const item of action.all({})) {
      seen.add(item.id);
      count++;
      if (count === 1) expect(api.received.length - before).toBe(1); // only the first page so far
    }
    expect(count).toBe(TOTAL);
    expect(seen.size).toBe(TOTAL);
    await c.close();
  });

  it('the plain call returns the first page body', async () => {
    const c = createClient(definition(), { baseUrl: api.origin });
    const body = await c.paginatedAction(list(path, pagination))({});
    const items = Array.isArray(body) ? body : Object.values(body as object).find(Array.isArray);
    expect(items).toHaveLength(250);
    await c.close();
  });

  it('resumes from a page`s next state, and maxPages/pageSize apply', async () => {
    const c = createClient(definition(), { baseUrl: api.origin });
    const action = c.paginatedAction<object, unknown, { id: number }>(list(path, pagination));
    const firstTwo = await collect(action.pages({}, { maxPages: 2, pageSize: 100 }));
    expect(firstTwo.map((p) => p.index)).toEqual([0, 1]);
    expect(firstTwo.map((p) => p.items.length)).toEqual([100, 100]);
    const checkpoint = JSON.parse(JSON.stringify(firstTwo[1]?.next)) as PageState;
    expect(checkpoint.type).toBe(pagination.type);
    const rest: Page<{ id: number }>[] = await collect(action.pages({}, { resumeFrom: checkpoint, pageSize: 100, maxPages: 1 }));
    expect(rest[0]?.items[0]?.id).toBe(200);
    await c.close();
  });
});

describe('stopping rules', () => {
  it('a server repeating its cursor does not loop forever', async () => {
    const c = createClient(definition(), { baseUrl: api.origin });
    const pages = await collect(
      c.paginatedAction(list('/cursor-loop', { type: 'cursor', cursorParam: 'c', nextCursorPath: 'meta.next_cursor', resultsKey: 'items' })).pages({}),
    );
    expect(pages.length).toBe(2);
    await c.close();
  });

  it('maxPages from the config', async () => {
    const c = createClient(definition(), { baseUrl: api.origin });
    const items = await collect(c.paginatedAction(list('/page', { type: 'page', pageParam: 'page', maxPages: 3 })).all({}));
    expect(items.length).toBe(150);
    await c.close();
  });
});

describe('cross-host next links', () => {
  const crossHost = list('/cross-host', { type: 'link', nextUrlPath: 'next', resultsKey: 'items' });
  const secret = 'sk_live_cross_host_secret';

  it.each<[string, AuthConfig]>([
    ['header', { type: 'apiKey', in: 'header', name: 'Authorization', preamble: 'Bearer', extraHeaders: { 'X-Account': 'acct-1' } }],
    ['query', { type: 'apiKey', in: 'query', name: 'api_key' }],
    ['cookie', { type: 'apiKey', in: 'cookie', name: 'sid' }],
  ])('an apiKey in the %s reaches only the connector`s own host', async (_where, auth) => {
    const c = createClient(definition({ key: auth }), { baseUrl: api.origin, auth: { apiKey: secret }, allowedHosts: [new URL(other.origin).host] });
    const before = other.received.length;
    const items = await collect(c.paginatedAction(crossHost).all({}, { headers: { 'X-Caller': 'mine' } }));
    expect(items.length).toBe(2 + 300);

    const own = api.received.at(-1);
    expect(JSON.stringify(own)).toContain(secret);
    const foreign = other.received.slice(before);
    expect(foreign.length).toBe(3);
    for (const r of foreign) {
      expect(JSON.stringify(r)).not.toContain(secret);
      expect(r.headers['authorization']).toBeUndefined();
      expect(r.headers['cookie']).toBeUndefined();
      expect(r.headers['x-account']).toBeUndefined();
      expect(r.headers['x-caller']).toBeUndefined();
    }
    await c.close();
  });

  it('a next link that echoes the key is stripped of it before leaving the host', async () => {
    const auth: AuthConfig = { type: 'apiKey', in: 'query', name: 'api_key' };
    const c = createClient(definition({ key: auth }), { baseUrl: api.origin, auth: { apiKey: secret }, allowedHosts: ['127.0.0.1'] });
    const before = other.received.length;
    await collect(c.paginatedAction(list('/cross-host-echo', { type: 'link', nextUrlPath: 'next', resultsKey: 'items' })).all({}));
    const foreign = other.received.slice(before);
    expect(foreign.map((r) => r.url)).toEqual(['/more?page=2']);
    await c.close();
  });

  it('by default stops at a next link to another host with an error naming it, after yielding the own pages', async () => {
    const c = createClient(definition({ key: { type: 'apiKey', in: 'header', name: 'X-Key' } }), { baseUrl: api.origin, auth: { apiKey: secret } });
    const before = other.received.length;
    const seen: unknown[] = [];
    const error = await (async () => {
      for await (const page of c.paginatedAction(crossHost).pages({})) seen.push(...page.items);
    })().catch((e: unknown) => e);
    expect(seen.length).toBe(2);
    expect(error).toBeInstanceOf(ConnectorForeignHostError);
    expect(error).toMatchObject({ code: 'CG_PAGINATION_FOREIGN_HOST', host: new URL(other.origin).host });
    expect(other.received.length).toBe(before);
    await c.close();
  });
});
