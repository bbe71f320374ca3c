/**
 * Applying connector.yaml (see config/ for its schema and reader) on top of what the spec says.
 * Each function takes the inferred value and the config and returns the value to use: the builders
 * call them at the one point where that value is decided, so there is no second pass over the IR.
 */
import type { AuthConfig, PaginationConfig } from '@connectgen/runtime';
import { overrideKeys, type OperationIdentity } from '../config/select.js';
import type { ActionOverride, ConnectorConfig } from '../config/types.js';
import type { AuthSchemeIR } from './types.js';

export type { ConnectorConfig } from '../config/types.js';

export { isIncluded, pathMatches, type OperationIdentity } from '../config/select.js';

/** The per-action override, by operationId or by `METHOD /path`. */
export function overrideFor(config: ConnectorConfig, op: OperationIdentity): ActionOverride | undefined {
  const overrides = config.actions?.overrides;
  if (overrides === undefined) return undefined;
  for (const key of overrideKeys(op)) if (Object.hasOwn(overrides, key)) return overrides[key];
  return undefined;
}

/** Runs the rename rules over an action name candidate, in order. */
export function renameAction(config: ConnectorConfig, name: string): string {
  let result = name;
  for (const rule of config.actions?.rename ?? []) {
    result = result.replace(new RegExp(rule.pattern, 'g' + (rule.flags ?? '')), rule.replacement);
  }
  return result;
}

/**
 * Pagination for an action: its override, whatever the method (a POST search endpoint pages too);
 * else the connector default, for a GET whose response is a list (at the default's `resultsKey`, or
 * the body itself) and that has the strategy's parameter (a `none` default turns inference off);
 * else 'infer'.
 */
export function choosePagination(
  config: ConnectorConfig,
  override: PaginationConfig | undefined,
  queryParams: readonly string[],
  strategyParam: (config: PaginationConfig) => string | undefined,
  isList: (resultsKey: string | undefined) => boolean,
): { readonly config: PaginationConfig; readonly source: 'override' | 'default' } | 'infer' {
  if (override !== undefined) return { config: override, source: 'override' };
  const fallback = config.pagination;
  if (fallback === undefined) return 'infer';
  if (fallback.type === 'none') return { config: fallback, source: 'default' };
  const param = strategyParam(fallback);
  if ((param === undefined || queryParams.includes(param)) && isList(fallback.resultsKey)) return { config: fallback, source: 'default' };
  return 'infer';
}

/** What applying connector.yaml `auth` did, for the checks and notes the IR builder makes. */
export interface AppliedAuth {
  readonly auth: Record<string, AuthSchemeIR>;
  readonly replaced: boolean;
  /** The scheme the override became (absent for `type: none`), and the spec's scheme it replaced. */
  readonly result?: { readonly name: string; readonly config: AuthConfig; readonly replaces?: { readonly name: string; readonly type: string } };
}

/**
 * connector.yaml `auth` replaces the spec's schemes with one. When its type matches the scheme it
 * replaces (the one named by `scheme`, else the default), the inferred fields stay and the config's
 * win, so `auth: { type: oauth2, clientAuth: body }` only changes the client auth.
 */
export function applyAuth(inferred: Readonly<Record<string, AuthSchemeIR>>, override: ConnectorConfig['auth']): AppliedAuth {
  if (override === undefined) return { auth: { ...inferred }, replaced: false };
  if (override.type === 'none') return { auth: {}, replaced: true };
  const names = Object.keys(inferred);
  const name = override.scheme ?? names[0] ?? 'default';
  const base = Object.hasOwn(inferred, name) ? inferred[name] : undefined;
  const { scheme: _scheme, ...fields } = override;
  const config = (base !== undefined && base.config.type === override.type ? { ...base.config, ...fields } : fields) as AuthConfig;
  return {
    auth: Object.fromEntries([[name, { config, source: 'config', pointer: base?.pointer ?? '' }]]),
    replaced: true,
    result: { name, config, ...(base !== undefined ? { replaces: { name, type: base.config.type } } : {}) },
  };
}
