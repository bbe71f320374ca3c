/**
 * A search endpoint that pages by a cursor in its POST body (Notion's `start_cursor`, Elastic's
 * `search_after`), against a real server: the cursor goes where the config says, the caller's own
 * body fields stay, and a resumed iteration starts from the stored cursor.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../client.js';
import type { OperationSpec } from '../definition.js';
import { json, startServer, type TestServer } from '../testing/server.js';

const ITEMS = Array.from({ length: 7 }, (_, i) => ({ id: i }));
let api: TestServer;
beforeAll(async () => {
  api = await startServer((req, res) => {
    const body = JSON.parse(req.body.toString() || '{}') as { query?: string; page?: { after?: number; size?: number } };
    if (body.query !== 'pets') return json(res, 400, { error: 'query lost' });
    const start = body.page?.after ?? 0;
    const size = body.page?.size ?? 3;
    const next = start + size < ITEMS.length ? start + size : null;
    json(res, 200, { results: ITEMS.slice(start, start + size), next_cursor: next });
  });
});
afterAll(() => api.close());

const search: OperationSpec = {
  id: 'search',
  method: 'POST',
  path: '/search',
  parameters: [],
  requestBody: { mediaType: 'application/json', encoding: 'json', required: true },
  response: 'json',
  pagination: { type: 'cursor', cursorIn: 'body', cursorParam: 'page.after', nextCursorPath: 'next_cursor', resultsKey: 'results' },
};

describe('a cursor sent in the POST body', () => {
  it('pages through every item once, the cursor in the body at its path beside the caller`s fields', async () => {
    const c = createClient({ name: 'search', version: '1', servers: [], auth: {} }, { baseUrl: api.origin });
    const action = c.paginatedAction<{ body: object }, unknown, { id: number }>(search);
    const before = api.received.length;
    const ids: number[] = [];
    for await (const item of action.all({ body: { query: 'pets', page: { size: 3 } } })) ids.push(item.id);
    expect(ids).toEqual([0, 1, 2, 3, 4, 5, 6]);
    const bodies = api.received.slice(before).map((r) => JSON.parse(r.body.toString()) as unknown);
    expect(bodies).toEqual([
      { query: 'pets', page: { size: 3 } },
      { query: 'pets', page: { size: 3, after: 3 } },
      { query: 'pets', page: { size: 3, after: 6 } },
    ]);
    expect(api.received.slice(before).every((r) => r.method === 'POST' && r.url === '/search')).toBe(true);
    await c.close();
  });

  it('resumes from a stored cursor, and leaves the caller`s input untouched', async () => {
    const c = createClient({ name: 'search', version: '1', servers: [], auth: {} }, { baseUrl: api.origin });
    const input = { body: { query: 'pets' } };
    const pages = [];
    for await (const page of c.paginatedAction<typeof input, unknown, { id: number }>(search).pages(input, { resumeFrom: { type: 'cursor', value: 5 } })) pages.push(page.items);
    expect(pages).toEqual([[{ id: 5 }, { id: 6 }]]);
    expect(input).toEqual({ body: { query: 'pets' } });
    await c.close();
  });
});
