/**
 * OpenAPI Object -> ConnectorIR: the entry point of the IR stage.
 * OpenAPI 3.0 §4.7.1 / 3.1 §4.8.1: `info`, `servers`, `paths`, `components`, `security`; `webhooks`
 * (3.1) describe calls the API makes to us, so they are not actions.
 *
 * Reads as the order things are decided in: config -> schema names -> schemas -> operations (filtered,
 * named, paginated) -> auth -> input variants -> info and servers. The document is never mutated or
 * cloned; every schema is converted once (memoised by pointer).
 */
import { compareStrings as compare, dedupe, isIdentifier, isReserved, actionName, actionNameFromPath, camelCase, kebabCase, pascalCase, safeValueName, typeName } from '../infer/names.js';
import { inferPagination, strategyParam } from '../infer/pagination.js';
import { parsePath } from '@connectgen/runtime/path';
import { authReplacementNote, checkActions, checkAuth, checkMappings, checkTestAction } from '../../config/cross-check.js';
import type { ConfigProblem } from '../../config/explain.js';
import { configError, parseConnectorConfig, type ConfigSource } from '../../config/read.js';
import { applyAuth, choosePagination, isIncluded, overrideFor, renameAction, type ConnectorConfig, type OperationIdentity } from '../overlay.js';
import type { ConnectorIR, InfoIR, JsonValue, MappingIR, OperationIR, PaginationIR, SchemaIR, ServerIR, TypeNode } from '../types.js';
import { IR_VERSION, requirementSchemes } from '../types.js';
import type { BuildContext, Obj } from './context.js';
import { child, createContext, deref, isObj, own, ownObj, ownString, report } from './context.js';
import { breakAliasCycles } from './alias-cycles.js';
import { assignInputNames } from './input-variants.js';
import { nameRepeatedObjects } from './repeated-objects.js';
import { buildOperation, METHODS, type OperationDraft } from './operation.js';
import { convertNamedSchema, docsOf } from './schema.js';
import { buildAuth, requirementNames } from './security-scheme.js';
import { buildServers, variables } from './server.js';
import { buildWebhooks } from './webhook.js';

export interface BuildOptions {
  /** Where the document came from: relative server URLs resolve against it. */
  readonly sourceUri?: string;
  /** The connector.yaml the config came from: its errors then say file:line:column. */
  readonly configSource?: ConfigSource;
  /** The SVG that connector.yaml's `icon` names, read by config/icon.ts (the IR stage does no I/O). */
  readonly icon?: string;
}

export function buildIR(document: Obj, config?: ConnectorConfig | unknown, options: BuildOptions = {}): ConnectorIR {
  const settings = parseConnectorConfig(config, options.configSource);
  const refuse = (problem: ConfigProblem | undefined): void => {
    if (problem !== undefined) throw configError(problem, options.configSource);
  };
  const ctx = createContext(document, nameSchemas(document));
  const schemas = nameRepeatedObjects(breakAliasCycles(buildSchemas(ctx), ctx.diagnostics));
  const scopes = new Map<string, Set<string>>();
  const rootSecurity = requirementNames(ctx, document['security'], '/security', scopes) ?? [];
  const { drafts, identities } = collectOperations(ctx, settings, scopes);
  refuse(checkActions(settings, identities));
  const types = new Map(schemas.map((schema) => [schema.name, schema.type]));
  const defaulted: string[] = [];
  const webhooks = buildWebhooks(ctx, document);
  const operations = nameOperations(ctx, drafts, settings, webhooks.length > 0).map((op) => paginate(ctx, op, settings, types, defaulted));
  reportPaginationDefault(ctx, settings, defaulted, options.configSource?.file);
  refuse(checkTestAction(settings, operations.map((op) => op.name)));
  refuse(checkMappings(settings, operations.map((op) => op.name)));
  const inferredAuth = buildAuth(ctx, rootSecurity, scopes);
  const { auth, replaced, result } = applyAuth(inferredAuth, settings.auth);
  refuse(checkAuth(settings, Object.keys(inferredAuth), result));
  const note = authReplacementNote(settings, result);
  if (note !== undefined) report(ctx, 'info', 'CG_CONFIG_AUTH_REPLACED', result?.replaces === undefined ? '/components/securitySchemes' : (inferredAuth[result.replaces.name]?.pointer ?? ''), note, 'give auth.scheme to replace another scheme, or leave auth out to use the spec\'s');
  const authNames = Object.keys(auth);
  return {
    irVersion: IR_VERSION,
    info: buildInfo(document, settings, ctx.openapi, options.icon),
    servers: settings.baseUrl !== undefined ? [configServer(ctx, document, settings.baseUrl)] : buildServers(ctx, document['servers'], options.sourceUri),
    auth,
    security: replaced ? (settings.auth?.type === 'none' ? [] : authNames) : rootSecurity.filter((requirement) => requirementSchemes(requirement).every((name) => authNames.includes(name))),
    operations: operations.map((op) => scopeSecurity(ctx, op, authNames, replaced)),
    schemas: assignInputNames(schemas, operations),
    ...(settings.retry !== undefined ? { retry: settings.retry } : {}),
    ...(settings.rateLimit !== undefined ? { rateLimit: settings.rateLimit } : {}),
    ...(settings.timeoutMs !== undefined ? { timeoutMs: settings.timeoutMs } : {}),
    ...(settings.testAction !== undefined ? { testAction: settings.testAction } : {}),
    ...(settings.headers !== undefined && Object.keys(settings.headers).length > 0 ? { headers: settings.headers } : {}),
    ...(settings.allowedHosts !== undefined && settings.allowedHosts.length > 0 ? { allowedHosts: settings.allowedHosts.map((host) => host.toLowerCase()) } : {}),
    ...(webhooks.length > 0 ? { webhooks } : {}),
    ...(settings.mappings !== undefined && Object.keys(settings.mappings).length > 0 ? { mappings: buildMappings(settings.mappings) } : {}),
    diagnostics: sortDiagnostics(ctx),
  };
}

