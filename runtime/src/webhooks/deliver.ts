/**
 * Outbound webhooks: sign, POST, retry with backoff and jitter, log every attempt, and put what
 * could not be delivered on a dead-letter list from which it can be sent again.
 *
 * Retried: connection errors, the per-attempt timeout, 408, 429 and 5xx (a `Retry-After` up to
 * `maxDelayMs` is honoured). Any other 4xx is the receiver refusing the message, so it goes to the
 * dead-letter list at once. The backoff is the client's (retry/policy.ts). Waits go through
 * `sleep` and time through `now`, so tests drive both.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { Agent } from 'undici';
import type { HttpDispatcher } from '../http/dispatcher.js';
import { toUndici } from '../http/transport.js';
import { ConnectorConfigError } from '../http/errors.js';
import { Redactor } from '../http/redact.js';
import { backoffDelay, parseRetryAfter, type RetryPolicy } from '../retry/policy.js';
import type { WebhookSchemeConfig } from './schemes/registry.js';
import type { SignatureScheme } from './scheme.js';
import { signWebhook, type WebhookSecret } from './verify.js';

export interface WebhookMessage {
  /** Default: `msg_` + a random UUID; the same on every attempt so the receiver can deduplicate. */
  readonly id?: string;
  readonly type: string;
  readonly data: unknown;
}

export interface DeliveryAttempt {
  readonly messageId: string;
  readonly type: string;
  readonly attempt: number;
  /** ISO time the attempt started. */
  readonly at: string;
  readonly url: string;
  readonly status: number | undefined;
  readonly error: string | undefined;
  readonly latencyMs: number;
  readonly outcome: 'delivered' | 'retrying' | 'dead-letter';
  /** The payload with secret-named fields and known secrets replaced by [REDACTED]. */
  readonly payload: unknown;
}

export interface DeadLetter {
  readonly message: Required<WebhookMessage>;
  readonly attempts: number;
  readonly lastStatus: number | undefined;
  readonly lastError: string | undefined;
}

export interface DeliveryResult {
  readonly messageId: string;
  readonly delivered: boolean;
  readonly attempts: number;
  readonly status: number | undefined;
}

export interface WebhookSenderOptions {
  readonly url: string | URL;
  readonly secret: WebhookSecret | readonly WebhookSecret[];
  readonly scheme?: WebhookSchemeConfig | SignatureScheme;
  /** Default 5. */
  readonly maxAttempts?: number;
  /** Default 1000 ms. */
  readonly baseDelayMs?: number;
  /** Default 60 s. */
  readonly maxDelayMs?: number;
  /** Per attempt; default 10 s. */
  readonly timeoutMs?: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** Entries kept in `log` (oldest dropped first); default 1000. */
  readonly logLimit?: number;
  /** Called with every attempt as it is logged. */
  readonly onAttempt?: (attempt: DeliveryAttempt) => void;
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
  /** In [0, 1); default Math.random. */
  readonly random?: () => number;
  readonly dispatcher?: HttpDispatcher;
}

export interface WebhookSender {
  send(message: WebhookMessage): Promise<DeliveryResult>;
  /** Sends a dead letter again (a full round of attempts); it leaves the list if delivered. */
  redeliver(messageId: string): Promise<DeliveryResult>;
  readonly log: readonly DeliveryAttempt[];
  readonly deadLetters: readonly DeadLetter[];
  close(): Promise<void>;
}

const RETRY_STATUSES = new Set([408, 429, 500, 502, 503, 504]);

