/**
 * connector.yaml: the type, and its validation. Everything is optional (the spec is enough); what is
 * given overrides what is inferred. A bad config stops generation with a ConnectgenError naming the
 * field (`CG_CONFIG_INVALID at /auth/type`) rather than producing a connector that half works.
 * Applying the config to the IR lives in overlay.ts.
 */
import type { AuthConfig, PaginationConfig, RateLimitConfig, RetryConfig } from '@connectgen/runtime';
import { toPointer } from '../diagnostics/diagnostic.js';
import { ConnectgenError } from '../diagnostics/errors.js';

/** Selects operations by operationId, tag or path (`*` matches within a segment, `**` across). */
export interface ActionSelector {
  readonly operationIds?: readonly string[];
  readonly tags?: readonly string[];
  readonly paths?: readonly string[];
}

/** `pattern` (a JavaScript regular expression) replaced by `replacement` in every action name, in order. */
export interface RenameRule {
  readonly pattern: string;
  readonly replacement: string;
  /** Regex flags; `g` is always added. */
  readonly flags?: string;
}

export interface ActionOverride {
  /** Exact action name (wins over rename rules). */
  readonly name?: string;
  /** Pagination for this action; `{ type: none }` turns inference off for it. */
  readonly pagination?: PaginationConfig;
}

export interface ActionsConfig {
  readonly include?: ActionSelector;
  readonly exclude?: ActionSelector;
  readonly rename?: readonly RenameRule[];
  /** By operationId, or `METHOD /path` (e.g. `GET /pets`) for operations without one. */
  readonly overrides?: Readonly<Record<string, ActionOverride>>;
}

/** A partial auth config: fields merge over the inferred scheme when `type` matches it. */
export type AuthOverride = { readonly type: AuthConfig['type']; readonly scheme?: string } & Readonly<Record<string, unknown>>;

export interface ConnectorConfig {
  readonly name?: string;
  /** npm package name. */
  readonly package?: string;
  readonly version?: string;
  readonly description?: string;
  readonly icon?: string;
  readonly spec?: string;
  /** Server URL, may contain `{variables}`; replaces the spec's servers. */
  readonly baseUrl?: string;
  readonly status?: 'draft' | 'published';
  readonly auth?: AuthOverride;
  /** Connector-wide pagination: applies to every GET list action that has the strategy's parameter. */
  readonly pagination?: PaginationConfig;
  readonly actions?: ActionsConfig;
  readonly retry?: RetryConfig;
  readonly rateLimit?: RateLimitConfig;
  readonly timeoutMs?: number;
  readonly testAction?: string;
}

type Check = (value: unknown, path: (string | number)[]) => void;

function fail(path: (string | number)[], message: string, hint: string): never {
  throw new ConnectgenError('CG_CONFIG_INVALID', `connector.yaml: ${message}`, { pointer: toPointer(path), hint });
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const string: Check = (value, path) => {
  if (typeof value !== 'string') fail(path, `${toPointer(path)} must be a string`, 'quote the value');
};
const boolean: Check = (value, path) => {
  if (typeof value !== 'boolean') fail(path, `${toPointer(path)} must be true or false`, 'use true or false');
};
const positive: Check = (value, path) => {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) fail(path, `${toPointer(path)} must be a positive number`, 'use a number above 0');
};
const stringList: Check = (value, path) => {
  if (!Array.isArray(value)) fail(path, `${toPointer(path)} must be a list`, 'use a YAML list');
  value.forEach((item, i) => string(item, [...path, i]));
};
const stringMap: Check = (value, path) => {
  if (!isRecord(value)) fail(path, `${toPointer(path)} must be a map`, 'use key: value pairs');
  for (const key of Object.keys(value)) string(value[key], [...path, key]);
};
const oneOf =
  (...allowed: readonly (string | number)[]): Check =>
  (value, path) => {
    if (!allowed.includes(value as string)) fail(path, `${toPointer(path)} must be one of ${allowed.join(', ')}`, `use one of ${allowed.join(', ')}`);
  };

function object(fields: Readonly<Record<string, Check>>, required: readonly string[] = []): Check {
  return (value, path) => {
    if (!isRecord(value)) fail(path, `${toPointer(path) || 'the config'} must be a map`, 'use key: value pairs');
    for (const key of Object.keys(value)) {
      const check = Object.hasOwn(fields, key) ? fields[key] : undefined;
      if (check === undefined) fail([...path, key], `unknown field ${JSON.stringify(key)}`, `known fields here: ${Object.keys(fields).join(', ')}`);
      check(value[key], [...path, key]);
    }
    for (const key of required) if (!Object.hasOwn(value, key)) fail([...path, key], `${toPointer([...path, key])} is required`, `add ${key}`);
  };
}

/** Checks `value` against a union tagged by `type`. */
function tagged(variants: Readonly<Record<string, Check>>): Check {
  return (value, path) => {
    if (!isRecord(value)) fail(path, `${toPointer(path)} must be a map with a type`, `use type: ${Object.keys(variants).join(' | ')}`);
    const type = value['type'];
    const check = typeof type === 'string' && Object.hasOwn(variants, type) ? variants[type] : undefined;
    if (check === undefined) fail([...path, 'type'], `${toPointer([...path, 'type'])} must be one of ${Object.keys(variants).join(', ')}`, `use type: ${Object.keys(variants).join(' | ')}`);
    check(value, path);
  };
}