/** connector.yaml `mappings` (names are identifiers by the schema), sorted by name. */
function buildMappings(mappings: NonNullable<ConnectorConfig['mappings']>): MappingIR[] {
  return Object.keys(mappings)
    .sort(compare)
    .map((name) => {
      const m = mappings[name]!;
      return {
        name,
        action: m.action,
        direction: m.direction ?? 'output',
        ...(m.description !== undefined ? { description: m.description } : {}),
        entries: m.mappings as JsonValue[],
      };
    });
}

/** `/components/schemas/<key>` -> unique type name; exact spellings win clashes. */
function nameSchemas(document: Obj): Map<string, string> {
  const schemas = ownObj(ownObj(document, 'components'), 'schemas') ?? {};
  const requests = Object.keys(schemas).map((key) => {
    const candidate = typeName(key);
    return { id: child('/components/schemas', key), candidate, exact: candidate === key };
  });
  return dedupe(requests);
}

function buildSchemas(ctx: BuildContext): SchemaIR[] {
  const schemas = ownObj(ownObj(ctx.document, 'components'), 'schemas') ?? {};
  const out: SchemaIR[] = [];
  for (const key of Object.keys(schemas)) {
    const pointer = child('/components/schemas', key);
    const name = ctx.schemaNames.get(pointer) ?? typeName(key);
    const raw = schemas[key];
    const { description, deprecated, default: fallback, example } = docsOf(isObj(raw) ? raw : undefined, ctx.openapi);
    out.push({
      name,
      specName: key,
      pointer,
      type: convertNamedSchema(ctx, pointer),
      ...(description !== undefined ? { description } : {}),
      ...(deprecated === true ? { deprecated } : {}),
      ...(fallback !== undefined ? { default: fallback } : {}),
      ...(example !== undefined ? { example } : {}),
    });
  }
  return out.sort((a, b) => compare(a.name, b.name));
}

/** The included operations, and every operation as connector.yaml can name it (for its cross-checks). */
function collectOperations(ctx: BuildContext, config: ConnectorConfig, scopes: Map<string, Set<string>>): { drafts: OperationDraft[]; identities: OperationIdentity[] } {
  const paths = ownObj(ctx.document, 'paths') ?? {};
  const drafts: OperationDraft[] = [];
  const identities: OperationIdentity[] = [];
  for (const path of Object.keys(paths).sort(compare)) {
    const pointer = child('/paths', path);
    const item = deref(ctx, paths[path], pointer);
    if (item === undefined) continue;
    for (const method of METHODS) {
      const operation = ownObj(item.value, method);
      if (operation === undefined) continue;
      const tags = operation['tags'];
      const identity = {
        method,
        path,
        tags: Array.isArray(tags) ? tags.filter((tag): tag is string => typeof tag === 'string') : [],
        ...(ownString(operation, 'operationId') !== undefined ? { operationId: ownString(operation, 'operationId') } : {}),
      };
      identities.push(identity);
      if (!isIncluded(config, identity)) continue;
      drafts.push(buildOperation(ctx, path, method, item.value, pointer, operation, scopes));
    }
  }
  return { drafts, identities };
}

const CONNECTOR_MEMBERS: ReadonlySet<string> = new Set(['testConnection', 'close']);

