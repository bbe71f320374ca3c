/**
 * Pagination of a GET operation, inferred once here and stored on the IR so every emitter (actions,
 * manifest, README) reads the same answer. A pure decision over the operation's query parameters,
 * its success body type and its declared response headers. In order:
 *
 * 1. the items: the body is an array, or an object with one array property (or one of `data`,
 *    `items`, `results`, `records`...) and a paging query parameter; no items, no pagination;
 * 2. `cursor`: a cursor query parameter (`cursor`, `starting_after`, `after`, `next_token`,
 *    `page_token`...) and a next-cursor field in the body (`next_cursor`, `nextPageToken`,
 *    `meta.next_cursor`...), or for `starting_after` the last item's `id` (`data[-1].id`, Stripe);
 * 3. `link`: OData's `@odata.nextLink` in the body (before anything else: it needs no paging
 *    parameter), a declared `Link` response header, or a next-URL field in the body (`next`, `next_url`,
 *    `links.next`...), or a cursor parameter with an array body and no cursor field (the cursor
 *    must come in an undeclared `Link` header);
 * 4. `offset`: `offset`/`start`/`skip` with a page-size parameter (`limit`, `count`, `take`...);
 * 5. `page`: `page`/`page_number` (first page 0 when the parameter's default is 0, else 1).
 */
import type { PaginationConfig } from '@connectgen/runtime';
import { formatPath } from '@connectgen/runtime/path';
import type { ObjectType, ParameterIR, PropertyIR, TypeNode } from '../types.js';

const RESULTS_KEYS = ['data', 'items', 'results', 'records', 'entries', 'values', 'list', 'elements', 'content', 'nodes', 'objects', 'rows', 'hits'];
const CURSOR_PARAMS = ['cursor', 'starting_after', 'startingafter', 'after', 'next_token', 'nexttoken', 'page_token', 'pagetoken', 'continuation_token', 'continuationtoken', 'continuation', 'next_cursor', 'nextcursor', 'marker', 'page_cursor', 'pagecursor'];
const NEXT_CURSOR_FIELDS = ['next_cursor', 'nextcursor', 'next_page_token', 'nextpagetoken', 'next_token', 'nexttoken', 'cursor', 'continuation_token', 'continuationtoken', 'next_marker', 'nextmarker', 'end_cursor', 'endcursor'];
const NEXT_URL_FIELDS = ['next', 'next_url', 'nexturl', 'next_link', 'nextlink', 'next_page_url', 'nextpageurl', 'next_page', 'nextpage', 'href'];
const CONTAINERS = ['meta', 'metadata', 'pagination', 'paging', 'page_info', 'pageinfo', 'links', '_links', 'response_metadata', 'cursor', 'next'];
const OFFSET_PARAMS = ['offset', 'start', 'skip', 'start_index', 'startindex', 'from', '$skip'];
const PAGE_PARAMS = ['page', 'page_number', 'pagenumber', 'page_num', 'pagenum', 'p'];
const SIZE_PARAMS = ['limit', 'per_page', 'perpage', 'page_size', 'pagesize', 'count', 'take', 'size', 'max_results', 'maxresults', 'top', 'max', 'results_per_page', '$top'];

/** Looks up a named type (follows `ref`s). */
export type ResolveRef = (name: string) => TypeNode | undefined;

export interface PaginationInference {
  readonly config: Exclude<PaginationConfig, { type: 'none' }>;
  readonly itemType: TypeNode;
}

export interface ItemsLocation {
  /** Dotted path of the array; absent when the body is the array. */
  readonly resultsKey?: string;
  readonly itemType: TypeNode;
}

function norm(name: string): string {
  return name.toLowerCase().replace(/-/g, '_');
}

