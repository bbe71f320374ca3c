/** createClient against a real 127.0.0.1 server: the wire format, bodies, responses, deadlines, hooks. */
import { Readable } from 'node:stream';
import { Agent, type Dispatcher } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestEvent, ResponseEvent } from '../client-api.js';
import { createClient } from '../client.js';
import type { ConnectorDefinition, OperationSpec } from '../definition.js';
import { ConnectorHttpError, ConnectorNetworkError, ConnectorTimeoutError } from '../http/errors.js';
import { json, startServer, type TestServer } from '../testing/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/hang') return; // never answers
    if (url.pathname === '/slow-body') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"a":');
      return; // body never finishes
    }
    if (url.pathname === '/missing') return json(res, 404, { message: 'no such pet' }, { 'x-request-id': 'req-123' });
    if (url.pathname === '/bytes') {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      res.write(Buffer.alloc(1000, 1));
      setTimeout(() => res.end(Buffer.alloc(1000, 2)), 20);
      return;
    }
    if (url.pathname === '/text') return void res.end('hello text');
    if (url.pathname === '/redirect') return void res.writeHead(302, { location: 'http://elsewhere.invalid/' }).end();
    if (url.pathname === '/slow-bytes') {
      // Headers at once, then the body trickles in over ~1.5 s: well past the call's 1 s timeout,
      // which in turn leaves a loaded machine ample time to deliver the headers.
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      let n = 0;
      const timer = setInterval(() => {
        res.write(Buffer.alloc(100, n));
        if (++n === 6) {
          clearInterval(timer);
          res.end();
        }
      }, 250);
      res.on('close', () => clearInterval(timer));
      return;
    }
    if (url.pathname === '/empty') return void res.writeHead(204).end();
    json(res, 200, { method: req.method, url: req.url, headers: req.headers, body: req.body.toString('latin1') });
  });
});
afterAll(() => server.close());

const definition = (overrides: Partial<ConnectorDefinition> = {}): ConnectorDefinition => ({
  name: 'test',
  version: '1.0.0',
  servers: [{ url: '{scheme}://127.0.0.1:{port}/api', variables: { scheme: { default: 'http' }, port: { default: '1' } } }],
  auth: { none: { type: 'none' } },
  retry: { baseDelayMs: 1, maxDelayMs: 20 },
  ...overrides,
});
const port = (): string => new URL(server.origin).port;
const op = (o: Partial<OperationSpec> & Pick<OperationSpec, 'path'>): OperationSpec => ({ id: 'op', method: 'GET', parameters: [], response: 'json', ...o });

type Echo = { method: string; url: string; headers: Record<string, string>; body: string };

describe('requests', () => {
  it('fills server variables and serializes parameters', async () => {
    const client = createClient(definition(), { serverVariables: { port: port() } });
    const get = client.action<Record<string, unknown>, Echo>(
      op({
        path: '/pets/{id}',
        parameters: [
          { name: 'id', key: 'id', in: 'path' },
          { name: 'tags', key: 'tags', in: 'query', style: 'pipeDelimited', explode: false },
          { name: 'filter', key: 'filter', in: 'query', style: 'deepObject', explode: true },
          { name: 'X-Tenant', key: 'tenant', in: 'header' },
          { name: 'lang', key: 'lang', in: 'cookie' },
        ],
      }),
    );
    const echo = await get({ id: 7, tags: ['a', 'b'], filter: { kind: 'cat' }, tenant: 't1', lang: 'fr' }, { headers: { 'X-Extra': 'e' } });
    expect(echo.url).toBe('/api/pets/7?tags=a|b&filter[kind]=cat');
    expect(echo.headers['x-tenant']).toBe('t1');
    expect(echo.headers['cookie']).toBe('lang=fr');
    expect(echo.headers['x-extra']).toBe('e');
    expect(echo.headers['accept']).toBe('application/json');
    await client.close();
  });

  it('merges a fixed query in the path template with the serialized one, and never sends a fragment', async () => {
    const client = createClient(definition(), { serverVariables: { port: port() } });
    const include = [{ name: 'include', key: 'include', in: 'query' as const }];
    const fixed = client.action<Record<string, unknown>, Echo>(op({ path: '/items/{id}?beta=true', parameters: [{ name: 'id', key: 'id', in: 'path' }, ...include] }));
    expect((await fixed({ id: 'i1', include: 'x' })).url).toBe('/api/items/i1?beta=true&include=x');
    expect((await fixed({ id: 'i1' })).url).toBe('/api/items/i1?beta=true');
    const aws = client.action<Record<string, unknown>, Echo>(op({ path: '/#X-Amz-Target=Kinesis.ListStreams', parameters: include }));
    expect((await aws({ include: 'y' })).url).toBe('/api/?include=y');
    const action = client.action<Record<string, unknown>, Echo>(op({ path: '/?Action=ListUsers&Version=2010-05-08', parameters: include }));
    expect((await action({ include: 'z' })).url).toBe('/api/?Action=ListUsers&Version=2010-05-08&include=z');
    await client.close();
  });

  it('baseUrl overrides the server', async () => {
    const client = createClient(definition({ servers: [] }), { baseUrl: `${server.origin}/v2/` });
    const echo = await client.action<object, Echo>(op({ path: '/x' }))({});
    expect(echo.url).toBe('/v2/x');
    await client.close();
  });

  it('rejects a server variable outside its enum', () => {
    const def = definition({ servers: [{ url: 'https://{region}.example.com', variables: { region: { default: 'eu', enum: ['eu', 'us'] } } }] });
    expect(() => createClient(def, { serverVariables: { region: 'mars' } })).toThrow(expect.objectContaining({ code: 'CG_CONFIG' }));
  });
});

