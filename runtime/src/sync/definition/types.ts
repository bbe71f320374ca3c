/**
 * A sync definition: where records come from, where they go, how they are identified and changed,
 * and how often. The same shape is written in YAML (connectors named by path, resolved by the CLI)
 * or in TypeScript (connector objects and mapping functions passed in directly).
 */

/** A generated connector object (`createXxxConnector(...)`), or its package path in YAML. */
export type ConnectorRef = string | Readonly<Record<string, unknown>>;

/**
 * How a connector side of a bidirectional sync says a record was deleted, so an incremental run
 * (which reads only what changed since its cursor, and so cannot notice a record by its absence)
 * still sees deletions. Without either, an incremental run misses that side's deletions.
 */
export interface DeletionSignals {
  /**
   * A record the list action still returns after it was deleted (a soft delete): deleted when the
   * value at `path` equals `equals`, or, without `equals`, when it is set (not null, false, 0 or '').
   */
  readonly tombstone?: { readonly path: string; readonly equals?: unknown };
  /** A paginated action listing the records deleted since the cursor (a deletions feed), read after the changes. */
  readonly deletions?: DeletionsFeed;
}

export interface DeletionsFeed {
  readonly action: string;
  /** Path to the deleted record's id in a feed entry; default where the side keeps the id (a destination's `idPath`, else the sync's). */
  readonly idPath?: string;
  /** The input key that receives the side's cursor (less the lookback). */
  readonly sinceParam?: string;
  readonly input?: Readonly<Record<string, unknown>>;
}

export interface ConnectorSource extends SideWrites, DeletionSignals {
  readonly connector: ConnectorRef;
  /** A paginated action of the connector, e.g. `listPets`. */
  readonly action: string;
  /** Constant input of every call. */
  readonly input?: Readonly<Record<string, unknown>>;
  /**
   * For incremental syncs of APIs that filter by time: the input key that receives the cursor
   * (less the lookback), e.g. `updated_since`. Without it, every page is read and older records
   * are skipped here.
   */
  readonly sinceParam?: string;
  /** Options for connectors loaded from a path (credentials, baseUrl), as for `connectgen check`. */
  readonly options?: Readonly<Record<string, unknown>>;
}

/** A collection of the sync store (records kept locally, or a custom object type). */
export interface StoreEndpoint {
  readonly store: string;
  /** A custom object type: records are validated against this JSON Schema before they are written. */
  readonly schema?: Readonly<Record<string, unknown>>;
}

/** How one destination action is called: which input keys take the id, the record and a key. */
export interface WriteAction {
  readonly action: string;
  /**
   * Input key for the record id (a path parameter), e.g. `petId`. It receives the shared record id
   * (the source's), also on a destination that keeps it at its own `idPath`: such an API needs
   * actions by that id (an upsert by external id), not by its own.
   */
  readonly id?: string;
  /** Input key for the record; default `body`; absent for deletes. */
  readonly body?: string;
  /** Input key for an idempotency key, so a create replayed after a crash is not a second create. */
  readonly idempotencyKey?: string;
  /** Constant input of every call. */
  readonly input?: Readonly<Record<string, unknown>>;
}

/** Write actions of a connector side (the destination's; the source's too in a bidirectional sync). */
export interface SideWrites {
  /** One action that creates or replaces by id (a PUT); used instead of create and update. */
  readonly upsert?: WriteAction;
  readonly create?: WriteAction;
  readonly update?: WriteAction;
  readonly delete?: WriteAction;
}

export interface ConnectorDestination extends SideWrites, DeletionSignals {
  readonly connector: ConnectorRef;
  /**
   * Bidirectional: where a destination record keeps the shared record id (the source's id, the one
   * the top-level `idPath` finds in a source record), e.g. `externalId` or `crm.id`; default the
   * top-level `idPath`. When it differs, `mapping` must write the id there and `reverseMapping` must
   * write it back at `idPath`. The destination's write actions take this shared id (their `id` key).
   */
  readonly idPath?: string;
  /** Bidirectional: the paginated action that lists the destination's records. */
  readonly action?: string;
  readonly input?: Readonly<Record<string, unknown>>;
  /**
   * Bidirectional incremental: the input key that receives the destination's own cursor (the
   * highest `cursor.field` it returned, read in the source's shape, less the lookback).
   */
  readonly sinceParam?: string;
  readonly options?: Readonly<Record<string, unknown>>;
}

export type SourceConfig = ConnectorSource | StoreEndpoint;

