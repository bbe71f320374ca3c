/**
 * The contract between generated connectors and the runtime.
 *
 * A generated connector holds no HTTP, auth or pagination logic: it describes each operation as plain
 * data (`OperationSpec`) and the connector as a whole (`ConnectorDefinition`), and hands both to the
 * runtime. Everything here is JSON-serialisable so the generator can emit it as a literal and the
 * manifest (`connector.json`) can carry the same values.
 */

export type HttpMethod = 'GET' | 'PUT' | 'POST' | 'DELETE' | 'OPTIONS' | 'HEAD' | 'PATCH' | 'TRACE';

export type ParameterLocation = 'path' | 'query' | 'header' | 'cookie';

/** OpenAPI 3 `style` values (https://spec.openapis.org/oas/v3.1.0#style-values). */
export type ParameterStyle =
  | 'matrix'
  | 'label'
  | 'simple'
  | 'form'
  | 'spaceDelimited'
  | 'pipeDelimited'
  | 'deepObject';

/** One operation parameter, as the wire expects it. */
export interface ParameterSpec {
  /** Name on the wire (path template name, query key, header name, cookie name). */
  readonly name: string;
  /** Property of the action's input object that carries the value (differs from `name` on clashes). */
  readonly key: string;
  readonly in: ParameterLocation;
  /** Defaults by location as in OpenAPI: path/header `simple`, query/cookie `form`. */
  readonly style?: ParameterStyle;
  /** Defaults to true for `form`, false otherwise. */
  readonly explode?: boolean;
  readonly allowReserved?: boolean;
  readonly required?: boolean;
  /**
   * The only value the spec allows (a one-member enum or `const`, e.g. AWS's `X-Amz-Target`); sent
   * when the input leaves the parameter out, so callers need not repeat it.
   */
  readonly constant?: string | number | boolean;
}

/** Request body encodings the runtime can send. */
export type BodyEncoding = 'json' | 'form' | 'multipart' | 'binary' | 'text';

export interface RequestBodySpec {
  /** The media type sent as `content-type`, e.g. `application/json`. */
  readonly mediaType: string;
  readonly encoding: BodyEncoding;
  readonly required?: boolean;
}

/** How the runtime reads a successful response. */
export type ResponseKind = 'json' | 'text' | 'binary' | 'empty';

export interface OperationSpec {
  /** Action name, as exposed on the connector object (`reposGet`). */
  readonly id: string;
  readonly method: HttpMethod;
  /** Path template relative to the server URL, e.g. `/repos/{owner}/{repo}`. */
  readonly path: string;
  readonly parameters: readonly ParameterSpec[];
  readonly requestBody?: RequestBodySpec;
  readonly response: ResponseKind;
  /** Pagination for list operations; absent or `{ type: 'none' }` for single calls. */
  readonly pagination?: PaginationConfig;
  /**
   * The connector's auth schemes this operation accepts, as alternatives (any one suffices); an
   * entry that is a list names schemes required together. `[]` means the operation is public;
   * absent means the connector's default.
   */
  readonly security?: readonly (string | readonly string[])[];
  /**
   * The operation's own servers (operation- or path-level `servers` in the spec), the first used;
   * absent means the connector's. A relative URL is relative to the connector's base URL. Calls
   * there carry the operation's credentials: the spec, not a server's answer, sent them there.
   */
  readonly servers?: readonly ServerSpec[];
}

/** The action's input: parameters by their `key`, plus `body` for the request body. */
export type OperationInput = Readonly<Record<string, unknown>>;

// ---------------------------------------------------------------------------------------------
// Auth (connector.yaml `auth`)
// ---------------------------------------------------------------------------------------------

export interface ApiKeyAuthConfig {
  readonly type: 'apiKey';
  /** Where the key goes. */
  readonly in: 'header' | 'query' | 'cookie';
  /** Header, query parameter or cookie name, e.g. `Authorization` or `api_key`. */
  readonly name: string;
  /** Text before the key, e.g. `Bearer` or `Token` (a space is added). */
  readonly preamble?: string;
  /** Extra static headers sent with every authenticated request. */
  readonly extraHeaders?: Readonly<Record<string, string>>;
}

