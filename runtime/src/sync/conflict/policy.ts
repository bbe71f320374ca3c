/**
 * Conflict policies of a bidirectional sync: when a record changed on both sides since the last run,
 * a policy names the side whose version is kept, or leaves it to a person (`manual`). A side that is
 * `undefined` deleted the record.
 */
export interface ConflictSides {
  readonly source: unknown | undefined;
  readonly destination: unknown | undefined;
  /** Path to the records' last-modified field (the sync's cursor field), for `newest-wins`. */
  readonly updatedAtPath: string | undefined;
}

export type Winner = 'source' | 'destination' | 'manual';

export interface ConflictPolicy {
  readonly name: string;
  decide(sides: ConflictSides): Winner;
}