/** Action names: override name, else rename rules over camelCase(operationId) or method + path; then made unique. */
function nameOperations(ctx: BuildContext, drafts: OperationDraft[], config: ConnectorConfig, hasWebhooks: boolean): OperationDraft[] {
  const requests = drafts.map((op) => {
    const override = overrideFor(config, op);
    const base = op.operationId !== undefined ? actionName(op.operationId) : actionNameFromPath(op.method, op.path);
    const wanted = override?.name ?? renameAction(config, base);
    const candidate = isIdentifier(wanted) && !isReserved(wanted) ? wanted : safeValueName(camelCase(wanted, 'action'));
    return { id: op.pointer, candidate, exact: override?.name !== undefined || candidate === op.operationId };
  });
  // Every connector object also has testConnection() and close() (and webhooks() when the API sends
  // any); an action must not shadow them.
  const names = dedupe(requests, hasWebhooks ? new Set([...CONNECTOR_MEMBERS, 'webhooks']) : CONNECTOR_MEMBERS);
  return drafts.map((op, i) => {
    const name = names.get(op.pointer) ?? op.pointer;
    if (name !== requests[i]?.candidate) {
      report(ctx, 'info', 'CG_ACTION_NAME_CLASH', op.pointer, `action name ${JSON.stringify(requests[i]?.candidate)} is taken; this action is ${JSON.stringify(name)}`, 'give the operations distinct operationIds, or rename in connector.yaml');
    }
    op.name = name;
    return op;
  });
}

/**
 * Inference and the connector default apply to GET operations; an override applies whatever the
 * method. Operations the default paginates are added to `applied`, for the report.
 */
function paginate(ctx: BuildContext, op: OperationDraft, config: ConnectorConfig, types: ReadonlyMap<string, TypeNode>, applied: string[]): OperationDraft {
  const override = overrideFor(config, op)?.pagination;
  if (op.method !== 'GET' && override === undefined) return op;
  const resolve = (name: string): TypeNode | undefined => types.get(name);
  const success = op.responses.find((r) => r.status === op.success.status);
  const query = op.parameters.filter((p) => p.in === 'query').map((p) => p.name);
  const inferred = op.method === 'GET' ? inferPagination(op.parameters, op.success.type, success?.headers ?? [], resolve) : undefined;
  // A list: an array at the default's resultsKey, else at the one inference found, else the body.
  const isList = (resultsKey: string | undefined): boolean => listItems(resultsKey ?? inferred?.config.resultsKey, op.success.type, resolve) !== undefined;
  const chosen = choosePagination(config, override, query, strategyParam, isList);
  let pagination: PaginationIR | undefined;
  if (chosen === 'infer') {
    if (inferred !== undefined) pagination = { ...inferred, source: 'inferred' };
  } else if (chosen.config.type !== 'none') {
    const inheritsKey = chosen.source === 'default' && chosen.config.resultsKey === undefined && inferred?.config.resultsKey !== undefined;
    const settings = inheritsKey ? { ...chosen.config, resultsKey: inferred?.config.resultsKey } : chosen.config;
    pagination = { config: settings, itemType: listItems(settings.resultsKey, op.success.type, resolve) ?? inferred?.itemType ?? { kind: 'unknown' }, source: 'config' };
    if (chosen.source === 'default') applied.push(op.name);
    if (pagination.itemType.kind === 'unknown') {
      report(ctx, 'info', 'CG_PAGINATION_ITEMS_UNKNOWN', op.pointer, 'pagination is configured but the item type could not be found in the response', 'set resultsKey to the path of the array in the response body');
    }
  }
  if (pagination !== undefined) op.pagination = pagination;
  return op;
}

/**
 * Item type of the array at `resultsKey` (any path the runtime reads: `data.items`,
 * `$['@odata.value']`, `/results`), or of the body itself; undefined when that is no array.
 */
function listItems(resultsKey: string | undefined, body: TypeNode, resolve: (name: string) => TypeNode | undefined): TypeNode | undefined {
  let node: TypeNode | undefined = body;
  for (const segment of resultsKey === undefined ? [] : parsePath(resultsKey).segments) {
    while (node?.kind === 'ref') node = resolve(node.name);
    if (segment.kind === 'name') node = node?.kind === 'object' ? node.properties.find((p) => p.name === segment.name)?.type : undefined;
    else node = node?.kind === 'array' ? node.items : undefined;
  }
  while (node?.kind === 'ref') node = resolve(node.name);
  return node?.kind === 'array' ? node.items : undefined;
}

