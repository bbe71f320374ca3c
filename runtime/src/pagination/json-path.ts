/**
 * The small JSONPath subset connector configs use for `resultsKey`, `nextCursorPath` and
 * `nextUrlPath`: dotted member access with an optional `$.` root and numeric indexes, negative ones
 * counting from the end (`$.meta.next_cursor`, `data.items`, `links[0].href`, `data[-1].id` for
 * APIs whose next cursor is the last item's id, like Stripe's `starting_after`).
 */
export function getPath(value: unknown, path: string | undefined): unknown {
  if (path === undefined || path === '' || path === '$') return value;
  const segments = path
    .replace(/^\$\.?/, '')
    .replace(/\[(-?\d+)\]/g, '.$1')
    .replace(/\[['"]([^'"]+)['"]\]/g, '.$1')
    .split('.')
    .filter((s) => s !== '');
  let current = value;
  for (const segment of segments) {
    if (current === null || typeof current !== 'object') return undefined;
    if (Array.isArray(current) && /^-\d+$/.test(segment)) {
      current = current[current.length + Number(segment)];
      continue;
    }
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}
