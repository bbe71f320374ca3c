/**
 * Cursor pagination: the body names the next cursor (`meta.next_cursor`), sent back in
 * `cursorParam`. A missing, null, empty or `false` cursor ends the iteration.
 */
import type { CursorPagination } from '../definition.js';
import { getPath } from '../path/index.js';
import { FIRST_PAGE, type PaginationStrategy } from './strategy.js';

export function cursorStrategy(config: CursorPagination): PaginationStrategy {
  return {
    type: 'cursor',
    request: (state) => (state === undefined ? FIRST_PAGE : { kind: 'query', query: { [config.cursorParam]: String(state.value) } }),
    next: ({ body }) => {
      const cursor = getPath(body, config.nextCursorPath);
      if ((typeof cursor === 'string' && cursor !== '') || typeof cursor === 'number') return { type: 'cursor', value: cursor };
      return undefined;
    },
  };
}
