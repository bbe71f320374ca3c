/**
 * OpenAPI 3.1 §4.8.1 `servers` / Swagger 2.0 `host`: without an absolute server URL the connector has
 * no base URL to call (3.x defaults to `/`, 2.0 to the host serving the document; neither is known).
 */
import { defineRule, isObject } from '../rule.js';

const ABSOLUTE = /^([a-z][a-z0-9+.-]*:)?\/\/|^\{[^}]+\}/i;

export default defineRule({
  id: 'no-server',
  code: 'CG_NO_SERVER',
  description: 'The document must name an absolute server URL (OAS 3 `servers`, Swagger 2.0 `host`).',
  given: '$.servers[*].url',
  target: 'document',
  severity: 'warn',
  hint: 'add a server (`servers: [{ url: https://... }]`, or `host` in Swagger 2.0), or set baseUrl in connector.yaml',
  check(index) {
    const { root } = index;
    if (index.version === 'swagger-2.0') {
      return typeof root['host'] === 'string' && root['host'] !== '' ? undefined : [{ path: [], message: 'no host: the API has no server URL' }];
    }
    const servers = Array.isArray(root['servers']) ? root['servers'] : [];
    const urls = servers.map((s) => (isObject(s) && typeof s['url'] === 'string' ? s['url'] : '')).filter((u) => u !== '');
    if (urls.length === 0) return [{ path: servers.length > 0 ? ['servers'] : [], message: 'no servers: the API has no server URL' }];
    if (urls.some((u) => ABSOLUTE.test(u))) return undefined;
    return [{ path: ['servers'], message: `only relative server URLs (${urls.join(', ')}): the API has no host to call` }];
  },
});
