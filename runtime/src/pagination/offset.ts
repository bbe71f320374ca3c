/**
 * Offset pagination (`?offset=200&limit=100`). The next offset advances by the number of items the
 * server actually returned, not by the page size asked for: servers often cap page sizes silently.
 */
import type { OffsetPagination } from '../definition.js';
import { FIRST_PAGE, type PaginationStrategy } from './strategy.js';

export function offsetStrategy(config: OffsetPagination): PaginationStrategy {
  return {
    type: 'offset',
    request: (state) => (state === undefined ? FIRST_PAGE : { kind: 'query', query: { [config.offsetParam]: String(state.value) } }),
    next: ({ url, items }) => {
      const first = config.firstOffset ?? 0;
      const current = Number(url.searchParams.get(config.offsetParam) ?? first) || first;
      return { type: 'offset', value: current + items.length };
    },
  };
}
