/**
 * A pagination strategy knows two things: which query parameters (or URL) select a page given a
 * resume state, and what the state of the following page is, given the page just read. It never
 * performs I/O; paginate.ts drives the loop and the client does the fetching.
 *
 * One strategy per file (offset.ts, page.ts, link.ts, cursor.ts), looked up in registry.ts.
 */
import type { PageState, ResponseHeaders } from '../client-api.js';

export type { ResponseHeaders } from '../client-api.js';

/** The page just fetched, as a strategy sees it. */
export interface PageContext {
  /** The URL the page was fetched from (with the query actually sent). */
  readonly url: URL;
  readonly body: unknown;
  readonly headers: ResponseHeaders;
  readonly items: readonly unknown[];
}

/**
 * What to fetch: query parameters to set on the operation's own URL (and values to write into its
 * JSON request body, by path), or an absolute URL.
 */
export type PageRequest =
  | { readonly kind: 'query'; readonly query: Readonly<Record<string, string>>; readonly body?: Readonly<Record<string, unknown>> }
  | { readonly kind: 'url'; readonly url: string };

export interface PaginationStrategy {
  readonly type: PageState['type'];
  /** The request for the page that `state` designates; the first page when `state` is undefined. */
  request(state: PageState | undefined): PageRequest;
  /** The state of the page after `page`, or undefined when `page` is the last. */
  next(page: PageContext): PageState | undefined;
}

/** The first page of any strategy that works by query parameters: the operation's URL unchanged. */
export const FIRST_PAGE: PageRequest = { kind: 'query', query: {} };
