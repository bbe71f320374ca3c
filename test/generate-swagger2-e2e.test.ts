/**
 * Swagger 2.0 end to end: convert -> IR -> emit must keep what the wire needs. collectionFormat
 * becomes style/explode, formData becomes a urlencoded or multipart body, `type: file` a binary
 * response handed over as a stream.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateInto, importConnector } from './helpers/generate.js';
import { startServer, type TestServer } from './helpers/server.js';
import { tsc } from './helpers/tsc.js';

type Call = (input: unknown) => Promise<unknown>;
type Connector = Record<string, Call> & { close(): Promise<void> };
type Factory = (options: object) => Connector;

let server: TestServer;
const connectors: Connector[] = [];

async function connector(spec: string, name: string): Promise<Connector> {
  const { dir, ir } = await generateInto(spec, name);
  expect((await tsc(dir)).errors).toEqual([]);
  const mod = await importConnector<Record<string, Factory>>(dir);
  const created = mod[`create${ir.info.pascalName}Connector`]!({ baseUrl: `${server.url}/api`, retry: false });
  connectors.push(created);
  return created;
}

let search: Connector;
let files: Connector;
let pathLevel: Connector;

beforeAll(async () => {
  server = await startServer();
  [search, files, pathLevel] = await Promise.all([
    connector('specs/swagger2/collection-formats.yaml', 'e2e-swagger2-search'),
    connector('specs/swagger2/form-upload.yaml', 'e2e-swagger2-files'),
    connector('specs/swagger2/path-level-params.yaml', 'e2e-swagger2-path-level'),
  ]);
}, 60_000);

afterAll(async () => {
  await Promise.all(connectors.map((c) => c.close()));
  await server?.close();
});

describe('a connector generated from Swagger 2.0', () => {
  it('keeps every kind of path-level parameter: path, header ($ref), query, body and formData', async () => {
    server.reset(() => ({ body: { name: 'n' } }));
    await pathLevel['replaceItem']!({ id: 'i1', xTenant: 't1', verbose: true, body: { name: 'gear' } });
    const [put] = server.requests;
    expect([put!.method, put!.url, put!.headers['x-tenant'], put!.headers['content-type'], put!.body.toString()]).toEqual([
      'PUT', '/api/items/i1?verbose=true', 't1', 'application/json', '{"name":"gear"}',
    ]);

    // The operation's own body parameter wins over the path item's.
    server.reset(() => ({ status: 204 }));
    await pathLevel['patchItem']!({ id: 'i1', xTenant: 't1', body: { op: 'rename' } });
    expect(server.requests[0]!.body.toString()).toBe('{"op":"rename"}');

    server.reset(() => ({ status: 201 }));
    await pathLevel['addNote']!({ body: { text: 'hello world' } });
    expect([server.requests[0]!.headers['content-type'], server.requests[0]!.body.toString()]).toEqual(['application/x-www-form-urlencoded', 'text=hello%20world']);
  });

  it('sends every collectionFormat as Swagger 2.0 defined it', async () => {
    server.reset(() => ({ body: [] }));
    await search['search']!({ ids: ['a', 'b'], csv: ['1', '2'], ssv: ['3', '4'], pipes: ['5', '6'], multi: [7, 8], xIds: ['h1', 'h2'] });
    const [request] = server.requests;
    expect(request!.path).toBe('/api/search/a,b');
    expect(request!.url.slice(request!.url.indexOf('?') + 1).split('&').sort()).toEqual(
      ['csv=1,2', 'ssv=3%204', 'pipes=5|6', 'multi=7', 'multi=8'].sort(),
    );
    expect(request!.headers['x-ids']).toBe('h1,h2');
  });

  it('sends formData as a urlencoded body', async () => {
    server.reset(() => ({ body: { token: 't' } }));
    await expect(files['login']!({ body: { username: 'ann', password: 'pw', remember: true } })).resolves.toEqual({ token: 't' });
    const [request] = server.requests;
    expect(request!.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
    expect(Object.fromEntries(new URLSearchParams(request!.body.toString()))).toEqual({ username: 'ann', password: 'pw', remember: 'true' });
  });

  it('uploads a file as multipart and downloads one as a stream', async () => {
    server.reset(() => ({ status: 201, body: { name: 'a.txt', size: 3 } }));
    await files['uploadFile']!({ body: { file: new Uint8Array([1, 2, 3]), folder: 'docs' } });
    expect(String(server.requests[0]!.headers['content-type'])).toMatch(/^multipart\/form-data; boundary=/);

    server.reset(() => ({ headers: { 'content-type': 'application/octet-stream' }, body: Buffer.from([9, 8, 7]) }));
    const stream = (await files['downloadFile']!({ name: 'a.txt' })) as AsyncIterable<Uint8Array>;
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(Buffer.from(chunk));
    expect([...Buffer.concat(chunks)]).toEqual([9, 8, 7]);
    expect(server.requests[0]!.query.get('name')).toBe('a.txt');
  });
});
