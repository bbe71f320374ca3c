/**
 * A store collection as a source, read in (updatedAt, id) order; the page state is the last record's
 * position, so a resumed run continues after it even while the collection is being written.
 */
import type { PageState } from '../../client-api.js';
import type { SyncStore } from '../store/store.js';
import type { Source } from './source.js';

const DEFAULT_PAGE_SIZE = 500;

export function storeSource(store: SyncStore, collection: string): Source {
  return {
    async *read(options) {
      let after = options.resumeFrom ? (JSON.parse(String(options.resumeFrom.value)) as { updatedAt: number; id: string }) : undefined;
      const limit = options.pageSize ?? DEFAULT_PAGE_SIZE;
      for (;;) {
        const rows = await store.listRecords(collection, { limit, ...(after ? { after } : {}) });
        const last = rows[rows.length - 1];
        after = last ? { updatedAt: last.updatedAt, id: last.id } : undefined;
        const next: PageState | undefined = rows.length === limit && after ? { type: 'cursor', value: JSON.stringify(after) } : undefined;
        yield { records: rows.map((r) => r.data), next };
        if (!next) return;
      }
    },
  };
}
