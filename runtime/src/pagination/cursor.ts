/**
 * Cursor pagination: the body names the next cursor (`meta.next_cursor`), sent back in
 * `cursorParam`, a query parameter or (`cursorIn: body`) a path in the JSON request body. A
 * missing, null, empty or `false` cursor ends the iteration.
 */
import type { CursorPagination } from '../definition.js';
import { getPath } from '../path/index.js';
import { FIRST_PAGE, type PaginationStrategy } from './strategy.js';

export function cursorStrategy(config: CursorPagination): PaginationStrategy {
  return {
    type: 'cursor',
    request: (state) => {
      if (state === undefined) return FIRST_PAGE;
      // In a JSON body the cursor keeps its type: a numeric cursor stays a number.
      if (config.cursorIn === 'body') return { kind: 'query', query: {}, body: { [config.cursorParam]: state.value } };
      return { kind: 'query', query: { [config.cursorParam]: String(state.value) } };
    },
    next: ({ body }) => {
      const cursor = getPath(body, config.nextCursorPath);
      if ((typeof cursor === 'string' && cursor !== '') || typeof cursor === 'number') return { type: 'cursor', value: cursor };
      return undefined;
    },
  };
}
