/**
 * connector.yaml as the generator reads it: the TypeScript face of `connector.schema.json` (the
 * schema is the source of truth; keep the two in step). Everything is optional (the spec is
 * enough); what is given overrides what is inferred.
 */
import type { AuthConfig, PaginationConfig, RateLimitConfig, RetryConfig } from '@connectgen/runtime';

/** Selects operations by operationId, tag or path (`*` matches within a segment, `**` across). */
export interface ActionSelector {
  readonly operationIds?: readonly string[];
  readonly tags?: readonly string[];
  readonly paths?: readonly string[];
}

/** `pattern` (a JavaScript regular expression) replaced by `replacement` in every action name, in order. */
export interface RenameRule {
  readonly pattern: string;
  readonly replacement: string;
  /** Regex flags; `g` is always added. */
  readonly flags?: string;
}

export interface ActionOverride {
  /** Exact action name (wins over rename rules). */
  readonly name?: string;
  /** Pagination for this action, whatever its method; `{ type: none }` turns inference off for it. */
  readonly pagination?: PaginationConfig;
}

export interface ActionsConfig {
  readonly include?: ActionSelector;
  readonly exclude?: ActionSelector;
  readonly rename?: readonly RenameRule[];
  /** By operationId, or `METHOD /path` (e.g. `GET /pets`) for operations without one. */
  readonly overrides?: Readonly<Record<string, ActionOverride>>;
}

/** A partial auth config: fields merge over the inferred scheme when `type` matches it. */
export type AuthOverride = { readonly type: AuthConfig['type']; readonly scheme?: string } & Readonly<Record<string, unknown>>;

export interface LintSettings {
  /** Rule id -> severity, as in a Spectral ruleset; `connectgen lint` reads it. */
  readonly rules?: Readonly<Record<string, string | number | boolean>>;
}

/** A field mapping exported by the connector, typed by one of its actions (`connectgen map` entries). */
export interface ActionMappingConfig {
  /** The action's name in the connector. */
  readonly action: string;
  /** `output` (default): the action's records -> your shape; `input`: your records -> the action's input. */
  readonly direction?: 'output' | 'input';
  readonly description?: string;
  readonly mappings: readonly Readonly<Record<string, unknown>>[];
}

export interface ConnectorConfig {
  /** The API description: a path relative to connector.yaml, or a URL. */
  readonly spec?: string;
  readonly name?: string;
  /** npm package name. */
  readonly package?: string;
  readonly version?: string;
  readonly description?: string;
  /** An SVG file relative to connector.yaml (read by `readIcon`, inside the config's tree). */
  readonly icon?: string;
  /** Server URL, may contain `{variables}`; replaces the spec's servers. */
  readonly baseUrl?: string;
  /** Recorded in connector.json; a draft is not published. */
  readonly status?: 'draft' | 'published';
  /** Headers every request carries (options and per-call headers win). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Hosts (`host` or `host:port`) besides the connector's own that pagination next links may lead to. */
  readonly allowedHosts?: readonly string[];
  readonly auth?: AuthOverride;
  /** Connector-wide pagination: applies to GET list actions that have the strategy's parameter. */
  readonly pagination?: PaginationConfig;
  readonly actions?: ActionsConfig;
  readonly retry?: RetryConfig;
  readonly rateLimit?: RateLimitConfig;
  readonly timeoutMs?: number;
  readonly testAction?: string;
  readonly lint?: LintSettings;
  /** By the name the connector exports it under. */
  readonly mappings?: Readonly<Record<string, ActionMappingConfig>>;
}