/** Follows refs and flattens intersections of objects, so `allOf: [Page, {data: [...]}]` is seen whole. */
export function shape(type: TypeNode, resolve: ResolveRef, depth = 0): TypeNode {
  if (depth > 16) return type;
  if (type.kind === 'ref') {
    const target = resolve(type.name);
    return target === undefined ? type : shape(target, resolve, depth + 1);
  }
  if (type.kind === 'intersection') {
    const parts = type.members.map((member) => shape(member, resolve, depth + 1));
    if (parts.every((part): part is ObjectType => part.kind === 'object')) {
      return { kind: 'object', properties: parts.flatMap((part) => part.properties), additionalProperties: false };
    }
  }
  if (type.kind === 'union') {
    // `Page | null` is still a page.
    const present = type.members.filter((member) => member.kind !== 'null');
    if (present.length === 1 && present[0] !== undefined) return shape(present[0], resolve, depth + 1);
  }
  return type;
}

export function findItems(body: TypeNode, resolve: ResolveRef): ItemsLocation | undefined {
  const resolved = shape(body, resolve);
  if (resolved.kind === 'array') return { itemType: resolved.items };
  if (resolved.kind !== 'object') return undefined;
  const arrays = resolved.properties.filter((p) => shape(p.type, resolve).kind === 'array');
  const chosen = arrays.length === 1 ? arrays[0] : RESULTS_KEYS.map((key) => arrays.find((p) => norm(p.name) === key)).find((p) => p !== undefined);
  if (chosen === undefined) return undefined;
  const array = shape(chosen.type, resolve);
  if (array.kind !== 'array') return undefined;
  return { resultsKey: pathOf([chosen.name]), itemType: array.items };
}

/** A dotted path to a scalar field named in `names`, at the top level or one container deep. */
function findField(body: TypeNode, resolve: ResolveRef, names: readonly string[], kinds: readonly string[]): string | undefined {
  const resolved = shape(body, resolve);
  if (resolved.kind !== 'object') return undefined;
  const matches = (p: PropertyIR): boolean => names.includes(norm(p.name)) && kinds.includes(shape(p.type, resolve).kind);
  const top = names.map((name) => resolved.properties.find((p) => norm(p.name) === name && matches(p))).find((p) => p !== undefined);
  if (top !== undefined) return pathOf([top.name]);
  for (const container of CONTAINERS) {
    const holder = resolved.properties.find((p) => norm(p.name) === container);
    const inner = holder === undefined ? undefined : shape(holder.type, resolve);
    if (holder === undefined || inner?.kind !== 'object') continue;
    const found = names.map((name) => inner.properties.find((p) => norm(p.name) === name && matches(p))).find((p) => p !== undefined);
    if (found !== undefined) return pathOf([holder.name, found.name]);
  }
  return undefined;
}

/**
 * A path of property names in the runtime's path syntax: dotted when every name allows it
 * (`meta.next_cursor`, as people write it), else bracketed (`$['@odata.nextLink']`).
 */
function pathOf(names: readonly string[]): string {
  if (names.every((name) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(name))) return names.join('.');
  return formatPath(names.map((name) => ({ kind: 'name', name })));
}

/**
 * OData (Microsoft Graph, Dynamics, SharePoint): the next page's URL in `@odata.nextLink`
 * (`odata.nextLink` in OData 3's JSON), items in `value`; `$top`/`$skip` need not be declared.
 */
const ODATA_NEXT_LINKS = ['@odata.nextlink', 'odata.nextlink'];

/** Cursor parameters that take the id of the last item seen, not a token from the body. */
const LAST_ITEM_CURSORS = ['starting_after', 'startingafter'];

function hasId(item: TypeNode, resolve: ResolveRef): boolean {
  const resolved = shape(item, resolve);
  return resolved.kind === 'object' && resolved.properties.some((p) => p.name === 'id');
}

function isDate(type: TypeNode): boolean {
  return type.kind === 'string' && (type.format === 'date' || type.format === 'date-time');
}

function param(params: readonly ParameterIR[], names: readonly string[]): ParameterIR | undefined {
  const query = params.filter((p) => p.in === 'query');
  return names.map((name) => query.find((p) => norm(p.name) === name)).find((p) => p !== undefined);
}

function sizeCommon(params: readonly ParameterIR[], items: ItemsLocation): { resultsKey?: string; pageSizeParam?: string; defaultPageSize?: number } {
  const size = param(params, SIZE_PARAMS);
  const fallback = size?.default;
  return {
    ...(items.resultsKey !== undefined ? { resultsKey: items.resultsKey } : {}),
    ...(size !== undefined ? { pageSizeParam: size.name } : {}),
    ...(typeof fallback === 'number' && Number.isInteger(fallback) && fallback > 0 && fallback <= 1000 ? { defaultPageSize: fallback } : {}),
  };
}

