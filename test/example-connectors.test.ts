/**
 * Smoke tests of the example connectors (connectors/<name>, generated from specs/examples/; the
 * golden test keeps them equal to what the generator makes): each is built with the real tsc and
 * calls a local server the way its vendor's API answers, through its auth and its pagination.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateAndBuild, type BuiltConnector } from './helpers/generated-package.js';
import { startServer, type Reply, type TestServer } from './helpers/server.js';

const FAR = Date.now() + 3_600_000;
let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.close();
});

// Connectors are imported at run time, so their items are untyped here (`any`, as in generateAndBuild).
async function collect(items: AsyncIterable<any>): Promise<any[]> {
  const out: any[] = [];
  for await (const item of items) out.push(item);
  return out;
}

async function build(name: string): Promise<BuiltConnector> {
  return generateAndBuild(`specs/examples/${name}/connector.yaml`, `example-${name}`);
}

describe('example connectors', { timeout: 300_000 }, () => {
  it('helpdesk: OAuth 2.0 bearer token, cursor pagination over every page, JSON bodies', async () => {
    const { create } = await build('helpdesk');
    server.reset((request) => {
      if (request.method === 'POST') return { status: 201, body: { id: 'c1', body: JSON.parse(request.body.toString()).body, public: false } };
      return request.query.get('cursor') === 'c2'
        ? { body: { data: [{ id: '3', subject: 'c', status: 'open', created_at: '2026-11-30T00:00:00Z' }], meta: { next_cursor: null } } }
        : { body: { data: ['1', '2'].map((id) => ({ id, subject: id, status: 'open', created_at: '2026-11-30T00:00:00Z' })), meta: { next_cursor: 'c2' } } };
    });
    const helpdesk = create({ baseUrl: `${server.url}/api/v2`, auth: { clientId: 'id', clientSecret: 'secret', tokens: { accessToken: 'at-1', refreshToken: 'rt-1', expiresAt: FAR } }, retry: false });
    try {
      const tickets = await collect(helpdesk.listTickets.all({ status: 'open', limit: 2 }));
      expect(tickets.map((t: { id: string }) => t.id)).toEqual(['1', '2', '3']);
      expect(server.requests.map((r) => r.url)).toEqual(['/api/v2/tickets?limit=2&status=open', '/api/v2/tickets?limit=2&status=open&cursor=c2']);
      expect(server.requests[0]!.headers['authorization']).toBe('Bearer at-1');
      await expect(helpdesk.addComment({ ticketId: '3', body: { body: 'Looking into it', public: false } })).resolves.toMatchObject({ id: 'c1', body: 'Looking into it' });
    } finally {
      await helpdesk.close();
    }
  });

  it('scim: bearer token, SCIM list responses and PatchOp bodies as application/scim+json', async () => {
    const { create } = await build('scim');
    server.reset((request) =>
      request.method === 'PATCH'
        ? { headers: { 'content-type': 'application/scim+json' }, body: JSON.stringify({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], id: 'u1', userName: 'bjensen', active: false }) }
        : {
            headers: { 'content-type': 'application/scim+json' },
            body: JSON.stringify({ schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'], totalResults: 1, startIndex: 1, itemsPerPage: 1, Resources: [{ schemas: [], id: 'u1', userName: 'bjensen' }] }),
          },
    );
    const scim = create({ baseUrl: `${server.url}/scim/v2`, auth: { token: 'scim-token' }, retry: false });
    try {
      const page = await scim.listUsers({ filter: 'userName eq "bjensen"', startIndex: 1, count: 10 });
      expect(page.Resources[0].userName).toBe('bjensen');
      expect(server.requests[0]!.query.get('filter')).toBe('userName eq "bjensen"');
      expect(server.requests[0]!.headers['authorization']).toBe('Bearer scim-token');
      const patched = await scim.patchUser({ id: 'u1', body: { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', path: 'active', value: false }] } });
      expect(patched.active).toBe(false);
      const patch = server.requests[1]!;
      expect(patch.method).toBe('PATCH');
      expect(patch.headers['content-type']).toMatch(/^application\/scim\+json/);
      expect(JSON.parse(patch.body.toString()).Operations).toEqual([{ op: 'replace', path: 'active', value: false }]);

      // SCIM counts from 1: after users 1-2 the next page starts at 3, so no user comes twice.
      const users = ['u1', 'u2', 'u3', 'u4', 'u5'];
      server.reset((request) => {
        const start = Number(request.query.get('startIndex') ?? 1);
        const slice = users.slice(start - 1, start - 1 + Number(request.query.get('count') ?? 100));
        const list = { schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'], totalResults: users.length, startIndex: start, itemsPerPage: slice.length };
        return { headers: { 'content-type': 'application/scim+json' }, body: JSON.stringify({ ...list, Resources: slice.map((id) => ({ schemas: [], id, userName: id })) }) };
      });
      const all = await collect(scim.listUsers.all({ count: 2 }));
      expect(all.map((u: { id: string }) => u.id)).toEqual(users);
      expect(server.requests.slice(0, 3).map((r) => r.query.get('startIndex'))).toEqual([null, '3', '5']);
    } finally {
      await scim.close();
    }
  });

  it('crm: API key with its Token preamble, numbered pages, custom fields kept as sent', async () => {
    const { create } = await build('crm');
    server.reset((request) => {
      const page = Number(request.query.get('page') ?? 1);
      const items = page === 1 ? [{ id: 'a', name: 'Ada', custom_fields: { cf_1: 'gold', cf_2: 3 } }, { id: 'b', name: 'Bo' }] : page === 2 ? [{ id: 'c', name: 'Cy' }] : [];
      return { body: { items, page, total_pages: 2 } };
    });
    const crm = create({ baseUrl: `${server.url}/v1`, auth: { apiKey: 'k-1' }, retry: false });
    try {
      const contacts = await collect(crm.listContacts.all({ per_page: 2 }));
      expect(contacts.map((c: { id: string }) => c.id)).toEqual(['a', 'b', 'c']);
      expect(contacts[0].custom_fields).toEqual({ cf_1: 'gold', cf_2: 3 });
      expect(server.requests[0]!.headers['authorization']).toBe('Token k-1');
      expect(server.requests[1]!.query.get('page')).toBe('2');
    } finally {
      await crm.close();
    }
  });

  it('files: Basic auth, Link-header pages, multipart upload and binary download', async () => {
    const { create } = await build('files');
    server.reset((request): Reply => {
      if (request.method === 'POST') return { status: 201, body: { id: 'f9', name: 'report.txt', size: 5 } };
      if (request.path.endsWith('/content')) return { headers: { 'content-type': 'application/octet-stream' }, body: Buffer.from([0, 1, 2, 255]) };
      return request.query.get('page') === '2'
        ? { body: [{ id: 'f3', name: 'c', size: 3 }] }
        : { headers: { link: `<${server.url}/api/v3/folders/root/files?page=2>; rel="next"` }, body: [{ id: 'f1', name: 'a', size: 1 }, { id: 'f2', name: 'b', size: 2 }] };
    });
    const files = create({ baseUrl: `${server.url}/api/v3`, auth: { username: 'ann', password: 'pw' }, retry: false });
    try {
      const listed = await collect(files.listFiles.all({ folderId: 'root' }));
      expect(listed.map((f: { id: string }) => f.id)).toEqual(['f1', 'f2', 'f3']);
      expect(server.requests[0]!.headers['authorization']).toBe(`Basic ${Buffer.from('ann:pw').toString('base64')}`);
      expect(server.requests[1]!.url).toBe('/api/v3/folders/root/files?page=2');

      await files.uploadFile({ folderId: 'root', body: { file: new Blob(['hello'], { type: 'text/plain' }), description: 'greeting' } });
      const upload = server.requests[2]!;
      expect(upload.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
      expect(upload.body.toString()).toContain('hello');
      expect(upload.body.toString()).toContain('name="description"');

      // A download is streamed to the caller as it arrives.
      const chunks = (await collect(await files.downloadFile({ fileId: 'f1' }))) as Uint8Array[];
      expect([...Buffer.concat(chunks)]).toEqual([0, 1, 2, 255]);
    } finally {
      await files.close();
    }
  });

  it('odata: OAuth 2.0 client credentials token, @odata.nextLink paging', async () => {
    const { create } = await build('odata');
    server.reset((request) =>
      request.query.get('$skiptoken') === '2'
        ? { body: { '@odata.context': '$metadata#Customers', value: [{ CustomerID: 'C', CompanyName: 'Gamma' }] } }
        : {
            body: {
              '@odata.context': '$metadata#Customers',
              '@odata.nextLink': `${server.url}/odata/v4/Customers?$filter=Country%20eq%20'DE'&$skiptoken=2`,
              value: [{ CustomerID: 'A', CompanyName: 'Alpha' }, { CustomerID: 'B', CompanyName: 'Beta' }],
            },
          },
    );
    const odata = create({ baseUrl: `${server.url}/odata/v4`, auth: { clientId: 'id', clientSecret: 'secret', tokens: { accessToken: 'cc-1', expiresAt: FAR } }, retry: false });
    try {
      const customers = await collect(odata.listCustomers.all({ $filter: "Country eq 'DE'" }));
      expect(customers.map((c: { CustomerID: string }) => c.CustomerID)).toEqual(['A', 'B', 'C']);
      expect(server.requests[0]!.headers['authorization']).toBe('Bearer cc-1');
      expect(server.requests[1]!.query.get('$skiptoken')).toBe('2');
    } finally {
      await odata.close();
    }
  });
});
