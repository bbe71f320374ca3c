/**
 * The runtime's errors. Each class has a stable `code` (tests and callers branch on it, never on
 * wording), accepts a `cause`, and is built from already-redacted strings: the message is fixed at
 * construction (it is baked into `stack`), so redaction has to happen before `super()`.
 */
import { inspect } from 'node:util';
import { nameOnlyRedactor, type Redactor } from './redact.js';

/**
 * `util.inspect.custom`, which Node defines as this registered symbol. Named here rather than taken
 * from node:util so the errors' declarations (which every connector package reads) import no Node module.
 */
const inspectCustom: unique symbol = Symbol.for('nodejs.util.inspect.custom');

export interface ConnectorErrorOptions {
  readonly cause?: unknown;
  /** Known secret values to strip from the message and cause (the auth handler's `secrets()`). */
  readonly secrets?: readonly string[];
}

/** Base class: `code` identifies the failure; `toJSON()` and `inspect` show only redacted fields. */
export abstract class ConnectorError extends Error {
  abstract readonly code: string;

  constructor(message: string, options: ConnectorErrorOptions = {}) {
    const secrets = options.secrets ?? [];
    super(nameOnlyRedactor.text(message, secrets), { cause: sanitizeCause(options.cause, secrets) });
    this.name = new.target.name;
  }

  toJSON(): Record<string, unknown> {
    const cause = this.cause;
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      ...this.details(),
      ...(cause === undefined ? {} : { cause: cause instanceof Error ? { name: cause.name, message: cause.message, code: (cause as { code?: unknown }).code } : String(cause) }),
    };
  }

  /** Extra fields for `toJSON()`; every value must already be redacted. */
  protected details(): Record<string, unknown> {
    return {};
  }

  /** The stack (which starts with the message), then the redacted fields; never raw properties. */
  [inspectCustom](): string {
    const { name: _name, message: _message, ...fields } = this.toJSON();
    return `${this.stack ?? `${this.name}: ${this.message}`} ${inspect(fields, { depth: 4, breakLength: 120 })}`;
  }
}

/**
 * A cause can carry text we did not write (an undici error quoting a URL). Keep it as-is when it
 * holds no secret, otherwise substitute a copy with the same name and code and a redacted message.
 */
function sanitizeCause(cause: unknown, secrets: readonly string[]): unknown {
  if (cause === undefined || secrets.length === 0) return cause;
  if (cause instanceof Error) {
    const text = `${cause.message}\n${cause.stack ?? ''}`;
    if (!secrets.some((s) => text.includes(s))) return cause;
    const copy = new Error(nameOnlyRedactor.text(cause.message, secrets));
    copy.name = cause.name;
    copy.stack = nameOnlyRedactor.text(cause.stack ?? '', secrets);
    const code = (cause as { code?: unknown }).code;
    if (code !== undefined) Object.assign(copy, { code });
    return copy;
  }
  return typeof cause === 'string' ? nameOnlyRedactor.text(cause, secrets) : cause;
}

export interface HttpErrorInit {
  readonly status: number;
  readonly method: string;
  /** The request URL; redacted here. */
  readonly url: string | URL;
  /** Parsed (JSON) or text response body; redacted here. */
  readonly body?: unknown;
  readonly requestId?: string;
  /** Server-requested delay before retrying, from `Retry-After` / `retry-after-ms`. */
  readonly retryAfterMs?: number;
  readonly redactor?: Redactor;
  readonly cause?: unknown;
}

/** The server answered with a non-2xx status. */
export class ConnectorHttpError extends ConnectorError {
  readonly code = 'CG_HTTP_STATUS';
  readonly status: number;
  readonly method: string;
  /** Request URL with secrets redacted. */
  readonly url: string;
  /** Response body (parsed JSON when possible), with secrets redacted. */
  readonly body: unknown;
  readonly requestId: string | undefined;
  readonly retryAfterMs: number | undefined;

  constructor(init: HttpErrorInit) {
    const redactor = init.redactor ?? nameOnlyRedactor;
    const secrets = redactor.secrets();
    const url = redactor.url(init.url, secrets);
    const id = init.requestId === undefined ? '' : ` (request id ${init.requestId})`;
    super(`${init.method} ${url} failed with HTTP ${init.status}${id}${summary(init.body)}`, {
      cause: init.cause,
      secrets,
    });
    this.status = init.status;
    this.method = init.method;
    this.url = url;
    this.body = redactor.value(init.body, secrets);
    this.requestId = init.requestId === undefined ? undefined : redactor.text(init.requestId, secrets);
    this.retryAfterMs = init.retryAfterMs;
  }

