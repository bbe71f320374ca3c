/**
 * The connector's base URL: the user's `baseUrl`, else the first server with its `{variables}`
 * filled from `serverVariables` or their defaults (OAS 3.1 §4.8.5 Server Object).
 */
import type { ConnectorOptions } from '../client-api.js';
import type { ConnectorDefinition } from '../definition.js';
import { ConnectorConfigError } from '../http/errors.js';

export function resolveBaseUrl(definition: ConnectorDefinition, options: ConnectorOptions): URL {
  let raw = options.baseUrl;
  if (raw === undefined) {
    const server = definition.servers[0];
    if (!server) throw new ConnectorConfigError(`${definition.name}: no server URL in the definition; pass baseUrl`);
    raw = server.url.replace(/\{([^}]+)\}/g, (_, name: string) => {
      const variable = server.variables?.[name];
      const value = options.serverVariables?.[name] ?? variable?.default;
      if (value === undefined) throw new ConnectorConfigError(`${definition.name}: server variable "${name}" has no value; pass serverVariables.${name}`);
      if (variable?.enum && !variable.enum.includes(value)) {
        throw new ConnectorConfigError(`${definition.name}: server variable "${name}" must be one of ${variable.enum.join(', ')}`);
      }
      return value;
    });
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch (cause) {
    throw new ConnectorConfigError(`${definition.name}: base URL "${raw}" is not an absolute URL`, { cause });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConnectorConfigError(`${definition.name}: base URL must be http or https`);
  }
  // Operation paths start with "/", so the base keeps its path but loses a trailing slash.
  url.pathname = url.pathname.replace(/\/+$/, '');
  url.search = '';
  url.hash = '';
  return url;
}
