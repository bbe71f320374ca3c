/**
 * The version modified last wins, by the records' last-modified field. A deletion carries no time,
 * so a side that still has the record wins over one that deleted it (no data is dropped on a
 * guess); equal or unreadable times go to the source.
 */
import { getPath } from '../../path/index.js';
import { compareCursors, toCursor } from '../cursor.js';
import type { ConflictPolicy } from './policy.js';

export const newestWins: ConflictPolicy = {
  name: 'newest-wins',
  decide({ source, destination, updatedAtPath }) {
    if (source === undefined) return 'destination';
    if (destination === undefined) return 'source';
    const a = toCursor(getPath(source, updatedAtPath));
    const b = toCursor(getPath(destination, updatedAtPath));
    if (a === undefined || b === undefined) return a === undefined && b !== undefined ? 'destination' : 'source';
    return compareCursors(b, a) > 0 ? 'destination' : 'source';
  },
};
