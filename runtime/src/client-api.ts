/**
 * The runtime API that generated connectors call. Interfaces only: `createClient` (in client.ts)
 * implements them. Kept apart so the generator and the runtime agree on one shape.
 */
import type { Clock } from './clock.js';
import type { ConnectorDefinition, OperationSpec, RateLimitConfig, RetryConfig, TokenExpirySignal } from './definition.js';
import type { HttpDispatcher } from './http/dispatcher.js';

/** Per-call options accepted by every generated action. */
export interface CallOptions {
  readonly signal?: AbortSignal;
  /** Overrides the connector's timeout for this call. */
  readonly timeoutMs?: number;
  /** Extra headers for this call (never logged). */
  readonly headers?: Readonly<Record<string, string>>;
}

/** Response headers by lower-cased name; a header sent several times is an array. */
export type ResponseHeaders = Readonly<Record<string, string | string[] | undefined>>;

/**
 * The whole response of a call, for what the body does not say: `ETag`, `Location`,
 * `X-Total-Count`, rate-limit headers, a 201 versus a 200.
 */
export interface ActionResponse<TBody> {
  readonly status: number;
  readonly headers: ResponseHeaders;
  readonly body: TBody;
}

/** One page of a paginated action. */
export interface Page<TItem, TBody = unknown> {
  readonly items: readonly TItem[];
  /** The parsed response body of this page. */
  readonly body: TBody;
  readonly status: number;
  /** This page's response headers (rate-limit counters, `X-Total-Count`...). */
  readonly headers: ResponseHeaders;
  /** Zero-based position of this page in the iteration. */
  readonly index: number;
  /**
   * State that resumes iteration at the page after this one (cursor, offset, page number or next
   * URL), or undefined when this was the last page. Opaque and JSON-serialisable: store it in a
   * checkpoint and pass it back as `resumeFrom`.
   */
  readonly next: PageState | undefined;
}

/** Opaque resume state of a paginator; JSON-serialisable. */
export interface PageState {
  readonly type: 'offset' | 'page' | 'link' | 'cursor';
  readonly value: string | number;
}

export interface PaginateOptions extends CallOptions {
  /** Continue from a page's `next` state instead of the first page. */
  readonly resumeFrom?: PageState;
  /** Stop after this many pages (overrides the connector's `maxPages`). */
  readonly maxPages?: number;
  /** Page size to request (overrides `defaultPageSize`). */
  readonly pageSize?: number;
}

/**
 * A plain action: `await connector.petsGet({ petId: 1 })` resolves to the body;
 * `await connector.petsGet.withResponse({ petId: 1 })` to status, headers and body.
 */
export interface Action<TInput, TOutput> {
  (input: TInput, options?: CallOptions): Promise<TOutput>;
  withResponse(input: TInput, options?: CallOptions): Promise<ActionResponse<TOutput>>;
}

/** A paginated action: the call returns the first page's body; `.all()` streams items, `.pages()` streams pages. */
export interface PaginatedAction<TInput, TOutput, TItem> extends Action<TInput, TOutput> {
  all(input: TInput, options?: PaginateOptions): AsyncIterableIterator<TItem>;
  pages(input: TInput, options?: PaginateOptions): AsyncIterableIterator<Page<TItem, TOutput>>;
}

export interface RequestEvent {
  readonly action: string;
  readonly method: string;
  /** URL with secrets (query keys, userinfo) redacted. */
  readonly url: string;
  readonly attempt: number;
}

export interface ResponseEvent extends RequestEvent {
  readonly status: number;
  readonly durationMs: number;
}

export interface ConnectorHooks {
  onRequest?(event: RequestEvent): void;
  onResponse?(event: ResponseEvent): void;
}

/** Stored OAuth2 tokens. `expiresAt` is epoch milliseconds. */
export interface OAuth2Tokens {
  readonly accessToken: string;
  readonly refreshToken?: string;
  readonly expiresAt?: number;
}

/** Persists tokens across restarts; `save` is awaited before a rotated refresh token is used. */
export interface TokenStore {
  load(): Promise<OAuth2Tokens | undefined> | OAuth2Tokens | undefined;
  save(tokens: OAuth2Tokens): Promise<void> | void;
  /**
   * Runs a refresh under a lock shared by every process using these tokens (a lease in a shared
   * store). Inside it the token cache loads the stored tokens again first: when another process
   * refreshed meanwhile, its tokens are used and no second refresh (with a rotated-away refresh
   * token) is made. Without it, refreshes are single-flight within this process only.
   */
  refreshLock?<T>(work: () => Promise<T>): Promise<T>;
}

/** Credentials of an `apiKey` scheme. */
export interface ApiKeyCredentials {
  readonly apiKey: string;
}

