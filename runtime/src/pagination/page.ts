/** Page-number pagination (`?page=3&per_page=100`), first page 1 unless configured as 0. */
import type { PagePagination } from '../definition.js';
import { FIRST_PAGE, type PaginationStrategy } from './strategy.js';

export function pageStrategy(config: PagePagination): PaginationStrategy {
  const firstPage = config.firstPage ?? 1;
  return {
    type: 'page',
    request: (state) => (state === undefined ? FIRST_PAGE : { kind: 'query', query: { [config.pageParam]: String(state.value) } }),
    next: ({ url }) => {
      const raw = url.searchParams.get(config.pageParam);
      const current = raw === null || Number.isNaN(Number(raw)) ? firstPage : Number(raw);
      return { type: 'page', value: current + 1 };
    },
  };
}
