/**
 * A store collection as a source, read in (updatedAt, id) order; the page state is the last record's
 * position, so a resumed run continues after it even while the collection is being written.
 */
import type { PageState } from '../../client-api.js';
import type { StoredRecord, SyncStore } from '../store/store.js';
import type { Source } from './source.js';

const DEFAULT_PAGE_SIZE = 500;

export interface StoreRowsOptions {
  readonly resumeFrom?: PageState | undefined;
  readonly pageSize?: number | undefined;
  /** Only records written at or after this time (epoch ms). */
  readonly since?: number | undefined;
  /** Flagged records too (a bidirectional run reads them as deletions). */
  readonly includeDeleted?: boolean | undefined;
}

export function storeSource(store: SyncStore, collection: string): Source {
  return {
    async *read(options) {
      // The since option is not applied here: a one-way run compares its cursor field, not write times.
      for await (const page of storeRows(store, collection, { resumeFrom: options.resumeFrom, pageSize: options.pageSize })) yield { records: page.rows.map((r) => r.data), next: page.next };
    },
  };
}

/** Pages of a collection's rows from a position; the last page has no `next`. */
export async function* storeRows(store: SyncStore, collection: string, options: StoreRowsOptions): AsyncGenerator<{ rows: StoredRecord[]; next: PageState | undefined }> {
  let after = options.resumeFrom ? (JSON.parse(String(options.resumeFrom.value)) as { updatedAt: number; id: string }) : undefined;
  const limit = options.pageSize ?? DEFAULT_PAGE_SIZE;
  const filter = { ...(options.since === undefined ? {} : { since: options.since }), ...(options.includeDeleted ? { includeDeleted: true } : {}) };
  for (;;) {
    const rows = await store.listRecords(collection, { limit, ...filter, ...(after ? { after } : {}) });
    const last = rows[rows.length - 1];
    after = last ? { updatedAt: last.updatedAt, id: last.id } : undefined;
    const next: PageState | undefined = rows.length === limit && after ? { type: 'cursor', value: JSON.stringify(after) } : undefined;
    yield { rows, next };
    if (!next) return;
  }
}
