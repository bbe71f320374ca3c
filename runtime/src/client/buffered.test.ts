/**
 * Response bodies the client buffers (json, text, empty) against a real server: bodies that come
 * in many chunks, a byte order mark, error bodies kept to 64 KiB, and a body that breaks off after
 * its headers (retried like a connection that broke before them).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../client.js';
import type { ConnectorDefinition, OperationSpec } from '../definition.js';
import { ConnectorHttpError } from '../http/errors.js';
import { startServer, type TestServer } from '../testing/server.js';

let server: TestServer;
let brokenOnce = 0;
const big = { items: Array.from({ length: 20_000 }, (_, i) => ({ id: i, name: `item-${i}` })) };

beforeAll(async () => {
  server = await startServer((req, res) => {
    switch (req.url) {
      case '/big': {
        // Written in small pieces so the body arrives in many chunks.
        const text = JSON.stringify(big);
        res.writeHead(200, { 'content-type': 'application/json' });
        for (let at = 0; at < text.length; at += 4096) res.write(text.slice(at, at + 4096));
        res.end();
        return;
      }
      case '/bom':
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"ok":true}')]));
        return;
      case '/huge-error':
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end('x'.repeat(1024 * 1024));
        return;
      case '/broken':
        if (brokenOnce++ === 0) {
          res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
          res.write('{"partial":');
          setTimeout(() => res.socket?.destroy(), 10);
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"whole":true}');
        return;
      case '/empty':
        res.writeHead(204).end();
        return;
      default:
        res.writeHead(404).end();
    }
  });
});
afterAll(() => server.close());

const definition: ConnectorDefinition = { name: 'buffered', version: '1.0.0', servers: [{ url: 'http://127.0.0.1:1' }], auth: {}, retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 5 } };
const op = (path: string, response: OperationSpec['response'] = 'json'): OperationSpec => ({ id: 'op', method: 'GET', path, parameters: [], response });

describe('buffered responses', () => {
  it('reads a body that arrives in many chunks, whole', async () => {
    const c = createClient(definition, { baseUrl: server.origin });
    expect(await c.action(op('/big'))({})).toEqual(big);
    await c.close();
  });

  it('drops a UTF-8 byte order mark before parsing, as undici`s body.text() did', async () => {
    const c = createClient(definition, { baseUrl: server.origin });
    expect(await c.action(op('/bom'))({})).toEqual({ ok: true });
    expect(await c.action(op('/bom', 'text'))({})).toBe('{"ok":true}');
    await c.close();
  });

  it('keeps 64 KiB of a huge error body and still reports the status', async () => {
    const c = createClient({ ...definition, retry: { maxAttempts: 1 } }, { baseUrl: server.origin });
    const error = await c.action(op('/huge-error'))({}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectorHttpError);
    expect((error as ConnectorHttpError).status).toBe(500);
    expect(((error as ConnectorHttpError).body as string).length).toBe(64 * 1024);
    await c.close();
  });

  it('retries a GET whose body broke off after the headers', async () => {
    const c = createClient(definition, { baseUrl: server.origin });
    expect(await c.action(op('/broken'))({})).toEqual({ whole: true });
    expect(brokenOnce).toBe(2);
    await c.close();
  });

  it('an empty response kind and a 204 resolve to undefined', async () => {
    const c = createClient(definition, { baseUrl: server.origin });
    expect(await c.action(op('/empty', 'empty'))({})).toBeUndefined();
    expect(await c.action(op('/empty'))({})).toBeUndefined();
    await c.close();
  });
});
