/**
 * The small JSONPath subset connector configs use for `resultsKey`, `nextCursorPath` and
 * `nextUrlPath`: dotted member access with an optional `$.` root and numeric indexes
 * (`$.meta.next_cursor`, `data.items`, `links[0].href`). Anything richer is a config error upstream.
 */
export function getPath(value: unknown, path: string | undefined): unknown {
  if (path === undefined || path === '' || path === '$') return value;
  const segments = path
    .replace(/^\$\.?/, '')
    .replace(/\[(\d+)\]/g, '.$1')
    .replace(/\[['"]([^'"]+)['"]\]/g, '.$1')
    .split('.')
    .filter((s) => s !== '');
  let current = value;
  for (const segment of segments) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}
