/**
 * Parameter styles through a generated connector (specs/param-styles): the OperationSpec literals
 * emit writes must carry style, explode and allowReserved so the runtime serialises each parameter
 * as OpenAPI says: deepObject, form (exploded arrays), spaceDelimited, pipeDelimited, label, matrix,
 * an exploded object header, and a binary body with a text response.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateInto, importConnector } from './helpers/generate.js';
import { startServer, type TestServer } from './helpers/server.js';
import { tsc } from './helpers/tsc.js';

type Call = (input: unknown) => Promise<unknown>;
interface Styles {
  search: Call;
  byLabel: Call;
  byMatrix: Call;
  putRaw: Call;
  close(): Promise<void>;
}

let server: TestServer;
let styles: Styles;

beforeAll(async () => {
  const { dir } = await generateInto('specs/param-styles/openapi.yaml', 'e2e-param-styles');
  expect((await tsc(dir)).errors).toEqual([]);
  const mod = await importConnector<{ createParameterStylesConnector(options: object): Styles }>(dir);
  server = await startServer();
  styles = mod.createParameterStylesConnector({ baseUrl: server.url, retry: false });
}, 60_000);

afterAll(async () => {
  await styles?.close();
  await server?.close();
});

describe('parameter styles on the wire', () => {
  it('query: deepObject, exploded form array, space- and pipe-delimited, allowReserved; object header', async () => {
    server.reset(() => ({ body: {} }));
    await styles.search({
      filter: { color: 'red', size: 2 },
      tags: ['a', 'b'],
      ids: [1, 2],
      fields: ['x', 'y'],
      q: 'a/b?c',
      xMeta: { a: '1', b: '2' },
    });
    const [request] = server.requests;
    const query = request!.url.slice(request!.url.indexOf('?') + 1).split('&').sort();
    expect(query).toEqual(['fields=x|y', 'filter[color]=red', 'filter[size]=2', 'ids=1%202', 'q=a/b?c', 'tags=a', 'tags=b'].sort());
    expect(request!.headers['x-meta']).toBe('a=1,b=2');
  });

  // RFC 6570 `{.id}`, as OpenAPI 3.1.1's style table has it (3.0's table printed `.a.b`).
  it('path: label and exploded matrix', async () => {
    server.reset(() => ({ status: 204 }));
    await styles.byLabel({ id: ['a', 'b'] });
    await styles.byMatrix({ id: ['a', 'b'] });
    expect(server.requests.map((r) => r.path)).toEqual(['/label/.a,b', '/matrix/;id=a;id=b']);
  });

  it('a binary body goes out as bytes, a text/plain response comes back as a string', async () => {
    server.reset((request) => ({ headers: { 'content-type': 'text/plain' }, body: `got ${request.body.length} bytes` }));
    await expect(styles.putRaw({ body: new Uint8Array([1, 2, 3]) })).resolves.toBe('got 3 bytes');
    const [request] = server.requests;
    expect(request!.method).toBe('PUT');
    expect(request!.headers['content-type']).toBe('application/octet-stream');
    expect([...request!.body]).toEqual([1, 2, 3]);
  });
});
