/**
 * A node:http request handler that receives webhooks: read the raw body (capped), verify, parse,
 * dispatch to the handler for the event type. Usable as `http.createServer(handler)` or inside any
 * framework that exposes node's req/res (Express, Fastify's `raw`, Next's API routes) as long as
 * nothing parsed the body first: the signature covers the raw bytes.
 *
 * Status codes are a contract with the sender's retry logic:
 *   401 bad or missing signature, 400 stale, replayed or unparsable, 413 body over the cap,
 *   405 not POST, 202 an event type nobody handles (logged), 500 a handler threw (the sender
 *   retries, and the id is released from the replay store so that retry is accepted), 204 done.
 */
import { WebhookVerificationError } from './errors.js';
import { readHeader, type HeaderSource } from './headers.js';
import { MemoryReplayStore, type ReplayStore } from './replay.js';
import { resolveScheme, type WebhookSchemeConfig } from './schemes/registry.js';
import type { SignatureScheme } from './scheme.js';
import { createVerifier, type WebhookSecret } from './verify.js';

/** What a handler receives. `payload` is the parsed body, typed by event name. */
export interface WebhookEvent<Type extends string = string, Payload = unknown> {
  readonly type: Type;
  readonly id: string | undefined;
  readonly timestamp: number | undefined;
  readonly payload: Payload;
  readonly headers: HeaderSource;
}

export type WebhookHandlers<Events extends object> = {
  readonly [K in keyof Events & string]?: (event: WebhookEvent<K, Events[K]>) => unknown;
};

export interface ReceiverLogEntry {
  readonly level: 'info' | 'warn' | 'error';
  readonly status: number;
  readonly message: string;
  readonly id?: string | undefined;
  readonly type?: string | undefined;
  readonly code?: string | undefined;
}

export interface ReceiverOptions<Events extends object> {
  readonly secret: WebhookSecret | readonly WebhookSecret[];
  readonly scheme?: WebhookSchemeConfig | SignatureScheme;
  readonly handlers?: WebhookHandlers<Events>;
  /** Receives every event no typed handler took (instead of the 202 for unknown types). */
  readonly onEvent?: (event: WebhookEvent) => unknown;
  /** Default 1 MiB. */
  readonly maxBodyBytes?: number;
  readonly toleranceSeconds?: number;
  /** Default: an in-memory store; `false` turns replay protection off. */
  readonly replay?: ReplayStore | false;
  /** Event type when neither the scheme's event header nor the body's `type` says it. */
  readonly eventType?: (payload: unknown, headers: HeaderSource) => string | undefined;
  readonly log?: (entry: ReceiverLogEntry) => void;
  readonly now?: () => number;
}

/**
 * A node:http request listener. Its request and response are declared by what the receiver uses
 * rather than imported from node:http, so the runtime's main entry (which every connector package
 * type-checks against) needs no Node declarations; node's IncomingMessage and ServerResponse, and
 * the frameworks' objects built on them, satisfy both.
 */
export type WebhookRequestHandler = (req: WebhookHttpRequest, res: WebhookHttpResponse) => Promise<void>;

/** The request as the receiver reads it: method, headers and the raw body's chunks. */
export interface WebhookHttpRequest extends AsyncIterable<Uint8Array> {
  readonly method?: string | undefined;
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  /** Drops the body unread (one declared over the size cap). */
  resume(): unknown;
}

/** The response as the receiver writes it. */
export interface WebhookHttpResponse {
  readonly headersSent: boolean;
  setHeader(name: string, value: string): unknown;
  writeHead(status: number, headers: Record<string, string>): unknown;
  end(body?: string): unknown;
}