export function inferPagination(
  params: readonly ParameterIR[],
  body: TypeNode,
  headers: readonly string[],
  resolve: ResolveRef,
): PaginationInference | undefined {
  const items = findItems(body, resolve);
  if (items === undefined) return undefined;
  const odataNext = findField(body, resolve, ODATA_NEXT_LINKS, ['string']);
  if (odataNext !== undefined) {
    return { config: { type: 'link', nextUrlPath: odataNext, ...sizeCommon(params, items) }, itemType: items.itemType };
  }
  // `after=2024-01-01` is a filter, not a cursor.
  // A `page` parameter that takes a string is a page token, i.e. a cursor (Stripe's search: `page`
  // plus a `next_page` token in the body, which elsewhere would be a next URL).
  const pageToken = param(params.filter((p) => p.type.kind === 'string'), PAGE_PARAMS);
  const cursor = param(params.filter((p) => !isDate(p.type)), CURSOR_PARAMS) ?? pageToken;
  const paging = cursor ?? param(params, [...SIZE_PARAMS, ...PAGE_PARAMS, ...OFFSET_PARAMS]);
  // An object that merely holds an array (a repository's `topics`) is not a page: without a paging
  // parameter, only a bare array body counts.
  if (paging === undefined && items.resultsKey !== undefined) return undefined;
  const common = sizeCommon(params, items);
  const result = (config: PaginationInference['config']): PaginationInference => ({ config, itemType: items.itemType });

  if (cursor !== undefined) {
    const next = findField(body, resolve, cursor === pageToken ? [...NEXT_CURSOR_FIELDS, 'next_page', 'nextpage'] : NEXT_CURSOR_FIELDS, ['string', 'integer', 'number']);
    if (next !== undefined) return result({ type: 'cursor', cursorParam: cursor.name, nextCursorPath: next, ...common });
    // Stripe-style `starting_after`: the next page starts after the last item's id.
    if (LAST_ITEM_CURSORS.includes(norm(cursor.name)) && hasId(items.itemType, resolve)) {
      return result({ type: 'cursor', cursorParam: cursor.name, nextCursorPath: `${items.resultsKey ?? '$'}[-1].id`, ...common });
    }
  }
  if (headers.includes('link')) return result({ type: 'link', rel: 'next', ...common });
  const nextUrl = findField(body, resolve, NEXT_URL_FIELDS, ['string']);
  if (nextUrl !== undefined && paging !== undefined) return result({ type: 'link', nextUrlPath: nextUrl, ...common });
  // A cursor parameter with nowhere in the body to read the next cursor from: the API sends it in a
  // `Link` header it did not declare (GitHub's `before`/`after` lists do).
  if (cursor !== undefined && items.resultsKey === undefined && !LAST_ITEM_CURSORS.includes(norm(cursor.name))) {
    return result({ type: 'link', rel: 'next', ...common });
  }
  const offset = param(params, OFFSET_PARAMS);
  if (offset !== undefined && common.pageSizeParam !== undefined) {
    // An index that defaults to 1 counts from one (SCIM's startIndex): asking for N after N items would repeat one.
    return result({ type: 'offset', offsetParam: offset.name, ...(offset.default === 1 ? { firstOffset: 1 as const } : {}), ...common });
  }
  const page = param(params, PAGE_PARAMS);
  if (page !== undefined) {
    return result({ type: 'page', pageParam: page.name, firstPage: page.default === 0 ? 0 : 1, ...common });
  }
  return undefined;
}

/** The strategy's own query parameter, for applying a connector-wide default only where it fits. */
export function strategyParam(config: PaginationConfig): string | undefined {
  switch (config.type) {
    case 'offset':
      return config.offsetParam;
    case 'page':
      return config.pageParam;
    case 'cursor':
      return config.cursorParam;
    default:
      return undefined;
  }
}
