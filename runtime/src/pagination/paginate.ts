/**
 * The pagination loop, shared by every strategy: fetch lazily, one page per `next()`, and stop on
 * an empty page, a missing next state, a state already visited (a server handing back the same
 * cursor or URL would otherwise loop forever) or the page limit. The page at the limit keeps its
 * `next`, so a checkpointed sync can pick up from there later.
 */
import type { Page, PageState } from '../client-api.js';
import type { PaginationConfig } from '../definition.js';
import { ConnectorConfigError, ConnectorPaginationError } from '../http/errors.js';
import { getPath } from '../path/index.js';
import type { PageRequest, PaginationStrategy, ResponseHeaders } from './strategy.js';

export interface FetchedPage {
  readonly url: URL;
  readonly status: number;
  readonly headers: ResponseHeaders;
  readonly body: unknown;
}

export interface IteratePagesOptions {
  readonly strategy: PaginationStrategy;
  readonly config: Exclude<PaginationConfig, { type: 'none' }>;
  readonly fetch: (request: PageRequest) => Promise<FetchedPage>;
  readonly resumeFrom?: PageState | undefined;
  readonly maxPages?: number | undefined;
}

export async function* iteratePages<TItem, TBody>(options: IteratePagesOptions): AsyncGenerator<Page<TItem, TBody>, void, undefined> {
  const { strategy, config } = options;
  let state = options.resumeFrom;
  if (state !== undefined && state.type !== strategy.type) {
    throw new ConnectorConfigError(`resumeFrom is a "${state.type}" state but this action paginates by "${strategy.type}"`);
  }
  const maxPages = options.maxPages ?? config.maxPages ?? Infinity;
  // Only cursors and URLs can repeat; offsets and page numbers only grow.
  const seen = strategy.type === 'cursor' || strategy.type === 'link' ? new Set<string>() : undefined;
  if (state !== undefined) seen?.add(String(state.value));

  for (let index = 0; index < maxPages; index++) {
    const fetched = await options.fetch(strategy.request(state));
    const items = extractItems(fetched.body, config.resultsKey) as TItem[];
    let next = items.length === 0 ? undefined : strategy.next({ url: fetched.url, body: fetched.body, headers: fetched.headers, items });
    if (next !== undefined && seen !== undefined) {
      const key = String(next.value);
      if (seen.has(key)) next = undefined;
      else seen.add(key);
    }
    yield { items, body: fetched.body as TBody, status: fetched.status, headers: fetched.headers, index, next };
    if (next === undefined) return;
    state = next;
  }
}

/** The page's items: the body itself when it is an array, else the array at `resultsKey`. */
export function extractItems(body: unknown, resultsKey: string | undefined): readonly unknown[] {
  if (resultsKey === undefined && Array.isArray(body)) return body;
  const value = getPath(body, resultsKey);
  if (Array.isArray(value)) return value;
  // An absent list is how some APIs say "no more items".
  if (value === undefined || value === null || body === undefined) return [];
  throw new ConnectorPaginationError(
    resultsKey === undefined
      ? 'paginated response body is not an array; set pagination.resultsKey to the path of the items'
      : `paginated response has no array at "${resultsKey}"`,
  );
}
