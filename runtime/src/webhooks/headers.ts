/**
 * Header lookup over the shapes a webhook arrives in: node's IncomingHttpHeaders (lower-case keys,
 * repeated headers as arrays), a plain record with any casing, or a fetch `Headers`.
 */
export type HeaderSource = Headers | Readonly<Record<string, string | readonly string[] | undefined>>;

export function readHeader(headers: HeaderSource, name: string): string | undefined {
  const lower = name.toLowerCase();
  if (typeof (headers as Headers).get === 'function' && typeof (headers as Headers).forEach === 'function') {
    return (headers as Headers).get(lower) ?? undefined;
  }
  const record = headers as Readonly<Record<string, string | readonly string[] | undefined>>;
  let value = record[lower];
  if (value === undefined) {
    for (const key of Object.keys(record)) {
      if (key.toLowerCase() === lower) {
        value = record[key];
        break;
      }
    }
  }
  return Array.isArray(value) ? value.join(' ') : (value as string | undefined);
}
