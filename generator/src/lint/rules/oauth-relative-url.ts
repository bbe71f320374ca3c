/**
 * OpenAPI 3.x §4.8.29 OAuth Flow Object: `tokenUrl`, `authorizationUrl` and `refreshUrl` may be
 * relative to the server URL. The connector resolves them against its base URL at run time, so the
 * authorization server has to live on the API's host; said at info level so nobody is surprised.
 */
import { defineRule, isObject, type RuleFinding } from '../rule.js';

const FIELDS = ['tokenUrl', 'authorizationUrl', 'refreshUrl'] as const;
const ABSOLUTE = /^[a-z][a-z0-9+.-]*:/i;

export default defineRule({
  id: 'oauth-relative-url',
  code: 'CG_AUTH_RELATIVE_URL',
  description: 'Relative OAuth2 flow URLs are reported: the connector resolves them against its base URL.',
  given: '$.components.securitySchemes[*].flows[*][tokenUrl,authorizationUrl,refreshUrl]',
  target: 'securityScheme',
  severity: 'info',
  hint: 'nothing to do if the token server is on the API host; otherwise give an absolute URL or set auth.tokenUrl in connector.yaml',
  check(scheme) {
    const flows = scheme.node['flows'];
    if (!isObject(flows)) return undefined;
    const findings: RuleFinding[] = [];
    for (const [flow, value] of Object.entries(flows)) {
      if (!isObject(value)) continue;
      for (const field of FIELDS) {
        const url = value[field];
        if (typeof url !== 'string' || url === '' || ABSOLUTE.test(url)) continue;
        findings.push({
          path: [...scheme.path, 'flows', flow, field],
          message: `the ${flow} ${field} ${JSON.stringify(url)} is relative: it is resolved against the connector's base URL at run time`,
        });
      }
    }
    return findings.length > 0 ? findings : undefined;
  },
});