const pageSize: Check = (value, path) => {
  positive(value, path);
  if ((value as number) > 1000 || !Number.isInteger(value)) fail(path, `${toPointer(path)} must be a whole number up to 1000`, 'use a page size between 1 and 1000');
};
const paginationCommon = { type: string, resultsKey: string, pageSizeParam: string, defaultPageSize: pageSize, maxPages: positive };
const pagination = tagged({
  none: object({ type: string }),
  offset: object({ ...paginationCommon, offsetParam: string }, ['offsetParam']),
  page: object({ ...paginationCommon, pageParam: string, firstPage: oneOf(0, 1) }, ['pageParam']),
  link: object({ ...paginationCommon, rel: string, nextUrlPath: string }),
  cursor: object({ ...paginationCommon, cursorParam: string, nextCursorPath: string }, ['cursorParam', 'nextCursorPath']),
});

const refresh = tagged({
  automatic: object({ type: string, strategy: string, bufferSeconds: positive }),
  interval: object({ type: string, strategy: string, intervalSeconds: positive }, ['intervalSeconds']),
});
const refreshCheck: Check = (value, path) =>
  refresh(isRecord(value) ? { ...value, type: value['strategy'] } : value, path);

const auth = tagged({
  none: object({ type: string, scheme: string }),
  apiKey: object({ type: string, scheme: string, in: oneOf('header', 'query', 'cookie'), name: string, preamble: string, extraHeaders: stringMap }),
  basic: object({ type: string, scheme: string }),
  bearer: object({ type: string, scheme: string, headerName: string, preamble: string }),
  oauth2: object({
    type: string,
    scheme: string,
    grant: oneOf('client_credentials', 'authorization_code'),
    tokenUrl: string,
    authorizationUrl: string,
    scopes: stringList,
    tokenKey: string,
    refreshTokenKey: string,
    expiresInKey: string,
    tokenRequestContentType: oneOf('form', 'json'),
    tokenRequestMethod: oneOf('POST', 'GET'),
    clientAuth: oneOf('basic', 'body'),
    extraAuthorizationParams: stringMap,
    refresh: (value, path) => refreshCheck(value, path),
    pkce: boolean,
  }),
});

const regex: Check = (value, path) => {
  string(value, path);
  try {
    new RegExp(value as string);
  } catch {
    fail(path, `${JSON.stringify(value)} is not a valid regular expression`, 'fix the pattern (JavaScript RegExp syntax)');
  }
};
const selector = object({ operationIds: stringList, tags: stringList, paths: stringList });
const renameRule = object({ pattern: regex, replacement: string, flags: oneOf('', 'i', 'u', 'iu', 'ui') }, ['pattern', 'replacement']);
const override = object({ name: string, pagination });
const actions = object({
  include: selector,
  exclude: selector,
  rename: (value, path) => {
    if (!Array.isArray(value)) fail(path, `${toPointer(path)} must be a list of { pattern, replacement }`, 'use - pattern: ^repos\n    replacement: repo');
    value.forEach((rule, i) => renameRule(rule, [...path, i]));
  },
  overrides: (value, path) => {
    if (!isRecord(value)) fail(path, `${toPointer(path)} must be a map by operationId`, 'use operationId: { name, pagination }');
    for (const key of Object.keys(value)) override(value[key], [...path, key]);
  },
});

const statuses: Check = (value, path) => {
  if (!Array.isArray(value)) fail(path, `${toPointer(path)} must be a list of HTTP statuses`, 'use e.g. [429, 503]');
  value.forEach((status, i) => {
    if (!Number.isInteger(status) || (status as number) < 100 || (status as number) > 599) fail([...path, i], 'not an HTTP status', 'use a number between 100 and 599');
  });
};

const config = object({
  name: (value, path) => {
    string(value, path);
    if (!/^[a-z0-9][a-z0-9-]*$/.test(value as string)) fail(path, 'name must be lowercase letters, digits and dashes', 'use e.g. name: github');
  },
  package: (value, path) => {
    string(value, path);
    if (!/^(?:@[a-z0-9-~][a-z0-9-._~]*\/)?[a-z0-9-~][a-z0-9-._~]*$/.test(value as string)) fail(path, `${JSON.stringify(value)} is not a valid npm package name`, 'use e.g. @acme/github-connector');
  },
  version: (value, path) => {
    string(value, path);
    if (!/^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/.test(value as string)) fail(path, `${JSON.stringify(value)} is not a semver version`, 'use e.g. version: 1.0.0');
  },
  description: string,
  icon: string,
  spec: string,
  baseUrl: (value, path) => {
    string(value, path);
    if (!/^https?:\/\/./i.test(value as string)) fail(path, 'baseUrl must be an absolute http(s) URL', 'use e.g. https://{subdomain}.example.com/api');
  },
  status: oneOf('draft', 'published'),
  auth,
  pagination,
  actions,
  retry: object({ maxAttempts: positive, baseDelayMs: positive, maxDelayMs: positive, statuses, idempotencyKeyHeader: string }),
  rateLimit: object({ requests: positive, intervalMs: positive, burst: (v, p) => { if (typeof v !== 'number' || v < 0) fail(p, 'burst must be 0 or more', 'use a number'); }, concurrency: positive }),
  timeoutMs: positive,
  testAction: string,
});

/** Validates a parsed connector.yaml; throws `CG_CONFIG_INVALID` with the pointer of the first problem. */
export function validateConfig(value: unknown): ConnectorConfig {
  if (value === undefined || value === null) return {};
  config(value, []);
  return value as ConnectorConfig;
}