describe('request bodies', () => {
  const client = () => createClient(definition(), { baseUrl: server.origin });
  const post = (encoding: 'json' | 'form' | 'multipart' | 'binary' | 'text', mediaType: string) =>
    op({ path: '/echo', method: 'POST', requestBody: { mediaType, encoding } });

  it('json', async () => {
    const c = client();
    const echo = await c.action<object, Echo>(post('json', 'application/json'))({ body: { a: 1, b: [true] } });
    expect(echo.headers['content-type']).toBe('application/json');
    expect(JSON.parse(echo.body)).toEqual({ a: 1, b: [true] });
    await c.close();
  });

  it('form-urlencoded', async () => {
    const c = client();
    const echo = await c.action<object, Echo>(post('form', 'application/x-www-form-urlencoded'))({ body: { name: 'a b&c', ids: [1, 2] } });
    expect(echo.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(echo.body).toBe('name=a%20b%26c&ids=1&ids=2');
    expect(new URLSearchParams(echo.body).getAll('ids')).toEqual(['1', '2']);
    await c.close();
  });

  it('multipart with a string, a Blob, a Buffer and a Readable stream', async () => {
    const c = client();
    const body = {
      title: 'report',
      meta: { pages: 2 },
      blob: new File(['blob-content'], 'notes.txt', { type: 'text/plain' }),
      buffer: { data: Buffer.from('buffer-content'), filename: 'b.bin' },
      stream: { data: Readable.from([Buffer.from('stream-'), Buffer.from('content')]), filename: 's.csv', contentType: 'text/csv' },
    };
    const echo = await c.action<object, Echo>(post('multipart', 'multipart/form-data'))({ body });
    const boundary = /boundary=(.+)$/.exec(echo.headers['content-type'] ?? '')?.[1];
    expect(boundary).toBeTruthy();
    // Parse it back with the WHATWG parser to prove it is well-formed.
    const parsed = await new Response(Buffer.from(echo.body, 'latin1'), { headers: { 'content-type': echo.headers['content-type'] ?? '' } }).formData();
    expect(parsed.get('title')).toBe('report');
    expect(parsed.get('meta')).toBe('{"pages":2}');
    const file = parsed.get('blob') as File;
    expect([file.name, file.type, await file.text()]).toEqual(['notes.txt', 'text/plain', 'blob-content']);
    expect(await (parsed.get('buffer') as File).text()).toBe('buffer-content');
    const streamed = parsed.get('stream') as File;
    expect([streamed.name, streamed.type, await streamed.text()]).toEqual(['s.csv', 'text/csv', 'stream-content']);
    await c.close();
  });

  it('binary from Buffer and from a stream, and text', async () => {
    const c = client();
    const bin = c.action<object, Echo>(post('binary', 'application/octet-stream'));
    expect((await bin({ body: Buffer.from([1, 2, 3]) })).body).toBe('\x01\x02\x03');
    expect((await bin({ body: Readable.from([Buffer.from('ab'), Buffer.from('cd')]) })).body).toBe('abcd');
    const text = await c.action<object, Echo>(post('text', 'text/plain'))({ body: 'plain' });
    expect([text.headers['content-type'], text.body]).toEqual(['text/plain', 'plain']);
    await c.close();
  });
});

describe('responses', () => {
  it('text, empty and streamed binary', async () => {
    const c = createClient(definition(), { baseUrl: server.origin });
    expect(await c.action(op({ path: '/text', response: 'text' }))({})).toBe('hello text');
    expect(await c.action(op({ path: '/empty', response: 'empty' }))({})).toBeUndefined();
    expect(await c.action(op({ path: '/empty', response: 'json' }))({})).toBeUndefined();
    const stream = await c.action<object, Readable>(op({ path: '/bytes', response: 'binary' }))({});
    expect(stream).toBeInstanceOf(Readable);
    let size = 0;
    for await (const chunk of stream) size += (chunk as Buffer).length;
    expect(size).toBe(2000);
    await c.close();
  });

  it('a streamed body outlives the call timeout, and the caller`s signal still cancels it', async () => {
    const c = createClient(definition({ timeoutMs: 1000 }), { baseUrl: server.origin });
    const download = c.action<object, Readable>(op({ path: '/slow-bytes', response: 'binary' }));
    let size = 0;
    for await (const chunk of await download({})) size += (chunk as Buffer).length;
    expect(size).toBe(600);

    const controller = new AbortController();
    const stream = await download({}, { signal: controller.signal });
    const read = (async () => {
      for await (const chunk of stream) {
        void chunk;
        controller.abort(new Error('stop download'));
      }
    })();
    await expect(read).rejects.toThrow('stop download');
    await c.close();
  });

  it('a redirect is an error, not followed', async () => {
    const c = createClient(definition(), { baseUrl: server.origin });
    await expect(c.action(op({ path: '/redirect' }))({})).rejects.toMatchObject({ code: 'CG_HTTP_STATUS', status: 302 });
    await c.close();
  });

  it('a non-2xx becomes ConnectorHttpError with status, body and request id', async () => {
    const c = createClient(definition(), { baseUrl: server.origin });
    const error = await c.action(op({ path: '/missing' }))({}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectorHttpError);
    expect(error).toMatchObject({ code: 'CG_HTTP_STATUS', status: 404, method: 'GET', requestId: 'req-123', body: { message: 'no such pet' } });
    expect((error as Error).message).toContain('no such pet');
    await c.close();
  });
});

describe('deadlines and cancellation', () => {
  it('the connector timeout fires on a hanging server', async () => {
    const c = createClient(definition({ timeoutMs: 150 }), { baseUrl: server.origin });
    const started = Date.now();
    const error = await c.action(op({ path: '/hang' }))({}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectorTimeoutError);
    expect(error).toMatchObject({ code: 'CG_TIMEOUT', timeoutMs: 150 });
    expect(Date.now() - started).toBeLessThan(3000);
    await c.close();
  });

  it('a per-call timeout overrides it, and covers a body that stops mid-way', async () => {
    const c = createClient(definition({ timeoutMs: 60_000 }), { baseUrl: server.origin });
    await expect(c.action(op({ path: '/slow-body' }))({}, { timeoutMs: 100 })).rejects.toBeInstanceOf(ConnectorTimeoutError);
    await c.close();
  });

  it('an AbortSignal cancels a call in flight with its reason', async () => {
    const c = createClient(definition({ timeoutMs: 60_000 }), { baseUrl: server.origin });
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('user cancelled')), 50);
    await expect(c.action(op({ path: '/hang' }))({}, { signal: controller.signal })).rejects.toThrow('user cancelled');
    await expect(c.action(op({ path: '/x' }))({}, { signal: AbortSignal.abort(new Error('already')) })).rejects.toThrow('already');
    await c.close();
  });

  it('a refused connection is a ConnectorNetworkError after retries', async () => {
    const c = createClient(definition(), { baseUrl: 'http://127.0.0.1:1' });
    await expect(c.action(op({ path: '/x' }))({})).rejects.toBeInstanceOf(ConnectorNetworkError);
    await c.close();
  });
});