export interface BasicAuthConfig {
  readonly type: 'basic';
}

export interface BearerAuthConfig {
  readonly type: 'bearer';
  /** Header name; `Authorization` unless the vendor says otherwise. */
  readonly headerName?: string;
  /** `Bearer` unless the vendor says otherwise. */
  readonly preamble?: string;
}

export interface OAuth2AuthConfig {
  readonly type: 'oauth2';
  readonly grant: 'client_credentials' | 'authorization_code';
  /** Absolute, or relative to the connector's base URL (OAS 3.x allows `/oauth/token`). */
  readonly tokenUrl: string;
  /** Required for `authorization_code`; absolute or relative like `tokenUrl`. */
  readonly authorizationUrl?: string;
  /** Where refresh-token requests go when not to `tokenUrl` (OAuth Flow Object `refreshUrl`). */
  readonly refreshUrl?: string;
  readonly scopes?: readonly string[];
  /** Response keys, defaults `access_token`, `refresh_token`, `expires_in`. */
  readonly tokenKey?: string;
  readonly refreshTokenKey?: string;
  readonly expiresInKey?: string;
  /** Token request encoding and method, defaults `form` and `POST`. */
  readonly tokenRequestContentType?: 'form' | 'json';
  readonly tokenRequestMethod?: 'POST' | 'GET';
  /** How the client id/secret reach the token endpoint, default `basic`. */
  readonly clientAuth?: 'basic' | 'body';
  /** Extra query parameters for the authorization URL (e.g. `access_type: offline`). */
  readonly extraAuthorizationParams?: Readonly<Record<string, string>>;
  /** `automatic`: refresh `bufferSeconds` before expiry (default 60); `interval`: every `intervalSeconds`. */
  readonly refresh?:
    | { readonly strategy: 'automatic'; readonly bufferSeconds?: number }
    | { readonly strategy: 'interval'; readonly intervalSeconds: number };
  /** Use PKCE (S256) in the authorization code flow; default true. */
  readonly pkce?: boolean;
  /**
   * Answers besides a 401 that mean the access token expired, for vendors that answer 403, or 200
   * with an error in the body. On one of them the client refreshes once and replays the call once.
   */
  readonly expirySignals?: readonly TokenExpirySignal[];
}

/**
 * One way a server says "this access token expired" without a 401. `status` alone matches that
 * status (`{ status: 403 }`); `path` (JSONPath or JSON Pointer into the JSON body) matches when the
 * value there equals `equals` (`{ path: 'error.code', equals: 'token_expired' }`), or is present at
 * all when `equals` is absent; with both, the status and the body must match.
 */
export interface TokenExpirySignal {
  readonly status?: number;
  readonly path?: string;
  readonly equals?: string | number | boolean;
}

export interface NoAuthConfig {
  readonly type: 'none';
}

export type AuthConfig = NoAuthConfig | ApiKeyAuthConfig | BasicAuthConfig | BearerAuthConfig | OAuth2AuthConfig;

// ---------------------------------------------------------------------------------------------
// Pagination (connector.yaml `pagination`, per connector and per action)
// ---------------------------------------------------------------------------------------------

interface PaginationCommon {
  /** Dotted path to the array of items in the response body, e.g. `data` or `result.items`; absent when the body is the array. */
  readonly resultsKey?: string;
  /** Query parameter carrying the page size, e.g. `limit` or `per_page`. */
  readonly pageSizeParam?: string;
  /** Page size sent when the caller gives none (<= 1000). */
  readonly defaultPageSize?: number;
  /** Stop after this many pages. */
  readonly maxPages?: number;
}

export interface NoPagination {
  readonly type: 'none';
}

