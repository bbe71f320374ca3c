/** Where a sync writes: one operation per record, keyed by the record id. */
export interface WriteOp {
  readonly kind: 'create' | 'update' | 'delete' | 'flag';
  readonly id: string;
  /** The mapped record, for create and update. */
  readonly record?: unknown;
  /** Stable for this record version: the same write replayed after a crash carries the same key. */
  readonly idempotencyKey: string;
}

export interface Destination {
  /**
   * Set for a store collection: its writes are not applied one by one but commit in the page's
   * transaction (`apply` is then never called).
   */
  readonly collection?: string;
  /** A store collection's schema check: the violation, or undefined when the record conforms. */
  validate?(record: unknown): string | undefined;
  /** Applies one write; rejects to fail the record (it is retried, then dead-lettered). */
  apply(op: WriteOp, signal?: AbortSignal): Promise<void>;
}