export function createWebhookReceiver<Events extends object = Record<string, unknown>>(
  options: ReceiverOptions<Events>,
): WebhookRequestHandler {
  const replay = options.replay === false ? undefined : (options.replay ?? new MemoryReplayStore());
  const scheme = resolveScheme(options.scheme);
  const verify = createVerifier({
    secret: options.secret,
    scheme,
    ...(options.toleranceSeconds === undefined ? {} : { toleranceSeconds: options.toleranceSeconds }),
    ...(replay === undefined ? {} : { replay }),
    ...(options.now === undefined ? {} : { now: options.now }),
  });
  const maxBytes = options.maxBodyBytes ?? 1024 * 1024;
  const handlers = (options.handlers ?? {}) as Record<string, ((event: WebhookEvent) => unknown) | undefined>;
  const log = options.log ?? (() => undefined);

  return async (req, res) => {
    const answer = (entry: ReceiverLogEntry): void => {
      log(entry);
      if (!res.headersSent) {
        res.writeHead(entry.status, entry.status === 204 ? {} : { 'content-type': 'application/json' });
        res.end(entry.status === 204 ? undefined : JSON.stringify({ status: entry.status, code: entry.code, message: entry.message }));
      }
    };
    if (req.method !== 'POST') return answer({ level: 'warn', status: 405, message: `method ${req.method ?? ''} not allowed` });
    const body = await readBody(req, maxBytes);
    if (body === undefined) {
      res.setHeader('connection', 'close');
      return answer({ level: 'warn', status: 413, code: 'CG_WEBHOOK_TOO_LARGE', message: `body over ${maxBytes} bytes` });
    }
    let verified;
    try {
      verified = verify({ headers: req.headers, body });
    } catch (error) {
      if (error instanceof WebhookVerificationError) return answer({ level: 'warn', status: error.status, code: error.code, message: error.message });
      throw error;
    }
    const release = (): void => {
      if (verified.id !== undefined) replay?.release(verified.id);
    };
    let payload: unknown;
    try {
      payload = body.length === 0 ? undefined : JSON.parse(body.toString('utf8'));
    } catch {
      release();
      return answer({ level: 'warn', status: 400, code: 'CG_WEBHOOK_BODY', message: 'body is not JSON', id: verified.id });
    }
    const type = eventTypeOf(payload, req.headers, scheme.eventHeader, options.eventType);
    const event: WebhookEvent = { type: type ?? '', id: verified.id, timestamp: verified.timestamp, payload, headers: req.headers };
    const handler = (type === undefined ? undefined : handlers[type]) ?? options.onEvent;
    if (!handler) return answer({ level: 'info', status: 202, code: 'CG_WEBHOOK_UNHANDLED', message: `no handler for event type ${JSON.stringify(type ?? null)}`, id: verified.id, type });
    try {
      await handler(event);
    } catch (error) {
      release();
      return answer({ level: 'error', status: 500, code: 'CG_WEBHOOK_HANDLER', message: `handler for ${type ?? '(none)'} failed: ${error instanceof Error ? error.message : String(error)}`, id: verified.id, type });
    }
    answer({ level: 'info', status: 204, message: 'delivered', id: verified.id, type });
  };
}

function eventTypeOf(payload: unknown, headers: HeaderSource, eventHeader: string | undefined, custom: ReceiverOptions<Record<string, unknown>>['eventType']): string | undefined {
  if (eventHeader) {
    const fromHeader = readHeader(headers, eventHeader);
    if (fromHeader) return fromHeader;
  }
  if (payload && typeof payload === 'object') {
    const type = (payload as Record<string, unknown>)['type'];
    if (typeof type === 'string') return type;
  }
  return custom?.(payload, headers);
}

/** The raw body, or undefined once it passes `maxBytes` (the rest is drained, not buffered). */
async function readBody(req: WebhookHttpRequest, maxBytes: number): Promise<Buffer | undefined> {
  const preset = (req as { rawBody?: unknown }).rawBody;
  if (Buffer.isBuffer(preset)) return preset.length > maxBytes ? undefined : preset;
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    req.resume();
    return undefined;
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  let over = false;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > maxBytes) over = true;
    if (!over) chunks.push(chunk);
  }
  return over ? undefined : Buffer.concat(chunks, size);
}
