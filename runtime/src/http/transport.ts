/**
 * The wire: one undici Agent per connector instance (it keeps a keep-alive Pool per origin), and a
 * `send` that maps our request shape onto `dispatcher.request`. Calling the dispatcher directly,
 * rather than `undici.request` or fetch, skips a URL re-parse and the WHATWG layers per call.
 */
import { Agent, type Dispatcher } from 'undici';
import type { WireBody } from './body.js';
import type { Deadline } from './deadline.js';

export interface WireRequest {
  readonly method: string;
  readonly url: URL;
  readonly headers: Record<string, string>;
  readonly body?: WireBody | undefined;
  /** undici takes an EventEmitter as a signal; a Deadline is one (see deadline.ts for why). */
  readonly signal?: AbortSignal | Deadline | undefined;
}

export interface TransportOptions {
  /** Idle keep-alive sockets are closed after this long; default 30 s. */
  readonly keepAliveTimeoutMs?: number;
  /** Sockets per origin; default unlimited (bounded by the rate limiter's concurrency instead). */
  readonly connections?: number;
}

export function createAgent(options: TransportOptions = {}): Agent {
  return new Agent({
    keepAliveTimeout: options.keepAliveTimeoutMs ?? 30_000,
    keepAliveMaxTimeout: Math.max(options.keepAliveTimeoutMs ?? 30_000, 600_000),
    ...(options.connections === undefined ? {} : { connections: options.connections }),
  });
}

export function send(dispatcher: Dispatcher, request: WireRequest): Promise<Dispatcher.ResponseData> {
  return dispatcher.request({
    origin: request.url.origin,
    path: `${request.url.pathname}${request.url.search}`,
    method: request.method as Dispatcher.HttpMethod,
    headers: request.headers,
    body: (request.body ?? null) as Dispatcher.DispatchOptions['body'],
    signal: request.signal as Dispatcher.RequestOptions['signal'],
    // Our deadline covers the whole call; undici's own per-phase timers would fire first and
    // with a less useful error, so they are left to the deadline.
    headersTimeout: 0,
    bodyTimeout: 0,
  });
}
