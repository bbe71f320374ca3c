/**
 * Compiled readers and writers for the paths of one mapping. getPath/setPath (runtime/src/path)
 * interpret a path on every call: fine for a page cursor, but a mapping runs every field of every
 * record through them, and that interpretation was most of the cost of a mapped record. For the
 * common shape, names only (`a.b.c`), this makes a closure over the names once; any other path
 * (indexes, wildcards, numeric names that may index arrays) goes to the path module unchanged,
 * so the semantics stay the path module's.
 */
import { getPath, setPath, type ParsedPath } from '../path/index.js';

type Reader = (record: unknown) => unknown;
type Writer = (target: Record<string, unknown>, value: unknown) => void;

/** Names that getPath could read as an array index, or setPath refuses: left to the path module. */
const SPECIAL = /^(0|[1-9]\d*)$|^(__proto__|prototype|constructor)$/;

function simpleNames(path: ParsedPath): string[] | undefined {
  const names: string[] = [];
  for (const segment of path.segments) {
    if (segment.kind !== 'name' || SPECIAL.test(segment.name)) return undefined;
    names.push(segment.name);
  }
  return names.length > 0 ? names : undefined;
}

export function compileReader(path: ParsedPath): Reader {
  const names = simpleNames(path);
  if (names === undefined) return (record) => getPath(record, path);
  return (record) => {
    let node = record;
    for (const name of names) {
      if (node === null || typeof node !== 'object') return undefined;
      // An array on the way: the path module decides what a name means there.
      if (Array.isArray(node)) return getPath(record, path);
      node = Object.hasOwn(node, name) ? (node as Record<string, unknown>)[name] : undefined;
      if (node === undefined) return undefined;
    }
    return node;
  };
}

export function compileWriter(path: ParsedPath): Writer {
  const names = simpleNames(path);
  if (names === undefined) return (target, value) => setPath(target, path, value);
  const last = names[names.length - 1]!;
  const parents = names.slice(0, -1);
  return (target, value) => {
    let node: Record<string, unknown> = target;
    for (const name of parents) {
      const next = node[name];
      // Anything but a plain object in the way: let setPath write it or explain why it cannot.
      if (next === undefined) node = node[name] = {};
      else if (next !== null && typeof next === 'object' && !Array.isArray(next)) node = next as Record<string, unknown>;
      else return setPath(target, path, value);
    }
    node[last] = value;
  };
}
