/**
 * The connector's base URL: the user's `baseUrl`, else the first server with its `{variables}`
 * filled from `serverVariables` or their defaults (OAS 3.1 §4.8.5 Server Object).
 */
import type { ConnectorOptions } from '../client-api.js';
import type { ConnectorDefinition, ServerSpec } from '../definition.js';
import { ConnectorConfigError } from '../http/errors.js';

export function resolveBaseUrl(definition: ConnectorDefinition, options: ConnectorOptions): URL {
  let raw = options.baseUrl;
  if (raw === undefined) {
    const server = definition.servers[0];
    if (!server) throw new ConnectorConfigError(`${definition.name}: no server URL in the definition; pass baseUrl`);
    raw = fillServer(definition.name, server, options.serverVariables);
  }
  return checkedBase(definition.name, raw, undefined);
}

/**
 * The base URL of an operation that declares its own `servers` (OAS 3.1 §4.8.10 Operation Object,
 * §4.8.9 Path Item Object): the first one, variables filled like the connector's. A relative URL
 * (`/upload/v1`) is relative to the connector's base URL, so a `baseUrl` override moves it too.
 */
export function resolveOperationBase(definition: ConnectorDefinition, server: ServerSpec, variables: ConnectorOptions['serverVariables'], connectorBase: string): URL {
  return checkedBase(definition.name, fillServer(definition.name, server, variables), `${connectorBase}/`);
}

function fillServer(connector: string, server: ServerSpec, variables: ConnectorOptions['serverVariables']): string {
  return server.url.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const variable = server.variables?.[name];
    const value = variables?.[name] ?? variable?.default;
    if (value === undefined) throw new ConnectorConfigError(`${connector}: server variable "${name}" has no value; pass serverVariables.${name}`);
    if (variable?.enum && !variable.enum.includes(value)) {
      throw new ConnectorConfigError(`${connector}: server variable "${name}" must be one of ${variable.enum.join(', ')}`);
    }
    return value;
  });
}

function checkedBase(connector: string, raw: string, relativeTo: string | undefined): URL {
  let url: URL;
  try {
    // "/x" replaces the base's path, as in a browser; "x" and "./x" extend it.
    url = new URL(raw, relativeTo);
  } catch (cause) {
    throw new ConnectorConfigError(`${connector}: base URL "${raw}" is not an absolute URL`, { cause });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConnectorConfigError(`${connector}: base URL must be http or https`);
  }
  // Operation paths start with "/", so the base keeps its path but loses a trailing slash.
  url.pathname = url.pathname.replace(/\/+$/, '');
  url.search = '';
  url.hash = '';
  return url;
}
