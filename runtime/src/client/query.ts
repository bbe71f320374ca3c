/**
 * Sets query parameters on a URL by editing the query string itself. `URLSearchParams.set` would
 * re-encode every other parameter its own way (`,` as `%2C`, spaces as `+`) and undo the styles
 * the serializer chose.
 */
import { encodeStrict } from '../http/serialize/values.js';

export function withQuery(url: URL, overrides: Readonly<Record<string, string>>, onlyIfAbsent = false): URL {
  const names = Object.keys(overrides);
  if (names.length === 0) return url;
  const kept: string[] = [];
  const present = new Set<string>();
  for (const pair of url.search.slice(1).split('&')) {
    if (pair === '') continue;
    const name = safeDecode(pair.split('=', 1)[0] ?? '');
    if (Object.hasOwn(overrides, name)) {
      present.add(name);
      if (!onlyIfAbsent) continue;
    }
    kept.push(pair);
  }
  for (const name of names) {
    if (onlyIfAbsent && present.has(name)) continue;
    kept.push(`${encodeStrict(name)}=${encodeStrict(overrides[name] ?? '')}`);
  }
  const out = new URL(url);
  out.search = kept.length > 0 ? `?${kept.join('&')}` : '';
  return out;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}
