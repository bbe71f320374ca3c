import { formatPath, parsePath, type ParsedPath, type PathSegment } from './parse.js';

/** A path as text or already parsed; text is parsed once and remembered (paths repeat per page and per record). */
export type PathInput = string | ParsedPath;

const parsed = new Map<string, ParsedPath>();
const PARSED_CACHE_LIMIT = 2048;

export function toParsedPath(path: PathInput): ParsedPath {
  if (typeof path !== 'string') return path;
  let hit = parsed.get(path);
  if (hit === undefined) {
    hit = parsePath(path);
    if (parsed.size >= PARSED_CACHE_LIMIT) parsed.clear();
    parsed.set(path, hit);
  }
  return hit;
}

/**
 * The value at `path`, or undefined when any step is missing. A path with a wildcard returns the
 * array of every value it matches (possibly empty). Only own properties are read, so a key such as
 * `constructor` in a path never reaches into Object.prototype.
 */
export function getPath(value: unknown, path: PathInput | undefined): unknown {
  if (path === undefined) return value;
  const p = toParsedPath(path);
  if (p.multiple) return getAll(value, p);
  let current = value;
  for (const segment of p.segments) {
    current = step(current, segment);
    if (current === undefined) return undefined;
  }
  return current;
}

/** Every value `path` matches, in document order: [] when none, one element for a path without wildcards. */
export function getAll(value: unknown, path: PathInput): unknown[] {
  let nodes: unknown[] = [value];
  for (const segment of toParsedPath(path).segments) {
    const next: unknown[] = [];
    for (const node of nodes) {
      if (segment.kind !== 'wildcard') {
        const v = step(node, segment);
        if (v !== undefined) next.push(v);
      } else if (Array.isArray(node)) next.push(...node);
      else if (node !== null && typeof node === 'object') next.push(...Object.values(node));
    }
    nodes = next;
  }
  return nodes;
}

function step(node: unknown, segment: PathSegment): unknown {
  if (node === null || typeof node !== 'object') return undefined;
  if (Array.isArray(node)) {
    const i = arrayIndex(node, segment);
    return i === undefined ? undefined : node[i];
  }
  if (segment.kind !== 'name') return undefined;
  return Object.hasOwn(node, segment.name) ? (node as Record<string, unknown>)[segment.name] : undefined;
}

function arrayIndex(array: readonly unknown[], segment: PathSegment): number | undefined {
  let i: number;
  if (segment.kind === 'index') i = segment.index;
  else if (segment.kind === 'name' && /^(0|[1-9]\d*)$/.test(segment.name)) i = Number(segment.name);
  else return undefined;
  if (i < 0) i += array.length;
  return i >= 0 && i < array.length ? i : undefined;
}

/** A write `setPath` cannot make: the path runs through a value of the wrong kind, or names a forbidden key. */
export class PathWriteError extends Error {
  override readonly name = 'PathWriteError';
  readonly code = 'CG_PATH_WRITE';
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`cannot write ${path}: ${reason}`);
  }
}

// Writing these would change the prototype of every object built from the same mapping.
const FORBIDDEN = new Set(['__proto__', 'prototype', 'constructor']);

/**
 * Writes `value` at `path` inside `target`, creating objects (for names) and arrays (for indexes)
 * on the way. A wildcard spreads an array: `setPath(t, 'lines[*].sku', ['a', 'b'])` writes
 * `lines[0].sku = 'a'` and `lines[1].sku = 'b'`; one wildcard per path.
 */
export function setPath(target: Record<string, unknown> | unknown[], path: PathInput, value: unknown): void {
  const p = toParsedPath(path);
  const wildcards = p.segments.filter((s) => s.kind === 'wildcard').length;
  if (wildcards > 1) throw new PathWriteError(p.text, 'a path written to can have one wildcard at most');
  if (p.segments.length === 0) throw new PathWriteError(p.text, 'the root itself cannot be replaced');
  write(target, p.segments, 0, value, p.text);
}

function write(node: Record<string, unknown> | unknown[], segments: readonly PathSegment[], at: number, value: unknown, text: string): void {
  const segment = segments[at]!;
  const last = at === segments.length - 1;
  if (segment.kind === 'wildcard') {
    if (!Array.isArray(value)) throw new PathWriteError(text, `a wildcard spreads an array, got ${describe(value)}`);
    if (!Array.isArray(node)) throw new PathWriteError(text, `[*] at ${formatPath(segments.slice(0, at))} needs an array there`);
    value.forEach((item, i) => {
      if (last) node[i] = item;
      else write(child(node, i, segments[at + 1]!, text), segments, at + 1, item, text);
    });
    return;
  }
  const key = keyOf(node, segment, segments, at, text);
  if (last) {
    (node as Record<string | number, unknown>)[key] = value;
    return;
  }
  write(child(node, key, segments[at + 1]!, text), segments, at + 1, value, text);
}

function keyOf(node: Record<string, unknown> | unknown[], segment: PathSegment, segments: readonly PathSegment[], at: number, text: string): string | number {
  if (Array.isArray(node)) {
    if (segment.kind === 'name' && !/^(0|[1-9]\d*)$/.test(segment.name))
      throw new PathWriteError(text, `${formatPath(segments.slice(0, at))} is an array, not an object with ${JSON.stringify(segment.name)}`);
    const i = segment.kind === 'index' ? segment.index : Number((segment as { name: string }).name);
    const index = i < 0 ? i + node.length : i;
    if (index < 0) throw new PathWriteError(text, `index ${i} is before the start of ${formatPath(segments.slice(0, at))}`);
    return index;
  }
  if (segment.kind !== 'name') throw new PathWriteError(text, `${formatPath(segments.slice(0, at))} is an object, not an array`);
  if (FORBIDDEN.has(segment.name)) throw new PathWriteError(text, `${JSON.stringify(segment.name)} cannot be written`);
  return segment.name;
}

/** The container at node[key], created to suit the segment that comes next when it is missing. */
function child(node: Record<string, unknown> | unknown[], key: string | number, next: PathSegment, text: string): Record<string, unknown> | unknown[] {
  const holder = node as Record<string | number, unknown>;
  const existing = holder[key];
  if (existing !== null && typeof existing === 'object') return existing as Record<string, unknown> | unknown[];
  if (existing !== undefined) throw new PathWriteError(text, `${String(key)} already holds ${describe(existing)}`);
  const created = next.kind === 'name' ? {} : [];
  holder[key] = created;
  return created;
}

function describe(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;
}