export function createWebhookSender(options: WebhookSenderOptions): WebhookSender {
  const url = new URL(String(options.url));
  const policy: RetryPolicy = {
    maxAttempts: Math.max(1, options.maxAttempts ?? 5),
    baseDelayMs: options.baseDelayMs ?? 1000,
    maxDelayMs: options.maxDelayMs ?? 60_000,
    statuses: RETRY_STATUSES,
    idempotencyKeyHeader: undefined,
  };
  const timeoutMs = options.timeoutMs ?? 10_000;
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => delay(ms));
  const random = options.random ?? Math.random;
  const ownDispatcher = options.dispatcher === undefined;
  const dispatcher = toUndici(options.dispatcher) ?? new Agent({ keepAliveTimeout: 10_000 });
  const secrets = (typeof options.secret === 'string' || options.secret instanceof Uint8Array ? [options.secret] : options.secret).filter((s): s is string => typeof s === 'string');
  const redactor = new Redactor(() => secrets);
  const log: DeliveryAttempt[] = [];
  const deadLetters: DeadLetter[] = [];
  const logLimit = options.logLimit ?? 1000;

  const record = (entry: DeliveryAttempt): void => {
    log.push(entry);
    if (log.length > logLimit) log.splice(0, log.length - logLimit);
    options.onAttempt?.(entry);
  };

  async function attempt(body: string, headers: Record<string, string>): Promise<{ status?: number; error?: string; retryAfterMs?: number }> {
    try {
      const response = await dispatcher.request({
        origin: url.origin,
        path: `${url.pathname}${url.search}`,
        method: 'POST',
        headers,
        body,
        signal: AbortSignal.timeout(timeoutMs),
        headersTimeout: 0,
        bodyTimeout: 0,
      });
      await response.body.dump();
      const retryAfterMs = parseRetryAfter(response.headers, now());
      return { status: response.statusCode, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) };
    } catch (error) {
      const name = (error as { name?: string }).name;
      const reason = name === 'TimeoutError' ? `timed out after ${timeoutMs} ms` : ((error as { code?: string }).code ?? (error as Error).message);
      return { error: redactor.text(String(reason)) };
    }
  }

  async function deliver(message: Required<WebhookMessage>): Promise<DeliveryResult> {
    const body = JSON.stringify({ type: message.type, timestamp: new Date(now()).toISOString(), data: message.data });
    const payload = redactor.value(message.data);
    let last: { status?: number; error?: string } = {};
    for (let n = 1; n <= policy.maxAttempts; n++) {
      // Signed per attempt: a retry an hour later must not be refused as stale.
      const headers = {
        'content-type': 'application/json',
        'user-agent': 'connectgen-webhooks',
        ...options.headers,
        ...signWebhook({ secret: options.secret, body, id: message.id, now, ...(options.scheme === undefined ? {} : { scheme: options.scheme }) }),
      };
      const started = now();
      const result = await attempt(body, headers);
      last = result;
      const ok = result.status !== undefined && result.status >= 200 && result.status < 300;
      const retryable = result.error !== undefined || (result.status !== undefined && RETRY_STATUSES.has(result.status));
      let wait: number | undefined;
      if (!ok && retryable && n < policy.maxAttempts) {
        wait = result.retryAfterMs ?? backoffDelay(n, policy, random());
        if (wait > policy.maxDelayMs) wait = undefined;
      }
      record({
        messageId: message.id,
        type: message.type,
        attempt: n,
        at: new Date(started).toISOString(),
        url: redactor.url(url),
        status: result.status,
        error: result.error,
        latencyMs: Math.max(0, now() - started),
        outcome: ok ? 'delivered' : wait === undefined ? 'dead-letter' : 'retrying',
        payload,
      });
      if (ok) return { messageId: message.id, delivered: true, attempts: n, status: result.status };
      if (wait === undefined) {
        deadLetters.push({ message, attempts: n, lastStatus: result.status, lastError: result.error });
        return { messageId: message.id, delivered: false, attempts: n, status: result.status };
      }
      await sleep(wait);
    }
    // Unreachable: the last attempt either delivers or dead-letters above.
    return { messageId: message.id, delivered: false, attempts: policy.maxAttempts, status: last.status };
  }

  return {
    log,
    deadLetters,
    send: (message) => deliver({ id: message.id ?? `msg_${randomUUID()}`, type: message.type, data: message.data }),
    async redeliver(messageId) {
      const index = deadLetters.findIndex((d) => d.message.id === messageId);
      const letter = deadLetters[index];
      if (letter === undefined) throw new ConnectorConfigError(`no dead letter with id ${messageId}`);
      deadLetters.splice(index, 1);
      return deliver(letter.message);
    },
    close: async () => {
      if (ownDispatcher) await dispatcher.close();
    },
  };
}
