/**
 * Cursor values (an `updated_at` field): how two compare and how far a lookback window reaches.
 * Dates arrive as ISO strings, epoch numbers, or other sortable strings; two strings that both parse
 * as dates compare as instants (so `+02:00` and `Z` forms agree), anything else as plain strings.
 */
import type { CursorValue } from './store/store.js';

export function compareCursors(a: CursorValue, b: CursorValue): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const ta = asInstant(a);
  const tb = asInstant(b);
  if (ta !== undefined && tb !== undefined) return ta - tb;
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

export function maxCursor(a: CursorValue | undefined, b: CursorValue | undefined): CursorValue | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return compareCursors(a, b) >= 0 ? a : b;
}

export function minCursor(a: CursorValue | undefined, b: CursorValue | undefined): CursorValue | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return compareCursors(a, b) <= 0 ? a : b;
}

/** The cursor moved back by the lookback window, in the cursor's own form. */
export function lookBack(cursor: CursorValue, lookbackMs: number): CursorValue {
  if (lookbackMs <= 0) return cursor;
  if (typeof cursor === 'number') return cursor - lookbackMs;
  const t = asInstant(cursor);
  return t === undefined ? cursor : new Date(t - lookbackMs).toISOString();
}

/** A cursor field's value as read from a record, or undefined when it is not a usable cursor. */
export function toCursor(value: unknown): CursorValue | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value !== '') return value;
  return undefined;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}/;

function asInstant(value: CursorValue): number | undefined {
  if (typeof value === 'number') return value;
  if (!ISO_DATE.test(value)) return undefined;
  const t = Date.parse(value);
  return Number.isNaN(t) ? undefined : t;
}

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `90s`, `5m`, `2h`, `1d` or a number of ms. */
export function parseDuration(text: string | number): number | undefined {
  if (typeof text === 'number') return Number.isFinite(text) && text >= 0 ? text : undefined;
  const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)$/.exec(text.trim());
  return match ? Number(match[1]) * UNITS[match[2]!]! : undefined;
}
