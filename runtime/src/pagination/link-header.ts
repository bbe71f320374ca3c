/**
 * RFC 8288 `Link` header parsing: `<https://api/x?page=2>; rel="next", <...>; rel="last"`.
 * A `rel` may hold several space-separated relation types; comparison is case-insensitive.
 */
export function findLink(header: string | string[] | undefined, rel: string): string | undefined {
  if (header === undefined) return undefined;
  const text = Array.isArray(header) ? header.join(', ') : header;
  const wanted = rel.toLowerCase();
  const re = /<([^>]*)>((?:\s*;\s*[^;,]+(?:=(?:"[^"]*"|[^;,]*))?)*)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const params = m[2] ?? '';
    const relMatch = /;\s*rel\s*=\s*(?:"([^"]*)"|([^;,\s]+))/i.exec(params);
    const rels = (relMatch?.[1] ?? relMatch?.[2] ?? '').toLowerCase().split(/\s+/);
    if (rels.includes(wanted)) return m[1];
  }
  return undefined;
}
