/**
 * connector.yaml against the spec it configures: an entry that names no operation, tag, path or
 * action would be silently ignored, so each is an error (`CG_CONFIG_NO_MATCH`) naming the closest
 * names the spec does have. Pure functions over names; the IR builder calls them.
 */
import { createRequire } from 'node:module';
import type { FieldMapping } from '@connectgen/runtime';
import { toPointer } from '../diagnostics/diagnostic.js';
import type { ConfigProblem } from './explain.js';
import { checkCompleteAuth } from './schema.js';
import { isIncluded, overrideKeys, pathMatches, type OperationIdentity } from './select.js';
import { closest } from './suggest.js';
import type { ActionSelector, ConnectorConfig } from './types.js';

function noMatch(pointer: string, what: string, wanted: string, known: Iterable<string>, fallback: string): ConfigProblem {
  const near = closest(wanted, known);
  return {
    code: 'CG_CONFIG_NO_MATCH',
    pointer,
    message: `${what} ${JSON.stringify(wanted)} matches nothing in the spec`,
    hint: near.length > 0 ? `did you mean ${near.map((name) => JSON.stringify(name)).join(' or ')}?` : fallback,
  };
}

/** The first include/exclude entry or override key that names no operation of the spec. */
export function checkActions(config: ConnectorConfig, operations: readonly OperationIdentity[]): ConfigProblem | undefined {
  const actions = config.actions ?? {};
  for (const part of ['include', 'exclude'] as const) {
    const problem = checkSelector(actions[part], `/actions/${part}`, operations);
    if (problem !== undefined) return problem;
  }
  const keys = operations.flatMap(overrideKeys);
  for (const key of Object.keys(actions.overrides ?? {})) {
    const pointer = `/actions/overrides${toPointer([key])}`;
    const target = operations.find((op) => overrideKeys(op).includes(key));
    if (target === undefined) return noMatch(pointer, 'override', key, keys, 'use an operationId, or `METHOD /path` such as `GET /pets`');
    if (!isIncluded(config, target)) {
      return { code: 'CG_CONFIG_NO_MATCH', pointer, message: `override ${JSON.stringify(key)} names an operation that actions.include/exclude leaves out`, hint: 'include the operation, or remove the override' };
    }
  }
  return undefined;
}

function checkSelector(selector: ActionSelector | undefined, base: string, operations: readonly OperationIdentity[]): ConfigProblem | undefined {
  if (selector === undefined) return undefined;
  const ids = operations.flatMap((op) => (op.operationId === undefined ? [] : [op.operationId]));
  const tags = new Set(operations.flatMap((op) => op.tags));
  const paths = operations.map((op) => op.path);
  const entries = [
    ...(selector.operationIds ?? []).map((id, i) => ({ ok: ids.includes(id), pointer: `${base}/operationIds/${i}`, what: 'operationId', value: id, known: ids, fallback: 'use an operationId from the spec' })),
    ...(selector.tags ?? []).map((tag, i) => ({ ok: tags.has(tag), pointer: `${base}/tags/${i}`, what: 'tag', value: tag, known: tags, fallback: 'use a tag that some operation has' })),
    ...(selector.paths ?? []).map((pattern, i) => ({ ok: paths.some((path) => pathMatches(pattern, path)), pointer: `${base}/paths/${i}`, what: 'path pattern', value: pattern, known: paths, fallback: 'use a path from the spec; `*` matches within a segment, `**` across' })),
  ];
  const bad = entries.find((entry) => !entry.ok);
  return bad === undefined ? undefined : noMatch(bad.pointer, bad.what, bad.value, bad.known, bad.fallback);
}

/** `testAction` must be one of the connector's actions (after include/exclude and renaming). */
export function checkTestAction(config: ConnectorConfig, actionNames: readonly string[]): ConfigProblem | undefined {
  const wanted = config.testAction;
  if (wanted === undefined || actionNames.includes(wanted)) return undefined;
  return noMatch('/testAction', 'testAction', wanted, actionNames, 'name one of the connector\'s actions (a cheap GET without required input)');
}

/**
 * connector.yaml `auth` once merged over the spec's scheme: `scheme` must name one of the spec's,
 * and the result must have what its type needs (`auth: { type: apiKey, preamble: Token }` is complete
 * over a spec's apiKey scheme, not over a spec without one).
 */
export function checkAuth(
  config: ConnectorConfig,
  specSchemes: readonly string[],
  result: { readonly config: unknown; readonly replaces?: { readonly type: string } } | undefined,
): ConfigProblem | undefined {
  const override = config.auth;
  if (override === undefined) return undefined;
  if (override.scheme !== undefined && specSchemes.length > 0 && !specSchemes.includes(override.scheme)) {
    return noMatch('/auth/scheme', 'security scheme', override.scheme, specSchemes, `use one of ${specSchemes.join(', ')}`);
  }
  if (result === undefined) return undefined;
  const problem = checkCompleteAuth(result.config, '/auth');
  if (problem === undefined) return undefined;
  const inherited = result.replaces?.type === override.type;
  return inherited ? problem : { ...problem, hint: `${problem.hint} (the spec has no ${override.type} scheme to take it from)` };
}

/** `auth` of another type than the scheme it replaces: say which, so the swap is not a surprise. */
export function authReplacementNote(config: ConnectorConfig, result: { readonly name: string; readonly replaces?: { readonly name: string; readonly type: string } } | undefined): string | undefined {
  const type = config.auth?.type;
  if (type === undefined || type === 'none' || result === undefined) return undefined;
  if (result.replaces === undefined) return `connector.yaml auth (${type}) adds the scheme ${JSON.stringify(result.name)}: the spec declares none of that name`;
  if (result.replaces.type === type) return undefined;
  return `connector.yaml auth (${type}) replaces the spec's security scheme ${JSON.stringify(result.replaces.name)} (${result.replaces.type})`;
}

/**
 * `mappings`: each names one of the connector's actions and is a mapping `compileMapping` accepts
 * (checked here, at generation, so a typo never reaches a user's first record).
 */
export function checkMappings(config: ConnectorConfig, actionNames: readonly string[]): ConfigProblem | undefined {
  for (const [name, mapping] of Object.entries(config.mappings ?? {})) {
    const base = `/mappings${toPointer([name])}`;
    if (!actionNames.includes(mapping.action)) return noMatch(`${base}/action`, 'action', mapping.action, actionNames, 'name one of the connector\'s actions');
    try {
      mappingCompiler().compileMapping({ mappings: mapping.mappings as FieldMapping[] });
    } catch (error) {
      if (!(error instanceof mappingCompiler().MappingDefinitionError)) throw error;
      return { code: error.code, pointer: `${base}${error.pointer}`, message: error.message.replace(/^\S+ at \S+ /, ''), hint: error.hint ?? 'see `connectgen map --help` for the entry shape' };
    }
  }
  return undefined;
}

/**
 * The runtime's root module (mapping transforms, HTTP client, undici) loads for longer than a small
 * spec takes to generate, and only a config with `mappings` needs it here. `require` keeps this
 * check synchronous; Node >= 20.19 requires an ES module graph such as the runtime's.
 */
function mappingCompiler(): Pick<typeof import('@connectgen/runtime'), 'compileMapping' | 'MappingDefinitionError'> {
  return createRequire(import.meta.url)('@connectgen/runtime') as typeof import('@connectgen/runtime');
}