describe('dispatcher override', () => {
  it('sends through the caller`s undici dispatcher and leaves it open on close()', async () => {
    let dispatched = 0;
    class Counting extends Agent {
      override dispatch(options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean {
        dispatched++;
        return super.dispatch(options, handler);
      }
    }
    const dispatcher = new Counting();
    const c = createClient(definition(), { baseUrl: server.origin, dispatcher });
    await c.action(op({ path: '/x' }))({});
    await c.close();
    expect(dispatched).toBe(1);
    expect(dispatcher.closed).toBe(false);
    await dispatcher.close();
  });
});

describe('hooks', () => {
  it('observe each attempt with a redacted URL, and a throwing hook changes nothing', async () => {
    const requests: RequestEvent[] = [];
    const responses: ResponseEvent[] = [];
    const c = createClient(definition(), {
      baseUrl: server.origin,
      hooks: {
        onRequest: (e) => requests.push(e),
        onResponse: (e) => {
          responses.push(e);
          throw new Error('hook bug');
        },
      },
    });
    await c.action(op({ id: 'things', path: '/x', parameters: [{ name: 'api_key', key: 'k', in: 'query' }] }))({ k: 'hunter2-secret' });
    expect(requests).toEqual([{ action: 'things', method: 'GET', url: `${server.origin}/x?api_key=[REDACTED]`, attempt: 1 }]);
    expect(responses[0]).toMatchObject({ status: 200, attempt: 1 });
    expect(JSON.stringify([requests, responses])).not.toContain('hunter2');
    await c.close();
  });
});
