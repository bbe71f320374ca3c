/**
 * What a call hands back beyond its body, and where it goes: `withResponse` (status and headers
 * with the body), page headers, and operations with servers of their own, against real servers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../client.js';
import type { ConnectorDefinition, OperationSpec } from '../definition.js';
import { json, startServer, type TestServer } from '../testing/server.js';

let api: TestServer;
let uploads: TestServer;
beforeAll(async () => {
  api = await startServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/api/pets' && req.method === 'POST') return json(res, 201, { id: 7 }, { location: '/api/pets/7', etag: '"v1"' });
    if (url.pathname === '/api/list') {
      const page = Number(url.searchParams.get('page') ?? 1);
      return json(res, 200, page <= 2 ? [{ page }] : [], { 'x-total-count': '2', 'x-ratelimit-remaining': String(100 - page) });
    }
    json(res, 200, { server: 'api', path: url.pathname, key: req.headers['x-key'] ?? null });
  });
  uploads = await startServer((req, res) => json(res, 200, { server: 'uploads', path: req.url, key: req.headers['x-key'] ?? null }));
});
afterAll(async () => {
  await Promise.all([api.close(), uploads.close()]);
});

const definition: ConnectorDefinition = {
  name: 'responses',
  version: '1.0.0',
  servers: [{ url: 'http://127.0.0.1:1/api' }],
  auth: { key: { type: 'apiKey', in: 'header', name: 'X-Key' } },
};
const op = (o: Partial<OperationSpec> & Pick<OperationSpec, 'path'>): OperationSpec => ({ id: 'op', method: 'GET', parameters: [], response: 'json', ...o });
const client = () => createClient(definition, { baseUrl: `${api.origin}/api`, auth: { apiKey: 'k1' } });

describe('withResponse', () => {
  it('returns status, headers and the body of a plain action', async () => {
    const c = client();
    const create = c.action<{ body: { name: string } }, { id: number }>(op({ path: '/pets', method: 'POST', requestBody: { mediaType: 'application/json', encoding: 'json' } }));
    const response = await create.withResponse({ body: { name: 'rex' } });
    expect(response.status).toBe(201);
    expect(response.headers['location']).toBe('/api/pets/7');
    expect(response.headers['etag']).toBe('"v1"');
    expect(response.body).toEqual({ id: 7 });
    expect(await create({ body: { name: 'rex' } })).toEqual({ id: 7 });
    await c.close();
  });

  it('returns the first page of a paginated action with its headers, and every page carries its own', async () => {
    const c = client();
    const list = c.paginatedAction<Record<string, never>, { page: number }[], { page: number }>(op({ path: '/list', pagination: { type: 'page', pageParam: 'page' } }));
    const first = await list.withResponse({});
    expect(first).toMatchObject({ status: 200, body: [{ page: 1 }] });
    expect(first.headers['x-total-count']).toBe('2');
    const remaining: unknown[] = [];
    for await (const page of list.pages({})) remaining.push(page.headers['x-ratelimit-remaining']);
    expect(remaining).toEqual(['99', '98', '97']);
    await c.close();
  });
});

describe('operation servers', () => {
  it('calls an operation with an absolute server of its own there, with its credentials', async () => {
    const c = client();
    const upload = c.action<void, { server: string; path: string; key: string }>(op({ path: '/files', servers: [{ url: `http://127.0.0.1:{port}/up`, variables: { port: { default: new URL(uploads.origin).port } } }] }));
    expect(await upload()).toEqual({ server: 'uploads', path: '/up/files', key: 'k1' });
    expect(await c.action<void, unknown>(op({ path: '/other' }))()).toEqual({ server: 'api', path: '/api/other', key: 'k1' });
    await c.close();
  });

  it('resolves a relative operation server against the connector base URL (the user override included)', async () => {
    const c = client();
    const v2 = c.action<void, unknown>(op({ path: '/things', servers: [{ url: '/v2' }] }));
    expect(await v2()).toEqual({ server: 'api', path: '/v2/things', key: 'k1' });
    const nested = c.action<void, unknown>(op({ path: '/things', servers: [{ url: 'beta' }] }));
    expect(await nested()).toEqual({ server: 'api', path: '/api/beta/things', key: 'k1' });
    await c.close();
  });

  it('fills the operation server variables from serverVariables', async () => {
    const c = createClient(definition, { baseUrl: `${api.origin}/api`, auth: { apiKey: 'k1' }, serverVariables: { port: new URL(uploads.origin).port } });
    const upload = c.action<void, { server: string }>(op({ path: '/f', servers: [{ url: 'http://127.0.0.1:{port}', variables: { port: { default: '1' } } }] }));
    expect((await upload()).server).toBe('uploads');
    await c.close();
  });
});