  protected override details(): Record<string, unknown> {
    return { status: this.status, method: this.method, url: this.url, requestId: this.requestId, body: this.body };
  }
}

/** A short hint from the error body for the message: `: <message>` when the API sent one. */
function summary(body: unknown): string {
  if (typeof body === 'string') return body ? `: ${body.slice(0, 200)}` : '';
  if (body && typeof body === 'object') {
    const record = body as Record<string, unknown>;
    const nested = record['error'] && typeof record['error'] === 'object' ? (record['error'] as Record<string, unknown>) : undefined;
    const msg = record['message'] ?? nested?.['message'] ?? record['error_description'] ?? record['error'] ?? record['detail'];
    if (typeof msg === 'string') return `: ${msg.slice(0, 200)}`;
  }
  return '';
}

/** The call's deadline passed (connector or per-call `timeoutMs`). */
export class ConnectorTimeoutError extends ConnectorError {
  readonly code = 'CG_TIMEOUT';
  readonly timeoutMs: number;
  readonly method: string;
  readonly url: string;

  constructor(init: { method: string; url: string | URL; timeoutMs: number; redactor?: Redactor; cause?: unknown }) {
    const redactor = init.redactor ?? nameOnlyRedactor;
    const secrets = redactor.secrets();
    const url = redactor.url(init.url, secrets);
    super(`${init.method} ${url} timed out after ${init.timeoutMs} ms`, { cause: init.cause, secrets });
    this.timeoutMs = init.timeoutMs;
    this.method = init.method;
    this.url = url;
  }

  protected override details(): Record<string, unknown> {
    return { method: this.method, url: this.url, timeoutMs: this.timeoutMs };
  }
}

export interface AuthErrorOptions extends ConnectorErrorOptions {
  /** HTTP status of the refused request or token request, when there was one. */
  readonly status?: number;
  /**
   * True when stored credentials can no longer be refreshed (the token server refused the refresh
   * token): the user must re-authorize; retrying will not help.
   */
  readonly stale?: boolean;
}

/** Credentials were refused, missing, or (OAuth) stale and in need of re-authorization. */
export class ConnectorAuthError extends ConnectorError {
  readonly code = 'CG_AUTH';
  readonly status: number | undefined;
  readonly stale: boolean;

  constructor(message: string, options: AuthErrorOptions = {}) {
    super(message, options);
    this.status = options.status;
    this.stale = options.stale ?? false;
  }

  protected override details(): Record<string, unknown> {
    return { status: this.status, stale: this.stale };
  }
}

/** The connection failed (refused, reset, DNS) and retries, if any, were exhausted. */
export class ConnectorNetworkError extends ConnectorError {
  readonly code = 'CG_NETWORK';
  readonly method: string;
  readonly url: string;

  constructor(init: { method: string; url: string | URL; redactor?: Redactor; cause?: unknown }) {
    const redactor = init.redactor ?? nameOnlyRedactor;
    const secrets = redactor.secrets();
    const url = redactor.url(init.url, secrets);
    const reason = init.cause instanceof Error ? `: ${(init.cause as { code?: string }).code ?? init.cause.message}` : '';
    super(`${init.method} ${url} failed${reason}`, { cause: init.cause, secrets });
    this.method = init.method;
    this.url = url;
  }

  protected override details(): Record<string, unknown> {
    return { method: this.method, url: this.url };
  }
}

/** The connector was configured or called in a way the runtime cannot honour. */
export class ConnectorConfigError extends ConnectorError {
  readonly code = 'CG_CONFIG';
}

/** A paginated response did not have the shape the pagination config describes. */
export class ConnectorPaginationError extends ConnectorError {
  readonly code = 'CG_PAGINATION';
}

/**
 * A pagination next link leads to a host other than the connector's. Following it would mix
 * another server's items into the results (and, were credentials sent, leak them): the iteration
 * stops here unless the host is listed in the connector's `allowedHosts` option.
 */
export class ConnectorForeignHostError extends ConnectorError {
  readonly code = 'CG_PAGINATION_FOREIGN_HOST';
  /** The host (with port when not the default) the next link points at. */
  readonly host: string;

  constructor(host: string, expected: string) {
    super(`the next page link points at ${host}, not at the connector's host ${expected}; pass allowedHosts: ["${host}"] to follow it (without credentials)`);
    this.host = host;
  }

  protected override details(): Record<string, unknown> {
    return { host: this.host };
  }
}
