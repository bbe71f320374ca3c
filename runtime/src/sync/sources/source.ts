/** Where a sync reads records: pages, each with the state that resumes after it. */
import type { PageState } from '../../client-api.js';

export interface SourcePage {
  readonly records: readonly unknown[];
  /** Resumes at the page after this one; undefined on the last page. */
  readonly next: PageState | undefined;
}

export interface SourceReadOptions {
  /** The state of the last committed page. */
  readonly resumeFrom?: PageState;
  /** Incremental: the cursor (less the lookback) from which records are wanted. */
  readonly since?: string | number;
  readonly pageSize?: number;
  readonly signal?: AbortSignal;
}

export interface Source {
  read(options: SourceReadOptions): AsyncIterable<SourcePage>;
}
