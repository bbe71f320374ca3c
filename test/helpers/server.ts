/**
 * A real node:http server on 127.0.0.1 (port 0) that records each request exactly as it arrived
 * and answers with whatever the test's handler returns.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  readonly method: string;
  /** Path and query as sent, e.g. `/v1/pets?limit=2`. */
  readonly url: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

export interface Reply {
  readonly status?: number;
  readonly headers?: Record<string, string>;
  /** Objects are sent as JSON. */
  readonly body?: unknown;
}

export type Handler = (request: RecordedRequest) => Reply | Promise<Reply>;

export interface TestServer {
  readonly url: string;
  readonly requests: RecordedRequest[];
  /** Sets the handler for the following requests and clears the record. */
  reset(handler: Handler): void;
  close(): Promise<void>;
}

export async function startServer(initial: Handler = () => ({ status: 200, body: {} })): Promise<TestServer> {
  let handler = initial;
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = req.url ?? '/';
      const parsed = new URL(url, 'http://127.0.0.1');
      const recorded: RecordedRequest = {
        method: req.method ?? '',
        url,
        path: parsed.pathname,
        query: parsed.searchParams,
        headers: req.headers,
        body: Buffer.concat(chunks),
      };
      requests.push(recorded);
      Promise.resolve(handler(recorded)).then(
        (reply) => {
          const json = reply.body !== undefined && typeof reply.body !== 'string' && !Buffer.isBuffer(reply.body);
          const payload = reply.body === undefined ? '' : json ? JSON.stringify(reply.body) : (reply.body as string | Buffer);
          res.writeHead(reply.status ?? 200, {
            ...(json ? { 'content-type': 'application/json' } : {}),
            ...reply.headers,
          });
          res.end(payload);
        },
        (error: unknown) => {
          res.writeHead(500, { 'content-type': 'text/plain' });
          res.end(String(error));
        },
      );
    });
  });
  await new Promise<void>((resolveListen) => server.listen(0, '127.0.0.1', resolveListen));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    reset(next) {
      handler = next;
      requests.length = 0;
    },
    close: () =>
      new Promise<void>((resolveClose) => {
        server.closeAllConnections();
        server.close(() => resolveClose());
      }),
  };
}
