/**
 * `createClient(definition, options)`: the one entry point generated connectors call. It resolves
 * configuration once (base URL, auth, retry, rate limit, timeout, dispatcher, hooks) into a
 * ClientContext and hands out actions built on it; the request pipeline lives in client/execute.ts.
 */
import type { Action, ActionResponse, AuthCredentials, CallOptions, ConnectorClient, ConnectorOptions, SchemeCredentials } from './client-api.js';
import type { ConnectorDefinition, OperationInput, OperationSpec } from './definition.js';
import { createSchemeAuths } from './client/auth-selection.js';
import { resolveBaseUrl } from './client/base-url.js';
import type { ClientContext } from './client/context.js';
import { execute } from './client/execute.js';
import { paginatedAction } from './client/paginated.js';
import { compileOperation, mergeHeaders } from './client/prepare.js';
import { testConnection } from './client/test-connection.js';
import { ConnectorConfigError } from './http/errors.js';
import { Redactor } from './http/redact.js';
import { createAgent, toUndici } from './http/transport.js';
import { RateLimiter } from './ratelimit/limiter.js';
import { resolveRetryPolicy } from './retry/policy.js';
import { systemClock } from './clock.js';

/** A call with no configured timeout still ends: a hung server must not hang a sync forever. */
export const DEFAULT_TIMEOUT_MS = 60_000;

export function createClient(definition: ConnectorDefinition, options?: ConnectorOptions): ConnectorClient;
/** With a connector's own options type (`ConnectorOptions<{ oauth: OAuth2Credentials }>`), as generated factories call it. */
export function createClient<TSchemes extends SchemeCredentials>(definition: ConnectorDefinition, options: ConnectorOptions<TSchemes>): ConnectorClient;
export function createClient(definition: ConnectorDefinition, typedOptions: object = {}): ConnectorClient {
  // The scheme map only types what callers may pass; at run time every scheme is checked anyway.
  const options = typedOptions as unknown as ConnectorOptions;
  const base = resolveBaseUrl(definition, options);
  const ownsDispatcher = options.dispatcher === undefined;
  const dispatcher = toUndici(options.dispatcher) ?? createAgent();
  const baseUrl = base.toString().replace(/\/$/, '');
  const clock = options.clock ?? systemClock;
  // Token expiry is read from the same clock as backoff and rate limits, so a test's clock drives all three.
  const auths = createSchemeAuths(definition, options, { dispatcher, now: () => clock.now() }, baseUrl);
  const rateLimit = options.rateLimit === false ? undefined : { ...definition.rateLimit, ...options.rateLimit };

  const ctx: ClientContext = {
    definition,
    clock,
    dispatcher,
    auths,
    retry: resolveRetryPolicy(definition.retry, options.retry),
    limiter: new RateLimiter(rateLimit, clock),
    timeoutMs: options.timeoutMs ?? definition.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    hooks: options.hooks,
    redactor: new Redactor(() => auths.secrets(), () => [options.auth, ...Object.values(options.credentials ?? {})].flatMap(credentialSecrets)),
    baseUrl,
    origin: base.origin,
    serverVariables: options.serverVariables,
    // The connector's own list (connector.yaml) and the caller's: a caller can widen it, not narrow it.
    allowedHosts: new Set([...(definition.allowedHosts ?? []), ...(options.allowedHosts ?? [])].map((host) => host.toLowerCase())),
    operations: new Map(),
    headers: defaultHeaders(definition, options),
  };

  return {
    definition,
    action<TInput, TOutput>(operation: OperationSpec): Action<TInput, TOutput> {
      ctx.operations.set(operation.id, operation);
      const prepare = compileOperation(ctx, operation);
      const withResponse = async (input: TInput, callOptions?: CallOptions): Promise<ActionResponse<TOutput>> => {
        const { status, headers, body } = await execute(ctx, prepare(input as OperationInput, callOptions), callOptions);
        return { status, headers, body: body as TOutput };
      };
      // The plain call skips withResponse: one async frame and one result object less per call.
      const call = async (input: TInput, callOptions?: CallOptions): Promise<TOutput> =>
        (await execute(ctx, prepare(input as OperationInput, callOptions), callOptions)).body as TOutput;
      return Object.assign(call, { withResponse });
    },
    paginatedAction(operation) {
      ctx.operations.set(operation.id, operation);
      return paginatedAction(ctx, operation);
    },
    testConnection: (fallback) => testConnection(ctx, fallback),
    close: async () => {
      if (ownsDispatcher) await dispatcher.close();
    },
  };
}

/**
 * What every request carries before its own parameters: a User-Agent naming the connector and its
 * version (APIs such as GitHub's refuse requests without one, and vendors ask integrators to send
 * one), then the definition's headers, then the options', later ones winning.
 */
export function defaultHeaders(definition: ConnectorDefinition, options: ConnectorOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const userAgent = options.userAgent ?? definition.userAgent ?? `${definition.name}/${definition.version}`;
  if (userAgent !== false) headers['user-agent'] = userAgent;
  mergeHeaders(headers, definition.headers ?? {});
  mergeHeaders(headers, options.headers ?? {});
  // `userAgent: false` also drops one from connector.yaml's headers; only the options' own can add it back.
  const ownAgent = Object.keys(options.headers ?? {}).some((name) => name.toLowerCase() === 'user-agent');
  if (options.userAgent === false && !ownAgent) delete headers['user-agent'];
  return headers;
}

/** Every secret the user handed us, for redaction even before auth has used it. */
function credentialSecrets(credentials: AuthCredentials | undefined): string[] {
  if (!credentials) return [];
  const c = credentials as unknown as Record<string, unknown>;
  const tokens = c['tokens'] as Record<string, unknown> | undefined;
  return [c['apiKey'], c['password'], c['token'], c['clientSecret'], tokens?.['accessToken'], tokens?.['refreshToken']].filter(
    (v): v is string => typeof v === 'string',
  );
}
