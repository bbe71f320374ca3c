/**
 * RFC 8288 `Link` header parsing: `<https://api/x?page=2>; rel="next", <...>; rel="last"`.
 * A `rel` may hold several space-separated relation types; comparison is case-insensitive.
 * Scanned by hand rather than by one regex: quoted parameter values may contain `,` and `;`.
 */
export function findLink(header: string | string[] | undefined, rel: string): string | undefined {
  if (header === undefined) return undefined;
  const text = Array.isArray(header) ? header.join(', ') : header;
  const wanted = rel.toLowerCase();
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf('<', i);
    if (open < 0) return undefined;
    const close = text.indexOf('>', open);
    if (close < 0) return undefined;
    const target = text.slice(open + 1, close);
    // Parameters run to the next comma outside quotes.
    let j = close + 1;
    let inQuotes = false;
    for (; j < text.length; j++) {
      const c = text[j];
      if (c === '"') inQuotes = !inQuotes;
      else if (c === ',' && !inQuotes) break;
    }
    if (relations(text.slice(close + 1, j)).includes(wanted)) return target;
    i = j + 1;
  }
  return undefined;
}

function relations(params: string): string[] {
  const m = /;\s*rel\s*=\s*(?:"([^"]*)"|([^;,\s]+))/i.exec(params);
  return (m?.[1] ?? m?.[2] ?? '').toLowerCase().split(/\s+/);
}