/** How many operations connector.yaml's `pagination` default applied to: none at all is a warning (a setting that did nothing). */
function reportPaginationDefault(ctx: BuildContext, config: ConnectorConfig, applied: readonly string[], file: string | undefined): void {
  const fallback = config.pagination;
  if (fallback === undefined || fallback.type === 'none') return;
  const names = applied.length > 5 ? `${applied.slice(0, 5).join(', ')} and ${applied.length - 5} more` : applied.join(', ');
  ctx.diagnostics.push({
    code: 'CG_CONFIG_PAGINATION_DEFAULT',
    severity: applied.length === 0 ? 'warn' : 'info',
    message: `connector.yaml pagination (${fallback.type}) applies to ${applied.length} list operation${applied.length === 1 ? '' : 's'}${applied.length > 0 ? `: ${names}` : ''}`,
    pointer: '/pagination',
    hint:
      applied.length === 0
        ? 'it applies to GET operations whose response is a list at resultsKey (or is an array) and that have its parameter; set resultsKey, or use actions.overrides'
        : 'operations whose response is not a list keep no pagination; use actions.overrides for others',
    ...(file !== undefined ? { file } : {}),
  });
}

/** Operation security limited to schemes the connector has; config auth makes every secured operation use it. */
function scopeSecurity(ctx: BuildContext, op: OperationDraft, authNames: readonly string[], replaced: boolean): OperationIR {
  const security = op.security;
  if (security === undefined || security.length === 0) return op;
  if (replaced) {
    delete op.security;
    return op;
  }
  const known = security.filter((requirement) => requirementSchemes(requirement).every((name) => authNames.includes(name)));
  for (const name of new Set(security.flatMap(requirementSchemes))) {
    if (!authNames.includes(name) && own(ownObj(ownObj(ctx.document, 'components'), 'securitySchemes'), name) === undefined) {
      report(ctx, 'warn', 'CG_UNKNOWN_SECURITY_SCHEME', child(op.pointer, 'security'), `security scheme ${JSON.stringify(name)} is not defined`, 'define it under components.securitySchemes');
    }
  }
  if (known.length === 0) delete op.security;
  else op.security = known;
  return op;
}

function buildInfo(document: Obj, config: ConnectorConfig, openapi: '3.0' | '3.1', icon: string | undefined): InfoIR {
  const info = ownObj(document, 'info');
  const title = ownString(info, 'title') ?? 'API';
  const apiVersion = ownString(info, 'version') ?? String(info?.['version'] ?? '0.0.0');
  const name = config.name ?? kebabCase(title, 'connector', false).slice(0, 60).replace(/-+$/, '');
  const description = config.description ?? ownString(info, 'description');
  const docsUrl = ownString(ownObj(document, 'externalDocs'), 'url');
  return {
    name,
    pascalName: pascalCase(name, 'Api'),
    packageName: config.package ?? `${name}-connector`,
    version: config.version ?? (/^\d+\.\d+\.\d+$/.test(apiVersion) ? apiVersion : '0.1.0'),
    title,
    ...(description !== undefined && description.trim() !== '' ? { description } : {}),
    apiVersion,
    openapi,
    ...(docsUrl !== undefined ? { docsUrl } : {}),
    ...(config.status !== undefined ? { status: config.status } : {}),
    ...(icon !== undefined ? { icon } : {}),
  };
}

/** connector.yaml `baseUrl`, with defaults for its `{variables}` taken from the spec's servers when they declare them. */
function configServer(ctx: BuildContext, document: Obj, url: string): ServerIR {
  const declared: Record<string, unknown> = {};
  const servers = document['servers'];
  for (const server of Array.isArray(servers) ? servers : []) {
    const vars = isObj(server) ? ownObj(server, 'variables') : undefined;
    for (const key of Object.keys(vars ?? {})) if (!Object.hasOwn(declared, key)) Object.defineProperty(declared, key, { value: vars?.[key], enumerable: true });
  }
  const names = new Set([...url.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] ?? ''));
  const relevant = Object.fromEntries(Object.keys(declared).filter((key) => names.has(key)).map((key) => [key, declared[key]]));
  return { url: url.replace(/\/+$/, ''), variables: variables(relevant, url, ctx, '/servers/0') };
}

function sortDiagnostics(ctx: BuildContext): ConnectorIR['diagnostics'] {
  const seen = new Set<string>();
  return ctx.diagnostics
    .filter((d) => {
      const key = `${d.pointer}\u0000${d.code}\u0000${d.message}`;
      return seen.has(key) ? false : (seen.add(key), true);
    })
    .sort((a, b) => compare(a.pointer, b.pointer) || compare(a.code, b.code) || compare(a.message, b.message));
}