/**
 * Records that belong to a source record (comments of an issue, line items of an order), read with
 * another paginated action of the source connector for each parent that was created or changed in
 * this run; an unchanged parent's children are not read again.
 */
export interface ChildStream {
  /** Names the child stream; its state is kept as `<sync id>/<child id>`. */
  readonly id: string;
  /** A paginated action of the source connector, e.g. `listComments`. */
  readonly action: string;
  /** The input key that receives the parent's id, e.g. `issueNumber`. */
  readonly parentKey: string;
  readonly input?: Readonly<Record<string, unknown>>;
  readonly idPath: string;
  readonly destination: DestinationConfig;
  readonly mapping?: MappingFunction | Readonly<Record<string, unknown>>;
}
export type DestinationConfig = ConnectorDestination | StoreEndpoint;

/** A mapping result as runtime/src/mapping returns it; a plain return value is taken as `{ ok: true, value }`. */
export type MappingResult = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly errors: readonly unknown[] };
export type MappingFunction = (record: unknown) => MappingResult | unknown;

export type SyncMode = 'full' | 'incremental';

export type ConflictPolicyName = 'source-wins' | 'destination-wins' | 'newest-wins' | 'manual';

export interface SyncDefinition {
  /** Names the sync in the store, the CLI and run records. */
  readonly id: string;
  readonly source: SourceConfig;
  readonly destination: DestinationConfig;
  /**
   * Path to the record's id in the source record, e.g. `id` or `data.key`. Bidirectional: also in a
   * destination record, unless a connector destination names its own `idPath`.
   */
  readonly idPath: string;
  readonly mode: SyncMode;
  /**
   * `both`: changes on either side since the last run are copied to the other (with a `mapping`, a
   * `reverseMapping` too; incremental reads the source from the cursor). Default `one-way`.
   */
  readonly direction?: 'one-way' | 'both';
  /** Bidirectional: who wins when a record changed on both sides; default `manual`. */
  readonly conflict?: ConflictPolicyName;
  /** Incremental: the cursor field (`updated_at`, `meta.updated_at`) and how far back to re-read. */
  readonly cursor?: { readonly field: string; readonly lookback?: string | number };
  /** Applied to each source record before it is written; a declarative mapping in YAML. */
  readonly mapping?: MappingFunction | Readonly<Record<string, unknown>>;
  /**
   * Bidirectional with a mapping: destination record -> source record, for what is copied back.
   * `mapping` puts the record id at the destination's id path (`destination.idPath`, default
   * `idPath`), `reverseMapping` puts it back at `idPath`; both should undo each other, or a copy
   * reads as a change.
   */
  readonly reverseMapping?: MappingFunction | Readonly<Record<string, unknown>>;
  /** Child streams read for each created or changed parent (one-way syncs from a connector). */
  readonly children?: readonly ChildStream[];
  /**
   * What happens to the other copy of a deleted record. One-way full syncs: destination records
   * that left the source. Bidirectional: a deletion on either side (incremental runs see one only
   * through a store side's flags or a connector side's `tombstone` or `deletions`). Default `delete`.
   */
  readonly onDelete?: 'delete' | 'flag' | 'keep';
  readonly pageSize?: number;
  /** Writes in flight at once within a page; default 4. */
  readonly concurrency?: number;
  /** Per record and per page; default 3 attempts, 200 ms doubling to 10 s. */
  readonly retry?: { readonly maxAttempts?: number; readonly baseDelayMs?: number; readonly maxDelayMs?: number };
  readonly audit?: {
    /** Paths masked in audit rows and dead letters, besides keys that name secrets. */
    readonly sensitive?: readonly string[];
    /** Audit rows for unchanged records too; default true. */
    readonly skips?: boolean;
    readonly retention?: { readonly maxAge?: string | number; readonly maxRows?: number };
  };
  /** Stop a run that makes no progress: no record written for `noProgress`; the same page again `repeatedPages` times. */
  readonly stall?: { readonly noProgress?: string | number; readonly repeatedPages?: number };
  /** Cron expression (5 or 6 fields), IANA time zone, and what to do about missed fire times (default `run-once`). */
  readonly schedule?: { readonly cron: string; readonly timezone?: string; readonly missed?: 'run-once' | 'skip' };
}

export function isStoreEndpoint(value: SourceConfig | DestinationConfig): value is StoreEndpoint {
  return typeof (value as StoreEndpoint).store === 'string';
}