/** Credentials of a `basic` scheme. */
export interface BasicCredentials {
  readonly username: string;
  readonly password: string;
}

/** Credentials of a `bearer` scheme: the token, or a function that fetches a fresh one. */
export interface BearerCredentials {
  readonly token: string | (() => string | Promise<string>);
}

/** Credentials of an `oauth2` scheme. */
export interface OAuth2Credentials {
  readonly clientId: string;
  readonly clientSecret?: string;
  /** Tokens from a finished authorization code flow, or from the store. */
  readonly tokens?: OAuth2Tokens;
  readonly tokenStore?: TokenStore;
  readonly redirectUri?: string;
  /** Replaces the connector's token URL (absolute, or relative to the base URL). */
  readonly tokenUrl?: string;
  /** Replaces the connector's refresh URL (absolute, or relative to the base URL). */
  readonly refreshUrl?: string;
  /** Replaces the connector's `expirySignals` for this connection (a tenant whose API answers differently). */
  readonly expirySignals?: readonly TokenExpirySignal[];
}

/** Credentials a user passes for one of the connector's auth schemes. */
export type AuthCredentials = ApiKeyCredentials | BasicCredentials | BearerCredentials | OAuth2Credentials;

/**
 * A connector's auth schemes by name, each with the credentials it takes. Generated connectors
 * pass their own (`{ oauth: OAuth2Credentials }`), so credentials of the wrong kind fail to compile.
 */
export type SchemeCredentials = object;

/** Options a user passes to `createXxxConnector(options)`. All optional except credentials where the API needs them. */
export interface ConnectorOptions<TSchemes extends SchemeCredentials = Readonly<Record<string, AuthCredentials>>> {
  /** Credentials for the default auth scheme (`authScheme`, else the definition's first). */
  readonly auth?: TSchemes[keyof TSchemes];
  /** Which auth scheme of the definition `auth` is for; default the first. */
  readonly authScheme?: keyof TSchemes & string;
  /**
   * Credentials for further schemes by name, for APIs whose operations need different schemes (or
   * two at once). Each call uses the first of its operation's requirements that these (with
   * `auth`) satisfy, else the default scheme.
   */
  readonly credentials?: { readonly [K in keyof TSchemes]?: TSchemes[K] };
  /** Overrides the server URL entirely. */
  readonly baseUrl?: string;
  /**
   * Hosts besides the connector's own that pagination next links may lead to (`api2.example.com`,
   * or `host:port`), in addition to the definition's (connector.yaml `allowedHosts`). Such pages are
   * fetched without credentials; a next link to any other host ends the iteration with a
   * `ConnectorForeignHostError`.
   */
  readonly allowedHosts?: readonly string[];
  /** Values for the server URL's `{variables}`. */
  readonly serverVariables?: Readonly<Record<string, string>>;
  readonly retry?: RetryConfig | false;
  readonly rateLimit?: RateLimitConfig | false;
  /**
   * Deadline of each call, retries included, in ms; default the definition's `timeoutMs`, else
   * 60 s; `0` disables. For binary (streamed) responses it covers the wait for the headers.
   */
  readonly timeoutMs?: number;
  /**
   * An undici Dispatcher (Agent, Pool, ProxyAgent, MockAgent...) to send requests through, token
   * requests included; default an Agent of the connector's own, closed by `close()`.
   */
  readonly dispatcher?: HttpDispatcher;
  /** Time source for retry backoff and rate limiting; default the system clock (tests pass their own). */
  readonly clock?: Clock;
  readonly hooks?: ConnectorHooks;
  /** Headers sent with every request; they win over the connector's own, and per-call headers over them. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Replaces the connector's `User-Agent` (which names it and its version); `false` sends none. */
  readonly userAgent?: string | false;
}

export interface ConnectionTestResult {
  readonly ok: boolean;
  /** `unknown` when no HTTP answer came back (network error, timeout) to judge the credentials by. */
  readonly auth: 'ok' | 'failed' | 'not-required' | 'unknown';
  readonly action: string;
  readonly status?: number;
  readonly latencyMs: number;
  /** Redacted error message when `ok` is false. */
  readonly error?: string;
}

/** What `createClient(definition, options)` returns; generated code builds actions from it. */
export interface ConnectorClient {
  readonly definition: ConnectorDefinition;
  action<TInput, TOutput>(operation: OperationSpec): Action<TInput, TOutput>;
  paginatedAction<TInput, TOutput, TItem>(
    operation: OperationSpec,
  ): PaginatedAction<TInput, TOutput, TItem>;
  /** Calls `testAction` (or `fallback`) and reports auth and latency. */
  testConnection(fallback?: OperationSpec): Promise<ConnectionTestResult>;
  /** Closes connection pools. */
  close(): Promise<void>;
}
