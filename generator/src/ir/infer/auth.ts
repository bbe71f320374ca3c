/**
 * Security Scheme Object -> the runtime's AuthConfig: a pure decision, table-tested.
 *
 * | spec                                   | AuthConfig                                          |
 * |----------------------------------------|-----------------------------------------------------|
 * | apiKey in header/query/cookie          | apiKey with that location and name                  |
 * | http basic / http bearer               | basic / bearer                                      |
 * | oauth2 authorizationCode               | oauth2 authorization_code (preferred: a connector acts for a user) |
 * | oauth2 clientCredentials               | oauth2 client_credentials                           |
 * | oauth2 password / implicit             | best effort + warning                               |
 * | openIdConnect                          | oauth2 authorization_code, URLs to configure + warning |
 * | http digest, mutualTLS, anything else  | not supported: skipped + warning                    |
 */
import type { AuthConfig, OAuth2AuthConfig } from '@connectgen/runtime';

export interface AuthFinding {
  readonly severity: 'warn' | 'info';
  readonly code: string;
  readonly message: string;
  readonly hint: string;
}

export interface AuthInference {
  readonly config?: AuthConfig;
  readonly findings: readonly AuthFinding[];
}

type Obj = Readonly<Record<string, unknown>>;

function str(obj: Obj | undefined, key: string): string | undefined {
  const value = obj !== undefined && Object.hasOwn(obj, key) ? obj[key] : undefined;
  return typeof value === 'string' ? value : undefined;
}

function obj(value: Obj | undefined, key: string): Obj | undefined {
  const child = value !== undefined && Object.hasOwn(value, key) ? value[key] : undefined;
  return typeof child === 'object' && child !== null && !Array.isArray(child) ? (child as Obj) : undefined;
}

/** `scopes`: the scopes the connector's operations ask for (sorted); omitted when none. */
export function inferAuth(scheme: Obj, scopes: readonly string[] = []): AuthInference {
  const type = str(scheme, 'type');
  switch (type) {
    case 'apiKey': {
      const where = str(scheme, 'in');
      const name = str(scheme, 'name');
      if ((where !== 'header' && where !== 'query' && where !== 'cookie') || name === undefined) {
        return unsupported('an apiKey scheme needs a name and in: header, query or cookie');
      }
      return { config: { type: 'apiKey', in: where, name }, findings: [] };
    }
    case 'http': {
      const httpScheme = (str(scheme, 'scheme') ?? '').toLowerCase();
      if (httpScheme === 'basic') return { config: { type: 'basic' }, findings: [] };
      if (httpScheme === 'bearer') return { config: { type: 'bearer' }, findings: [] };
      return unsupported(`http scheme ${JSON.stringify(httpScheme)} is not supported`);
    }
    case 'oauth2':
      return oauth2(obj(scheme, 'flows') ?? {}, scopes);
    case 'openIdConnect':
      return {
        config: withScopes({ type: 'oauth2', grant: 'authorization_code', tokenUrl: '', authorizationUrl: '' }, scopes),
        findings: [
          {
            severity: 'warn',
            code: 'CG_AUTH_OIDC',
            message: `OpenID Connect is treated as OAuth2 authorization code; discovery (${str(scheme, 'openIdConnectUrl') ?? 'no URL'}) is not run`,
            hint: 'set auth.tokenUrl and auth.authorizationUrl in connector.yaml',
          },
        ],
      };
    default:
      return unsupported(`security scheme type ${JSON.stringify(type)} is not supported`);
  }
}

function unsupported(message: string): AuthInference {
  return {
    findings: [{ severity: 'warn', code: 'CG_UNSUPPORTED_AUTH', message, hint: 'configure auth in connector.yaml; operations needing this scheme are called without it' }],
  };
}

function oauth2(flows: Obj, scopes: readonly string[]): AuthInference {
  const code = obj(flows, 'authorizationCode');
  if (code !== undefined) {
    const refreshUrl = str(code, 'refreshUrl');
    return {
      config: withScopes(
        {
          type: 'oauth2',
          grant: 'authorization_code',
          tokenUrl: str(code, 'tokenUrl') ?? '',
          authorizationUrl: str(code, 'authorizationUrl') ?? '',
          ...(refreshUrl !== undefined && refreshUrl !== '' ? { refreshUrl } : {}),
        },
        scopes,
      ),
      findings: [...missingUrl(str(code, 'tokenUrl')), ...relativeUrls(code)],
    };
  }
  const client = obj(flows, 'clientCredentials');
  if (client !== undefined) {
    return {
      config: withScopes({ type: 'oauth2', grant: 'client_credentials', tokenUrl: str(client, 'tokenUrl') ?? '' }, scopes),
      findings: [...missingUrl(str(client, 'tokenUrl')), ...relativeUrls(client)],
    };
  }
  const password = obj(flows, 'password');
  if (password !== undefined) {
    return {
      config: withScopes({ type: 'oauth2', grant: 'client_credentials', tokenUrl: str(password, 'tokenUrl') ?? '' }, scopes),
      findings: [bestEffort('the password flow is not supported; using client credentials against its token URL')],
    };
  }
  const implicit = obj(flows, 'implicit');
  if (implicit !== undefined) {
    return {
      config: withScopes({ type: 'oauth2', grant: 'authorization_code', tokenUrl: '', authorizationUrl: str(implicit, 'authorizationUrl') ?? '' }, scopes),
      findings: [bestEffort('the implicit flow is not supported; using authorization code, which needs a token URL')],
    };
  }
  return unsupported('an oauth2 scheme without a supported flow');
}

function withScopes(config: OAuth2AuthConfig, scopes: readonly string[]): OAuth2AuthConfig {
  return scopes.length === 0 ? config : { ...config, scopes: [...scopes] };
}

function missingUrl(tokenUrl: string | undefined): AuthFinding[] {
  return tokenUrl === undefined || tokenUrl === ''
    ? [{ severity: 'warn', code: 'CG_AUTH_NO_TOKEN_URL', message: 'the OAuth2 flow has no tokenUrl', hint: 'set auth.tokenUrl in connector.yaml' }]
    : [];
}

/**
 * OAS 3.x allows flow URLs relative to the server URL; the runtime resolves them against the
 * connector's base URL, so they work, but a reader of the generated code should know why the
 * definition holds a path.
 */
function relativeUrls(flow: Obj): AuthFinding[] {
  return (['tokenUrl', 'authorizationUrl', 'refreshUrl'] as const)
    .filter((field) => {
      const value = str(flow, field);
      return value !== undefined && value !== '' && !/^[a-z][a-z0-9+.-]*:/i.test(value);
    })
    .map((field) => ({
      severity: 'info' as const,
      code: 'CG_AUTH_RELATIVE_URL',
      message: `the OAuth2 ${field} ${JSON.stringify(str(flow, field))} is relative; the connector resolves it against its base URL at run time`,
      hint: `set auth.${field} in connector.yaml if the authorization server is on another host`,
    }));
}

function bestEffort(message: string): AuthFinding {
  return { severity: 'warn', code: 'CG_AUTH_BEST_EFFORT', message, hint: 'check auth in connector.yaml (grant, tokenUrl, authorizationUrl)' };
}
