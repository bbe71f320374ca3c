/**
 * The checks only a bidirectional (`direction: both`) definition needs: both mappings or neither,
 * what `newest-wins` reads, how a connector side reports deletions, and where each side keeps the
 * shared record id.
 *
 * The id: a source record keeps it at `idPath`; a connector destination at its own `idPath`
 * (default the same). When the two differ, the id has to be moved on the way across: `mapping` must
 * write it at the destination's path and `reverseMapping` back at `idPath`. A declarative mapping
 * that sets neither the path nor a parent of it is refused here; a mapping function is checked per
 * record by the engine (a record whose mapped copy lacks its id is an error, never written).
 */
import { formatPath, parsePath, PathSyntaxError, type PathSegment } from '../../path/index.js';
import type { Checker, Obj } from './checker.js';

export function checkBidirectional(c: Checker, def: Obj): void {
  if ((def['mapping'] === undefined) !== (def['reverseMapping'] === undefined)) {
    const missing = def['mapping'] === undefined ? 'mapping' : 'reverseMapping';
    c.add(`/${missing}`, `a bidirectional sync with a ${missing === 'mapping' ? 'reverseMapping' : 'mapping'} needs "${missing}" too`,
      'records are copied both ways: mapping turns a source record into a destination record, reverseMapping a destination record into a source record');
  }
  if (def['conflict'] === 'newest-wins' && def['cursor'] === undefined) {
    c.add('/conflict', 'newest-wins needs the last-modified field', 'cursor: { field: updated_at } names it');
  }
  checkIdPaths(c, def);
}

/** A connector side's `tombstone` and `deletions` (bidirectional syncs: how its deletions are seen). */
export function checkDeletionSignals(c: Checker, obj: Obj, pointer: string): void {
  const tombstone = obj['tombstone'] === undefined ? undefined : c.object(obj['tombstone'], `${pointer}/tombstone`, 'tombstone');
  if (tombstone) {
    c.keys(tombstone, `${pointer}/tombstone`, ['path', 'equals']);
    c.path(tombstone, 'path', `${pointer}/tombstone`, true, 'the field that marks a deleted record, e.g. path: deleted or path: deleted_at');
  }
  const feed = obj['deletions'] === undefined ? undefined : c.object(obj['deletions'], `${pointer}/deletions`, 'deletions');
  if (feed) {
    c.keys(feed, `${pointer}/deletions`, ['action', 'idPath', 'sinceParam', 'input']);
    c.string(feed, 'action', `${pointer}/deletions`, true, 'the paginated action that lists deleted records, e.g. action: listDeletedContacts');
    c.path(feed, 'idPath', `${pointer}/deletions`, false, 'the path to the deleted record\'s id in a feed entry, e.g. idPath: id');
    c.string(feed, 'sinceParam', `${pointer}/deletions`, false);
    if (feed['input'] !== undefined) c.object(feed['input'], `${pointer}/deletions/input`, 'input');
  }
}

function checkIdPaths(c: Checker, def: Obj): void {
  const destination = def['destination'];
  if (destination === null || typeof destination !== 'object' || (destination as Obj)['connector'] === undefined) return;
  const destinationPath = segmentsOf((destination as Obj)['idPath']);
  const sourcePath = segmentsOf(def['idPath']);
  // Unset, or not a valid path (reported where it is written): nothing to compare.
  if (!destinationPath || !sourcePath || formatPath(destinationPath) === formatPath(sourcePath)) return;
  const across = `the source keeps the record id at "${def['idPath']}", the destination at "${(destination as Obj)['idPath']}"`;
  if (def['mapping'] === undefined) {
    c.add('/destination/idPath', `${across}, and without a mapping a record keeps its id where it was`,
      `add mapping: { mappings: [{ source: ${def['idPath']}, target: ${(destination as Obj)['idPath']} }, ...] } and a reverseMapping that moves it back, or drop destination.idPath`);
    return;
  }
  const missing = (key: string, at: PathSegment[], from: unknown, to: unknown) => {
    if (!setsPath(def[key], at)) {
      c.add(`/${key}`, `${across}: ${key} must write the id at "${to}"`, `add { source: ${from}, target: ${to} } to ${key}.mappings`);
    }
  };
  missing('mapping', destinationPath, def['idPath'], (destination as Obj)['idPath']);
  missing('reverseMapping', sourcePath, (destination as Obj)['idPath'], def['idPath']);
}

function segmentsOf(value: unknown): PathSegment[] | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  try {
    return [...parsePath(value).segments];
  } catch (error) {
    if (error instanceof PathSyntaxError) return undefined;
    throw error;
  }
}

/**
 * Whether a declarative mapping has an entry whose target is `at` or a parent of it (a parent may
 * be given an object holding the id). A mapping function, or one this cannot read, is assumed to:
 * the engine checks each mapped record.
 */
function setsPath(mapping: unknown, at: readonly PathSegment[]): boolean {
  const entries = mapping !== null && typeof mapping === 'object' ? (mapping as { mappings?: unknown }).mappings : undefined;
  if (!Array.isArray(entries)) return true;
  return entries.some((entry: unknown) => {
    if (entry === null || typeof entry !== 'object') return false;
    const target = (entry as Obj)['target'] ?? (entry as Obj)['target_field'];
    const segments = segmentsOf(target);
    return segments !== undefined && segments.length <= at.length && formatPath(segments) === formatPath(at.slice(0, segments.length));
  });
}
