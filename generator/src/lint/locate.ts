/**
 * JSON pointer -> line:column in the file the user wrote. For JSON we scan the text lazily: each
 * container on the way to a pointer is indexed once (member name -> offset), so a thousand findings
 * in a 13 MB file cost a few passes over the text instead of a full syntax tree (which is what makes
 * Spectral's JSON parser slow and large). YAML files use the `yaml` package's node ranges.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';

export interface Range {
  /** 0-based offsets into the text: the member's key (or the value) to the end of the value. */
  readonly start: number;
  readonly end: number;
}
/** Finds `path`, or with `closest` its deepest existing ancestor. */
export type Locate = (path: readonly (string | number)[], closest?: boolean) => Range | undefined;

export function createLocator(text: string, format: 'json' | 'yaml'): Locate {
  return format === 'json' ? jsonLocator(text) : yamlLocator(text);
}

/** Offsets -> 1-based line and column, with one pass to find line starts. */
export function lineIndex(text: string): (offset: number) => { line: number; column: number } {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (starts[lo] ?? 0) + 1 };
  };
}

function jsonLocator(text: string): Locate {
  // container value offset -> member name (or index) -> [key offset, value offset]
  const members = new Map<number, Map<string, [number, number]>>();
  const ws = (i: number): number => {
    let c = text.charCodeAt(i);
    while (c === 32 || c === 10 || c === 13 || c === 9) c = text.charCodeAt(++i);
    return i;
  };
  const skipString = (i: number): number => {
    for (i++; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 92) i++;
      else if (c === 34) return i + 1;
    }
    return i;
  };
  /** Offset just past the value starting at `i`. */
  const skipValue = (i: number): number => {
    const c = text.charCodeAt(i);
    if (c === 34) return skipString(i);
    if (c !== 123 && c !== 91) {
      while (i < text.length && !',}] \n\r\t'.includes(text.charAt(i))) i++;
      return i;
    }
    let depth = 0;
    for (; i < text.length; i++) {
      const d = text.charCodeAt(i);
      if (d === 34) i = skipString(i) - 1;
      else if (d === 123 || d === 91) depth++;
      else if ((d === 125 || d === 93) && --depth === 0) return i + 1;
    }
    return i;
  };
  const index = (at: number): Map<string, [number, number]> => {
    let map = members.get(at);
    if (map) return map;
    map = new Map();
    const open = text.charCodeAt(at);
    let i = ws(at + 1);
    for (let n = 0; i < text.length && text.charCodeAt(i) !== (open === 123 ? 125 : 93); n++) {
      let key = String(n);
      const keyAt = i;
      if (open === 123) {
        const end = skipString(i);
        key = JSON.parse(text.slice(i, end)) as string;
        i = ws(ws(end) + 1); // past ':'
      }
      map.set(key, [keyAt, i]);
      i = ws(skipValue(i));
      if (text.charCodeAt(i) === 44) i = ws(i + 1);
    }
    members.set(at, map);
    return map;
  };
  return (path, closest = false) => {
    let keyAt = ws(0);
    let at = keyAt;
    for (const segment of path) {
      const c = text.charCodeAt(at);
      const next = c === 123 || c === 91 ? index(at).get(String(segment)) : undefined;
      if (!next) {
        if (!closest) return undefined;
        break;
      }
      [keyAt, at] = next;
    }
    return { start: keyAt, end: skipValue(at) };
  };
}

function yamlLocator(text: string): Locate {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, keepSourceTokens: false, uniqueKeys: false });
  return (path, closest = false) => {
    let node: YamlNode | null | undefined = doc.contents;
    let range = node?.range ? { start: node.range[0], end: node.range[1] } : undefined;
    for (const segment of path) {
      let found: { start: number; end: number; value: YamlNode | null } | undefined;
      if (isMap(node)) {
        const pair = node.items.find((p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === String(segment));
        const keyNode = pair?.key as YamlNode | undefined;
        const valueNode = (pair?.value ?? null) as YamlNode | null;
        if (pair && keyNode?.range) found = { start: keyNode.range[0], end: valueNode?.range?.[1] ?? keyNode.range[1], value: valueNode };
      } else if (isSeq(node)) {
        const item = node.items[Number(segment)] as YamlNode | undefined;
        if (item?.range) found = { start: item.range[0], end: item.range[1], value: item };
      }
      if (!found) {
        if (!closest) return undefined;
        break;
      }
      range = { start: found.start, end: found.end };
      node = found.value;
    }
    return range;
  };
}