export interface OffsetPagination extends PaginationCommon {
  readonly type: 'offset';
  /** The index parameter: `offset`, `start`, `skip`, ... */
  readonly offsetParam: string;
  /**
   * The index of the first item: 0 (default) or 1 for APIs that count from one, such as SCIM's
   * `startIndex` (RFC 7644 section 3.4.2.4). The first request sends no index, so the server's own
   * default applies; the next one asks for this plus the items seen.
   */
  readonly firstOffset?: 0 | 1;
}

export interface PagePagination extends PaginationCommon {
  readonly type: 'page';
  readonly pageParam: string;
  /** 0 or 1; default 1. */
  readonly firstPage?: 0 | 1;
}

export interface LinkPagination extends PaginationCommon {
  readonly type: 'link';
  /** Read the next URL from the `Link` header with this rel (default `next`)... */
  readonly rel?: string;
  /** ...or from this dotted path in the JSON body (e.g. `links.next`); when set, the header is not read. */
  readonly nextUrlPath?: string;
}

export interface CursorPagination extends PaginationCommon {
  readonly type: 'cursor';
  /**
   * Query parameter that carries the cursor, e.g. `cursor`, `starting_after`, `next_token`; with
   * `cursorIn: 'body'`, the path in the JSON request body where it goes (`cursor`, `page.after`).
   */
  readonly cursorParam: string;
  /** `query` (default), or `body` for search endpoints that take the cursor in a POST body. */
  readonly cursorIn?: 'query' | 'body';
  /** JSONPath-like dotted path (`$.meta.next_cursor` or `meta.next_cursor`) to the next cursor in the body. */
  readonly nextCursorPath: string;
}

export type PaginationConfig = NoPagination | OffsetPagination | PagePagination | LinkPagination | CursorPagination;

// ---------------------------------------------------------------------------------------------
// The connector
// ---------------------------------------------------------------------------------------------

export interface ServerSpec {
  /** URL template, e.g. `https://{subdomain}.example.com/api/v2`. */
  readonly url: string;
  /** Variables with their defaults (and enums when the spec lists them). */
  readonly variables?: Readonly<Record<string, { readonly default: string; readonly enum?: readonly string[] }>>;
}

export interface RetryConfig {
  /** Total attempts including the first; default 3. */
  readonly maxAttempts?: number;
  /** Backoff base and cap in ms; defaults 250 and 30_000. */
  readonly baseDelayMs?: number;
  readonly maxDelayMs?: number;
  /** Statuses to retry; default 408, 429, 500, 502, 503, 504. */
  readonly statuses?: readonly number[];
  /** Header carrying an idempotency key; when set, POST and PATCH are retried too. */
  readonly idempotencyKeyHeader?: string;
}

export interface RateLimitConfig {
  /** Requests allowed per `intervalMs`. */
  readonly requests?: number;
  readonly intervalMs?: number;
  /** Extra requests allowed in a burst above the steady rate. */
  readonly burst?: number;
  /** Requests in flight at once. */
  readonly concurrency?: number;
}

/** Everything the generator knows about a connector, emitted as a literal into `src/index.ts`. */
export interface ConnectorDefinition {
  readonly name: string;
  readonly version: string;
  readonly servers: readonly ServerSpec[];
  /** Auth schemes by name; the first is the default. */
  readonly auth: Readonly<Record<string, AuthConfig>>;
  readonly retry?: RetryConfig;
  readonly rateLimit?: RateLimitConfig;
  readonly timeoutMs?: number;
  /** Action `testConnection()` calls; absent means the first GET without required parameters. */
  readonly testAction?: string;
  /** Headers every request carries (connector.yaml `headers`, e.g. an API version); the options' win. */
  readonly headers?: Readonly<Record<string, string>>;
  /**
   * Hosts (`host` or `host:port`) besides the connector's own that pagination next links may lead
   * to (connector.yaml `allowedHosts`); the options' `allowedHosts` add to them.
   */
  readonly allowedHosts?: readonly string[];
  /** The `User-Agent` the connector sends, e.g. `@acme/petstore-connector/1.0.0`; default `<name>/<version>`. */
  readonly userAgent?: string;
}
