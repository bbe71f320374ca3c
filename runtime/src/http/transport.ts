/**
 * The wire: one undici Agent per connector instance (it keeps a keep-alive Pool per origin), and
 * two ways to send on it: buffered (json, text, empty) or streamed (binary). Calling the dispatcher
 * directly, rather than `undici.request` or fetch, skips a URL re-parse and the WHATWG layers per call.
 */
import { Agent, type Dispatcher } from 'undici';
import type { WireBody } from './body.js';
import { dispatchBuffered, type BodyLimit, type BufferedResponse } from './buffered.js';
import type { Deadline } from './deadline.js';
import type { HttpDispatcher } from './dispatcher.js';

export interface WireRequest {
  readonly method: string;
  /** `http://host:port`, and the path with its query, as the dispatcher takes them (no URL re-parse). */
  readonly origin: string;
  readonly path: string;
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

/**
 * A user's `dispatcher` option as undici's own type, for the calls into undici: only undici
 * implements the dispatch protocol HttpDispatcher's methods speak (see dispatcher.ts).
 */
export function toUndici(dispatcher: HttpDispatcher): Dispatcher;
export function toUndici(dispatcher: HttpDispatcher | undefined): Dispatcher | undefined;
export function toUndici(dispatcher: HttpDispatcher | undefined): Dispatcher | undefined {
  return dispatcher as Dispatcher | undefined;
}

export function createAgent(options: TransportOptions = {}): Agent {
  return new Agent({
    keepAliveTimeout: options.keepAliveTimeoutMs ?? 30_000,
    keepAliveMaxTimeout: Math.max(options.keepAliveTimeoutMs ?? 30_000, 600_000),
    ...(options.connections === undefined ? {} : { connections: options.connections }),
  });
}

/**
 * Sends a request whose response the caller reads whole (json, text, empty): the body is buffered
 * by a dispatch handler, at most `limit(status)` bytes of it (see buffered.ts for why not `request()`).
 */
export function sendBuffered(dispatcher: Dispatcher, request: WireRequest, limit: BodyLimit): Promise<BufferedResponse> {
  return dispatchBuffered(dispatcher, dispatchOptions(request), limit, request.signal);
}

/** Sends a request whose response body the caller gets as a stream (binary). */
export function sendStreaming(dispatcher: Dispatcher, request: WireRequest): Promise<Dispatcher.ResponseData> {
  return dispatcher.request({ ...dispatchOptions(request), signal: request.signal as Dispatcher.RequestOptions['signal'] });
}

function dispatchOptions(request: WireRequest): Dispatcher.DispatchOptions {
  return {
    origin: request.origin,
    path: request.path,
    method: request.method as Dispatcher.HttpMethod,
    headers: request.headers,
    body: (request.body ?? null) as Dispatcher.DispatchOptions['body'],
    // Our deadline covers the whole call; undici's own per-phase timers would fire first and
    // with a less useful error, so they are left to the deadline.
    headersTimeout: 0,
    bodyTimeout: 0,
  };
}

/** A response as the client reads it: a buffered body, or a stream for binary responses. */
export type WireResponse = BufferedResponse | Dispatcher.ResponseData;
