/**
 * Which credentials a call carries. A connector may hold several schemes (a default from
 * `options.auth`, more from `options.credentials`); each operation's `security` lists alternatives,
 * an alternative being one scheme or several required together. A call uses the first alternative
 * the configured schemes satisfy, else the default scheme, else nothing.
 */
import { compileExpirySignals, type ExpirySignals } from '../auth/expiry-signals.js';
import { createAuthHandler, type AuthDeps, type AuthHandler } from '../auth/index.js';
import { resolveOAuthUrls } from '../auth/oauth2/config.js';
import type { ConnectorOptions, OAuth2Credentials } from '../client-api.js';
import type { AuthConfig, ConnectorDefinition, OperationSpec } from '../definition.js';
import { ConnectorConfigError } from '../http/errors.js';
import type { Dispatcher } from 'undici';

export interface SchemeAuth {
  readonly handler: AuthHandler;
  /** True when applying it may do I/O (a token request, a user's callback): it then gets the deadline's signal. */
  readonly doesIO: boolean;
  /** Answers besides a 401 that mean the token expired (OAuth2 `expirySignals`); undefined when none. */
  readonly expirySignals?: ExpirySignals;
}

export interface SchemeAuths {
  readonly byName: ReadonlyMap<string, SchemeAuth>;
  readonly defaultAuth: SchemeAuth | undefined;
  /** Secrets of every configured scheme, for the redactor. */
  secrets(): string[];
}

export function createSchemeAuths(definition: ConnectorDefinition, options: ConnectorOptions, deps: AuthDeps & { dispatcher: Dispatcher }, baseUrl: string): SchemeAuths {
  const byName = new Map<string, SchemeAuth>();
  const defaultName = options.authScheme ?? Object.keys(definition.auth)[0];
  const defaultConfig = selectAuth(definition, options.authScheme);
  const make = (config: AuthConfig, credentials: ConnectorOptions['auth']): SchemeAuth => {
    const handler = createAuthHandler(config.type === 'oauth2' ? resolveOAuthUrls(config, baseUrl, urlOverrides(credentials)) : config, credentials, deps);
    // A connection's own signals replace the connector's: tenants of one vendor can differ.
    const signals = config.type === 'oauth2' ? compileExpirySignals((credentials as OAuth2Credentials | undefined)?.expirySignals ?? config.expirySignals) : undefined;
    return { handler, doesIO: config.type === 'oauth2' || config.type === 'bearer', ...(signals ? { expirySignals: signals } : {}) };
  };
  let defaultAuth: SchemeAuth | undefined;
  if (defaultConfig.type !== 'none') {
    defaultAuth = make(defaultConfig, options.auth);
    if (defaultName !== undefined) byName.set(defaultName, defaultAuth);
  } else {
    // Still validates: a `none` config with credentials given is a mistake worth knowing about.
    createAuthHandler(defaultConfig, options.auth, deps);
  }
  for (const [name, credentials] of Object.entries(options.credentials ?? {})) {
    const config = definition.auth[name];
    if (!config) throw new ConnectorConfigError(`${definition.name}: credentials for unknown auth scheme "${name}"; known: ${Object.keys(definition.auth).join(', ') || 'none'}`);
    if (config.type !== 'none') byName.set(name, make(config, credentials));
  }
  const handlers = [...new Set(byName.values())];
  if (defaultAuth && !handlers.includes(defaultAuth)) handlers.push(defaultAuth);
  return { byName, defaultAuth, secrets: () => handlers.flatMap((auth) => auth.handler.secrets()) };
}

/** The token and refresh URLs a user's OAuth2 credentials replace. */
function urlOverrides(credentials: ConnectorOptions['auth']): { tokenUrl?: string; refreshUrl?: string } {
  const c = (credentials ?? {}) as { tokenUrl?: unknown; refreshUrl?: unknown };
  return {
    ...(typeof c.tokenUrl === 'string' ? { tokenUrl: c.tokenUrl } : {}),
    ...(typeof c.refreshUrl === 'string' ? { refreshUrl: c.refreshUrl } : {}),
  };
}

/** The credentials an operation's calls carry, or undefined for a public operation. */
export function authForOperation(auths: SchemeAuths, operation: OperationSpec): SchemeAuth | undefined {
  const security = operation.security;
  if (security === undefined) return auths.defaultAuth;
  if (security.length === 0) return undefined;
  for (const alternative of security) {
    const names = typeof alternative === 'string' ? [alternative] : alternative;
    const parts = names.map((name) => auths.byName.get(name));
    if (parts.length > 0 && parts.every((part): part is SchemeAuth => part !== undefined)) return parts.length === 1 ? parts[0] : combine(parts);
  }
  // No alternative is fully configured: send what the user did configure, as a one-scheme
  // connector always has; the server's 401 will say if that is not enough.
  return auths.defaultAuth;
}

/** Several schemes applied together: all of them on every request, any of them may refresh. */
function combine(parts: readonly SchemeAuth[]): SchemeAuth {
  const signals = parts.flatMap((part) => (part.expirySignals ? [part.expirySignals] : []));
  return {
    doesIO: parts.some((part) => part.doesIO),
    ...(signals.length > 0
      ? { expirySignals: { watches: (status) => signals.some((s) => s.watches(status)), matches: (status, body) => signals.some((s) => s.matches(status, body)) } }
      : {}),
    handler: {
      async apply(request, signal) {
        for (const part of parts) await part.handler.apply(request, signal);
      },
      async refreshAfterUnauthorized(signal) {
        let refreshed = false;
        for (const part of parts) if (await part.handler.refreshAfterUnauthorized(signal)) refreshed = true;
        return refreshed;
      },
      secrets: () => parts.flatMap((part) => part.handler.secrets()),
    },
  };
}

function selectAuth(definition: ConnectorDefinition, scheme: string | undefined): AuthConfig {
  if (scheme !== undefined) {
    const config = definition.auth[scheme];
    if (!config) throw new ConnectorConfigError(`${definition.name}: no auth scheme "${scheme}"; known: ${Object.keys(definition.auth).join(', ') || 'none'}`);
    return config;
  }
  return Object.values(definition.auth)[0] ?? { type: 'none' };
}
