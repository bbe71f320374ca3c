/**
 * Where a request goes, as undici's dispatcher takes it: the origin and the path with its query.
 *
 * Parsing a `new URL()` per call and reading its parts back cost more than the rest of preparing a
 * request (bench/results/runtime.md). When the path and query hold only characters the WHATWG URL
 * parser leaves as they are, and no dot segment it would resolve, the concatenated text is exactly
 * what the parse would give, so it is used as is; anything else (a space, non-ASCII, `..`, `%2e`)
 * still goes through `new URL()`, so what goes on the wire never changes.
 */
export interface WireTarget {
  /** `http://host:port`, no trailing slash. */
  readonly origin: string;
  /** Starts with `/`; the query, if any, after `?`. */
  readonly path: string;
}

/** A base URL split once into the origin and the path prefix every request appends to. */
export interface WireBase {
  readonly baseUrl: string;
  /** Undefined when the base URL's text does not start with its origin (it carries user info). */
  readonly origin: string | undefined;
  readonly pathPrefix: string;
}

// Unreserved, sub-delims, ':' '@' and '%': none of them is percent-encoded by the URL parser in a
// path of an http(s) URL. Percent signs pass through the parser untouched.
const CANONICAL_PATH = /^(?:\/[A-Za-z0-9\-._~!$&'()*+,;=:@%]*)+$/;
// In a query the parser also leaves '/', '?', '|', '[' and ']'; it encodes "'" (special schemes).
const CANONICAL_QUERY = /^[A-Za-z0-9\-._~!$&()*+,;=:@%/?|[\]]*$/;
// `.`, `..` and their percent-encoded spellings are resolved away by the parser.
const DOT_SEGMENT = /\/(?:\.|%2e)(?:\.|%2e)?(?:\/|$)/i;

export function wireBase(baseUrl: string, origin: string): WireBase {
  return baseUrl.startsWith(origin) ? { baseUrl, origin, pathPrefix: baseUrl.slice(origin.length) } : { baseUrl, origin: undefined, pathPrefix: '' };
}

/** The target of `base` + `path` + `?query`, parsed only when the text is not already canonical. */
export function wireTarget(base: WireBase, path: string, query: string): WireTarget {
  const fullPath = base.pathPrefix + path;
  if (base.origin !== undefined && CANONICAL_PATH.test(fullPath) && !DOT_SEGMENT.test(fullPath) && (query === '' || CANONICAL_QUERY.test(query))) {
    return { origin: base.origin, path: query === '' ? fullPath : `${fullPath}?${query}` };
  }
  return targetOf(new URL(`${base.baseUrl}${path}${query ? `?${query}` : ''}`));
}

export function targetOf(url: URL): WireTarget {
  return { origin: url.origin, path: `${url.pathname}${url.search}` };
}

export function urlOf(target: WireTarget): URL {
  return new URL(target.origin + target.path);
}
