/**
 * Shared pieces of OpenAPI parameter serialization (OAS 3.1 §4.8.12.4 "Style Values"):
 * how a single value becomes text, and the percent-encoding sets.
 */

export type Shape =
  | { readonly kind: 'empty' }
  | { readonly kind: 'primitive'; readonly value: string }
  | { readonly kind: 'array'; readonly values: readonly string[] }
  | { readonly kind: 'object'; readonly entries: ReadonlyArray<readonly [string, string]> };

/** Text of one scalar. Dates go out as ISO 8601; nested structures as JSON (the spec leaves them undefined). */
export function scalarText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value instanceof Date) return value.toISOString();
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value as number | boolean | bigint);
}

/** Classifies a parameter value into the spec's four columns: empty, string, array, object. */
export function shapeOf(value: unknown): Shape {
  if (value === undefined || value === null || value === '') return { kind: 'empty' };
  if (Array.isArray(value)) {
    return value.length === 0 ? { kind: 'empty' } : { kind: 'array', values: value.map(scalarText) };
  }
  if (typeof value === 'object' && !(value instanceof Date)) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, scalarText(v)] as const);
    return entries.length === 0 ? { kind: 'empty' } : { kind: 'object', entries };
  }
  return { kind: 'primitive', value: scalarText(value) };
}

/** RFC 3986 unreserved characters stay; everything else is percent-encoded. */
const UNRESERVED_ONLY = /^[A-Za-z0-9\-._~]*$/;

export function encodeStrict(text: string): string {
  // Most values (ids, numbers, enums) need no encoding: skip two string passes on the hot path.
  if (UNRESERVED_ONLY.test(text)) return text;
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * `allowReserved: true`: RFC 3986 reserved characters pass unencoded. `#` is still encoded, since a
 * literal one would end the query and silently drop every parameter after it.
 */
export function encodeAllowReserved(text: string): string {
  return encodeURI(text).replace(/#/g, '%23').replace(/%25([0-9A-Fa-f]{2})/g, '%$1');
}
