/**
 * OpenAPI 3.1 §4.8.27 Security Scheme Object / Swagger 2.0 Security Definitions: the connector
 * runtime implements API keys in a header or query parameter, HTTP basic and bearer, and OAuth2 with
 * the client-credentials or authorization-code grant. Anything else cannot be configured.
 */
import { defineRule, isObject, type JsonObject } from '../rule.js';

const OAUTH2_OK_3 = ['clientCredentials', 'authorizationCode'];
const OAUTH2_OK_2 = ['application', 'accessCode'];

/** Why the connector cannot use `scheme`, or `undefined` if it can. */
function unsupported(scheme: JsonObject, swagger2: boolean): string | undefined {
  const type = scheme['type'];
  switch (type) {
    case 'basic':
      return swagger2 ? undefined : 'type "basic" is Swagger 2.0; OpenAPI 3 uses type "http" with scheme "basic"';
    case 'apiKey':
      return scheme['in'] === 'header' || scheme['in'] === 'query' ? undefined : `an API key in ${String(scheme['in'])} (only header and query are supported)`;
    case 'http': {
      const name = String(scheme['scheme'] ?? '').toLowerCase();
      return name === 'basic' || name === 'bearer' ? undefined : `HTTP "${String(scheme['scheme'])}" authentication (only basic and bearer are supported)`;
    }
    case 'oauth2': {
      if (swagger2) return OAUTH2_OK_2.includes(String(scheme['flow'])) ? undefined : `the OAuth2 "${String(scheme['flow'])}" flow (only application and accessCode are supported)`;
      const flows = isObject(scheme['flows']) ? Object.keys(scheme['flows']) : [];
      return flows.some((f) => OAUTH2_OK_3.includes(f)) ? undefined : `OAuth2 with only ${flows.join(', ') || 'no'} flow(s) (clientCredentials or authorizationCode is needed)`;
    }
    case 'mutualTLS':
      return 'mutual TLS (client certificates)';
    case 'openIdConnect':
      return 'OpenID Connect discovery';
    default:
      return `unknown type ${JSON.stringify(type)}`;
  }
}

export default defineRule({
  id: 'unsupported-security-scheme',
  code: 'CG_UNSUPPORTED_SECURITY_SCHEME',
  description: 'Security schemes must be ones a connector can use: apiKey (header/query), http basic/bearer, OAuth2 client credentials or authorization code.',
  given: '$.components.securitySchemes[*]',
  target: 'securityScheme',
  severity: 'warn',
  hint: 'add a scheme the connector supports, or configure auth in connector.yaml',
  check(scheme, index) {
    const why = unsupported(scheme.node, index.version === 'swagger-2.0');
    return why ? [{ path: scheme.path, message: `security scheme "${scheme.name}" uses ${why}, which a connector cannot use` }] : undefined;
  },
});
