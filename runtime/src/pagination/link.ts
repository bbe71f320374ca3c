/**
 * Link pagination: the next page's full URL, from the `Link` header (RFC 8288, rel `next` unless
 * configured) or from a path in the body (`links.next`). Relative links resolve against the URL of
 * the page that carried them. The URL may point at another host: the client, not this strategy,
 * decides what credentials such a request gets (none).
 */
import type { LinkPagination } from '../definition.js';
import { getPath } from '../path/index.js';
import { findLink } from './link-header.js';
import { FIRST_PAGE, type PaginationStrategy } from './strategy.js';

export function linkStrategy(config: LinkPagination): PaginationStrategy {
  const rel = config.rel ?? 'next';
  return {
    type: 'link',
    request: (state) => (state === undefined ? FIRST_PAGE : { kind: 'url', url: String(state.value) }),
    next: ({ url, body, headers }) => {
      const raw = config.nextUrlPath !== undefined ? getPath(body, config.nextUrlPath) : findLink(headers['link'], rel);
      if (typeof raw !== 'string' || raw === '') return undefined;
      try {
        return { type: 'link', value: new URL(raw, url).toString() };
      } catch {
        return undefined;
      }
    },
  };
}
