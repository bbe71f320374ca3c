/**
 * Server Object -> ServerIR.
 * OpenAPI 3.0 §4.7.5-6 / 3.1 §4.8.5-6: a URL template with `{variables}`, each with a `default` and
 * maybe an `enum`. Relative URLs are relative to where the document was loaded from; with no
 * `servers`, the spec says the URL is `/`, which a connector cannot call: we warn instead.
 * Operation- and path-level `servers` (§4.8.9-10) are carried on the operation; a relative one
 * stays relative, and the runtime resolves it against the connector's base URL.
 */
import type { ServerIR, ServerVariableIR } from '../types.js';
import { compareStrings } from '../infer/names.js';
import type { BuildContext } from './context.js';
import { child, isObj, own, ownObj, ownString, report } from './context.js';

export function buildServers(ctx: BuildContext, raw: unknown, sourceUri: string | undefined): ServerIR[] {
  const servers: ServerIR[] = [];
  if (Array.isArray(raw)) {
    raw.forEach((server, i) => {
      const pointer = child('', 'servers', i);
      const url = isObj(server) ? ownString(server, 'url') : undefined;
      if (url === undefined || !isObj(server)) return;
      const description = ownString(server, 'description');
      servers.push({
        url: absolute(ctx, url, sourceUri, child(pointer, 'url')),
        ...(description !== undefined ? { description } : {}),
        variables: variables(ownObj(server, 'variables'), url, ctx, pointer),
      });
    });
  }
  if (servers.length === 0) {
    report(ctx, 'warn', 'CG_NO_SERVERS', '/servers', 'the document declares no server URL', 'add servers to the spec or set baseUrl in connector.yaml');
  }
  return servers;
}

/** An operation's own servers (the operation's, else its path item's); undefined when it has none. */
export function buildOperationServers(ctx: BuildContext, raw: unknown, pointer: string): ServerIR[] | undefined {
  if (!Array.isArray(raw)) return undefined;
  const servers: ServerIR[] = [];
  raw.forEach((server, i) => {
    const url = isObj(server) ? ownString(server, 'url') : undefined;
    if (url === undefined || !isObj(server)) return;
    const description = ownString(server, 'description');
    servers.push({
      url: url.length > 1 ? url.replace(/\/+$/, '') : url,
      ...(description !== undefined ? { description } : {}),
      variables: variables(ownObj(server, 'variables'), url, ctx, child(pointer, i)),
    });
  });
  return servers.length > 0 ? servers : undefined;
}

function absolute(ctx: BuildContext, url: string, sourceUri: string | undefined, pointer: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url) || url.startsWith('{')) return url.replace(/\/+$/, '');
  if (sourceUri !== undefined && /^https?:\/\//i.test(sourceUri)) return new URL(url, sourceUri).toString().replace(/\/+$/, '');
  report(ctx, 'warn', 'CG_RELATIVE_SERVER_URL', pointer, `server URL ${JSON.stringify(url)} is relative`, 'give an absolute URL in the spec or set baseUrl in connector.yaml');
  return url === '/' ? url : url.replace(/\/+$/, '');
}

/** Variables of a server (or of a connector.yaml baseUrl): declared ones sorted, undeclared `{names}` in the URL added with an empty default. */
export function variables(
  declared: Readonly<Record<string, unknown>> | undefined,
  url: string,
  ctx: BuildContext,
  pointer: string,
): Record<string, ServerVariableIR> {
  const names = new Set([...Object.keys(declared ?? {}), ...[...url.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] ?? '')]);
  const entries: [string, ServerVariableIR][] = [];
  for (const name of [...names].sort(compareStrings)) {
    const variable = own(declared, name);
    const value = isObj(variable) ? variable : undefined;
    const fallback = own(value, 'default');
    const enumValues = own(value, 'enum');
    const description = ownString(value, 'description');
    if (fallback === undefined) {
      report(ctx, 'warn', 'CG_SERVER_VARIABLE_NO_DEFAULT', child(pointer, 'variables', name), `server variable {${name}} has no default`, 'give it a default, or users must pass serverVariables');
    }
    entries.push([
      name,
      {
        default: fallback === undefined ? '' : String(fallback),
        ...(Array.isArray(enumValues) ? { enum: enumValues.map(String) } : {}),
        ...(description !== undefined ? { description } : {}),
      },
    ]);
  }
  // fromEntries defines own properties: a variable called `__proto__` stays data.
  return Object.fromEntries(entries);
}
