/**
 * Which operations connector.yaml's `actions` entries name: include/exclude selectors and the keys of
 * `overrides`. Used to apply them (ir/overlay.ts) and to refuse entries that name nothing
 * (cross-check.ts), so both agree on what "matches" means.
 */
import type { ActionSelector, ConnectorConfig } from './types.js';

/** An operation as connector.yaml can name it. */
export interface OperationIdentity {
  readonly operationId?: string;
  readonly method: string;
  readonly path: string;
  readonly tags: readonly string[];
}

/** `/repos/*` matches `/repos/{owner}` but not `/repos/{owner}/{repo}`; `/repos/**` matches both. */
export function pathMatches(pattern: string, path: string): boolean {
  const source = pattern
    .split(/(\*\*|\*)/)
    .map((part) => (part === '**' ? '.*' : part === '*' ? '[^/]*' : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`).test(path);
}

export function selected(selector: ActionSelector, op: OperationIdentity): boolean {
  return (
    (op.operationId !== undefined && (selector.operationIds ?? []).includes(op.operationId)) ||
    op.tags.some((tag) => (selector.tags ?? []).includes(tag)) ||
    (selector.paths ?? []).some((pattern) => pathMatches(pattern, op.path))
  );
}

/** Include (when given) then exclude. */
export function isIncluded(config: ConnectorConfig, op: OperationIdentity): boolean {
  const { include, exclude } = config.actions ?? {};
  if (include !== undefined && !selected(include, op)) return false;
  return exclude === undefined || !selected(exclude, op);
}

/** The keys an override for `op` may have: its operationId, and `METHOD /path`. */
export function overrideKeys(op: OperationIdentity): string[] {
  return [op.operationId, `${op.method.toUpperCase()} ${op.path}`].filter((key): key is string => key !== undefined);
}
