/**
 * A paginated action: calling it fetches the first page and returns its body; `.pages()` and
 * `.all()` iterate lazily through pagination/paginate.ts, fetching each page through the same
 * request pipeline (auth, retry, rate limit) as any call. Next links to another origin are sent
 * without credentials (see `retarget`).
 */
import type { ActionResponse, CallOptions, Page, PaginateOptions, PaginatedAction } from '../client-api.js';
import type { OperationInput, OperationSpec } from '../definition.js';
import { ItemIterator } from '../pagination/items.js';
import { iteratePages, type FetchedPage } from '../pagination/paginate.js';
import { strategyFor } from '../pagination/registry.js';
import type { PageRequest } from '../pagination/strategy.js';
import type { ClientContext } from './context.js';
import { execute } from './execute.js';
import { aimedAt, compileOperation, retarget, type PreparedRequest } from './prepare.js';
import { withQuery } from './query.js';
import { ConnectorConfigError } from '../http/errors.js';
import { setPath } from '../path/index.js';

/** The input with `values` written into a copy of its JSON body, each at its path. */
function withBodyValues(input: OperationInput | undefined, values: Readonly<Record<string, unknown>>): OperationInput {
  const current = input?.['body'] ?? {};
  if (typeof current !== 'object' || current === null || Array.isArray(current)) {
    throw new ConnectorConfigError('pagination puts the cursor in the request body, but the body given is not a JSON object');
  }
  const body = structuredClone(current) as Record<string, unknown>;
  for (const [path, value] of Object.entries(values)) setPath(body, path, value);
  return { ...input, body };
}

export function paginatedAction<TInput, TOutput, TItem>(ctx: ClientContext, operation: OperationSpec): PaginatedAction<TInput, TOutput, TItem> {
  const prepare = compileOperation(ctx, operation);
  const config = operation.pagination?.type === 'none' ? undefined : operation.pagination;
  const strategy = strategyFor(config);

  /** The request for one page: position from the strategy, page size from the call or the config. */
  const requestFor = (base: PreparedRequest, page: PageRequest, pageSize: number | undefined, explicitSize: boolean): PreparedRequest => {
    if (page.kind === 'url') return retarget(ctx, base, new URL(page.url));
    let url = withQuery(base.url, page.query);
    if (config?.pageSizeParam !== undefined && pageSize !== undefined) {
      // An explicit pageSize option wins; the default only fills a gap the input left.
      url = withQuery(url, { [config.pageSizeParam]: String(pageSize) }, !explicitSize);
    }
    return aimedAt(base, url);
  };

  const fetchPage = async (base: PreparedRequest, page: PageRequest, options: PaginateOptions | undefined): Promise<FetchedPage> => {
    const request = requestFor(base, page, options?.pageSize ?? config?.defaultPageSize, options?.pageSize !== undefined);
    const result = await execute(ctx, request, options);
    return { url: request.url, status: result.status, headers: result.headers, body: result.body };
  };

  const withResponse = async (input: TInput, options?: CallOptions): Promise<ActionResponse<TOutput>> => {
    const base = prepare(input as OperationInput, options);
    const { status, headers, body } = await fetchPage(base, { kind: 'query', query: {} }, options);
    return { status, headers, body: body as TOutput };
  };
  const first = async (input: TInput, options?: CallOptions): Promise<TOutput> => (await withResponse(input, options)).body;

  async function* pages(input: TInput, options?: PaginateOptions): AsyncGenerator<Page<TItem, TOutput>, void, undefined> {
    const base = prepare(input as OperationInput, options);
    if (!config || !strategy) {
      // Declared paginated but configured `none`: one page, the body's items if it has some.
      const fetched = await fetchPage(base, { kind: 'query', query: {} }, options);
      const items = Array.isArray(fetched.body) ? (fetched.body as TItem[]) : [];
      yield { items, body: fetched.body as TOutput, status: fetched.status, headers: fetched.headers, index: 0, next: undefined };
      return;
    }
    yield* iteratePages<TItem, TOutput>({
      strategy,
      config,
      resumeFrom: options?.resumeFrom,
      maxPages: options?.maxPages,
      // A page that writes into the request body (a cursor a POST search takes there) needs the
      // request prepared again from an input whose body holds it.
      fetch: (page) => fetchPage(page.kind === 'query' && page.body ? prepare(withBodyValues(input as OperationInput, page.body), options) : base, page, options),
    });
  }

  const all = (input: TInput, options?: PaginateOptions): AsyncGenerator<TItem, void, undefined> => new ItemIterator<TItem>(pages(input, options));

  return Object.assign(first, { withResponse, pages, all });
}
